"""Seconds spent per extraction stage in this process (nlp, time, extract), for benchmarks.

A plain per-process counter: extraction stays free of any framework; the flow reads the
difference before and after each batch and reports it with the batch's result.
"""
from __future__ import annotations

import time
from collections import Counter
from contextlib import contextmanager
from functools import wraps
from typing import Iterator

SECONDS: Counter = Counter()


@contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        SECONDS[name] += time.perf_counter() - start


def timed(name: str):
    """Count a function's time under `name` (nested calls count once: outermost wins)."""
    def decorate(function):
        depth = 0

        @wraps(function)
        def wrapper(*args, **kwargs):
            nonlocal depth
            if depth:
                return function(*args, **kwargs)
            depth += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                depth -= 1
                SECONDS[name] += time.perf_counter() - start
        return wrapper
    return decorate


def snapshot() -> dict[str, float]:
    return dict(SECONDS)


def since(before: dict[str, float]) -> dict[str, float]:
    return {k: v - before.get(k, 0.0) for k, v in SECONDS.items() if v - before.get(k, 0.0) > 0}
