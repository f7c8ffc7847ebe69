"""Throughput of ``legacy2xbrl batch``: the dev filings, N copies each, with 1 and 2 workers.

Prints filings per second, the speed-up, the median and slowest time per filing and the peak
memory (this process, and the largest worker process). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_batch.py                     # ../shared/eval/dev, 3 copies each
    .venv/bin/python bench/bench_batch.py filings/*.txt --copies 5 --jobs 1 2 4 --no-validate
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from converter.batch import BatchSettings, Record, run_batch
from converter.settings import Options

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"


def copies(files: list[Path], n: int, folder: Path) -> list[Path]:
    """``n`` copies of each file under distinct names, so each is converted (not resumed)."""
    folder.mkdir(parents=True)
    made = []
    for i in range(n):
        for path in files:
            target = folder / f"{path.stem}-{i}{path.suffix}"
            shutil.copyfile(path, target)
            made.append(target)
    return made


def measure(inputs: list[Path], outdir: Path, jobs: int, validate: bool) -> tuple[float, list[Record]]:
    started = time.perf_counter()
    records = run_batch(inputs, BatchSettings(outdir, Options(validate=validate), jobs=jobs), stream=io.StringIO())
    return time.perf_counter() - started, records


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="filings (default: *.txt and *.htm in ../shared/eval/dev)")
    parser.add_argument("--copies", type=int, default=3, help="copies of each filing (default 3)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to compare (default 1 2)")
    parser.add_argument("--no-validate", action="store_true", help="skip Arelle (measures conversion alone)")
    args = parser.parse_args(argv)
    files = args.files or sorted([*DEV.glob("*.txt"), *DEV.glob("*.htm")])
    if not files:
        print(f"no filings given and none in {DEV}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        inputs = copies(files, args.copies, Path(tmp) / "in")
        print(f"{len(inputs)} filings ({len(files)} x {args.copies} copies), "
              f"{'not ' if args.no_validate else ''}validated; {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f} (other work skews the speed-up)")
        rates = {}
        for jobs in args.jobs:
            seconds, records = measure(inputs, Path(tmp) / f"out-{jobs}", jobs, not args.no_validate)
            per_filing = [r.seconds for r in records]
            rates[jobs] = len(records) / seconds
            statuses = ", ".join(f"{n} {status}" for status, n in sorted(Counter(r.status for r in records).items()))
            print(f"jobs={jobs}: {rates[jobs]:.2f} filings/s ({seconds:.1f} s wall), per filing: median "
                  f"{statistics.median(per_filing):.2f} s, slowest {max(per_filing):.2f} s; {statuses}")
        base = rates[args.jobs[0]]
        for jobs in args.jobs[1:]:
            print(f"speed-up jobs={jobs} vs jobs={args.jobs[0]}: {rates[jobs] / base:.2f}x")
    print(f"peak memory: this process {peak_mb(resource.RUSAGE_SELF):.0f} MB, "
          f"largest worker {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
