"""Architecture mutations: one small class per change a strategy may propose.

Why classes with ``check``/``apply``: a strategy must be able to ask "can this apply, and if
not, why?" before choosing, so the user sees every skipped step with its reason. ``apply``
only builds a plan (pure JSON) from the parent's architecture record; the runtime turns the
plan into a model, so nothing here imports Keras or touches the user's file.

Every plan is cumulative: it starts from :meth:`Architecture.to_plan` of the parent (which
already contains the earlier mutations) and edits that. New layers get names starting with
``mlops_`` that no existing layer uses, because ``Sequential.from_config`` rejects duplicates.
A plan also names its mutation under ``plan["mutation"]`` (ignored by the runtime), which
is how the ladder strategy knows which step the last trial took.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from pipeline_lib.errors import FatalError
from pipeline_lib.tuning.architecture import (
    CONV_CLASSES,
    Architecture,
    ShapeError,
    infer_shapes,
    layer_spec,
    recurrent_configs,
)

__all__ = [
    "FAMILIES",
    "MIN_UNITS",
    "MUTABLE_KINDS",
    "MUTATIONS",
    "AddConvBlock",
    "AddDenseLayer",
    "AddTwoDenseLayers",
    "ChangeEpochs",
    "FewerNeurons",
    "Mutation",
    "MutationResult",
    "fresh_name",
    "resize_layers",
]

MIN_UNITS = 4
"""No mutation shrinks a hidden layer below this many units/filters."""

MUTATIONS: dict[str, type[Mutation]] = {}
"""Mutation name → class; filled by defining a subclass with a ``name``."""

MUTABLE_KINDS: tuple[str, ...] = ("ann", "cnn", "rnn")
"""Model kinds (of :data:`pipeline_lib.kinds.KINDS`) a mutation can declare in :attr:`Mutation.kinds`."""

FAMILIES: tuple[str, ...] = ("depth", "width", "shrink", "conv", "regularise", "optimiser", "epochs")
"""What a mutation changes (:attr:`Mutation.family`), so a strategy can rank kinds of step.

``width`` grows layers and ``shrink`` narrows them: an overfitting model wants the one and a
still-rising one the other, so they are separate families.
"""


@dataclass(frozen=True)
class MutationResult:
    """What a mutation produced.

    Attributes:
        plan: the next trial's plan (see ``TrialRecord.plan``), pure JSON.
        description: what changed, in words, for the console, the report and the e-mail.
    """

    plan: dict[str, Any]
    description: str


class Mutation(ABC):
    """One kind of architecture change.

    Subclasses set ``name`` (which registers them in :data:`MUTATIONS`), implement
    :meth:`reason` and :meth:`edit`, and set ``edits_layers = False`` when they only change
    ``fit()`` settings (those still apply to functional models).
    """

    name: ClassVar[str]
    edits_layers: ClassVar[bool] = True
    kinds: ClassVar[tuple[str, ...]]
    """Model kinds (:data:`MUTABLE_KINDS`) the change makes sense for: a strategy offers it to no other."""
    family: ClassVar[str]
    """What it changes (one of :data:`FAMILIES`), so a strategy can vary the kind of step it tries."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__:
            MUTATIONS[cls.name] = cls

    def check(self, arch: Mapping[str, Any]) -> str | None:
        """Why this mutation cannot apply to ``arch`` (a ``TrialRecord.architecture``), or None."""
        view = Architecture(arch)
        if self.edits_layers and view.editable_reason:
            return view.editable_reason
        return self.reason(view)

    def apply(self, arch: Mapping[str, Any]) -> MutationResult:
        """Build the plan of a trial that is ``arch`` with this mutation applied.

        Raises:
            FatalError: the mutation does not apply (callers must :meth:`check` first).
        """
        why = self.check(arch)
        if why is not None:
            raise FatalError(f"mutation {self.name!r} cannot apply: {why}",
                             hint="call check() first and skip the mutation when it returns a reason.")
        view = Architecture(arch)
        plan = view.to_plan()
        description = self.edit(view, plan)
        plan["mutation"] = self.name
        return MutationResult(plan=plan, description=description)

    @abstractmethod
    def reason(self, view: Architecture) -> str | None:
        """Mutation-specific reason not to apply (the editable-layers check is already done)."""

    @abstractmethod
    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        """Change ``plan`` (a copy of the parent's) in place and describe the change in words."""


