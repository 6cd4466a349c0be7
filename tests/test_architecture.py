"""House rules that a reviewer would otherwise have to remember."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["people", "careers", "learning", "appraisals", "privacy"]


def imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def python_files(app):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def test_views_never_query_models_directly():
    """Personal data is reached through each app's scoped querysets in access.py."""
    offenders = []
    for app in APPS:
        for path in (ROOT / app).glob("views*.py"):
            if ".objects." in path.read_text():
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_nothing_imports_the_trial_generator():
    """The trial app writes generated data; no app Trellis runs on may depend on it."""
    offenders = []
    for app in [*APPS, "frontend", "config"]:
        for path in python_files(app):
            for module in imported_modules(path):
                if module.split(".")[0] == "trial":
                    offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_numbers_typed_or_posted_are_read_by_one_parser():
    """`str.isdigit()` is true for "²" and for a 300-digit number, which `int()` or the
    database then fails on (a server error): every key or count read from a request goes
    through frontend.parse (whole_number and its kin), the one place that checks."""
    reviewed = {
        "frontend/parse.py": "the parser",
        "frontend/fields.py": "a date's parts: int() errors caught, the year four digits",
        "learning/catalogue_export.py": "numbers read from the database, not a request",
    }
    offenders = []
    for app in [*APPS, "frontend", "config"]:
        for path in python_files(app):
            if str(path.relative_to(ROOT)) in reviewed:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Attribute) and node.attr in {"isdigit", "isnumeric",
                                                                     "isdecimal"}:  # fmt: skip
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_dependencies_point_one_way():
    rules = {
        "people": {"careers", "learning", "appraisals", "privacy"},
        "learning": {"careers", "appraisals", "privacy"},
        "careers": {"appraisals", "privacy"},
        "appraisals": {"privacy"},
    }
    offenders = []
    for app, forbidden in rules.items():
        for path in python_files(app):
            for module in imported_modules(path):
                if module.split(".")[0] in forbidden:
                    offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_every_transactional_test_restores_the_shipped_data(request):
    """A transactional test empties every table when it ends, taking the data that
    migrations ship (the question bank, the values, the catalogue, the role groups).
    Serialized rollback puts it back before the test, whatever ran first; the suite's
    collection hook (tests/conftest.py) gives it to every transactional test collected
    with this one, including one that asked only for `live_server`."""
    from tests.conftest import is_transactional, restores_shipped_data

    items = request.session.items
    offenders = [i.nodeid for i in items if is_transactional(i) and not restores_shipped_data(i)]
    assert offenders == []
    # Also the markers written in the tests, for a run that collects only this file.
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func).endswith("django_db")):
                continue
            options = {k.arg: ast.unparse(k.value) for k in node.keywords}
            restores = options.get("serialized_rollback") == "True"
            if options.get("transaction") == "True" and not restores:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
