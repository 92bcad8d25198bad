"""`make bench`: the etl flow against the naive way, on generated corpora of 1,000 and 5,000 articles.

For each size: a fresh DuckDB file, one run of the `etl` flow with both cores (articles/s,
words/s, per-stage seconds, peak RSS of this process and its workers), then a re-run over the
unchanged corpus. On the largest size, the same flow with one worker (for the extraction
stage's two-worker scaling) and the naive baseline: spaCy's full default pipeline over every
whole document in one process, nothing else. Then the rules' cost per sentence on one document
of 250, 1,000 and 4,000 sentences (benchmarks/long_documents.py), and the eval F1 on both
gold sets. The last
line printed is one JSON object with the headline figures.

    python benchmarks/bench.py [--sizes 1000 5000] [--workdir DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: make the project importable
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per worker: numpy must not spread out


class PeakMemory:
    """Peak resident memory of this process plus its children, sampled four times a second."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.25)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        return self.peak / 2**20


def run_flow(corpus: Path, db: Path, workers: int) -> tuple[float, object, float]:
    from flows.etl import etl

    with PeakMemory() as memory:
        clock = time.perf_counter()
        summary = etl(source=str(corpus), db=str(db), workers=workers)
        wall = time.perf_counter() - clock
    return wall, summary, memory.mb


def naive(corpus: Path) -> tuple[float, int]:
    """The naive baseline: full default spaCy pipeline over every whole document, one process."""
    from extract.nlp import MODEL_PACKAGES
    import importlib

    texts = [p.read_text("utf-8") for p in sorted(corpus.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    clock = time.perf_counter()
    module = next(importlib.import_module(n) for n in MODEL_PACKAGES if importlib.util.find_spec(n))
    nlp = module.load()  # loading the model is part of the naive run, as it is of ours
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - clock, words


def prefect_task_cost(n: int = 40) -> float:
    """Seconds Prefect adds per task run, measured on a flow of no-op tasks."""
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE

    @task(cache_policy=NO_CACHE)
    def noop(i: int) -> int:
        return i

    @flow
    def many() -> None:
        for i in range(n):
            noop(i)

    many()  # warm
    clock = time.perf_counter()
    many()
    return (time.perf_counter() - clock) / n


def f1(gold: Path, docs: Path | None = None) -> dict[str, float]:
    from extract.evaluate import as_dict, evaluate

    return {t: round(s["strict_f1"], 3) for t, s in as_dict(evaluate(gold, docs)).items()}


def stage_line(summary) -> str:
    order = ["ingest", "plan", "prefilter", "nlp", "time", "extract", "load", "refine"]
    s = summary.stage_seconds
    return "  ".join(f"{k} {s[k]:.1f}s" for k in order if k in s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000], help="corpus sizes (default 1000 5000)")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes (default 2)")
    parser.add_argument("--workdir", type=Path, default=None, help="where corpora and databases go (default: a temp dir)")
    args = parser.parse_args()
    from benchmarks.make_corpus import write_corpus

    work = args.workdir or Path(tempfile.mkdtemp(prefix="events-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}")
    print(f"work dir: {work}")

    clock = time.perf_counter()
    run_flow(ROOT / "seeds", work / "warmup.duckdb", workers=1)  # starts Prefect's temporary server
    print(f"Prefect temporary server start + first flow on the seeds: {time.perf_counter() - clock:.1f}s")
    task_cost = prefect_task_cost()
    print(f"Prefect cost per task run: {task_cost * 1000:.0f} ms")

    results = {}
    for n in args.sizes:
        corpus = work / f"corpus-{n}"
        if not corpus.exists():
            words = write_corpus(n, corpus)
        words = sum(len(p.read_text("utf-8").split()) for p in corpus.glob("*.txt"))
        db = work / f"bench-{n}.duckdb"
        for stale in (db, db.with_suffix(".duckdb.wal"), db.with_suffix(".duckdb.lock")):
            stale.unlink(missing_ok=True)
        wall, summary, rss = run_flow(corpus, db, args.workers)
        rerun_wall, rerun, rerun_rss = run_flow(corpus, db, args.workers)
        tasks = 4 + 2 * -(-n // 100)  # record-run x2, ingest, plan; an extract and a load per batch
        overhead = tasks * task_cost
        results[n] = dict(wall=wall, words=words, rss=rss, rerun=rerun_wall, summary=summary)
        print(f"\n{n} articles, {words:,} words, {args.workers} workers: {wall:.1f}s, "
              f"{n / wall:.1f} articles/s, {words / wall:,.0f} words/s, peak RSS {rss:.0f} MB")
        print(f"  stages (seconds; nlp/time/extract summed over workers): {stage_line(summary)}")
        print(f"  extraction wall {summary.stage_seconds.get('extract_wall', 0):.1f}s; the pre-filter left "
              f"{summary.chars_parsed / max(summary.chars_read, 1):.0%} of the text for spaCy; "
              f"{summary.events_loaded} events")
        print(f"  Prefect overhead: ~{overhead:.1f}s ({tasks} task runs x {task_cost * 1000:.0f} ms), "
              f"{overhead / wall:.1%} of the run")
        print(f"  re-run over the unchanged corpus: {rerun_wall:.2f}s = {rerun_wall / wall:.1%} of the first run "
              f"({rerun.documents_skipped} unchanged, {rerun.documents_loaded} loaded), peak RSS {rerun_rss:.0f} MB")

    largest = max(args.sizes)
    corpus = work / f"corpus-{largest}"
    one_db = work / f"bench-{largest}-one-worker.duckdb"
    one_db.unlink(missing_ok=True)
    one_wall, one, one_rss = run_flow(corpus, one_db, workers=1)
    two = results[largest]["summary"]
    scaling = one.stage_seconds["extract_wall"] / two.stage_seconds["extract_wall"]
    print(f"\n{largest} articles with 1 worker: {one_wall:.1f}s; extraction stage {one.stage_seconds['extract_wall']:.1f}s "
          f"vs {two.stage_seconds['extract_wall']:.1f}s with {args.workers}: {scaling:.2f}x")

    naive_wall, naive_words = naive(corpus)
    ours = results[largest]
    speedup = (ours["words"] / ours["wall"]) / (naive_words / naive_wall)
    print(f"naive baseline (full spaCy pipeline, whole documents, one process): {naive_wall:.1f}s, "
          f"{naive_words / naive_wall:,.0f} words/s; the flow end to end: {ours['words'] / ours['wall']:,.0f} words/s "
          f"= {speedup:.2f}x")

    from benchmarks.long_documents import one_line_article, report, report_one_line, rules_cost

    print()
    long_rows = rules_cost([250, 1000, 4000])
    report(long_rows)
    report_one_line(*one_line_article())

    seeds = f1(ROOT / "tests" / "gold" / "seeds.jsonl", ROOT / "seeds")
    composed = f1(ROOT / "tests" / "gold" / "composed")
    print(f"eval strict F1, seeds: {seeds}")
    print(f"eval strict F1, composed: {composed}")
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps({
        "speedup_vs_naive": round(speedup, 2),
        "two_worker_scaling": round(scaling, 2),
        "rerun_fraction": round(ours["rerun"] / ours["wall"], 4),
        "peak_rss_mb": round(max(r["rss"] for r in results.values()), 1),
        "f1_seeds_strict": round(sum(seeds.values()) / len(seeds), 3),
        "rules_ms_per_sentence": {n: round(sec / n * 1000, 2) for n, sec, _ in long_rows},
    }))


if __name__ == "__main__":
    main()
