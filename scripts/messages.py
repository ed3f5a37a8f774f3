#!/usr/bin/env python
"""The Welsh catalogue: find every translatable string, merge new ones in, check nothing lacks Welsh.

    .venv/bin/python scripts/messages.py update   # make messages: new strings into the catalogue
    .venv/bin/python scripts/messages.py check    # make check: fails, listing each string without Welsh

Python files go through xgettext with the keywords Django's ``makemessages`` gives it. Jinja2
templates (everything under ``carershub/templates/``) go through Jinja2's own parser: Django's
``makemessages`` reads them as Django templates, and so misses every ``_()`` inside a macro call
or with keyword arguments (``govukSkipLink({"text": _("Skip to main content")})``,
``_("Dear %(name)s,", name=...)``). Any other template is a Django template and goes through
Django's own ``templatize``. The three are joined into one template (POT) with the same
references (``templates/layouts/base.jinja:38``) that ``makemessages`` writes.

``check`` merges the catalogue with that template, without fuzzy matching, and fails on:
a string in the code that the catalogue lacks or leaves empty, a fuzzy entry (the header
included), and anything ``msgfmt --check`` refuses, such as a ``%(name)s`` that the Welsh
drops or misspells. It needs GNU gettext (Debian's ``gettext`` package).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "carershub"
CATALOGUE = SOURCE / "locale" / "cy" / "LC_MESSAGES" / "django.po"
JINJA_DIRS = ("templates",)  # relative to the source folder: TEMPLATES[0]["DIRS"] in settings
SKIP_DIRS = {"locale", "__pycache__", "node_modules", "static"}
TEMPLATE_SUFFIXES = {".jinja", ".html", ".txt"}

# The keywords Django's makemessages passes to xgettext for Python (xgettext knows gettext,
# ngettext and _ itself). gettext_noop is also the name of carershub.core.i18n's marker.
PYTHON_KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
]


def run(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed:\n{result.stderr}")
    return result.stdout


def source_files(source: Path) -> tuple[list[str], list[str], list[str]]:
    """(Python files, Jinja2 templates, Django templates), relative to ``source``, sorted."""
    python, jinja, django = [], [], []
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath, name).relative_to(source)
            if path.suffix == ".py":
                python.append(str(path))
            elif path.suffix in TEMPLATE_SUFFIXES:
                (jinja if path.parts[0] in JINJA_DIRS else django).append(str(path))
    return python, jinja, django


def jinja_as_python(text: str) -> str:
    """The template's gettext calls, each on its own line number, as Python for xgettext."""
    from jinja2 import Environment

    env = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"])
    lines: dict[int, list[str]] = {}
    for lineno, function, message in env.extract_translations(text):
        strings = message if isinstance(message, tuple) else (message,)
        if not strings or strings[0] is None:
            continue  # _(variable): nothing to extract
        if function in ("_", "gettext"):
            call = f"gettext({strings[0]!r})"
        elif function == "ngettext" and len(strings) >= 2 and strings[1] is not None:
            call = f"ngettext({strings[0]!r}, {strings[1]!r}, n)"
        elif function == "pgettext" and len(strings) >= 2 and strings[1] is not None:
            call = f"pgettext({strings[0]!r}, {strings[1]!r})"
        else:
            continue
        lines.setdefault(lineno, []).append(call)
    last = max(lines, default=0)
    return "\n".join("; ".join(lines.get(n, [])) for n in range(1, last + 1)) + "\n"


def django_template_as_python(text: str) -> str:
    from django.utils.translation.template import templatize

    return templatize(text)


def extract(source: Path, pot: Path) -> None:
    """Write every msgid of the code under ``source`` to ``pot``."""
    python, jinja, django = source_files(source)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Templates become Python at the same relative path, so the references name the template.
        for names, convert in ((jinja, jinja_as_python), (django, django_template_as_python)):
            for name in names:
                target = work / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(convert((source / name).read_text(encoding="utf-8")), encoding="utf-8")
        common = ["--from-code=UTF-8", "--add-comments=Translators", "--force-po", "--sort-by-file"]
        parts = []
        for names, cwd, keywords in ((python, source, PYTHON_KEYWORDS), (jinja + django, work, ["pgettext:1c,2"])):
            if not names:
                continue
            listing = work / f"files-{len(parts)}.txt"
            listing.write_text("\n".join(names) + "\n", encoding="utf-8")
            out = work / f"part-{len(parts)}.pot"
            args = ["xgettext", "--language=Python", *common, f"--files-from={listing}", f"--output={out}"]
            run(*args, *(f"--keyword={k}" for k in keywords), cwd=cwd)
            parts.append(str(out))
        run("msgcat", "--sort-by-file", "--force-po", f"--output={pot}", *parts)


@dataclass
class Entry:
    msgid: str
    context: str | None = None
    plural: str | None = None
    strings: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)

    @property
    def label(self) -> str:
        text = self.msgid if len(self.msgid) <= 100 else self.msgid[:97] + "..."
        return f"[{self.context}] {text}" if self.context else text


_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def _unquote(line: str) -> str:
    text = "".join(_STRING.findall(line))
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[0]), text)


