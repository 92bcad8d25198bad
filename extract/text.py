"""Decoding raw bytes and normalising text; offsets everywhere index the normalised text."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

_BINARY_MAGIC = {
    b"\x89PNG": "PNG image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x7fELF": "executable",
}
# Control characters other than tab and newline carry no text and break CSV consumers.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> DecodedText:
    """Decode article bytes: BOMs first, then UTF-8, then Windows-1252; refuse binary."""
    if data.startswith(b"\xef\xbb\xbf"):
        return DecodedText(data[3:].decode("utf-8", errors="strict"), "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return DecodedText(data.decode("utf-16"), "utf-16")
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UndecodableError(f"binary file ({kind}), not text")
    if data.count(b"\x00") > max(1, len(data) // 100):
        raise UndecodableError("binary file (NUL bytes), not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1")


_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)
_SKIPPED_TAGS = {"script", "style", "nav", "header", "footer", "noscript", "aside", "form", "svg", "template"}
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section",
               "figcaption", "blockquote", "title"}


class _VisibleText(HTMLParser):
    """The text a reader sees: no scripts, styles or navigation; blocks become lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def is_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


def html_to_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no control characters, no trailing blanks at the ends."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _CONTROL.sub("", text)
    return text.strip()


def has_visible_text(text: str) -> bool:
    """Whether anything but whitespace and invisible format characters (zero-width space,
    joiners, BOM: Unicode category Cf) is left."""
    return any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text)


def doc_id_for(normalised: str) -> str:
    """Content hash: the same article under two names is one document."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


# A hard-wrapped line (a legislative record, a federal notice) runs on when it ends in a word that
# cannot end a sentence, or in a comma, or the next line goes on in lower case.
_RUNS_ON = {"and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with", "by", "as", "at", "from", "that"}
_WRAP = 50  # a line at least this long is wrapped text, not a headline or a byline


def line_runs_on(text: str, newline: int) -> bool:
    """Whether the single line break at text[newline] falls inside a sentence of wrapped text
    ('... Letter (s) of Offer and\n     Acceptance to ...'); a blank line always ends one."""
    rest = text[newline + 1:newline + 200].lstrip(" \t")
    if not rest or rest.startswith("\n"):
        return False
    line = text[text.rfind("\n", 0, newline) + 1:newline].rstrip()
    words = line.split()
    if len(line.strip()) < _WRAP or not words:
        return False
    last = words[-1].lower()
    return last.endswith(",") or last in _RUNS_ON or (rest[:1].islower() and not last.endswith((".", "!", "?", ":")))
