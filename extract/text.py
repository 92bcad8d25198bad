"""Decoding raw bytes and normalising text; offsets everywhere index the normalised text."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

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


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no control characters, no trailing blanks at the ends."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _CONTROL.sub("", text)
    return text.strip()


def doc_id_for(normalised: str) -> str:
    """Content hash: the same article under two names is one document."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]
