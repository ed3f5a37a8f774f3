"""The check `make check` runs on the Welsh catalogue (scripts/messages.py), on a small code tree of its own.

It must find every message, including the ones Django's makemessages misses in Jinja2 templates,
and fail, listing them, on any message without Welsh: missing, empty, fuzzy, or with its
placeholders broken.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import messages
from tests.welsh import gettext_tools_or_skip

TEMPLATE = """{% extends "layouts/base.jinja" %}
{% block title %}{{ _("A page title") }}{% endblock %}
{% block main_content %}
{{ govukSkipLink({"href": "#main", "text": _("Inside a macro call")}) }}
<p>{{ _("Dear %(name)s,", name=person.name) }}</p>
{% set rows = [{"text": _("In a set tag")}] %}
{% trans count=n %}One carer{% pluralize %}{{ count }} carers{% endtrans %}
<p>{{ pgettext("month", "May") }}</p>
{% endblock %}
"""
PYTHON = """from django.utils.translation import gettext_lazy as _
from carershub.core.i18n import gettext_noop

LABEL = _("A model label")
RULE = gettext_noop("A pure rule's message about {outcomes}")
"""
EVERY_MESSAGE = {
    "A page title",
    "Inside a macro call",
    "Dear %(name)s,",
    "In a set tag",
    "One carer",
    "May",
    "A model label",
    "A pure rule's message about {outcomes}",
}


@pytest.fixture
def code(tmp_path):
    gettext_tools_or_skip()
    source = tmp_path / "carershub"
    (source / "templates" / "pages").mkdir(parents=True)
    (source / "templates" / "pages" / "page.jinja").write_text(TEMPLATE)
    (source / "app").mkdir()
    (source / "app" / "models.py").write_text(PYTHON)
    return source


HEADER = r"""msgid ""
msgstr ""
"Project-Id-Version: Carers Hub test\n"
"Language: cy\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;\n"
"""


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def complete_catalogue(source: Path, tmp_path: Path) -> Path:
    """A catalogue with a 'translation' of every message (its English, so placeholders match), Welsh plurals."""
    pot, po = tmp_path / "code.pot", tmp_path / "django.po"
    messages.extract(source, pot)
    blocks = [HEADER]
    for entry in messages.parse(messages.normalised(pot)):
        if not entry.msgid:
            continue
        lines = [f"msgctxt {quoted(entry.context)}"] if entry.context else []
        lines.append(f"msgid {quoted(entry.msgid)}")
        if entry.plural:
            lines.append(f"msgid_plural {quoted(entry.plural)}")
            lines += [f"msgstr[{n}] {quoted(entry.plural)}" for n in range(4)]
        else:
            lines.append(f"msgstr {quoted(entry.msgid)}")
        blocks.append("\n".join(lines) + "\n")
    po.write_text("\n".join(blocks), encoding="utf-8")
    return po


def check(source: Path, catalogue: Path) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, str(messages.ROOT / "scripts" / "messages.py"), "check", "--source", str(source),
         "--catalogue", str(catalogue)],
        capture_output=True, text=True,
    )
    return result.returncode, result.stdout + result.stderr


def edit(po: Path, old: str, new: str):
    text = po.read_text()
    assert old in text
    po.write_text(text.replace(old, new, 1))


def test_every_message_of_python_and_jinja_is_found_even_where_makemessages_misses_it(code, tmp_path):
    pot = tmp_path / "code.pot"
    messages.extract(code, pot)

    found = {entry.msgid for entry in messages.parse(messages.normalised(pot)) if entry.msgid}

    assert found == EVERY_MESSAGE
    entries = {e.msgid: e for e in messages.parse(messages.normalised(pot))}
    assert entries["One carer"].plural == "%(count)s carers"
    assert entries["May"].context == "month"
    assert "python-format" in entries["Dear %(name)s,"].flags
    assert "#: templates/pages/page.jinja:5" in pot.read_text(), "references name the template and line"


def test_a_complete_catalogue_passes(code, tmp_path):
    returncode, output = check(code, complete_catalogue(code, tmp_path))

    assert returncode == 0, output
    assert "complete" in output


def test_a_new_message_without_welsh_fails_the_check_by_name(code, tmp_path):
    catalogue = complete_catalogue(code, tmp_path)
    page = code / "templates" / "pages" / "page.jinja"
    added = '<p>{{ _("A sentence nobody has translated") }}</p>\n{% endblock %}\n'
    page.write_text(page.read_text().replace("{% endblock %}\n", added))
    view = 'from django.utils.translation import gettext\nSAID = gettext("Said in a view")\n'
    (code / "app" / "views.py").write_text(view)

    returncode, output = check(code, catalogue)

    assert returncode == 1
    assert "2 in the code but not in the catalogue" in output
    assert "A sentence nobody has translated" in output and "Said in a view" in output


def test_an_empty_or_fuzzy_translation_fails_the_check(code, tmp_path):
    catalogue = complete_catalogue(code, tmp_path)
    edit(catalogue, 'msgstr "A model label"', 'msgstr ""')
    edit(catalogue, 'msgid "In a set tag"', '#, fuzzy\nmsgid "In a set tag"')

    returncode, output = check(code, catalogue)

    assert returncode == 1
    assert "1 in the catalogue without Welsh" in output and "A model label" in output
    assert "1 marked fuzzy" in output and "In a set tag" in output


def test_a_translation_that_breaks_a_placeholder_fails_the_check(code, tmp_path):
    catalogue = complete_catalogue(code, tmp_path)
    edit(catalogue, 'msgstr "Dear %(name)s,"', 'msgstr "Annwyl %(enw)s,"')

    returncode, output = check(code, catalogue)

    assert returncode == 1
    assert "1 with placeholders that do not match the English" in output and "Dear %(name)s," in output


def test_a_fuzzy_header_fails_the_check(code, tmp_path):
    catalogue = complete_catalogue(code, tmp_path)
    edit(catalogue, 'msgid ""\nmsgstr ""\n"Project-Id-Version', '#, fuzzy\nmsgid ""\nmsgstr ""\n"Project-Id-Version')

    returncode, output = check(code, catalogue)

    assert returncode == 1
    assert "header is marked fuzzy" in output


def test_our_welsh_plural_forms_are_djangos():
    """Django keeps one plural rule per catalogue; ours is the same four-form rule as Django's own Welsh."""
    import django

    def plural_forms(po: Path) -> str:
        return re.search(r"Plural-Forms: ([^\\]*)\\n", po.read_text(encoding="utf-8").replace('"\n"', ""))[1]

    djangos = Path(django.__file__).parent / "conf" / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    assert plural_forms(messages.CATALOGUE) == plural_forms(djangos)
    assert "nplurals=4;" in plural_forms(messages.CATALOGUE)
