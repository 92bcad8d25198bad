import datetime as dt

from extract.ingest import read_folder
from tests.conftest import SEEDS


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_ingest_seeds_use_the_manifest():
    result = read_folder(SEEDS)
    assert len(result.documents) == 5 and result.rejects == []
    by_file = {d.source_file: d for d in result.documents}
    doc = by_file["003_c2427a90a8722413.txt"]
    assert doc.published == dt.date(2023, 11, 3) and doc.reference_basis == "manifest"
    assert doc.publisher == "wire (rewritten)" and doc.title is None


def test_ingest_bad_inputs_become_rejects_and_the_rest_loads(tmp_path):
    write(tmp_path, "good.txt", "Officials met on Tuesday.")
    write(tmp_path, "z_copy.txt", "Officials met on Tuesday.")
    write(tmp_path, "empty.txt", "  \n\t ")
    write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "manifest.csv", "file,source,title,url,published\n"
                                    "good.txt,Wire,,,2024-02-30\nmissing.txt,Wire,,,2024-01-01\n")
    result = read_folder(tmp_path)
    assert [d.source_file for d in result.documents] == ["good.txt"]
    reasons = {r.source_file: r.reason for r in result.rejects}
    assert "duplicate of good.txt" in reasons["z_copy.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["image.txt"]
    assert "does not exist" in reasons["missing.txt"]
    assert "not an ISO date" in reasons["good.txt"]
    assert result.documents[0].reference_basis == "none"


def test_ingest_infers_the_reference_date_when_the_manifest_has_none(tmp_path):
    write(tmp_path, "a.txt", "Leaders met on Monday.\nPhoto: the meeting in Lima, May 6, 2024.")
    doc = read_folder(tmp_path).documents[0]
    assert doc.published is None
    assert (doc.reference_date, doc.reference_basis) == (dt.date(2024, 5, 6), "inferred")


def test_ingest_size_limit(tmp_path):
    write(tmp_path, "big.txt", "word " * 1000)
    result = read_folder(tmp_path, max_bytes=100)
    assert result.documents == [] and "over the limit" in result.rejects[0].reason
