"""k accuracy: ``estimate_k`` against "largest WCSS drop", Kneedle and the silhouette maximum.

Run: ``python benchmarks/k_accuracy.py`` (about 10 minutes on 2 cores; ``--quick`` for a
one-minute smoke run; ``--seeds 2 3`` for another blob grid; ``--parts noise --noise-seed-start 10``
for other structureless sets only). Prints Markdown tables on stdout and writes no file:

1. hit rate on a grid of ``make_blobs`` data sets (default 216: true k 2..10 × cluster_std
   0.5, 1, 1.5, 2 × 2, 5, 10 features × seeds 0, 1, 500 rows; k searched in 1..15), overall,
   split by whether two true centres lie closer than 2 cluster_std (then they form one
   unimodal bump, which no method can count as two), per spread, dimension and true k;
2. how often each method claims clusters in structureless data (uniform noise, one Gaussian);
3. wall seconds of ``estimate_k`` on 1,000,000 × 10 points;
4. (``--parts real``) the answer on real sets (scikit-learn's shipped ones, the R, PyPI and
   FCPS ones in ``benchmarks/k_data``) and the shapes of scikit-learn's clustering comparison
   (``benchmarks/k_sets.py``, with the accepted answers written down before any run), on the
   latest part, ``fresh-25``, by default (composed in the eighteenth session and run there once
   with main's estimator, 44/46, and once with the ``continuum`` change, 45/46; real sets of 552
   to 2,198 rows, four R simulations and the shapes at seeds 25001 to 25003). Every earlier
   part has been run and read by now (fresh-24 once with main and once with ``quorum``, in the
   eighteenth; fresh-23 once with main and once with ``majority``, in the
   seventeenth; fresh-22 once, with main, in the fifteenth; fresh-7, fresh-8 and
   fresh-9 once each, in the seventh session; fresh-10 and fresh-11 once each, in the eighth;
   fresh-12 and fresh-13 once each, in the ninth; fresh-14, fresh-15 and fresh-16 once each, in the
   eleventh; fresh-17 and fresh-18 once each, in the thirteenth; fresh-19, fresh-20 and fresh-21
   once each, in the fourteenth; each with main's estimator and with a change), so the next change
   needs a new part, composed after its rule (``benchmarks/RESULTS.md``) is committed and read only
   after its code is; ``--real-part all`` runs every part.

All four methods read the *same* KMeans sweep (``KEstimate.scores``: WCSS and silhouette
per k), so they differ only in how they pick k. A ``None`` from ``estimate_k`` on blobs
counts as a miss. Kneedle is implemented here from Satopää et al. 2011 ("Finding a
'Kneedle' in a Haystack"), offline, sensitivity S = 1, as ``kneed``'s default.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.k_sets import PARTS as SET_PARTS
from benchmarks.k_sets import REAL_TUNING, NamedSet, all_sets  # noqa: E402
from pipeline_lib.clusters import KEstimate, estimate_k  # noqa: E402

K_MAX = 15


@dataclass(frozen=True)
class Case:
    """One generated data set and its true k (``None``: no cluster structure)."""

    family: str
    true_k: int | None
    spread: float
    dims: int
    seed: int
    n: int


def make_data(case: Case) -> tuple[np.ndarray, float]:
    """The data of ``case`` and, for blobs, the smallest centre distance in cluster_std units."""
    from sklearn.datasets import make_blobs

    rng = np.random.default_rng(case.seed)
    if case.family == "blobs":
        x, _, centres = make_blobs(n_samples=case.n, centers=case.true_k, cluster_std=case.spread,
                                   n_features=case.dims, random_state=case.seed, return_centers=True)
        gaps = [float(np.linalg.norm(a - b)) for a, b in itertools.combinations(centres, 2)]
        return x, min(gaps) / case.spread
    if case.family == "uniform":
        return rng.uniform(size=(case.n, case.dims)), float("nan")
    if case.family == "gaussian":
        return rng.normal(size=(case.n, case.dims)), float("nan")
    if case.family == "lognormal":
        return rng.lognormal(size=(case.n, case.dims)), float("nan")
    raise ValueError(case.family)


def largest_drop(wcss: dict[int, float]) -> int:
    """The k where WCSS falls most from k-1 (the naive reading of the elbow plot)."""
    return max((k for k in wcss if k - 1 in wcss), key=lambda k: wcss[k - 1] - wcss[k])


def kneedle(wcss: dict[int, float], sensitivity: float = 1.0) -> int | None:
    """Kneedle (Satopää et al. 2011) for a convex decreasing curve; ``None`` when no knee.

    Normalise k and WCSS to [0, 1], flip WCSS so the curve is concave increasing, take the
    difference curve ``y - x``; a local maximum is the knee once the difference falls below
    ``max - S · mean(Δx)`` before the next local maximum (a local minimum resets the search).
    """
    ks = sorted(wcss)
    x = np.array(ks, dtype=float)
    y = np.array([wcss[k] for k in ks], dtype=float)
    if len(ks) < 3 or np.ptp(y) == 0:
        return None
    xn = (x - x.min()) / np.ptp(x)
    yn = 1.0 - (y - y.min()) / np.ptp(y)
    diff = yn - xn
    step = sensitivity * float(np.mean(np.diff(xn)))
    threshold, candidate, active = 0.0, 0, False
    for i in range(len(diff) - 1):  # as kneed: a local extremum may sit on a plateau
        left = diff[i - 1] if i > 0 else diff[i]
        if diff[i] >= left and diff[i] >= diff[i + 1]:
            threshold, candidate, active = float(diff[i]) - step, i, True
        if diff[i] <= left and diff[i] <= diff[i + 1]:
            threshold, active = 0.0, False
        if active and diff[i + 1] < threshold:
            return ks[candidate]
    return None


def silhouette_max(silhouette: dict[int, float]) -> int:
    return max(silhouette, key=lambda k: silhouette[k])


def _first_sweep(scores: dict[int, float]) -> dict[int, float]:
    """A criterion's scores over k = 1..K_MAX: the baselines read the sweep as first run
    (``estimate_k`` may extend it when its k lands near the top)."""
    return {k: v for k, v in scores.items() if k <= K_MAX}


BASELINES: dict[str, Callable[[KEstimate], int | None]] = {
    "largest WCSS drop": lambda e: largest_drop(_first_sweep(e.scores["wcss"])),
    "Kneedle": lambda e: kneedle(_first_sweep(e.scores["wcss"])),
    "silhouette max": lambda e: silhouette_max(_first_sweep(e.scores["silhouette"])),
}
METHODS = ["estimate_k", *BASELINES]


@dataclass(frozen=True)
class Outcome:
    """Every method's k for one case, and what ``estimate_k`` cost."""

    case: Case
    picks: dict[str, int | None]
    separation: float
    seconds: float

    def hit(self, method: str) -> bool:
        return self.picks[method] == self.case.true_k


