"""Reading a source folder (text files + optional manifest.csv) into Documents and Rejects."""
from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from extract.dates import infer_reference_date
from extract.text import (UndecodableError, decode_bytes, doc_id_for, has_visible_text, html_to_text, is_html,
                          normalise_text)
from schemas import Document, Reject

log = logging.getLogger(__name__)

MANIFEST = "manifest.csv"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024   # a news article is kilobytes; protects memory
# A publication date outside these years is a typo or a placeholder (9999-12-31), and date
# arithmetic from it would overflow: it is a reject, and the text gives the reference date.
PUBLISHED_RANGE = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))
DEFAULT_MAX_CHARS = 1_000_000          # spaCy's parser refuses longer texts (max_length) and
                                       # needs about 1 GB per 100,000 words: news is far shorter


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


@dataclass(frozen=True)
class ManifestRow:
    source: str | None
    title: str | None
    url: str | None
    published: dt.date | None


def read_manifest(folder: Path, rejects: list[Reject], follow_symlinks: bool = False) -> dict[str, ManifestRow]:
    """manifest.csv rows by file name; bad rows become rejects and the file goes on without them."""
    path = folder / MANIFEST
    if not os.path.lexists(path):
        return {}
    refused = refusal(path, folder, follow_symlinks)
    if refused:
        rejects.append(Reject(stage="ingest", source_file=MANIFEST, reason=f"manifest.csv {refused}; articles read without it"))
        return {}
    rows: dict[str, ManifestRow] = {}
    first_line: dict[str, int] = {}
    try:  # decoded like the articles: a manifest saved as Windows-1252 or UTF-16 is read too
        content = decode_bytes(path.read_bytes()).text
    except (OSError, UndecodableError, UnicodeDecodeError) as err:
        rejects.append(Reject(stage="ingest", source_file=MANIFEST,
                              reason=f"manifest.csv cannot be read ({err}); articles read without it"))
        return {}
    with io.StringIO(content, newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("file",) if c not in (reader.fieldnames or [])]
        if missing:
            rejects.append(Reject(stage="ingest", reason="manifest.csv has no 'file' column", source_file=MANIFEST))
            return {}
        for line, row in enumerate(reader, start=2):
            name = (row.get("file") or "").strip()
            if not name:
                continue
            problem = _manifest_name_problem(folder, name)
            if name in first_line:
                problem = f"repeats {name} (first given on line {first_line[name]}); that first row is used"
            if problem:
                rejects.append(Reject(stage="ingest", source_file=name, reason=f"manifest.csv line {line} {problem}"))
                continue
            first_line[name] = line
            rows[name] = ManifestRow(
                source=_blank(row.get("source")), title=_blank(row.get("title")), url=_blank(row.get("url")),
                published=_published(row.get("published"), name, line, rejects),
            )
    return rows


def _manifest_name_problem(folder: Path, name: str) -> str | None:
    """Why a manifest row's file name is not one of the folder's files. A path that leaves the
    folder is refused without looking at it, so a reject never tells what exists outside."""
    if name in (".", "..") or Path(name).name != name or "\\" in name:
        return "names a path, not a file of the source folder (only the folder's own files are read)"
    if not os.path.lexists(folder / name):
        return "names a file that does not exist"
    return None


def refusal(path: Path, folder: Path, follow_symlinks: bool) -> str | None:
    """Why the folder entry `path` is not read, or None for a regular file inside the folder."""
    try:
        if path.is_symlink():
            if not follow_symlinks:
                return "is a symbolic link; links are not followed (--follow-symlinks reads links to files inside the folder)"
            target = path.resolve()
            if not target.is_relative_to(folder.resolve()):
                return "is a symbolic link that leaves the source folder; not read"
            info = target.stat()
        else:
            info = path.lstat()
    except OSError:
        return "is a symbolic link to nothing; not read"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder; subfolders are not read"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a device, FIFO or socket); not read"
    return None


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _published(value: str | None, name: str, line: int, rejects: list[Reject]) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        published = dt.date.fromisoformat(value[:10])
    except ValueError:
        rejects.append(Reject(stage="ingest", source_file=name, payload=value,
                              reason=f"manifest.csv line {line}: published '{value}' is not an ISO date; "
                                     "the reference date is inferred from the text instead"))
        return None
    if not PUBLISHED_RANGE[0] <= published <= PUBLISHED_RANGE[1]:
        rejects.append(Reject(stage="ingest", source_file=name, payload=value,
                              reason=f"manifest.csv line {line}: published '{value}' is outside "
                                     f"{PUBLISHED_RANGE[0].year}-{PUBLISHED_RANGE[1].year}; "
                                     "the reference date is inferred from the text instead"))
        return None
    return published


def list_article_files(folder: Path) -> list[Path]:
    """Every *.txt entry of the folder, whatever it is: what is not a regular file becomes a reject."""
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".txt")


