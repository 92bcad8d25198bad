"""Every lexicon under extract/ loads, fits extract/lexicon.schema.json, and every key in it is read by code."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import jsonschema
import pytest

from extract import lexicon as lex
from extract.lexicon import LexiconError, read_lexicon

# Keys that no code reads today, as "<file under extract/>:<key path>". The list may only shrink:
# fix a key (use it or delete it) and take it off; never add one.
UNUSED_KEYS_ALLOWED = frozenset({
    "lexicons/titles.json:person_nouns",
})

EXTRACT = Path(lex.__file__).parent
SCHEMA = EXTRACT / "lexicon.schema.json"
DOC_KEY = "_doc"


def lexicon_files() -> list[Path]:
    """Every JSON file under extract/ (extract/lexicons/*.json, extract/events/<kind>/lexicon.json, ...)
    except the schema itself."""
    found = set(EXTRACT.glob("**/*.json")) | set(EXTRACT.glob("**/lexicon*.json"))
    return sorted(p for p in found if not p.name.endswith(".schema.json") and "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    return path.relative_to(EXTRACT).as_posix()


def _key_paths(node, prefix: tuple[str, ...] = ()):
    """Every key path of a lexicon: ('meeting',), ('meeting', 'verbs'), ...; words and map entries are data."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == DOC_KEY and not prefix:
            continue
        yield prefix + (key,)
        if isinstance(value, dict) and all(isinstance(v, (list, dict)) for v in value.values()):
            yield from _key_paths(value, prefix + (key,))


def _literals() -> frozenset[str]:
    """Every string literal in the code under extract/ and schemas/ (category keys such as
    'hostages' are output values, named by the Literal types in schemas/)."""
    found: set[str] = set()
    for folder in (EXTRACT, EXTRACT.parent / "schemas"):
        for py in folder.glob("**/*.py"):
            for node in ast.walk(ast.parse(py.read_text("utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found.add(node.value)
    return frozenset(found)


def unused_keys() -> set[str]:
    literals = _literals()
    unused = set()
    for path in lexicon_files():
        for keys in _key_paths(json.loads(path.read_text("utf-8"))):
            if keys[-1] not in literals:
                unused.add(f"{_name(path)}:{'/'.join(keys)}")
    return unused


def test_the_schema_is_a_valid_json_schema():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)


def test_the_lexicons_are_found():
    names = {_name(p) for p in lexicon_files()}
    assert {"lexicons/calendar.json", "lexicons/numbers.json", "lexicons/titles.json"} <= names


@pytest.mark.parametrize("path", lexicon_files(), ids=_name)
def test_every_lexicon_loads_and_fits_the_schema(path: Path):
    data = read_lexicon(path, _name(path))  # validates, as every load does
    jsonschema.validate(data, json.loads(SCHEMA.read_text("utf-8")))
    assert set(data) - {DOC_KEY}


def test_every_key_is_used_by_code():
    unused = unused_keys() - UNUSED_KEYS_ALLOWED
    assert not unused, f"lexicon keys no code reads (use or delete them): {sorted(unused)}"


def test_the_allow_list_of_unused_keys_only_shrinks():
    stale = UNUSED_KEYS_ALLOWED - unused_keys()
    assert not stale, f"these keys are used or gone now: take them off UNUSED_KEYS_ALLOWED: {sorted(stale)}"


@pytest.mark.parametrize("text, key, says", [
    ('{"nouns": ["Tank"]}', "nouns/0", "does not match"),
    ('{"nouns": ["tank", "tank"]}', "nouns", "non-unique"),
    ('{"nouns": [""]}', "nouns/0", "does not match"),
    ('{"nouns": [" tank"]}', "nouns/0", "does not match"),
    ('{"nouns": []}', "nouns", "should be non-empty"),
    ('{"nouns": "tank"}', "nouns", "not of type 'object'"),
    ('{"nouns": [3]}', "nouns/0", "not of type 'string'"),
    ('{"kind": {"verbs": ["go"], "nouns": "trip"}}', "kind/verbs", "not of type 'integer'"),
    ('{"kind": {"verbs": ["Go"]}}', "kind/verbs/0", "does not match"),
    ('{"numbers": {"one": 1, "two": "2"}}', "numbers/two", "not of type 'integer'"),
    ('{"numbers": {"One": 1}}', "numbers", "does not match"),
    ('{"Nouns": ["tank"]}', "(top level)", "Nouns"),
    ('{"_doc": ""}', "_doc", "should be non-empty"),
    ('{}', "(top level)", "should be non-empty"),
])
def test_a_broken_lexicon_fails_with_its_file_and_key(tmp_path: Path, text: str, key: str, says: str):
    path = tmp_path / "broken.json"
    path.write_text(text, "utf-8")
    with pytest.raises(LexiconError) as error:
        read_lexicon(path)
    message = str(error.value)
    assert str(path) in message and f"key {key}:" in message and says in message, message


def test_a_lexicon_that_is_not_json_names_its_file(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{"nouns": ["tank",]}', "utf-8")
    with pytest.raises(LexiconError, match="broken.json: cannot be read"):
        read_lexicon(path)


def test_the_calendar_and_number_accessors():
    assert list(lex.weekdays()) == ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    assert list(lex.weekdays().values()) == list(range(7))
    assert lex.months()["september"] == 9 and len(lex.months()) == 12
    assert {lex.month_abbreviations()[a] for a in ("sept.", "sep", "jan.")} == {9, 1}
    assert "may." not in lex.month_abbreviations() and "jun." not in lex.month_abbreviations()
    assert lex.day_words()["yesterday"] == -1 and lex.day_words()["this morning"] == 0
    assert lex.number_words()["ninety"] == 90 and lex.scales()["million"] == 1_000_000
    assert lex.ordinals()["twelfth"] == 12 and lex.articles() == {"a", "an"}
    assert lex.qualifiers()["more than"] == "at_least" and lex.qualifiers()["up to"] == "at_most"
    with pytest.raises(TypeError):
        lex.weekdays()["funday"] = 7  # shared and cached: read-only


def test_numbers_and_dates_read_the_shared_words():
    from extract import datespans, numbers, prefilter

    assert numbers.QUALIFIERS == dict(lex.qualifiers())
    assert datespans.WEEKDAYS == list(lex.weekdays())
    assert {"monday", "yesterday", "twelve", "millions"} <= set(prefilter._NUMBER_AND_DAY_WORDS)
    assert {"sept", "jan"} <= prefilter._ABBREVIATIONS