def run_case(case: Case) -> Outcome:
    """All methods' k for one case (runs in a worker process)."""
    x, separation = make_data(case)
    estimate = estimate_k(x, k_max=K_MAX, random_state=0)
    picks: dict[str, int | None] = {"estimate_k": estimate.k}
    picks.update({name: rule(estimate) for name, rule in BASELINES.items()})
    return Outcome(case, picks, separation, estimate.seconds)


def run_all(cases: list[Case], workers: int) -> list[Outcome]:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run_case, cases, chunksize=4))


def hit_rate(rows: list[Outcome], method: str) -> str:
    hits = sum(r.hit(method) for r in rows)
    return f"{hits / len(rows):.0%} ({hits}/{len(rows)})" if rows else "-"


def table(title: str, groups: dict[str, list[Outcome]]) -> None:
    print(f"\n{title}\n")
    print("| " + " | ".join(["data sets", *METHODS]) + " |")
    print("|---|" + "---:|" * len(METHODS))
    for label, rows in groups.items():
        print("| " + " | ".join([label, *(hit_rate(rows, m) for m in METHODS)]) + " |")


def blob_grid(args: argparse.Namespace) -> list[Case]:
    return [Case("blobs", k, s, d, seed, args.n_samples)
            for k, s, d, seed in itertools.product(range(2, 11), args.spreads, args.dims, args.seeds)]