def read_folder(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS,
                follow_symlinks: bool = False) -> IngestResult:
    """Every *.txt in `folder` as a Document, or a Reject saying why not.

    Only regular files of the folder itself are read: symbolic links (unless `follow_symlinks`,
    and then only to files inside the folder), devices, FIFOs and subfolders are rejects."""
    result = IngestResult()
    manifest = read_manifest(folder, result.rejects, follow_symlinks)
    kept: dict[str, Document] = {}  # by doc_id
    for path in list_article_files(folder):
        refused = refusal(path, folder, follow_symlinks)
        item = (Reject(stage="ingest", source_file=path.name, reason=f"file {refused}") if refused
                else read_article(path, manifest.get(path.name), max_bytes, max_chars, follow_symlinks))
        if isinstance(item, Reject):
            result.rejects.append(item)
        else:
            _keep_one_copy(item, kept, manifest, result.rejects)
    _one_document_per_source(kept, result)
    return result


def _keep_one_copy(document: Document, kept: dict[str, Document], manifest: dict[str, ManifestRow],
                   rejects: list[Reject]) -> None:
    """Of several files with one text, the one manifest.csv describes is kept (it carries the
    date and publisher); otherwise the first by name."""
    other = kept.get(document.doc_id)
    if other is None:
        kept[document.doc_id] = document
        return
    if document.source_file in manifest and other.source_file not in manifest:
        kept[document.doc_id], document, other = document, other, document
    rejects.append(Reject(stage="ingest", source_file=document.source_file, doc_id=document.doc_id,
                          reason=f"duplicate of {other.source_file} (same text); loaded once"))


def _one_document_per_source(kept: dict[str, Document], result: IngestResult) -> None:
    """Two files given the same url in manifest.csv would be one source: the second is a reject."""
    sources: dict[str | None, str] = {}
    for document in sorted(kept.values(), key=lambda d: d.source_file):
        if document.source_key in sources:
            result.rejects.append(Reject(
                stage="ingest", source_file=document.source_file, doc_id=document.doc_id,
                reason=f"manifest.csv gives it the url of {sources[document.source_key]}, another text; "
                       "one source is one document, so it is not loaded (give it its own url)"))
            continue
        sources[document.source_key] = document.source_file
        result.documents.append(document)


def source_key_for(path: Path, meta: ManifestRow | None) -> str:
    """A document's source: its url, else its file in its folder. The folder is part of it, so
    two folders' `article1.txt` never replace each other."""
    if meta and meta.url:
        return f"url:{meta.url}"
    return f"file:{path.parent.resolve() / path.name}"


def _read_regular_file(path: Path, max_bytes: int, follow_symlinks: bool) -> bytes | Reject:
    """The file's bytes, opened so that a link or FIFO swapped in after the listing is not read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_symlinks else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        return Reject(stage="ingest", source_file=path.name, reason=f"cannot open: {err.strerror}")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Reject(stage="ingest", source_file=path.name,
                          reason="file is not a regular file (a device, FIFO or socket); not read")
        if info.st_size > max_bytes:
            return Reject(stage="ingest", source_file=path.name,
                          reason=f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
        return handle.read(max_bytes + 1)


def read_article(path: Path, meta: ManifestRow | None, max_bytes: int, max_chars: int,
                 follow_symlinks: bool = False) -> Document | Reject:
    data = _read_regular_file(path, max_bytes, follow_symlinks)
    if isinstance(data, Reject):
        return data
    try:
        decoded = decode_bytes(data)
    except (UndecodableError, UnicodeDecodeError) as err:
        return Reject(stage="ingest", source_file=path.name, reason=f"undecodable: {err}")
    raw, encoding = decoded.text, decoded.encoding
    if is_html(raw):  # a saved web page: keep what a reader sees
        raw, encoding = html_to_text(raw), f"{encoding}+html"
    text = normalise_text(raw)
    if not has_visible_text(text):
        return Reject(stage="ingest", source_file=path.name, reason="empty document (no text after normalising)")
    if len(text) > max_chars:
        return Reject(stage="ingest", source_file=path.name,
                      reason=f"document is {len(text):,} characters, over the limit of {max_chars:,} (--max-chars)")
    return make_document(path.name, text, encoding, meta, source_key_for(path, meta))


def make_document(name: str, text: str, encoding: str, meta: ManifestRow | None,
                  source_key: str | None = None) -> Document:
    published = meta.published if meta else None
    inferred = None if published else infer_reference_date(text)
    return Document(
        doc_id=doc_id_for(text), source_file=name, source_key=source_key, text=text, encoding=encoding,
        publisher=meta.source if meta else None, title=meta.title if meta else None,
        url=meta.url if meta else None, published=published,
        reference_date=published or inferred,
        reference_basis="manifest" if published else ("inferred" if inferred else "none"),
    )
