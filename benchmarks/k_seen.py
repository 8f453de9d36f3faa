"""Main's answer on every stored set in a range of rows: part | set | rows | k | accepted | right, then the count.

Why: the held-out parts are run once each, but a change must also be weighed against everything seen
before (a right row made wrong anywhere is a cost). This loop is that check, with no baselines, so it
runs in minutes. Every set it reads has been seen: its figure is never evidence of how the estimator
does on new data.

    python benchmarks/k_seen.py --max-rows 199     # the small sets (612 with fresh-25)
    python benchmarks/k_seen.py --min-rows 200     # the larger ones (494 with fresh-25)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.k_accuracy import answer, run_named  # noqa: E402
from benchmarks.k_sets import all_sets  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Print one line per set whose row count is in [--min-rows, --max-rows], then the right count."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-rows", type=int, default=0)
    parser.add_argument("--max-rows", type=int, default=sys.maxsize)
    args = parser.parse_args(argv)
    right = total = 0
    for named in all_sets():
        rows = len(named.load())
        if not args.min_rows <= rows <= args.max_rows:
            continue
        outcome = run_named(named)  # the benchmark's own verdict: a k at the top of the sweep is never right
        ok = outcome.ok("estimate_k")
        right += ok
        total += 1
        accepted = ", ".join(answer(a) for a in named.accept)
        print(f"{named.part} | {named.name} | {rows} | {answer(outcome.picks['estimate_k'])} | {accepted} | "
              f"{'right' if ok else 'WRONG'} | {outcome.seconds:.1f} s", flush=True)
    print(f"{right} of {total} right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