def fresh_name(prefix: str, taken: set[str]) -> str:
    """``mlops_dense_1``, ``mlops_dense_2``, ...: the first name nobody uses; reserves it."""
    number = 1
    while f"mlops_{prefix}_{number}" in taken:
        number += 1
    name = f"mlops_{prefix}_{number}"
    taken.add(name)
    return name


def resize_layers(plan: dict[str, Any], targets: list[tuple[str, int, str]], size: Callable[[int], int],
                  verb: str) -> str:
    """Set ``config[key] = size(old)`` for each ``(key, layer index, label)`` and describe it.

    Why shared: shrinking and growing layers must read the same way in the report, e.g.
    ``"filters halved: Conv2D 8→4, 8→4; neurons halved: Dense 16→8"``. A recurrent layer in a
    ``Bidirectional`` is resized in both directions (:func:`recurrent_configs`).
    """
    changes: dict[tuple[str, str], list[str]] = {}
    for key, i, label in targets:
        layer = plan["layers"][i]
        configs = recurrent_configs(layer) or [layer["config"]]
        old = int(configs[0][key])
        for cfg in configs:
            cfg[key] = size(old)
        changes.setdefault((key, label), []).append(f"{old}→{size(old)}")
    return "; ".join(f"{'filters' if key == 'filters' else 'neurons'} {verb}: {label} {', '.join(steps)}"
                     for (key, label), steps in changes.items())


class _InsertDense(Mutation):
    """Shared by the mutations that insert hidden Dense layers right before the output."""

    @abstractmethod
    def widths(self, view: Architecture) -> list[int]:
        """Units of each inserted layer, in order."""

    @staticmethod
    def base_width(view: Architecture) -> int:
        """The last hidden Dense width, or 64 when there is no hidden Dense layer."""
        hidden = view.hidden_dense_indexes
        return int(view.config_at(hidden[-1])["units"]) if hidden else 64

    def reason(self, view: Architecture) -> str | None:
        if view.output_index is None:
            return "no Dense output layer: there is no 'before the output' to insert a Dense layer at"
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        at = view.output_index
        assert at is not None
        taken = view.layer_names
        widths = self.widths(view)
        plan["layers"][at:at] = [layer_spec("Dense", fresh_name("dense", taken), units=w, activation="relu")
                                 for w in widths]
        return "".join(f"+Dense({w}, relu)" for w in widths) + " before the output"


class AddDenseLayer(_InsertDense):
    """One more hidden Dense layer before the output ("more fully-connected layers" for CNNs)."""

    name = "add_dense_layer"
    kinds = ("ann", "cnn")
    family = "depth"

    def widths(self, view: Architecture) -> list[int]:
        return [self.base_width(view)]


