"""What a plan may ask of ``fit()`` beyond architecture: stop at the target, prune, warm-start.

Why these three: the cost of reaching a target is the epochs trained, and most of them are
wasted in three ways — epochs after the target was already reached, epochs on a curve that
stopped improving, and epochs re-learning what the parent trial had already learnt. A plan
asks for each explicitly (``stop_at``, ``prune_patience``, ``warm_start``), so the ladder
keeps its original behaviour and the benchmark can measure what each saves.

Weights are handed from trial to trial as ``layer_weights.npz`` (one array per layer weight,
keyed ``<layer name>/<index>``) next to each fit's checkpoint: copying by layer name and
shape works across architectures that share layers, which ``load_weights`` does not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from pipeline_lib.runtime.context import TrialContext
from pipeline_lib.store import trial_path
from pipeline_lib.tuning.objective import judged_key

__all__ = ["LOSS_PROGRESS", "WEIGHTS_FILE", "control_callbacks", "ensure_built", "save_layer_weights",
           "warm_start"]

LOSS_PROGRESS = 0.01
"""A loss at least 1 % below its best so far counts as progress (see ``Controls``)."""

WEIGHTS_FILE = "layer_weights.npz"
"""Per-layer weights written after every finished ``fit()``, read by a warm start."""


def control_callbacks(ctx: TrialContext) -> list[Any]:
    """Keras callbacks for the plan's ``stop_at`` and ``prune_patience`` (none when unset)."""
    import keras

    stop_at = ctx.plan.get("stop_at")
    patience = ctx.plan.get("prune_patience")
    if stop_at is None and patience is None:
        return []

    class Controls(keras.callbacks.Callback):
        """Stops the fit at the target, or once neither the metric nor the loss improves.

        The loss counts as progress too: accuracy is a step function, and a small network on
        a small data set can sit at the majority class for several epochs while its loss
        falls steadily towards the point where accuracy jumps.
        """

        def __init__(self) -> None:
            super().__init__()
            self.best = -np.inf
            self.best_loss = np.inf
            self.stale = 0

        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            logs = logs or {}
            key = judged_key(logs)
            if key is None:
                return
            value = float(logs[key])
            if stop_at is not None and value >= float(stop_at):
                self.model.stop_training = True
                ctx.stopped_early = f"{key} {value:.4f} reached the target {float(stop_at):.2f} at epoch {epoch + 1}"
                print(f"  trial {ctx.number}: target reached at epoch {epoch + 1}, stopping this fit", flush=True)
                return
            loss = float(logs.get("val_loss", logs.get("loss", np.inf)))
            improved = value > self.best + 1e-4 or loss < self.best_loss * (1 - LOSS_PROGRESS)
            self.best, self.best_loss = max(self.best, value), min(self.best_loss, loss)
            self.stale = 0 if improved else self.stale + 1
            if patience is not None and self.stale >= int(patience):
                self.model.stop_training = True
                ctx.stopped_early = (f"neither {key} (best {self.best:.4f}) nor the loss improved for {self.stale} "
                                     f"epochs: pruned at epoch {epoch + 1}")
                print(f"  trial {ctx.number}: no progress for {self.stale} epochs, pruned", flush=True)

    return [Controls()]


def ensure_built(model: Any, x: Any) -> bool:
    """Build ``model`` for the shape of ``fit()``'s input ``x`` if it is not built yet; False when it can't be.

    Why: a Sequential without an ``Input`` (``Embedding`` first, say) is built by Keras on its
    first batch, but the checkpoint callback, a warm start and a restored fit need the weights
    before that. ``x`` without a shape (a dataset, a generator) leaves the model as it is.
    """
    if model.built:
        return True
    shape = getattr(x, "shape", None)
    if shape is None:
        return False
    model.build((None, *shape[1:]))
    return True


def save_layer_weights(model: Any, fit_dir: Path) -> None:
    """Write every layer's weights by name, for the next trial's warm start."""
    arrays: dict[str, Any] = {f"{layer.name}/{i}": np.asarray(w) for layer in model.layers
                              for i, w in enumerate(layer.get_weights())}
    with open(fit_dir / WEIGHTS_FILE, "wb") as handle:
        np.savez(handle, **arrays)


def _parent_weights(ctx: TrialContext, parent: int) -> Path | None:
    """The last fit's weights file of trial ``parent`` (sibling folder of this trial)."""
    fits = trial_path(ctx.trial_dir.parent.parent, parent) / "fits"
    found = sorted(fits.glob(f"fit-*/{WEIGHTS_FILE}"), key=lambda p: int(p.parent.name.split("-")[1]))
    return found[-1] if found else None


def warm_start(model: Any, ctx: TrialContext, x: Any) -> str | None:
    """Copy the parent trial's weights into every layer with the same name and shapes.

    Returns a sentence for the trial's warnings/log, or None when the plan asks for no warm
    start. Layers that are new or changed shape keep their fresh initialisation, so a
    mutated network starts from what its parent learnt wherever that still fits.
    """
    parent = ctx.plan.get("warm_start")
    if parent is None:
        return None
    source = _parent_weights(ctx, int(parent))
    if source is None:
        return f"warm start skipped: trial {parent} left no weights"
    if not ensure_built(model, x):
        return "warm start skipped: the model is not built and the input shape is unknown"
    with np.load(source) as saved:
        stored = {name: saved[name] for name in saved.files}
    copied, fresh = [], []
    for layer in model.layers:
        current = layer.get_weights()
        if not current:
            continue
        old = [stored.get(f"{layer.name}/{i}") for i in range(len(current))]
        if all(o is not None and o.shape == c.shape for o, c in zip(old, current, strict=True)):
            layer.set_weights(old)
            copied.append(layer.name)
        else:
            fresh.append(layer.name)
    text = f"warm start from trial {parent}: {len(copied)} layer(s) reuse its weights"
    return text + (f"; new or reshaped: {', '.join(fresh)}" if fresh else "")
