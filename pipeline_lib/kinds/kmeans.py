"""The KMeans kind: scikit-learn clustering, whose "target" is the k at the WCSS elbow.

KMeans has no accuracy: the baseline runs the script and captures its ``fit`` (data and the
user's k), computes the WCSS curve and its elbow; the next trial refits the elbow's k without
running the script again. The run ends when the strategy has nothing left ("k chosen").
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, Any

from pipeline_lib.kinds.base import ModelKind, register
from pipeline_lib.store import RunRecord, RunStatus, TrialRecord, TrialStatus

if TYPE_CHECKING:
    from pipeline_lib.runtime.context import TrialContext
    from pipeline_lib.runtime.script import ScriptOutcome
    from pipeline_lib.store import RunStore

__all__ = ["SILHOUETTE_ROWS", "KMeansKind"]

SILHOUETTE_ROWS = 10_000
"""The trial's silhouette is computed on at most this many rows (it is quadratic in rows)."""


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
        """Baseline: the user's fit + the WCSS curve and elbow. Later trials: the final fit."""
        import numpy as np

        from pipeline_lib.clusters.knee import elbow_k, silhouette
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
                           else "the script finished without fitting a KMeans model")
                return
            x, labels, k, seconds = data["X"], data["labels"], data["user_k"], data["seconds"]
            np.save(ctx.trial_dir / "data.npy", x)
            curve = elbow.wcss_curve(x, k_max=run.settings.k_max)
            chosen = elbow_k(curve)
            plot = store.run_dir(run.id) / "report" / "elbow.png"
            plot.parent.mkdir(parents=True, exist_ok=True)
            elbow.plot_elbow(curve, chosen, plot)
            run.kmeans = {"curve": [[kk, float(w)] for kk, w in curve], "elbow_k": chosen, "user_k": k,
                          "params": data["params"], "plot": "report/elbow.png"}
            model = None
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
        """The elbow's k was fitted: that is the goal reached, not a budget spent."""
        return RunStatus.TARGET_MET, f"k={run.kmeans.get('elbow_k')} chosen from the WCSS elbow"

    def plan_sentence(self, run: RunRecord) -> str:
        return "the script's clustering, then a refit with the k at the WCSS elbow"

    def headline(self, run: RunRecord, label: str, metric: str, value: str, where: str) -> str:
        elbow = f"k={run.kmeans['elbow_k']} from the WCSS elbow, " if "elbow_k" in run.kmeans else ""
        return f"{label} — {elbow}{metric} {value} {where}"

    def target_fact(self, run: RunRecord, metric: str, captured: bool) -> str:
        return f"none: KMeans picks k from the WCSS elbow; {metric} is reported"
