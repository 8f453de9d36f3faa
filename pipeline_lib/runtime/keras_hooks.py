"""Hooks on ``keras.Model.compile``/``fit``: mutations, checkpoints, metric capture.

Why patch the class instead of editing the script: the user's file is never modified, and
``tf.keras``/``keras`` name the same Keras 3 classes, so one patch catches every way a
script can build and train a model. Only the worker process calls :func:`install`.
"""

from __future__ import annotations

import inspect
import json
import shutil
import time
from pathlib import Path
from typing import Any

from pipeline_lib.console import say
from pipeline_lib.runtime import fit_controls
from pipeline_lib.runtime.context import TrialContext, current
from pipeline_lib.store import atomic_write_json
from pipeline_lib.tuning import objective

__all__ = ["describe_model", "install", "pick_metric"]

_INSTALLED = False


def pick_metric(history: dict[str, list[float]]) -> tuple[str, float, str] | None:
    """Choose the metric a trial is judged on (see :func:`pipeline_lib.tuning.objective.judged_key`).

    Returns:
        ``(key, last value, reason)`` or None when the history has neither accuracy nor R².
    """
    key = objective.judged_key({k: v for k, v in history.items() if v})
    if key is None:
        return None
    return key, float(history[key][-1]), objective.metric_reason(key)


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _learning_rate(model: Any) -> tuple[float | None, str | None]:
    """The optimizer's learning rate, or the class name of its schedule (then no single rate applies).

    Why the private ``_learning_rate``: the public property evaluates a schedule at the current
    step, which would pass a decaying rate off as a constant one. The variable is float32, so
    the value is rounded to 7 significant digits: 0.001 must read back as 0.001.
    """
    import keras

    optimizer = getattr(model, "optimizer", None)
    raw = getattr(getattr(optimizer, "inner_optimizer", optimizer), "_learning_rate", None)
    if raw is None:
        return None, None
    if isinstance(raw, keras.optimizers.schedules.LearningRateSchedule) or (
            callable(raw) and not isinstance(raw, keras.Variable)):
        return None, type(raw).__name__
    try:
        value = float(raw.numpy() if isinstance(raw, keras.Variable) else raw)
    except (TypeError, ValueError):
        return None, None
    return float(f"{value:.7g}"), None


def _fit_input(x: Any) -> str | None:
    """``"arrays"`` when ``fit()`` batches the data itself, ``"batched"`` for datasets/generators.

    Why: Keras ignores ``batch_size`` for a ``tf.data.Dataset``, a ``PyDataset`` or a generator,
    so a batch-size mutation would train the same model again.
    """
    if x is None:
        return None
    return "arrays" if hasattr(x, "shape") or isinstance(x, (list, tuple, dict)) else "batched"


def describe_model(model: Any, fit_kwargs: dict[str, Any]) -> dict[str, Any]:
    """The architecture record a strategy mutates (see ``pipeline_lib.tuning``)."""
    import keras

    sequential = isinstance(model, keras.Sequential)
    input_shape: list[Any] | None
    try:
        input_shape = list(model.input_shape[1:])
    except (AttributeError, ValueError):
        shape = getattr(fit_kwargs.get("x"), "shape", None)
        input_shape = list(shape[1:]) if shape is not None else None
    loss = getattr(model, "loss", None)
    learning_rate, schedule = _learning_rate(model)
    return _jsonable({
        "framework": "keras",
        "sequential": sequential,
        "layers": model.get_config()["layers"] if sequential else [],
        "model_class": type(model).__name__,
        "input_shape": input_shape,
        "epochs": fit_kwargs.get("epochs", 1),
        "batch_size": fit_kwargs.get("batch_size"),
        "params": int(model.count_params()),
        "loss": loss if isinstance(loss, str) else type(loss).__name__,
        "optimizer": type(getattr(model, "optimizer", None)).__name__,
        "learning_rate": learning_rate,
        "learning_rate_schedule": schedule,
        "learning_rate_planned": bool(getattr(model, "_mlops_learning_rate_planned", False)),
        "fit_input": _fit_input(fit_kwargs.get("x")),
    })


def _rebuild_in_place(model: Any, layers: list[dict[str, Any]]) -> None:
    """Replace a Sequential model's layers by the plan's (fresh weights, same object).

    The user's variable keeps pointing at the same model, so their later ``fit``/``save``
    calls act on the mutated network.
    """
    import keras

    had_input = any(spec.get("class_name") == "InputLayer" for spec in model.get_config()["layers"])
    while model.layers:
        model.pop(rebuild=False)
    for spec in layers:
        spec = {k: v for k, v in spec.items() if k != "build_config"}
        if spec.get("class_name") == "InputLayer":
            if not had_input:
                model.add(keras.Input(batch_shape=tuple(spec["config"]["batch_shape"])))
            continue
        model.add(keras.layers.deserialize(spec))