def parse(po_text: str) -> list[Entry]:
    """Entries of a PO file as gettext tools write it (run it through msgcat first)."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", po_text.strip()):
        current = None
        fields: dict[str, str] = {}
        flags: set[str] = set()
        obsolete = False
        for raw in block.splitlines():
            line = raw
            if line.startswith("#~"):
                obsolete = True
                line = line[2:].lstrip()
            if line.startswith("#,"):
                flags.update(f.strip() for f in line[2:].split(","))
                continue
            if line.startswith("#") or not line.strip():
                continue
            keyword = line.split(" ", 1)[0] if not line.startswith('"') else None
            if keyword:
                current = keyword
                fields[current] = _unquote(line[len(keyword):])
            elif current:
                fields[current] += _unquote(line)
        if "msgid" not in fields:
            continue
        entries.append(Entry(
            msgid=fields["msgid"],
            context=fields.get("msgctxt"),
            plural=fields.get("msgid_plural"),
            strings=[v for k, v in sorted(fields.items()) if k.startswith("msgstr")],
            flags=flags,
            obsolete=obsolete,
        ))
    return entries


def normalised(po: Path) -> str:
    return run("msgcat", "--force-po", "--no-wrap", str(po))


def problems(source: Path, catalogue: Path) -> dict[str, list[str]]:
    """What stops the catalogue being complete for the code under ``source``, by kind."""
    with tempfile.TemporaryDirectory() as tmp:
        pot, merged = Path(tmp, "code.pot"), Path(tmp, "merged.po")
        extract(source, pot)
        current = {e.key: e for e in parse(normalised(catalogue)) if not e.obsolete}
        # Merge as `make messages` would, but with no fuzzy guesses: a new string stays empty.
        run("msgmerge", "--quiet", "--no-fuzzy-matching", "--no-wrap", f"--output-file={merged}", str(catalogue),
            str(pot))
        entries = [e for e in parse(merged.read_text(encoding="utf-8")) if not e.obsolete]
        fmt = subprocess.run(
            ["msgfmt", "--check", "--output-file=/dev/null", str(merged)], capture_output=True, text=True
        )
    found: dict[str, list[str]] = {"missing": [], "untranslated": [], "fuzzy": [], "format": []}
    for entry in entries:
        if entry.msgid == "" and entry.context is None:
            if "fuzzy" in entry.flags:
                found["fuzzy"].append("(the catalogue's header is marked fuzzy)")
            continue
        if entry.key not in current:
            found["missing"].append(entry.label)
        elif not all(entry.strings):
            found["untranslated"].append(entry.label)
        elif "fuzzy" in entry.flags and "fuzzy" not in current[entry.key].flags:
            # msgmerge marks a translation fuzzy when its placeholders do not match the code's English.
            found["format"].append(entry.label)
        elif "fuzzy" in entry.flags:
            found["fuzzy"].append(entry.label)
    if fmt.returncode != 0:
        found["format"] += [line for line in fmt.stderr.splitlines() if line.strip()]
    return found


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


HEADINGS = {
    "missing": "in the code but not in the catalogue",
    "untranslated": "in the catalogue without Welsh",
    "fuzzy": "marked fuzzy (a guess to check, then remove the flag)",
    "format": "with placeholders that do not match the English (msgfmt --check)",
}


def check(source: Path, catalogue: Path) -> int:
    found = problems(source, catalogue)
    total = sum(len(v) for v in found.values())
    if not total:
        print(f"Welsh catalogue complete: every message of the code has Welsh ({shown(catalogue)}).")
        return 0
    print(f"The Welsh catalogue ({shown(catalogue)}) is not complete:", file=sys.stderr)
    for kind, items in found.items():
        if items:
            print(f"\n{len(items)} {HEADINGS[kind]}:", file=sys.stderr)
            for item in items:
                print(f"  - {item}", file=sys.stderr)
    print(
        "\nRun `make messages`, add the Welsh to each entry (carershub/locale/cy/GLOSSARY.md has the terms), "
        "and remove any fuzzy flag.",
        file=sys.stderr,
    )
    return 1


def update(source: Path, catalogue: Path) -> int:
    """Merge the code's messages into the catalogue, as makemessages does: new ones empty, old ones kept
    (and those the code no longer has kept as ``#~`` obsolete entries)."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp, "code.pot")
        extract(source, pot)
        if catalogue.exists():
            # No fuzzy matching: a new message arrives empty, for a translator, never as a near guess.
            run("msgmerge", "--quiet", "--no-fuzzy-matching", "--backup=none", "--update", str(catalogue), str(pot))
        else:
            catalogue.parent.mkdir(parents=True, exist_ok=True)
            run("msginit", "--no-translator", "--locale=cy", f"--input={pot}", f"--output-file={catalogue}")
    print(f"Updated {shown(catalogue)}; `make check` lists what still needs Welsh.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "update", "extract"])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the code to read (default: carershub/)")
    parser.add_argument("--catalogue", type=Path, default=CATALOGUE, help="the Welsh django.po")
    parser.add_argument("--output", type=Path, help="extract: where to write the template (POT)")
    args = parser.parse_args(argv)
    missing_tools = [t for t in ("xgettext", "msgcat", "msgmerge", "msgfmt") if not shutil.which(t)]
    if missing_tools:
        print(f"GNU gettext is needed ({', '.join(missing_tools)} not found): apt-get install gettext", file=sys.stderr)
        return 2
    if args.command == "extract":
        extract(args.source.resolve(), (args.output or Path("django.pot")).resolve())
        return 0
    command = check if args.command == "check" else update
    return command(args.source.resolve(), args.catalogue.resolve())


if __name__ == "__main__":
    sys.exit(main())
