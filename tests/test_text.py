import pytest

from extract.text import UndecodableError, decode_bytes, doc_id_for, normalise_text


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        ("Plain words.".encode("utf-8"), "Plain words.", "utf-8"),
        ("\ufeffWith a BOM.".encode("utf-8"), "With a BOM.", "utf-8-sig"),
        ("Wide text é".encode("utf-16"), "Wide text é", "utf-16"),
        ("\u201cSmart quotes\u201d".encode("cp1252"), "\u201cSmart quotes\u201d", "cp1252"),
    ],
)
def test_text_decodes_common_encodings(data, text, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, b"abc\x00\x00\x00\x00def\x00\x00"])
def test_text_refuses_binary(data):
    with pytest.raises(UndecodableError):
        decode_bytes(data)


def test_text_normalise_keeps_newlines_and_drops_controls():
    assert normalise_text("  A\r\nB\rC\x07D  \n") == "A\nB\nCD"


def test_text_doc_id_is_a_content_hash():
    assert doc_id_for("same text") == doc_id_for("same text")
    assert doc_id_for("same text") != doc_id_for("other text")


def test_a_wrapped_line_runs_on_and_a_short_or_ended_line_does_not():
    from extract.text import line_runs_on

    text = ("Pursuant to the reporting requirements of the Act, we are forwarding the\n"
            "     notice of a proposed sale to the Government of Peru for defense articles,\n"
            "     estimated to cost $400 million.\n"
            "Headline without a stop\nThe body starts here.\n\nA paragraph after a blank line.")
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    assert [line_runs_on(text, i) for i in breaks] == [True, True, False, False, False, False]
