"""Main's answer on every stored set in a range of rows: part | set | rows | k | accepted | right, then the count.

Why: the held-out parts are run once each, but a change must also be weighed against everything seen
before (a right row made wrong anywhere is a cost). This loop is that check, with no baselines, so it
runs in minutes. Every set it reads has been seen: its figure is never evidence of how the estimator
does on new data.

    python benchmarks/k_seen.py --max-rows 199     # the small sets (602 with fresh-22)
    python benchmarks/k_seen.py --min-rows 200     # the larger ones (360 with fresh-22)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import k_sets  # noqa: E402

from pipeline_lib.clusters import estimate_k  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Print one line per set whose row count is in [--min-rows, --max-rows], then the right count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-rows", type=int, default=0)
    parser.add_argument("--max-rows", type=int, default=sys.maxsize)
    args = parser.parse_args(argv)
    right = total = 0
    for named in k_sets.all_sets():
        x = named.load()
        if not args.min_rows <= len(x) <= args.max_rows:
            continue
        started = time.perf_counter()
        k = estimate_k(x).k
        ok = k in named.accept
        right += ok
        total += 1
        accepted = ", ".join(str(a) for a in named.accept)
        print(f"{named.part} | {named.name} | {len(x)} | {k} | {accepted} | {'right' if ok else 'WRONG'} | "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    print(f"{right} of {total} right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