class AddTwoDenseLayers(_InsertDense):
    """Two more hidden Dense layers, the second half as wide (a tapering head)."""

    name = "add_two_dense_layers"
    kinds = ("ann", "cnn")
    family = "depth"

    def widths(self, view: Architecture) -> list[int]:
        width = self.base_width(view)
        return [width, max(MIN_UNITS, width // 2)]


class ChangeEpochs(Mutation):
    """Train longer: ``epochs`` × ``factor``, capped at ``cap`` (a fit-level change)."""

    name = "change_epochs"
    kinds = ("ann", "cnn", "rnn")
    family = "epochs"
    edits_layers = False
    factor: ClassVar[int] = 2
    cap: ClassVar[int] = 200

    def reason(self, view: Architecture) -> str | None:
        if view.epochs is None:
            return "the epochs passed to fit() were not recorded"
        if view.epochs >= self.cap:
            return f"epochs already at the cap of {self.cap}"
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        old = view.epochs
        assert old is not None
        plan["epochs"] = min(self.cap, old * self.factor)
        return f"epochs {old}→{plan['epochs']}"


class FewerNeurons(Mutation):
    """Halve the filters of conv layers and the units of recurrent and hidden Dense layers (min 4).

    Why shrinking is on the ladder: an over-wide network on a small data set overfits, and a
    smaller one trains faster, so the next steps are cheaper.
    """

    name = "fewer_neurons"
    kinds = ("ann", "cnn", "rnn")
    family = "shrink"

    @staticmethod
    def targets(view: Architecture) -> list[tuple[str, int, str]]:
        """``(config key, layer index, label)`` of every layer that can still shrink."""
        found = [("filters", i, view.class_at(i)) for i in view.conv_indexes]
        found += [("units", i, view.recurrent_label(i)) for i in view.recurrent_indexes]
        found += [("units", i, "Dense") for i in view.hidden_dense_indexes]
        return [(key, i, label) for key, i, label in found if view.size_at(i, key) > MIN_UNITS]

    def reason(self, view: Architecture) -> str | None:
        if not view.conv_indexes and not view.hidden_dense_indexes and not view.recurrent_indexes:
            return "no hidden Dense, recurrent or conv layer to shrink (the output layer keeps its units)"
        if not self.targets(view):
            return f"every hidden Dense/recurrent/conv layer is already at the minimum of {MIN_UNITS}"
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        return resize_layers(plan, self.targets(view), lambda old: max(MIN_UNITS, old // 2), "halved")


class AddConvBlock(Mutation):
    """A Conv(same filters, 3, relu, same) + MaxPooling(2) block after the last conv/pool layer.

    Rejected when shape inference shows the extra pooling would shrink the feature map
    below 1×1 (e.g. an 8×8 input that is already pooled down to 1×1).
    """

    name = "add_conv_block"
    kinds = ("cnn",)
    family = "conv"
    kernel: ClassVar[int] = 3
    pool: ClassVar[int] = 2

    def block(self, view: Architecture) -> tuple[int, list[dict[str, Any]], str]:
        """Where the block goes, its layer entries, and its description."""
        last_conv = view.config_at(view.conv_indexes[-1])
        cls = view.class_at(view.conv_indexes[-1])
        rank = CONV_CLASSES[cls]
        filters = int(last_conv["filters"])
        data_format = last_conv.get("data_format", "channels_last")
        taken = view.layer_names
        conv = layer_spec(cls, fresh_name(cls.lower(), taken), filters=filters,
                          kernel_size=[self.kernel] * rank, padding="same", activation="relu",
                          data_format=data_format)
        pool_cls = f"MaxPooling{rank}D"
        pool = layer_spec(pool_cls, fresh_name(pool_cls.lower(), taken), pool_size=[self.pool] * rank,
                          padding="valid", data_format=data_format)
        kernel = "×".join([str(self.kernel)] * rank)
        text = f"+{cls}({filters}, {kernel}, relu, same)+{pool_cls}({self.pool}) after the last conv block"
        at = view.last_feature_index
        assert at is not None
        return at + 1, [conv, pool], text

    def reason(self, view: Architecture) -> str | None:
        if not view.conv_indexes:
            return "no Conv1D/Conv2D layer: a conv block only extends a convolutional network"
        if view.input_shape is None:
            return "the input shape is unknown, so it can't be checked that one more pooling fits"
        at, new, _ = self.block(view)
        try:
            shapes = infer_shapes([*view.layers[:at], *new, *view.layers[at:]], view.input_shape)
        except ShapeError as exc:
            return str(exc)
        if shapes[at + len(new) - 1] is None:
            unknown = shapes.index(None)
            return (f"can't infer the output shape of layer {view.config_at(unknown).get('name')!r} "
                    f"({view.class_at(unknown)}), so it can't be checked that one more pooling fits")
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        at, new, text = self.block(view)
        plan["layers"][at:at] = new
        return text
