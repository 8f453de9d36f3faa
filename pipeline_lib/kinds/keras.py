"""The Keras kinds: a dense network (``ann``) and a convolutional one (``cnn``).

Both train in the ``mlops/keras`` image with the same hooks and are recorded the same way;
they differ in how detect recognises them and in which mutations apply (``tuning`` declares
that per mutation).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from pipeline_lib.kinds.base import ModelKind, register
from pipeline_lib.store import RunRecord, TrialRecord, TrialStatus

if TYPE_CHECKING:
    from pipeline_lib.runtime.context import TrialContext
    from pipeline_lib.runtime.script import ScriptOutcome
    from pipeline_lib.store import RunStore

__all__ = ["AnnKind", "CnnKind", "KerasKind", "no_metric_error"]

def no_metric_error(loss: object, history: dict[str, list[float]]) -> str:
    """Why a trial with neither accuracy nor R² failed, and what to do.

    Reached when the script chose its own metrics and the loss is not one the pipeline knows
    (a regression loss gets R² added, see ``keras_hooks``): a custom regression loss and a
    classifier without accuracy look alike here, so the message names both fixes.
    """
    reported = ", ".join(sorted(history)) or "nothing"
    return (f"fit() reported no metric the pipeline can judge (loss={loss}; it reported {reported}). "
            "What to do: a classifier compiles with metrics=['accuracy']; a regression with "
            "metrics=[keras.metrics.R2Score()] (the target then applies to R²)")


class KerasKind(ModelKind):
    """A Keras network trained towards a target: accuracy, or R² for a regression (``tuning.objective``)."""

    image_name = "keras"
    family = "keras"
    label = "Keras network"
    precedence = 1  # neither model trained: the network is the bigger model, KMeans a helper

    def prepare_process(self) -> None:
        from pipeline_lib.runtime import keras2, keras_hooks

        keras_hooks.install()
        keras2.install()  # Keras 2 spellings (np_utils, lr=, fit_generator, ...) run as their Keras 3 names

    def before_trial(self) -> None:
        """A fresh graph per trial: the worker runs every trial in one process."""
        import keras

        keras.backend.clear_session()
        gc.collect()

    def seed(self, seed: int) -> None:
        """Keras seeds python, numpy and the backend at once."""
        import keras

        keras.utils.set_random_seed(seed)

    def finish_trial(self, store: RunStore, run: RunRecord, ctx: TrialContext,
                     outcome: ScriptOutcome | None, trial: TrialRecord) -> None:
        """The metric of the last ``fit()``, its curve, and the saved model."""
        from pipeline_lib.runtime.keras_hooks import pick_metric

        assert outcome is not None  # a Keras trial always runs the script
        t = trial
        where = f" at {outcome.location}" if outcome.location else ""
        if not ctx.fits:
            t.status = TrialStatus.FAILED
            t.error = (f"{outcome.summary}{where}" if outcome.error
                       else "the script finished without calling fit(): nothing was trained")
            return
        t.fit_seconds += sum(f.seconds for f in ctx.fits)
        t.architecture = ctx.architecture
        t.params = ctx.architecture.get("params")
        chosen = pick_metric(ctx.fits[-1].history)
        if chosen is None:
            t.status = TrialStatus.FAILED
            t.error = no_metric_error(ctx.architecture.get("loss"), ctx.fits[-1].history)
            return
        t.metric, t.value, t.metric_reason = chosen
        t.curve = {k: [round(float(v), 6) for v in values] for k, values in ctx.fits[-1].history.items()}
        if ctx.epoch_seconds:
            t.curve["epoch_seconds"] = [round(s, 4) for s in ctx.epoch_seconds]
        t.early_stop = ctx.stopped_early
        t.status = TrialStatus.TIMED_OUT if ctx.timed_out else TrialStatus.COMPLETED
        if ctx.timed_out:
            t.error = "stopped at the trial time limit; the value is the last epoch reached"
        if outcome.error is not None:
            t.warnings.append(f"the script failed after training finished: {outcome.summary}{where}")
        if (ctx.trial_dir / "model.keras").is_file():
            t.artifacts["model"] = "model.keras"


@register
class CnnKind(KerasKind):
    """A Keras network with a convolution layer or a pretrained convolutional base."""

    name = "cnn"


@register
class AnnKind(KerasKind):
    """A Keras network without convolution (Dense and other non-conv layers)."""

    name = "ann"
