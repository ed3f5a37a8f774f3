"""The layout keeps its shape: which apps may import which, and what no module may do.

Read from the source with ``ast`` (nothing is imported), so ``make check`` fails the moment
a change imports upward against the rule in DEVELOPERS.md (decision 10).
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "carershub"

# Each app may import apps in the layers below its own, never its own layer's peers or above.
LAYERS = [
    {"core"},
    {"partnership"},
    {"accounts"},
    {"activity", "audit", "directory"},
    {"people"},
    {"contacts", "assessments", "documents", "referrals", "grants"},
    {"support", "selfassessment", "imports", "identification"},
    {"casework", "signposting", "providers"},
    {"reporting", "privacy"},
    {"api", "demo"},
]
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}

# Pure rules: plain Python that forms, the API, imports and tests all share; no Django.
PURE_MODULES = [
    "core/i18n.py",
    "core/ukdata.py",
    "core/waiting.py",
    "core/amounts.py",
    "core/spreadsheet.py",
    "core/charts.py",
    "people/caring.py",
    "people/matching.py",
    "people/search_terms.py",
    "people/name_branches.py",
    "people/relationship_words.py",
    "assessments/eligibility",
    "assessments/wellbeing.py",
    "reporting/measures.py",
    "reporting/disclosure.py",
    "imports/mapping.py",
    "imports/sources.py",
    "documents/filetypes.py",
    "documents/scanning.py",
    "documents/samples.py",
    "support/breaks/ledger.py",
    "support/breaks/intervals.py",
    "support/payments/schedule.py",
    "support/payments/ledger.py",
    "support/groups/waitlist.py",
    "support/emergency/cardnumber.py",
    "directory/vocabulary.py",
    "directory/changes.py",
    "identification/odscode.py",
    "identification/coverage.py",
    "referrals/lawful.py",
    "referrals/flow.py",
    "referrals/workdays.py",
    "referrals/bankholidays.py",
    "grants/fund.py",
    "providers/vocabulary.py",
    "providers/checklist.py",
    "providers/advice.py",
    "providers/matching/ranking.py",
    "providers/fourperson.py",
    "providers/mix/shares.py",
    "reporting/bands.py",
    "reporting/coverage/census.py",
    "reporting/survey/questionnaire.py",
    "reporting/survey/measures.py",
    "reporting/money/contractvalue.py",
    "reporting/money/perhead.py",
    "reporting/monitoring/rag.py",
    "reporting/monitoring/quarters.py",
    "reporting/statutory/cld.py",
    "reporting/statutory/salt.py",
    "reporting/statutory/welsh.py",
    "reporting/appraisal/scoring.py",
    "reporting/actionplans/highlights.py",
]


def _apps():
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists())


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            # "from carershub.people import views" imports a module called views.
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _python_files(app: str):
    return sorted(p for p in (PACKAGE / app).rglob("*.py") if "migrations" not in p.parts)


def test_every_app_has_a_place_in_the_layers():
    assert set(_apps()) == set(LAYER_OF), "add the new app to LAYERS here and to decision 10 in DEVELOPERS.md"


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_an_app_imports_only_the_layers_below_it(app):
    upward = []
    for path in _python_files(app):
        for module in _imports(path):
            parts = module.split(".")
            if parts[0] != "carershub" or len(parts) < 2 or parts[1] not in LAYER_OF or parts[1] == app:
                continue
            if LAYER_OF[parts[1]] >= LAYER_OF[app]:
                upward.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not upward, "imports against the dependency rule:\n" + "\n".join(upward)


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_no_views_module_imports_another_apps_views(app):
    offending = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in _python_files(app)
        for module in _imports(path)
        if module.startswith("carershub.") and module.split(".")[1] != app and module.split(".")[-1] == "views"
    ]
    assert not offending


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_rules_have_no_django_import(module):
    path = PACKAGE / module
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
    assert files
    django = [
        f"{f.relative_to(PACKAGE)} imports {m}"
        for f in files
        for m in _imports(f)
        if m.split(".")[0] in {"django", "rest_framework"}
    ]
    assert not django


def test_no_file_is_named_with_another_features_prefix():
    # plan_views.py, self_forms.py, figures_urls.py: a feature hiding inside another app.
    features = set(LAYER_OF) | {"plan", "plans", "self", "figures", "review", "reviews"}
    prefixed = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts
        and "_" in p.stem
        and p.stem.split("_")[0] in features - {p.relative_to(PACKAGE).parts[0]}
    ]
    assert not prefixed


# Support delivered (decision 30): nested apps of the support package, each beside the plan and
# none leaning on another, so each can grow, or move out, on its own.
SUPPORT_PARTS = ["breaks", "payments", "emergency", "groups"]


def _nested(app: str) -> list[str]:
    return sorted(p.parent.name for p in (PACKAGE / app).glob("*/apps.py"))


def test_the_parts_of_support_are_the_nested_apps():
    assert _nested("support") == sorted(SUPPORT_PARTS)


@pytest.mark.parametrize("part", SUPPORT_PARTS)
def test_a_part_of_support_imports_no_other_part(part):
    others = {f"carershub.support.{other}" for other in SUPPORT_PARTS if other != part}
    offending = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in sorted((PACKAGE / "support" / part).rglob("*.py"))
        if "migrations" not in path.parts
        for module in _imports(path)
        if any(module == o or module.startswith(o + ".") for o in others)
    ]
    assert not offending


def test_the_support_plan_imports_none_of_its_parts():
    parts = tuple(f"carershub.support.{part}" for part in SUPPORT_PARTS)
    offending = [
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in sorted((PACKAGE / "support").glob("*.py"))
        for module in _imports(path)
        if module.startswith(parts)
    ]
    assert not offending


def test_no_app_holds_a_third_of_the_code():
    # A nested app (support's parts) counts on its own, not as part of the app it sits in.
    def files(app):
        nested = [PACKAGE / app / inner for inner in _nested(app)]
        return [p for p in _python_files(app) if not any(n in p.parents for n in nested)]

    units = {app: files(app) for app in LAYER_OF}
    units |= {f"support/{part}": _python_files(f"support/{part}") for part in _nested("support")}

    def lines(unit):
        return sum(len(p.read_text().splitlines()) for p in units[unit])

    total = sum(lines(unit) for unit in units)
    biggest = max(units, key=lines)
    assert lines(biggest) < total / 3, f"{biggest} holds {lines(biggest)} of {total} lines"
