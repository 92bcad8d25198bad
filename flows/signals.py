"""SIGTERM and Ctrl-C stop `events run` cleanly, also inside Prefect's flow engine.

A scheduler's timeout, `kill` or a container stop sends SIGTERM. The first signal is noted, and
the run stops at the next batch boundary: the batch in progress is loaded whole, the run is
recorded as failed ("interrupted"), and Prefect stops its server and workers on the way out. A
second signal stops at once. Raising from the handler at once would land anywhere (inside a
DuckDB query, which turns it into its own error, or in a destructor, where Python drops it), and
Prefect's own SIGTERM handler, installed for the flow, can be swallowed by its task machinery.
So the flow takes SIGTERM back (`reclaim`) and asks at each boundary (`check`).
A deployment's flow run keeps Prefect's handling: its runner cancels runs through it.
"""
from __future__ import annotations

import os
import signal
import threading

received: list[int] = []
_enabled = False


def _note(signum, frame) -> None:
    if received:  # the second signal: stop now
        raise KeyboardInterrupt(f"signal {signum}")
    received.append(signum)
    os.write(2, b"stopping after the batch in progress (send the signal again to stop at once)\n")


def enable() -> None:
    """For `events run`: SIGTERM and SIGINT are noted from now on."""
    global _enabled
    _enabled = True
    signal.signal(signal.SIGTERM, _note)
    signal.signal(signal.SIGINT, _note)


def reclaim() -> None:
    """Inside the flow: take SIGTERM back from Prefect, if `events run` enabled it."""
    if _enabled and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _note)
        signal.signal(signal.SIGINT, _note)


def check() -> None:
    """At a batch boundary: stop if a signal came."""
    if received:
        raise KeyboardInterrupt(f"signal {received[0]}")