def _with_learning_rate(model: Any, optimizer: Any, rate: float, ctx: TrialContext) -> Any:
    """The user's optimizer (same class and settings) with the plan's learning rate.

    A name such as ``"adam"`` becomes a fresh instance; an instance the script built is
    changed in place. A schedule is left alone, with a warning: the plan's constant rate
    would silently replace the user's decay.
    """
    import keras

    chosen = keras.optimizers.get(optimizer)
    try:
        chosen.learning_rate = rate
    except (TypeError, AttributeError):
        ctx.warnings.append(f"the plan's learning rate {rate:g} was not applied: "
                            f"the optimizer uses a learning-rate schedule")
        return optimizer
    model._mlops_learning_rate_planned = True
    return chosen


class _Progress:
    """Keras callback factory; built lazily so this module imports without Keras."""

    @staticmethod
    def make(ctx: TrialContext, fit_index: int, epochs: int) -> Any:
        import keras

        previous = ctx.resumed_from

        class Progress(keras.callbacks.Callback):
            def __init__(self) -> None:
                super().__init__()
                self.first = True
                self.t0 = time.perf_counter()

            def on_epoch_begin(self, epoch: int, logs: Any = None) -> None:
                if self.first and previous.get("fit") == fit_index:
                    lost = int(previous.get("epoch_started", -1)) + 1 - epoch
                    ctx.epochs_redone += max(0, lost)
                    if epoch:
                        say(f"  trial {ctx.number}: resumed from checkpoint at epoch {epoch + 1}/{epochs}")
                self.first = False
                self.t0 = time.perf_counter()
                ctx.record_progress(fit=fit_index, epoch_started=epoch)

            def on_train_begin(self, logs: Any = None) -> None:
                ctx.epoch_seconds = []

            def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
                seconds = time.perf_counter() - self.t0
                ctx.epoch_seconds.append(seconds)
                done = int(ctx.progress.get("epochs_completed", 0)) + 1
                ctx.record_progress(epochs_completed=done,
                                    fit_seconds=float(ctx.progress.get("fit_seconds", 0.0)) + seconds)
                shown = " · ".join(f"{k} {v:.4f}" for k, v in sorted((logs or {}).items())
                                   if objective.judgeable(k))
                say(f"  trial {ctx.number} · epoch {epoch + 1}/{epochs} · {shown} · {seconds:.1f}s")

            def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
                left = ctx.time_left()
                if left is not None and left <= 0 and not ctx.timed_out:
                    ctx.timed_out = True
                    self.model.stop_training = True
                    say(f"  trial {ctx.number}: time limit reached, stopping training")

        return Progress()


def _restore_finished_fit(model: Any, fit_dir: Path, kwargs: dict[str, Any], number: int) -> Any | None:
    """Reload a ``fit()`` that finished in an earlier attempt instead of training it again."""
    import keras

    record = json.loads((fit_dir / "done.json").read_text(encoding="utf-8"))
    if not fit_controls.ensure_built(model, kwargs.get("x")):
        return None
    model.load_weights(fit_dir / "weights.weights.h5")
    history = keras.callbacks.History()
    history.history = record["history"]
    history.epoch = record["epochs"]
    history.set_model(model)
    say(f"  trial {number}: fit() finished before the restart; "
          "weights reloaded, not retrained")
    return history


def _discard_checkpoint(ctx: TrialContext, fit_dir: Path, index: int, exc: OSError) -> None:
    """Both checkpoints unreadable after a restart: train this fit again from its first epoch."""
    shutil.rmtree(fit_dir / "backup", ignore_errors=True)
    if ctx.resumed_from.get("fit") == index:
        ctx.epochs_redone += int(ctx.resumed_from.get("epoch_started", -1)) + 1
    ctx.resumed_from = {}
    ctx.warnings.append(f"the checkpoint of fit {index + 1} could not be read after the restart ({exc}); "
                        "that fit was trained again from its first epoch")


def _judged_metrics(loss: Any, metrics: Any, ctx: TrialContext) -> Any:
    """The script's metrics plus the one the trial is judged on, when the script did not ask for it.

    A regression loss (MSE, MAE, Huber, ...) gets R² (``keras.metrics.R2Score``): Keras' own
    ``"accuracy"`` would compare real numbers for equality and read near 0. A classifier
    without metrics gets ``"accuracy"``. A list that already holds either is left alone.
    """
    import keras

    if objective.is_regression_loss(loss) and not isinstance(metrics, dict):  # a dict: per-output, the user's
        given = list(metrics) if isinstance(metrics, (list, tuple)) else ([metrics] if metrics else [])
        if any(isinstance(m, keras.metrics.R2Score) or m in ("r2_score", "R2Score") for m in given):
            return metrics
        ctx.warnings.append(f"the model is a regression (loss={objective.loss_name(loss)}): it is judged on R² "
                            f"(keras.metrics.R2Score, added to compile()) against the target")
        return [*given, keras.metrics.R2Score()]
    if not metrics:
        ctx.warnings.append("compile() had no metrics: 'accuracy' was added so the trial can be judged")
        return ["accuracy"]
    return metrics


