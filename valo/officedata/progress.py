"""Progress of a long import: on a terminal, a bar (rich) with documents, documents per second and the
time left; elsewhere (a log, a scheduler) a plain line every few seconds."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

PLAIN_EVERY_SECONDS = 5.0


class ImportProgress:
    """`with ImportProgress(name, total) as show: … show(count)` (`total` may be None: no ETA)."""

    def __init__(self, name: str, total: int | None, stream: IO[str] | None = None) -> None:
        self.name, self.total = name, total
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self.started = time.monotonic()
        self.last_line = 0.0
        self.count = 0
        self._bar: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> Callable[[int], None]:
        if self.terminal:
            self._bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} documents/s"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.name, total=self.total, rate="–")
        return self.update

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.count / elapsed if elapsed > 0 else 0.0

    def update(self, count: int) -> None:
        self.count = count
        if self._bar is not None:
            self._bar.update(self._task, completed=count, rate=f"{self.rate():.0f}")
            return
        now = time.monotonic()
        if now - self.last_line >= PLAIN_EVERY_SECONDS:
            self.last_line = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        rate = self.rate()
        done = f"{self.count}" + (f"/{self.total}" if self.total else "")
        left = ""
        if self.total and rate:
            left = f", about {max(self.total - self.count, 0) / rate:.0f} s left"
        return f"{self.name}: {done} documents read ({rate:.0f}/s{left})"

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.stop()
