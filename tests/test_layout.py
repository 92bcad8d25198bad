"""The house rules of extraction, checked: kinds are components, modules stay small, candidates
carry only their record's fields."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from extract.events.registry import event_types, kind, kinds

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 350
# Where a kind may be named: its own package, the registry, and the record models.
KIND_HOMES = (ROOT / "extract" / "events", ROOT / "schemas")


def _kind_names() -> set[str]:
    packages = {k.rules.split(".")[-2] for k in kinds()}  # extract.events.<package>.rules
    return set(event_types()) | packages


def _string_literals(path: Path) -> set[str]:
    """String constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings}


def _code_files():
    for folder in ("extract", "warehouse", "flows", "schemas", "benchmarks"):
        yield from (ROOT / folder).rglob("*.py")


def test_kind_names_appear_only_in_the_registry_kind_packages_and_schemas():
    names = _kind_names()
    found = {}
    for path in _code_files():
        if any(home in path.parents for home in KIND_HOMES):
            continue
        if hits := names & _string_literals(path):
            found[str(path.relative_to(ROOT))] = sorted(hits)
    for path in (ROOT / "warehouse").rglob("*.sql"):
        text = path.read_text("utf-8")
        if hits := {n for n in names if f"'{n}'" in text}:
            found[str(path.relative_to(ROOT))] = sorted(hits)
    assert found == {}


def test_no_extraction_module_is_over_the_size_limit():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text("utf-8").splitlines()) for p in (ROOT / "extract").rglob("*.py")}
    assert {p: n for p, n in sizes.items() if n > MAX_LINES} == {}


def test_every_kind_provides_its_rules_and_a_consistent_detail_table():
    for each in kinds():
        rules = each.component
        assert callable(rules.extract), each.name
        assert all(callable(p) for p in rules.STORY_PASSES), each.name
        own = set(each.model.model_fields) - {"event_type"}
        base = set(kinds()[0].model.__mro__[1].model_fields)  # EventBase
        columns = {c.name for c in each.detail.columns}
        scalar = {f for f in own - base if each.model.model_fields[f].annotation not in (list[str], dict[str, str])}
        assert scalar <= columns, (each.name, scalar - columns)


def test_candidates_carry_only_their_records_fields(monkeypatch, nlp, make_document):
    import extract.pipeline as pipeline

    seen = []
    validate = pipeline._validate

    def spy(document, candidates):
        candidates = list(candidates)
        seen.extend(candidates)
        return validate(document, candidates)

    monkeypatch.setattr(pipeline, "_validate", spy)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        document = make_document(path.read_text("utf-8"))
        pipeline.extract_document(document, nlp(document.text))
    assert {c.event_type for c in seen} == set(event_types())
    for candidate in seen:
        model = kind(candidate.event_type).model
        assert not [k for k in candidate.fields if k.startswith("_")], candidate.fields
        assert set(candidate.fields) <= set(model.model_fields), (candidate.event_type, set(candidate.fields) - set(model.model_fields))


@pytest.mark.parametrize("module", ["warehouse.load", "warehouse.refine", "warehouse.report", "warehouse.db",
                                    "extract.events.registry", "extract.keys"])
def test_the_warehouse_side_never_imports_spacy(module):
    """The warehouse reads the kinds' declarations, never their rules (DESIGN: no spaCy there)."""
    import subprocess
    import sys

    code = f"import sys, {module}; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
