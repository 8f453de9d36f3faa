"""``mlops clusters FILE``: how many KMeans clusters does this matrix hold, and why.

Registered by the main CLI through :func:`add_commands`. Nothing heavy is imported until the
command runs, so building the ``mlops`` parser stays cheap for every other command.

Exit status: 0 when the analysis ran (whether or not a k was found), 2 for bad input: an
unreadable or non-numeric file, ``--k-max`` below 2, or scikit-learn not installed (each a
``UserInputError``, which ``mlops`` prints and maps to its exit code).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from pipeline_lib.console import say

if TYPE_CHECKING:
    from pipeline_lib.clusters.estimate import KEstimate

__all__ = ["add_commands", "cmd_clusters", "format_report"]


def add_commands(subparsers: Any) -> None:
    """Add ``clusters FILE [--k-max 15] [--json] [--seed N]`` to the ``mlops`` subcommands."""
    parser = subparsers.add_parser(
        "clusters", help="estimate the number of KMeans clusters in a .npy or .csv matrix",
        description="Estimate k for KMeans from several criteria (WCSS knee, silhouette, Calinski-Harabasz, "
                    "gap statistic, BIC, G-means), or report that the data show no clear cluster structure.")
    parser.add_argument("file", help="a .npy array or .csv table, rows = samples, columns = numeric features")
    parser.add_argument("--k-max", type=int, default=15, help="largest k considered (default 15)")
    parser.add_argument("--json", action="store_true", help="print a JSON object (k, confidence, reasons, scores)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample, references and KMeans fits")
    parser.set_defaults(func=cmd_clusters)


def cmd_clusters(args: argparse.Namespace) -> int:
    """Load ``args.file``, estimate k, print the verdict; 0 whenever the analysis ran."""
    from pipeline_lib.clusters.estimate import estimate_k
    from pipeline_lib.clusters.io import load_matrix

    x = load_matrix(args.file)
    _require_scikit_learn()
    estimate = estimate_k(x, k_max=args.k_max, random_state=args.seed)
    if args.json:
        say(json.dumps({"file": str(args.file), "features": int(x.shape[1]), **estimate.to_dict()}, indent=2))
    else:
        say(format_report(estimate, f"{args.file}: {x.shape[0]:,} rows × {x.shape[1]} features"))
    return 0


def _require_scikit_learn() -> None:
    """scikit-learn is an optional extra; without it, say how to install it instead of a traceback."""
    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        from pipeline_lib.errors import UserInputError

        raise UserInputError("mlops clusters needs scikit-learn (KMeans), which is not installed",
                             hint="pip install 'mlops-pipeline[sklearn]'")


def format_report(estimate: KEstimate, title: str) -> str:
    """The short human report: the verdict, then one line per piece of evidence."""
    verdict = (f"k = {estimate.k}" if estimate.k is not None else "no clear cluster structure (k = none)")
    lines = [title, f"{verdict}   confidence {estimate.confidence:.2f}", "evidence:"]
    lines += [f"  - {reason}" for reason in estimate.reasons]
    lines.append(f"analysed {estimate.sampled_rows:,} of {estimate.rows:,} rows in {estimate.seconds:.1f} s")
    return "\n".join(lines)
