"""The rules' cost per sentence on one long document: it must stay flat as documents grow.

A document of N sentences is made from generated articles (benchmarks/make_corpus.py), parsed
once, and its rules are timed alone (extract.pipeline's "rules" stage). Before the document
index (extract/docindex.py) the cost per sentence grew with N: 1.8 s for 250 sentences,
32 s for 1,000.

    python benchmarks/long_documents.py [--sentences 250 1000 4000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def long_document(sentences: int, corpus: Path):
    from extract.ingest import ManifestRow, make_document, read_folder

    pool = []
    for document in read_folder(corpus).documents:
        pool += [s.strip() + "." for s in document.text.replace("\n", " ").split(". ") if len(s) > 20]
        if len(pool) >= sentences:
            break
    text = " ".join(pool[:sentences])
    return make_document(f"long-{sentences}.txt", text, "utf-8", ManifestRow("Bench", None, None, dt.date(2024, 3, 14)))


def rules_cost(sizes: list[int]) -> list[tuple[int, float, int]]:
    """(sentences, rules seconds, events) for one document of each size."""
    from benchmarks.make_corpus import write_corpus
    from extract.pipeline import extract_documents

    with tempfile.TemporaryDirectory(prefix="events-long-") as work:
        corpus = Path(work) / "corpus"
        write_corpus(max(sizes) // 20 + 10, corpus)  # about 30 usable sentences an article
        out = []
        for n in sizes:
            result = extract_documents([long_document(n, corpus)])
            out.append((n, result.stage_seconds.get("rules", 0.0), len(result.events)))
    return out


def one_line_article(chars: int = 990_000) -> tuple[float, dict[str, float], int]:
    """The whole extraction of one 990 KB article on a single line (no paragraph breaks), under
    the default limits: (seconds, stage seconds, rejects)."""
    import time

    from benchmarks.make_corpus import write_corpus
    from extract.ingest import ManifestRow, make_document, read_folder
    from extract.pipeline import extract_documents

    with tempfile.TemporaryDirectory(prefix="events-long-") as work:
        write_corpus(260, Path(work) / "corpus")
        text = " ".join(d.text.replace("\n", " ") for d in read_folder(Path(work) / "corpus").documents)[:chars]
    document = make_document("one-line.txt", text, "utf-8", ManifestRow("Bench", None, None, dt.date(2024, 3, 14)))
    clock = time.perf_counter()
    result = extract_documents([document])
    return time.perf_counter() - clock, result.stage_seconds, len(result.rejects)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, nargs="+", default=[250, 1000, 4000])
    args = parser.parse_args()
    report(rules_cost(args.sentences))
    report_one_line(*one_line_article())


def report_one_line(seconds: float, stages: dict[str, float], rejects: int) -> None:
    print(f"one 990 KB article on one line: {seconds:.1f}s (spaCy {stages.get('nlp', 0):.1f}s, "
          f"rules {stages.get('rules', 0):.1f}s), {rejects} reject(s)")


def report(rows: list[tuple[int, float, int]]) -> None:
    print("rules on one long document (cost per sentence must stay flat):")
    for n, seconds, events in rows:
        print(f"  {n:>5} sentences: rules {seconds:6.2f}s = {seconds / n * 1000:5.2f} ms a sentence ({events} events)")


if __name__ == "__main__":
    main()
