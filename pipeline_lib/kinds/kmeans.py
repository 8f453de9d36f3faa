"""The KMeans kind: scikit-learn clustering, whose "target" is a k the data support.

KMeans has no accuracy: the baseline runs the script and captures its ``fit`` (data, the user's k
and the fitted model), then asks :func:`pipeline_lib.clusters.estimate_k` (the one k-chooser, also
behind ``mlops clusters``) how many clusters the data hold, and draws the WCSS curve with every
criterion's vote. When the estimate differs from the user's k, the next trial refits that k
without running the script again.

The run's outcome: a k was chosen (the user's, or the refit's) → ``target_met``, exit 0; the data
show **no clear cluster structure** (or non-convex shapes KMeans cannot separate) → the user's k
is kept as the model and the run ends ``budget_spent``, exit 3 (Jenkins: UNSTABLE): the run
worked, but its goal, a k the data support, was not reached.
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, Any

from pipeline_lib.kinds.base import ModelKind, register
from pipeline_lib.store import RunRecord, RunStatus, TrialRecord, TrialStatus

if TYPE_CHECKING:
    from pipeline_lib.clusters.estimate import KEstimate
    from pipeline_lib.runtime.context import TrialContext
    from pipeline_lib.runtime.script import ScriptOutcome
    from pipeline_lib.store import RunStore

__all__ = ["NO_STRUCTURE", "SCALE_WARNING", "SILHOUETTE_ROWS", "KMeansKind", "k_record"]

SILHOUETTE_ROWS = 10_000
"""The trial's silhouette is computed on at most this many rows (it is quadratic in rows)."""

NO_STRUCTURE = "no clear cluster structure"
"""The verdict's words when the data support no k (the report and the e-mail use them too)."""


def k_record(estimate: KEstimate, user_k: int, params: dict[str, Any], plot: str) -> dict[str, Any]:
    """What ``run.kmeans`` keeps of the estimate: JSON-ready, enough for the strategy and the report."""
    return {"user_k": int(user_k), "chosen_k": estimate.k, "confidence": round(float(estimate.confidence), 4),
            "reasons": list(estimate.reasons), "votes": dict(estimate.votes), "k_searched": estimate.k_searched,
            "non_convex": estimate.non_convex, "standardised": estimate.standardised,
            "outliers": len(estimate.outliers), "columns": [int(j) for j in estimate.columns],
            "curve": [[int(k), float(w)] for k, w in sorted(estimate.scores.get("wcss", {}).items())],
            "params": params, "plot": plot}


def _plot_title(estimate: KEstimate, user_k: int) -> str:
    scaled = " (standardised columns)" if estimate.standardised else ""
    if estimate.columns:
        scaled += f" (in columns {estimate.column_names} only)"
    if estimate.k is None:
        return f"{NO_STRUCTURE}{scaled}: the script's k = {user_k} is kept"
    voters = sum(1 for k in estimate.votes.values() if k == estimate.k)
    return (f"k = {estimate.k} chosen by {voters} of {len(estimate.votes)} criteria{scaled} "
            f"(confidence {estimate.confidence:.2f})")


SCALE_WARNING = ("the k was found on standardised columns (your features' scales differ by an order of "
                 "magnitude or more, and in raw units the data show no clear clusters); your KMeans fits raw "
                 "units, where the widest column decides: scale the features (e.g. StandardScaler) before KMeans")
"""The baseline trial's warning when :attr:`KEstimate.standardised` gave the k."""


def columns_warning(estimate: KEstimate) -> str:
    """The baseline trial's warning when the k was found in :attr:`KEstimate.columns` only."""
    names = estimate.column_names
    return (f"the k was found in column(s) {names} only (all columns together show fewer clusters or none, and only "
            f"these are multimodal on their own); your KMeans sees every column, where the others may drown the "
            f"groups: cluster on column(s) {names}")


def outlier_warning(rows: int) -> str:
    """The baseline trial's warning when the chosen k's fit has :attr:`KEstimate.outliers`."""
    return (f"the chosen k puts {rows} rows in clusters too small to be groups (the analysis names them): most "
            f"likely outlying rows counted as clusters; check them, and if they are errors, drop them and run again")