def noise_cases(args: argparse.Namespace) -> list[Case]:
    return [Case(family, None, 0.0, d, seed, args.n_samples)
            for family, d, seed in itertools.product(("uniform", "gaussian", "lognormal"), (2, 10),
                                                     range(args.noise_seed_start,
                                                           args.noise_seed_start + args.noise_seeds))]


def report_blobs(rows: list[Outcome], args: argparse.Namespace) -> None:
    blobs = [r for r in rows if r.case.family == "blobs"]
    # Two equal unit Gaussians less than 2 SD apart form one unimodal bump: no method can
    # count them as two from the data, so those sets bound every method's hit rate.
    apart = [r for r in blobs if r.separation >= 2.0]
    merged = [r for r in blobs if r.separation < 2.0]
    table(f"Hit rate (k right) on {len(blobs)} make_blobs sets, n={args.n_samples}, k searched in 1..{K_MAX}",
          {"all": blobs, "every two centres ≥ 2 std apart": apart,
           "some two centres < 2 std apart (a unimodal pair)": merged})
    table("By spread (cluster_std)", {f"std {s}": [r for r in blobs if r.case.spread == s] for s in args.spreads})
    table("By dimension", {f"{d} features": [r for r in blobs if r.case.dims == d] for d in args.dims})
    table("By true k", {f"k={k}": [r for r in blobs if r.case.true_k == k] for k in range(2, 11)})
    seconds = [r.seconds for r in blobs]
    print(f"\nestimate_k seconds per set: median {statistics.median(seconds):.2f}, max {max(seconds):.2f} "
          f"(two sets at a time on {os.cpu_count()} cores)")


def report_noise(rows: list[Outcome]) -> None:
    noise = [r for r in rows if r.case.family != "blobs"]
    print("\nStructure claimed on data without clusters (a k instead of None; lower is better)\n")
    print("| " + " | ".join(["data", *METHODS]) + " |")
    print("|---|" + "---:|" * len(METHODS))
    for family, d in itertools.product(("uniform", "gaussian", "lognormal"), (2, 10)):
        group = [r for r in noise if r.case.family == family and r.case.dims == d]
        claimed = [f"{sum(r.picks[m] is not None for r in group)}/{len(group)}" for m in METHODS]
        print(f"| {family}, {d} features | " + " | ".join(claimed) + " |")


def report_speed(rows: int) -> None:
    from sklearn.datasets import make_blobs

    load = os.getloadavg()[0]
    print(f"\nSpeed: estimate_k on {rows:,} × 10 points, one analysis at a time (1-min load average before: "
          f"{load:.1f} on {os.cpu_count()} cores; other work on the machine slows it)\n")
    print("| data | k | confidence | seconds |\n|---|---:|---:|---:|")
    x, _ = make_blobs(n_samples=rows, centers=6, n_features=10, random_state=0)
    noise = np.random.default_rng(0).uniform(size=x.shape)
    for label, data in (("make_blobs, 6 centres", x), ("uniform noise", noise)):
        started = time.perf_counter()
        estimate = estimate_k(data, k_max=K_MAX)
        print(f"| {label} | {estimate.k} | {estimate.confidence:.2f} | {time.perf_counter() - started:.1f} |")


@dataclass(frozen=True)
class RealOutcome:
    """Every method's answer on one real or shaped set, and whether each is acceptable."""

    name: str
    part: str
    accept: tuple[int | None, ...]
    picks: dict[str, int | None]
    tops: dict[str, int]
    said_non_convex: bool
    non_convex: bool
    seconds: float

    def ok(self, method: str) -> bool:
        """In the accepted answers, and never a k at the top of the method's sweep."""
        pick = self.picks[method]
        return pick in self.accept and (pick is None or pick < self.tops[method])


