"""How small the smallest cluster of each claimed k is, and whether small ones go with wrong answers.

Run: ``python benchmarks/k_partition_sizes.py --real-part fresh-11 fresh-10 ...`` (every part by
default but the latest, kept out so that a part composed and not yet run stays unspoilt: fresh-14, fresh-15 and
fresh-16 were run once each in the eleventh session, fresh-17 and fresh-18 once each in the thirteenth and fresh-19,
fresh-20 and fresh-21 once each in the fourteenth (each with main's estimator and with a change) and are now in the
default, and so are fresh-22, run once with main in the fifteenth, and fresh-23, run once with main and once with a
change in the seventeenth, and fresh-24, run once with main and once with a change in the eighteenth; fresh-25, composed
in the eighteenth and run there once with main and once with a change, is left out by default as the latest part
(the default is every part of ``PARTS`` but the last, so that a part composed next and not yet run stays unspoilt);
about 20 minutes on 2 cores for all of the others).
Prints a Markdown table on stdout: for thresholds of the smallest cluster's share of the rows,
how many claimed k's fall under it and how many of those are right, then the claims with the
smallest clusters.

Why: in fresh-11 both false claims on structureless real data (GAGurine, Transact) fitted a
partition with a cluster of 3 or 4 rows, outliers paid for as a cluster. A rule that acts on
that must first be measured on the seen parts (this script) and then judged on a part that
nobody has run (fresh-12, then fresh-13; the change built on it, the ``outliers`` branch, changed
no row of either, see ``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.k_accuracy import answer  # noqa: E402
from benchmarks.k_sets import PARTS, NamedSet, all_sets  # noqa: E402
from pipeline_lib.clusters import estimate_k  # noqa: E402

THRESHOLDS = (0.01, 0.02, 0.03, 0.05)
"""Shares of the rows below which the smallest cluster is counted."""


@dataclass(frozen=True)
class Claim:
    """One set on which ``estimate_k`` claimed a k, with its smallest fitted cluster."""

    part: str
    name: str
    accept: tuple[int | None, ...]
    k: int
    rows: int
    smallest: int

    @property
    def share(self) -> float:
        return self.smallest / self.rows

    @property
    def right(self) -> bool:
        return self.k in self.accept


def _claim(named: NamedSet) -> Claim | None:
    """The claim on one set, or ``None`` when no k is claimed (runs in a worker process)."""
    warnings.filterwarnings("ignore")
    estimate = estimate_k(named.load())
    if estimate.k is None or not estimate.sizes:
        return None
    return Claim(named.part, named.name, named.accept, estimate.k, estimate.rows, min(estimate.sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real-part", nargs="+", choices=PARTS, default=list(PARTS[:-1]))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sets = [s for s in all_sets() if s.part in args.real_part]
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        claims = [c for c in pool.map(_claim, sets, chunksize=4) if c is not None]
    print(f"Parts: {' '.join(args.real_part)}; {len(sets)} sets, {len(claims)} with a k claimed\n")
    print("| smallest cluster under | claims | right | wrong |\n|---|---:|---:|---:|")
    for threshold in THRESHOLDS:
        under = [c for c in claims if c.share < threshold]
        right = sum(c.right for c in under)
        print(f"| {threshold:.0%} of the rows | {len(under)} | {right} | {len(under) - right} |")
    print("\n| share | smallest / rows | part | k | accepted | right | set |\n|---:|---:|---|---:|---|---|---|")
    for c in sorted(claims, key=lambda c: c.share)[:20]:
        accepted = ", ".join(answer(a) for a in c.accept)
        print(f"| {c.share:.3f} | {c.smallest}/{c.rows} | {c.part} | {c.k} | {accepted} | "
              f"{'yes' if c.right else 'no'} | {c.name} |")


if __name__ == "__main__":
    main()
