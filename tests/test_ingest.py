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


def test_a_manifest_saved_as_windows_1252_or_utf16_is_read(tmp_path):
    write(tmp_path, "a.txt", "Officials met on Tuesday.")
    for encoding in ("cp1252", "utf-16"):
        (tmp_path / "manifest.csv").write_bytes(
            "file,source,title,url,published\na.txt,Le Café du Matin,Réunion à Genève,,2024-03-11\n".encode(encoding))
        result = read_folder(tmp_path)
        assert result.rejects == []
        assert [(d.publisher, d.title, d.published) for d in result.documents] == [
            ("Le Café du Matin", "Réunion à Genève", dt.date(2024, 3, 11))]


def test_a_binary_manifest_is_a_reject_and_the_articles_still_load(tmp_path):
    write(tmp_path, "a.txt", "Officials met on Tuesday.")
    write(tmp_path, "manifest.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = read_folder(tmp_path)
    assert [d.source_file for d in result.documents] == ["a.txt"]
    assert [r.reason for r in result.rejects] == [
        "manifest.csv cannot be read (binary file (PNG image), not text); articles read without it"]


def test_publication_dates_out_of_range_are_rejects_not_lost_documents(tmp_path, nlp):
    from extract.pipeline import extract_documents

    text = "Foreign Minister Ana Lima met President Otto Brandt in Quito on Monday."
    for name in ("far.txt", "ancient.txt"):
        write(tmp_path, name, text.replace("Quito", "Bogota" if name == "far.txt" else "Quito"))
    write(tmp_path, "manifest.csv", "file,source,title,url,published\n"
                                    "far.txt,Wire,,,9999-12-31\nancient.txt,Wire,,,0024-01-01\n")
    result = read_folder(tmp_path)
    assert sorted((d.source_file, d.published, d.reference_basis) for d in result.documents) == [
        ("ancient.txt", None, "none"), ("far.txt", None, "none")]
    assert sorted(r.reason for r in result.rejects) == [
        "manifest.csv line 2: published '9999-12-31' is outside 1900-2199; the reference date is inferred "
        "from the text instead",
        "manifest.csv line 3: published '0024-01-01' is outside 1900-2199; the reference date is inferred "
        "from the text instead"]
    extracted = extract_documents(result.documents)
    assert extracted.rejects == [] and sorted(e.event_type for e in extracted.events) == ["meeting", "meeting"]


def test_only_invisible_characters_is_an_empty_document(tmp_path):
    write(tmp_path, "zw.txt", " \u200b \ufeff\u2060 \n")
    write(tmp_path, "real.txt", "\u200bOfficials met on Tuesday.")
    result = read_folder(tmp_path)
    assert [d.source_file for d in result.documents] == ["real.txt"]
    assert [(r.source_file, r.reason) for r in result.rejects] == [
        ("zw.txt", "empty document (no text after normalising)")]
