"""The richer mutation space: width, filters, dropout, batch normalisation, learning rate, batch size.

Why a module of its own: :mod:`pipeline_lib.tuning.mutations` holds the base class and the
ladder the default strategy climbs; the classes here only widen what a search strategy can pick
from. Defining them registers them in :data:`MUTATIONS` (the package imports this module), and
each declares the model ``kinds`` it suits and its ``family``, which is all a strategy reads.

Like the ladder, every class answers "can this apply, and if not, why?" from the architecture
record alone, before anything trains: a rejected step costs nothing and its reason is shown.
Layer edits reuse :func:`layer_spec` and :func:`fresh_name`, so every new entry survives
``Sequential.from_config``; the learning rate and the batch size are fit-level changes
(``edits_layers = False``) that the runtime applies in ``compile()``/``fit()``, so they also
apply to functional models.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, ClassVar

from pipeline_lib.tuning.architecture import Architecture, layer_spec
from pipeline_lib.tuning.mutations import Mutation, fresh_name, resize_layers

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DROPOUT_CLASSES",
    "AddBatchNorm",
    "AddDropout",
    "JumpLearningRate",
    "LargerBatchSize",
    "LowerLearningRate",
    "MoreFilters",
    "RaiseLearningRate",
    "SmallerBatchSize",
    "Wider",
]

DEFAULT_BATCH_SIZE = 32
"""What ``fit()`` uses when the script passes no ``batch_size`` (Keras' default)."""

DROPOUT_CLASSES = frozenset({"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
                             "AlphaDropout", "GaussianDropout"})
"""Layers that already drop activations: a Dropout is never stacked on one of them."""


def _layer_name(view: Architecture, index: int) -> str:
    return str(view.config_at(index).get("name"))


# --- width ------------------------------------------------------------------------------------


class _DoubleLayers(Mutation):
    """Shared by the mutations that double a layer size (units or filters) up to ``cap``.

    Subclasses say which layers (:meth:`layers`), which config key, the cap and the two
    rejection reasons; checking, choosing targets and describing the change are the same.
    """

    key: ClassVar[str]
    cap: ClassVar[int]
    nothing: ClassVar[str]
    """Reason when there is no layer of the kind at all."""
    capped: ClassVar[str]
    """Reason when every such layer is at the cap (formatted with ``cap``)."""

    @abstractmethod
    def layers(self, view: Architecture) -> list[tuple[int, str]]:
        """``(layer index, label)`` of every layer of the kind this mutation grows."""

    def targets(self, view: Architecture) -> list[tuple[str, int, str]]:
        """``(config key, index, label)`` of the layers still below the cap."""
        return [(self.key, i, label) for i, label in self.layers(view) if view.size_at(i, self.key) < self.cap]

    def reason(self, view: Architecture) -> str | None:
        if not self.layers(view):
            return self.nothing
        if not self.targets(view):
            return self.capped.format(cap=self.cap)
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        return resize_layers(plan, self.targets(view), lambda old: min(self.cap, old * 2), "doubled")


class Wider(_DoubleLayers):
    """Double the units of every hidden Dense layer, capped at ``cap``.

    Why: an underfitting network that is still learning often lacks capacity more than depth,
    and widening keeps the shape of the network (and of the curve) comparable.
    """

    name = "wider"
    kinds = ("ann", "cnn")
    family = "width"
    key = "units"
    cap = 512
    nothing = "no hidden Dense layer to widen (the output layer keeps its units)"
    capped = "every hidden Dense layer is already at the cap of {cap} units"

    def layers(self, view: Architecture) -> list[tuple[int, str]]:
        return [(i, "Dense") for i in view.hidden_dense_indexes]


class MoreFilters(_DoubleLayers):
    """Double the filters of every Conv1D/Conv2D layer, capped at ``cap``."""

    name = "more_filters"
    kinds = ("cnn",)
    family = "width"
    key = "filters"
    cap = 256
    nothing = "no Conv1D/Conv2D layer whose filters could be doubled"
    capped = "every conv layer already has the cap of {cap} filters"

    def layers(self, view: Architecture) -> list[tuple[int, str]]:
        return [(i, view.class_at(i)) for i in view.conv_indexes]


# --- regularisation ---------------------------------------------------------------------------


class AddDropout(Mutation):
    """``Dropout(rate)`` after the last hidden Dense layer, else right before the output.

    Why only one: dropout on dropout multiplies the rates; when the head already drops
    activations the step is rejected rather than stacked.
    """

    name = "add_dropout"
    kinds = ("ann", "cnn")
    family = "regularise"
    rate: ClassVar[float] = 0.25

    @staticmethod
    def placement(view: Architecture) -> tuple[int, int, str]:
        """``(first index of the searched span, insertion index, where in words)``.

        The span runs from just after the anchor (last hidden Dense, else the end of the conv
        blocks) up to the output; a dropout layer in it means one is already there.
        """
        out = view.output_index
        assert out is not None
        hidden = view.hidden_dense_indexes
        if hidden:
            return hidden[-1] + 1, hidden[-1] + 1, f"after {_layer_name(view, hidden[-1])}"
        feature = view.last_feature_index
        return (0 if feature is None else feature + 1), out, "before the output"

    def reason(self, view: Architecture) -> str | None:
        out = view.output_index
        if out is None:
            return "no Dense output layer: there is no 'before the output' to put a dropout at"
        if not view.hidden_dense_indexes and not view.conv_indexes:
            return "no hidden layer: a dropout before the output would only drop raw inputs"
        start, _, where = self.placement(view)
        for i in range(start, out):
            if view.class_at(i) in DROPOUT_CLASSES:
                return (f"a {view.class_at(i)} ({_layer_name(view, i)!r}) already sits {where}: "
                        "dropout layers are not stacked")
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        _, at, where = self.placement(view)
        layer = layer_spec("Dropout", fresh_name("dropout", view.layer_names), rate=self.rate)
        plan["layers"][at:at] = [layer]
        return f"+Dropout({self.rate:g}) {where}"


class AddBatchNorm(Mutation):
    """``BatchNormalization`` after each conv layer (after each hidden Dense layer in an ANN).

    Only layers not already followed by one get it. Why after the convs only in a CNN: that
    is where normalisation speeds training most; the small Dense head is left as it is.
    """

    name = "add_batch_norm"
    kinds = ("ann", "cnn")
    family = "regularise"

    @staticmethod
    def candidates(view: Architecture) -> tuple[list[int], str]:
        """The layers that should be followed by a normalisation, and what they are in words."""
        if view.conv_indexes:
            return view.conv_indexes, "conv layer"
        return view.hidden_dense_indexes, "hidden Dense layer"

    def targets(self, view: Architecture) -> list[int]:
        """Candidates whose next layer is not a BatchNormalization yet."""
        found, _ = self.candidates(view)
        return [i for i in found if i + 1 >= len(view.layers) or view.class_at(i + 1) != "BatchNormalization"]

    def reason(self, view: Architecture) -> str | None:
        found, what = self.candidates(view)
        if not found:
            return "no conv or hidden Dense layer to follow with a BatchNormalization"
        if not self.targets(view):
            return f"every {what} is already followed by BatchNormalization"
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        taken = view.layer_names
        targets = self.targets(view)
        new: dict[int, dict[str, Any]] = {}
        for i in targets:
            extra = {"axis": 1} if view.config_at(i).get("data_format") == "channels_first" else {}
            new[i] = layer_spec("BatchNormalization", fresh_name("batch_normalization", taken), **extra)
        for i in sorted(new, reverse=True):  # from the back, so earlier indexes stay valid
            plan["layers"][i + 1:i + 1] = [new[i]]
        return "+BatchNormalization after " + ", ".join(_layer_name(view, i) for i in targets)


# --- optimiser: learning rate and batch size ---------------------------------------------------


class _ScaleLearningRate(Mutation):
    """Multiply the optimizer's learning rate by ``factor``, within ``[low, high]``.

    The runtime's ``compile()`` hook sets the plan's rate on the optimizer the script passes,
    keeping its class, loss and metrics. A schedule is never replaced by a constant.
    """

    edits_layers = False
    kinds = ("ann", "cnn", "rnn")
    family = "optimiser"
    factor: ClassVar[float]
    """What the current rate is multiplied by (above 1 raises it, below 1 lowers it)."""
    low: ClassVar[float] = 1e-5
    high: ClassVar[float] = 1.0

    @staticmethod
    def current(view: Architecture) -> float | None:
        value = view.data.get("learning_rate")
        return float(value) if isinstance(value, (int, float)) and value > 0 else None

    def rate_or_reason(self, view: Architecture) -> tuple[float | None, str | None]:
        """The recorded rate, or why no rate step can apply (a schedule, or no rate recorded)."""
        schedule = view.data.get("learning_rate_schedule")
        if schedule:
            return None, f"learning-rate schedule ({schedule}): not changed"
        rate = self.current(view)
        return (rate, None) if rate is not None else (None, "the optimizer's learning rate was not recorded")

    def reason(self, view: Architecture) -> str | None:
        rate, why = self.rate_or_reason(view)
        if rate is None:
            return why
        if self.factor > 1 and rate >= self.high:
            return f"learning rate {rate:g} is already at the upper bound of {self.high:g}"
        if self.factor < 1 and rate <= self.low:
            return f"learning rate {rate:g} is already at the lower bound of {self.low:g}"
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        old = self.current(view)
        assert old is not None
        new = min(self.high, max(self.low, float(f"{old * self.factor:.4g}")))
        plan["learning_rate"] = new
        return f"learning rate {old:g}→{new:g}"


class RaiseLearningRate(_ScaleLearningRate):
    """Learning rate × 3: a loss that falls too slowly (or sits on a plateau) may need bigger steps."""

    name = "raise_learning_rate"
    factor = 3.0


class JumpLearningRate(_ScaleLearningRate):
    """Learning rate × 10, only while that stays at or under 0.3: one bold step instead of three timid ones.

    Why: a script that starts with a tiny rate (SGD at 0.001) needs ×30-×100; raising ×3 per
    trial pays a whole trial for each factor of three. If the jump overshoots, the child
    stops improving within a few epochs and the adaptive strategy's pruning makes that cheap.
    """

    name = "jump_learning_rate"
    factor = 10.0
    high = 0.3

    def reason(self, view: Architecture) -> str | None:
        why = super().reason(view)
        rate = self.current(view)
        if why is None and rate is not None and rate * self.factor > self.high:
            return f"learning rate {rate:g} ×10 would exceed {self.high:g}: too big a jump (raise_learning_rate: ×3)"
        return why


class LowerLearningRate(_ScaleLearningRate):
    """Learning rate ÷ 3: a curve that jumps around or diverges needs smaller steps."""

    name = "lower_learning_rate"
    factor = 1 / 3


class _ScaleBatchSize(Mutation):
    """Multiply ``fit()``'s batch size by ``factor``, within ``[low, high]`` (a fit-level change)."""

    edits_layers = False
    kinds = ("ann", "cnn", "rnn")
    family = "optimiser"
    factor: ClassVar[float]
    """What the current batch size is multiplied by."""
    low: ClassVar[int] = 8
    high: ClassVar[int] = 1024

    @staticmethod
    def current(view: Architecture) -> int:
        value = view.data.get("batch_size")
        return int(value) if isinstance(value, int) and value >= 1 else DEFAULT_BATCH_SIZE

    def reason(self, view: Architecture) -> str | None:
        if view.data.get("fit_input") == "batched":
            return "fit() gets already-batched data (a dataset or generator): Keras ignores batch_size"
        size = self.current(view)
        if self.factor > 1 and size >= self.high:
            return f"batch size {size} is already at the maximum of {self.high}"
        if self.factor < 1 and size <= self.low:
            return f"batch size {size} is already at the minimum of {self.low}"
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        old = self.current(view)
        plan["batch_size"] = min(self.high, max(self.low, int(old * self.factor)))
        return f"batch size {old}→{plan['batch_size']}"


class SmallerBatchSize(_ScaleBatchSize):
    """Halve the batch size: more, noisier updates per epoch, which often generalise better."""

    name = "smaller_batch_size"
    factor = 0.5


class LargerBatchSize(_ScaleBatchSize):
    """Double the batch size: smoother gradients and faster epochs."""

    name = "larger_batch_size"
    factor = 2.0
