"""Progress of a batch on stderr, without a dependency: files done, rate and ETA."""
from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path


class Progress:
    """Files done, rate and ETA on ``stream``: a bar redrawn in place on a terminal, else a line per file."""

    def __init__(self, total: int, stream, clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.stream, self.clock = total, stream, clock
        self.done = 0
        self.started = clock()
        self.redraw = bool(getattr(stream, "isatty", lambda: False)())

    def update(self, record) -> None:
        """One input finished: ``record`` has input, status, facts, seconds and message."""
        self.done += 1
        if self.redraw:
            if record.status in ("failed", "invalid"):
                self.say(f"{record.status}: {record.input}: {record.message}")
            self._draw(Path(record.input).name)
            return
        self.say(f"[{self.done}/{self.total}] {record.status} {record.input} ({record.facts} facts, "
                 f"{record.seconds:.1f} s) {self._rate_and_eta()}")
        if record.status in ("failed", "invalid"):
            self.say(f"  {record.message}")

    def say(self, line: str) -> None:
        """A line of its own; on a terminal it goes above the bar."""
        clear = "\r\x1b[K" if self.redraw else ""
        self.stream.write(f"{clear}{line}\n")
        self.stream.flush()

    def _draw(self, name: str) -> None:
        width = shutil.get_terminal_size().columns - 1
        filled = 24 * self.done // max(self.total, 1)
        line = (f"{self.done}/{self.total} [{'#' * filled}{'.' * (24 - filled)}] "
                f"{self.done / max(self.total, 1):4.0%} {self._rate_and_eta()} {name}")
        self.stream.write("\r" + line[:width].ljust(width))
        self.stream.flush()

    def _rate_and_eta(self) -> str:
        elapsed = self.clock() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        eta = _clock((self.total - self.done) / rate) if rate else "?"
        return f"{rate:.2f} files/s, ETA {eta}"

    def close(self, counts: dict[str, int]) -> None:
        """The last line: how many inputs ended how, and the time taken."""
        if self.redraw and self.done:
            self.stream.write("\n")
        summary = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
        self.say(f"{sum(counts.values())} inputs: {summary or 'nothing to do'} "
                 f"in {_clock(self.clock() - self.started)}")


def _clock(seconds: float) -> str:
    return time.strftime("%H:%M:%S", time.gmtime(seconds)) if seconds < 86400 else f"{seconds / 86400:.1f} days"
