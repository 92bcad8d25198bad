"""A generated hostile corpus: every case is processed (encoding recorded) or rejected with a
reason; the run finishes and counts them. docs/reliability.md lists each case and its test."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extract.ingest import read_folder
from extract.pipeline import extract_documents
from warehouse.db import connect
from warehouse.load import LoadBatch, load_batch

MEETING = "Foreign Minister Ana Lima met President Otto Brandt in Lima on Monday."
HTML = ("<!DOCTYPE html><html><head><title>Leaders meet</title><script>track('x');</script>"
        "<style>p{color:red}</style></head><body><nav><a href='/'>Home</a> <a>World</a></nav>"
        f"<article><h1>Leaders meet</h1><p>{MEETING}</p></article><footer>Subscribe now</footer></body></html>")

# name -> (bytes, expected): ("doc", encoding) or ("reject", words of the reason)
CASES = {
    "empty.txt": (b"", ("reject", "empty document")),
    "whitespace.txt": (b"  \n\t\r\n   ", ("reject", "empty document")),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, ("reject", "binary file (PNG image)")),
    "nul.txt": (b"abc\x00\x00\x00def\x00\x00\x00" * 50, ("reject", "binary file (NUL bytes)")),
    "latin1.txt": (f"Le ministre a visité Paris. {MEETING}".encode("latin-1"), ("doc", "cp1252")),
    "cp1252.txt": (f"\u201cWe met,\u201d she said. {MEETING}".encode("cp1252"), ("doc", "cp1252")),
    "bom.txt": (b"\xef\xbb\xbf" + MEETING.encode(), ("doc", "utf-8-sig")),
    "utf16.txt": (f"Wide text. Officials said 12 people were killed. {MEETING}".encode("utf-16"), ("doc", "utf-16")),
    "page.txt": (HTML.encode(), ("doc", "utf-8+html")),
    "huge.txt": (b"word " * (10 * 1024 * 1024), ("reject", "over the limit")),  # 50 MB
    "oneline.txt": (("Officials said talks went on " * 7000 + ". " + MEETING).encode(), ("doc", "utf-8")),
    "dup_a.txt": (f"Duplicate story. {MEETING} Ten people were wounded.".encode(), ("doc", "utf-8")),
    "dup_b.txt": (f"Duplicate story. {MEETING} Ten people were wounded.".encode(), ("reject", "duplicate of dup_a.txt")),
    "dates.txt": (b"Foreign Minister Ana Lima met President Otto Brandt on February 30. "
                  b"Police said 40 people were detained on 2024-02-30.",
                  ("doc", "utf-8")),
    "numbers.txt": (b"Officials said more than 22,0000 people were killed and 1.2.3 million displaced.",
                    ("doc", "utf-8")),
    "longsentence.txt": (("Officials said that " + "the talks, which continued, " * 2000 + "ended. " + MEETING).encode(),
                         ("doc", "utf-8")),
    "nonenglish.txt": ("El ministro se reunió con el presidente el lunes. 外交部长周一会见了总统。".encode(), ("doc", "utf-8")),
    "newlines.txt": (f"Headline\r\n\r\n{MEETING}\rPolice said 3 people were killed.\x07".encode(), ("doc", "utf-8")),
}
MANIFEST = ("file,source,title,url,published\n"
            "latin1.txt,Wire,,,2024-13-45\n"
            "missing.txt,Wire,,,2024-01-01\n"
            "dates.txt,Wire,,,2024-03-14\n")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for name, (data, _) in CASES.items():
        (folder / name).write_bytes(data)
    (folder / "manifest.csv").write_text(MANIFEST)
    return folder


@pytest.fixture(scope="module")
def ingested(hostile):
    return read_folder(hostile)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case_is_processed_or_rejected_with_a_reason(ingested, name):
    kind, detail = CASES[name][1]
    documents = {d.source_file: d for d in ingested.documents}
    reasons = [r.reason for r in ingested.rejects if r.source_file == name]
    if kind == "doc":
        assert documents[name].encoding == detail
    else:
        assert name not in documents and any(detail in r for r in reasons), reasons


def test_hostile_manifest_problems_are_rejects_and_the_file_still_loads(ingested):
    reasons = {(r.source_file, r.reason.split(":")[0]) for r in ingested.rejects}
    assert ("missing.txt", "manifest.csv line 3 names a file that does not exist") in reasons
    assert any(f == "latin1.txt" and "line 2" in r for f, r in reasons)
    assert any(d.source_file == "latin1.txt" and d.published is None for d in ingested.documents)


def test_hostile_html_keeps_what_a_reader_sees(ingested):
    page = next(d for d in ingested.documents if d.source_file == "page.txt")
    assert MEETING in page.text
    assert "track(" not in page.text and "Home" not in page.text and "Subscribe" not in page.text


def test_hostile_corpus_extracts_and_loads_without_losing_anything(nlp, ingested, tmp_path):
    extracted = extract_documents(ingested.documents)
    db = tmp_path / "w.duckdb"
    with connect(db) as conn:
        load_batch(conn, LoadBatch(ingested.documents, extracted.events, ingested.rejects + extracted.rejects),
                   "run", "v1")
        loaded = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        flags = conn.execute("SELECT list(DISTINCT f) FROM (SELECT unnest(quality_flags) f FROM events)").fetchone()[0]
        bad_dates = conn.execute("SELECT count(*) FROM events WHERE date_text ILIKE '%30%' AND date_start IS NOT NULL"
                                 ).fetchone()[0]
        n_rejects = conn.execute("SELECT count(*) FROM rejects").fetchone()[0]
    assert loaded == len(ingested.documents) == sum(1 for _, (k, _) in CASES.values() if k == "doc")
    assert "malformed_number" in flags and "invalid_date" in flags and bad_dates == 0
    assert n_rejects == len(ingested.rejects) + len(extracted.rejects)
    assert not any(r.reason.startswith("extractor error") for r in extracted.rejects)


@pytest.mark.slow
def test_hostile_cli_run_finishes_and_counts_the_rejects(hostile, tmp_path):
    events = shutil.which("events", path=str(Path(sys.executable).parent))
    done = subprocess.run([events, "run", str(hostile), "--db", str(tmp_path / "w.duckdb")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "rejects   : " in done.stdout and "ingest 8" in done.stdout
