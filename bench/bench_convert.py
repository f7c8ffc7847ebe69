#!/usr/bin/env python3
"""Conversion time per filing: reading + interpretation + rendering, and Arelle validation.

    python bench/bench_convert.py [FILE ...] [--repeat N] [--no-validate]

Defaults to the dev filings in ../shared/eval/dev. Prints one line per filing (size, tables,
facts, best-of-N seconds for conversion and for validation) and the totals. Figures only: no
thresholds, nothing asserted.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from converter.pipeline import convert, write_outputs  # noqa: E402

DEV = HERE.parent.parent / "shared" / "eval" / "dev"


def best_of(repeat: int, work) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-validate", action="store_true")
    args = parser.parse_args(argv)
    files = args.files or sorted(p for p in DEV.glob("*") if p.suffix.lower() in (".txt", ".htm", ".html"))
    print(f"{'filing':44} {'KB':>7} {'tables':>6} {'facts':>6} {'convert s':>10} {'validate s':>10}")
    total_convert = total_validate = 0.0
    for path in files:
        seconds, conversion = best_of(args.repeat, lambda path=path: convert(path))
        validate_seconds = 0.0
        if not args.no_validate:
            with tempfile.TemporaryDirectory() as out:
                validate_seconds, _ = best_of(1, lambda c=conversion, o=out: write_outputs(c, o))
        total_convert += seconds
        total_validate += validate_seconds
        print(f"{path.name[:44]:44} {path.stat().st_size / 1024:7.0f} {len(conversion.statements):6d} "
              f"{len(conversion.report.facts):6d} {seconds:10.3f} {validate_seconds:10.3f}")
    print(f"{'total':44} {'':7} {'':6} {'':6} {total_convert:10.3f} {total_validate:10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