@register
class KMeansKind(ModelKind):
    """scikit-learn KMeans / MiniBatchKMeans, trained in the ``mlops/sklearn`` image."""

    name = "kmeans"
    image_name = "sklearn"
    family = "kmeans"
    label = "KMeans clustering"
    has_target = False
    met_label = "k chosen"

    def prepare_process(self) -> None:
        from pipeline_lib.runtime import sklearn_hooks

        sklearn_hooks.install()

    def runs_script(self, plan: dict[str, Any]) -> bool:
        """Only the baseline runs the script; a refit with a chosen k uses its captured data."""
        return "n_clusters" not in plan

    def finish_trial(self, store: RunStore, run: RunRecord, ctx: TrialContext,
                     outcome: ScriptOutcome | None, trial: TrialRecord) -> None:
        """Baseline: the user's fit, then the estimate of k and its plot. Later trials: the refit."""
        import numpy as np

        from pipeline_lib.clusters import estimate_k
        from pipeline_lib.clusters.knee import silhouette
        from pipeline_lib.runtime import elbow, sklearn_hooks

        t = trial
        if "n_clusters" in ctx.plan:
            x = np.load(store.trial_dir(run.id, 1) / "data.npy")
            model, seconds = sklearn_hooks.fit_final_kmeans(x, int(ctx.plan["n_clusters"]),
                                                            dict(run.kmeans.get("params") or {}))
            labels, k = model.labels_, int(ctx.plan["n_clusters"])
        else:
            data = ctx.kmeans
            if "X" not in data:
                where = f" at {outcome.location}" if outcome and outcome.location else ""
                t.status = TrialStatus.FAILED
                t.error = (f"{outcome.summary}{where}" if outcome and outcome.error
                           else str(data.get("problem") or "the script finished without fitting a KMeans model"))
                return
            x, labels, k, seconds = data["X"], data["labels"], data["user_k"], data["seconds"]
            model = data.get("model")
            np.save(ctx.trial_dir / "data.npy", x)
            matrix = x if x.ndim == 2 else x.reshape(-1, 1)
            estimate = estimate_k(matrix, k_max=run.settings.k_max, random_state=run.settings.seed)
            plot = store.run_dir(run.id) / "report" / "elbow.png"
            record = k_record(estimate, k, data["params"], "report/elbow.png")
            elbow.plot_k([(kk, w) for kk, w in record["curve"]], estimate.votes, estimate.k, k,
                         _plot_title(estimate, k), plot)
            run.kmeans = record
            if estimate.standardised and estimate.k is not None:
                t.warnings.append(SCALE_WARNING)
            if estimate.columns:  # set only with a k
                t.warnings.append(columns_warning(estimate))
            if estimate.outliers:
                t.warnings.append(outlier_warning(len(estimate.outliers)))
            if outcome and outcome.error is not None:
                t.warnings.append(f"the script failed after clustering: {outcome.summary}")
        value = silhouette(x, labels, SILHOUETTE_ROWS) if len(set(labels.tolist())) >= 2 else None
        t.metric, t.value = "silhouette", value
        t.metric_reason = "silhouette score of the clustering (KMeans has no accuracy)"
        t.fit_seconds += float(seconds)
        t.architecture = {"framework": "sklearn", "n_clusters": int(k), "n_samples": int(len(x)),
                          "n_features": int(x.shape[1]) if x.ndim > 1 else 1}
        t.status = TrialStatus.COMPLETED
        if model is not None:
            with open(ctx.trial_dir / "model.pkl", "wb") as handle:
                pickle.dump(model, handle)
            t.artifacts["model"] = "model.pkl"

    def exhausted(self, run: RunRecord) -> tuple[RunStatus, str]:
        """A chosen k was fitted (or was the script's already): the goal reached. No k: the goal missed."""
        chosen, user_k = run.kmeans.get("chosen_k"), run.kmeans.get("user_k")
        reasons = run.kmeans.get("reasons") or [""]
        if chosen is None:
            why = str(reasons[0]).removeprefix(NO_STRUCTURE).lstrip(": ")
            kept = f"the script's k={user_k} is kept as the model" if user_k is not None else "nothing refitted"
            return RunStatus.BUDGET_SPENT, f"{NO_STRUCTURE}: {kept} ({why})" if why else f"{NO_STRUCTURE}: {kept}"
        same = ", the script's own k" if chosen == user_k else ""
        return RunStatus.TARGET_MET, f"k={chosen}{same}, {str(reasons[0]).split(': ', 1)[-1]}"

    def verdict_label(self, run: RunRecord, default: str) -> str:
        if run.status is RunStatus.BUDGET_SPENT and run.kmeans and run.kmeans.get("chosen_k", 0) is None:
            return NO_STRUCTURE
        return super().verdict_label(run, default)

    def plan_sentence(self, run: RunRecord) -> str:
        return "the script's clustering, then k from the data (pipeline_lib.clusters) and a refit when it differs"

    def headline(self, run: RunRecord, label: str, metric: str, value: str, where: str) -> str:
        chosen = run.kmeans.get("chosen_k") if run.kmeans else None
        if run.kmeans and "chosen_k" in run.kmeans:
            if chosen is None:
                detail = f"the script's k={run.kmeans.get('user_k')} kept, "
            else:
                detail = f"k={chosen} (confidence {float(run.kmeans.get('confidence', 0.0)):.2f}), "
        else:
            detail = ""
        return f"{label} — {detail}{metric} {value} {where}"

    def target_fact(self, run: RunRecord, metric: str, captured: bool) -> str:
        return (f"none: KMeans takes the k the data support (gap, BIC, G-means, Calinski–Harabasz, WCSS knee, "
                f"silhouette vote; or {NO_STRUCTURE}); {metric} is reported")
