"""The date resolver on TempEval-3 gold dates, with the tense the pipeline itself reads.

`../shared/tempeval/score_dates.py` (outside this repository) scores `extract.dates.resolve_date`
on TimeML gold dates with a crude tense (future if the sentence has will/shall, else past). This
benchmark scores the same items with the tense the pipeline reads from the parse: the clause that
governs each date (`extract.syntax.modality.tense_of`). The TimeML files are not part of the project
(their texts belong to their publishers); it says so and exits when they are missing.

    .venv/bin/python benchmarks/tempeval.py [TEMPEVAL_DIR]      # default: ../shared/tempeval
"""
from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "tempeval"


def _scorer(folder: Path):
    """score_dates.py's own reading of the TimeML files (gold items, granularity, sentence)."""
    spec = importlib.util.spec_from_file_location("score_dates", folder / "score_dates.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT))
    spec.loader.exec_module(module)
    return module


def _tense(nlp, sentence: str, text: str) -> str:
    from extract.syntax.modality import tense_of
    from extract.syntax.tree import governing_verb

    doc = nlp(sentence)
    start = sentence.find(text)
    span = doc.char_span(start, start + len(text), alignment_mode="expand") if start >= 0 else None
    if span is None:
        return "past"
    verb = governing_verb(span.root) or (span.root if span.root.pos_ in ("VERB", "AUX") else None)
    return tense_of(verb) if verb is not None else "past"


def main(folder: Path) -> int:
    if not (folder / "score_dates.py").is_file():
        print(f"tempeval: {folder} is missing (it is not part of the project); nothing to score")
        return 0
    from extract.nlp import load_nlp

    scorer, nlp = _scorer(folder), load_nlp()
    for data in sorted((folder / "data").iterdir()):
        counts: Counter = Counter()
        wrong = []
        for path in sorted(data.glob("*.tml")):
            dct, items = scorer.parse(path)
            for text, gold, sentence in items:
                gran = scorer.GRAN[len(gold)]
                tense = _tense(nlp, sentence, text)
                value = scorer.project_value(text, dct, tense, gran)
                verdict = "unresolved" if value is None else "right" if value == gold else "wrong"
                counts[verdict] += 1
                if verdict == "wrong":
                    wrong.append(f"  [{path.stem}] {text!r} dct={dct} tense={tense} gold={gold} got={value}")
        n = sum(counts.values()) or 1
        print(f"{data.name}: n={n} " + "  ".join(f"{k}={counts[k]} ({counts[k] / n:.1%})"
                                                   for k in ("right", "wrong", "unresolved")))
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