def install() -> None:
    """Patch ``keras.Model.compile`` and ``keras.Model.fit`` once per process."""
    global _INSTALLED
    if _INSTALLED:
        return
    import keras

    from pipeline_lib.runtime.context import FitResult

    original_compile = keras.Model.compile
    original_fit = keras.Model.fit
    compile_sig = inspect.signature(original_compile)
    fit_sig = inspect.signature(original_fit)

    def compile(self: Any, *args: Any, **kwargs: Any) -> Any:
        ctx = current()
        if ctx is None:
            return original_compile(self, *args, **kwargs)
        bound = compile_sig.bind(self, *args, **kwargs)
        kw = {k: v for k, v in bound.arguments.items() if k not in ("self", "kwargs")}
        kw.update(bound.arguments.get("kwargs", {}))
        layers = ctx.plan.get("layers")
        if layers and isinstance(self, keras.Sequential) and not getattr(self, "_mlops_planned", False):
            _rebuild_in_place(self, layers)
            self._mlops_planned = True
        if ctx.plan.get("learning_rate") is not None:
            optimizer = kw.get("optimizer", compile_sig.parameters["optimizer"].default)
            kw["optimizer"] = _with_learning_rate(self, optimizer, float(ctx.plan["learning_rate"]), ctx)
        kw["metrics"] = _judged_metrics(kw.get("loss"), kw.get("metrics"), ctx)
        return original_compile(self, **kw)

    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        ctx = current()
        if ctx is None:
            return original_fit(self, *args, **kwargs)
        bound = fit_sig.bind(self, *args, **kwargs)
        bound.apply_defaults()
        kw = {k: v for k, v in bound.arguments.items() if k not in ("self", "kwargs")}
        kw.update(bound.arguments.get("kwargs", {}))
        index = ctx.fit_index
        ctx.fit_index += 1
        fit_dir = ctx.fit_dir(index)
        if (fit_dir / "done.json").is_file():
            restored = _restore_finished_fit(self, fit_dir, kw, ctx.number)
            if restored is not None:
                # Counted as a fit (a trial killed right after its last fit would have none), with 0 s:
                # its seconds are already in the previous attempt's progress.
                ctx.fits.append(FitResult(history=restored.history, epochs=list(restored.epoch), seconds=0.0))
                ctx.architecture = describe_model(self, kw)
                return restored
        for key in ("epochs", "batch_size"):
            if key in ctx.plan:
                kw[key] = ctx.plan[key]
        epochs = int(kw.get("epochs") or 1)
        user_callbacks = [*(kw.get("callbacks") or []), *fit_controls.control_callbacks(ctx)]
        kw["verbose"] = 0
        fit_controls.ensure_built(self, kw.get("x"))  # the checkpoint callback needs the weights up front
        if index == 0 and not (fit_dir / "backup").exists():  # a checkpoint, when present, wins
            note = fit_controls.warm_start(self, ctx, kw.get("x"))
            if note:
                ctx.warnings.append(note)
                say(f"  trial {ctx.number}: {note}")

        def train() -> Any:
            # double_checkpoint: a kill while the checkpoint is written leaves the previous one to resume from.
            backup = keras.callbacks.BackupAndRestore(str(fit_dir / "backup"), double_checkpoint=True)
            kw["callbacks"] = [backup, *user_callbacks, _Progress.make(ctx, index, epochs)]
            return original_fit(self, **kw)

        started = time.perf_counter()
        try:
            history = train()
        except OSError as exc:
            if ctx.attempt == 1 or ctx.progress.get("epochs_completed") or not (fit_dir / "backup").exists():
                raise
            _discard_checkpoint(ctx, fit_dir, index, exc)
            history = train()
        except ValueError as exc:
            if "R2Score" not in str(exc):
                raise
            raise ValueError(f"the regression's output does not match its target ({exc}); the last layer needs one "
                             "unit per target value, e.g. Dense(1) for one number, with no softmax") from exc
        seconds = time.perf_counter() - started
        ctx.fits.append(FitResult(history=_jsonable(history.history), epochs=list(history.epoch),
                                  seconds=seconds))
        ctx.architecture = describe_model(self, kw)
        self.save_weights(fit_dir / "weights.weights.h5")
        fit_controls.save_layer_weights(self, fit_dir)
        atomic_write_json(fit_dir / "done.json", {"history": ctx.fits[-1].history,
                                                   "epochs": ctx.fits[-1].epochs, "seconds": seconds})
        try:
            self.save(ctx.trial_dir / "model.keras")
        except Exception as exc:  # a custom layer without get_config must not lose the trial
            ctx.warnings.append(f"model could not be saved as .keras: {exc}")
        return history

    keras.Model.compile = compile
    keras.Model.fit = fit
    _INSTALLED = True