def run_named(named: NamedSet) -> RealOutcome:
    """All methods' answers on one named set (runs in a worker process)."""
    x = named.load()
    estimate = estimate_k(x, k_max=K_MAX, random_state=0)
    picks: dict[str, int | None] = {"estimate_k": estimate.k}
    picks.update({name: rule(estimate) for name, rule in BASELINES.items()})
    tops = {m: K_MAX for m in METHODS}
    tops["estimate_k"] = max(estimate.scores["wcss"])
    said = bool(getattr(estimate, "non_convex", False))
    return RealOutcome(named.name, named.part, named.accept, picks, tops, said, named.non_convex,
                       estimate.seconds)


def answer(k: int | None) -> str:
    """An answer as the tables print it (``None``: none)."""
    return "none" if k is None else str(k)


def report_real(parts: list[str], workers: int) -> None:
    """The real/shaped table of each part asked for: each method's answer, ✓ when acceptable."""
    sets = [s for s in all_sets() if "all" in parts or s.part in parts]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        rows = list(pool.map(run_named, sets))
    for group in SET_PARTS:
        chosen = [r for r in rows if r.part == group]
        if not chosen:
            continue
        print(f"\nReal and shaped sets, {group} part (k searched in 1..{K_MAX}; ✓ acceptable, a k at the top of "
              f"the sweep never is; scikit-learn sets tuned on: {', '.join(REAL_TUNING)})\n")
        print("| data set | acceptable | " + " | ".join(METHODS) + " | non-convex said | seconds |")
        print("|---|---|" + "---:|" * len(METHODS) + "---|---:|")
        for r in chosen:
            cells = [f"{answer(r.picks[m])} {'✓' if r.ok(m) else '✗'}" for m in METHODS]
            said = ("yes" if r.said_non_convex else "no") + (" (is)" if r.non_convex else "")
            print(f"| {r.name} | {', '.join(answer(a) for a in r.accept)} | " + " | ".join(cells)
                  + f" | {said} | {r.seconds:.1f} |")
        totals = [f"{sum(r.ok(m) for r in chosen)}/{len(chosen)}" for m in METHODS]
        nc = [r for r in chosen if r.non_convex]
        print(f"| **acceptable** | | " + " | ".join(totals)
              + f" | {sum(r.said_non_convex for r in nc)}/{len(nc)} said; "
                f"{sum(r.said_non_convex for r in chosen if not r.non_convex)} false | |")


PARTS = ("blobs", "noise", "speed", "real")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n-samples", type=int, default=500, help="rows per generated data set")
    parser.add_argument("--spreads", type=float, nargs="+", default=[0.5, 1.0, 1.5, 2.0])
    parser.add_argument("--dims", type=int, nargs="+", default=[2, 5, 10])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    parser.add_argument("--noise-seeds", type=int, default=10, help="seeds per structureless family")
    parser.add_argument("--noise-seed-start", type=int, default=0, help="first seed of the structureless sets")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS),
                        help="what to measure (default all): the blob grid, the structureless sets, the speed")
    parser.add_argument("--real-part", nargs="+", choices=(*SET_PARTS, "all"), default=["fresh-25"],
                        help="which parts of the real/shaped sets to run (default: the twenty-fifth fresh part, the "
                             "latest; composed in the eighteenth session, run once with main's estimator and once "
                             "with the continuum change)")
    parser.add_argument("--speed-rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="a smoke run: one seed, 2 noise seeds, 100,000 rows")
    args = parser.parse_args()
    if args.quick:
        args.seeds, args.noise_seeds, args.speed_rows = [0], 2, 100_000
    print(f"Machine: {platform.machine()}, {platform.system()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"Command: python benchmarks/k_accuracy.py {' '.join(sys.argv[1:])}".rstrip())
    cases = (blob_grid(args) if "blobs" in args.parts else []) + (noise_cases(args) if "noise" in args.parts else [])
    rows = run_all(cases, args.workers)
    if "blobs" in args.parts:
        report_blobs(rows, args)
    if "noise" in args.parts:
        report_noise(rows)
    if "speed" in args.parts:
        report_speed(args.speed_rows)
    if "real" in args.parts:
        report_real(args.real_part, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
