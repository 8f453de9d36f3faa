"""Mutations of a recurrent network (the ``rnn`` kind): units, depth of the stack, dropout.

Why a module of its own: a recurrent stack is edited differently from a Dense or conv one.
Every recurrent layer but the last must return its whole sequence (``return_sequences=True``)
so the next one gets a time axis, while the last one keeps what the user wrote (a vector for a
Dense head, a sequence for ``TimeDistributed`` or a global pooling); and a layer wrapped in
``Bidirectional`` keeps its settings in the wrapped layer's config, twice (forward and
backward). :func:`~pipeline_lib.tuning.architecture.recurrent_configs` hides that second
difference, so each class here only says what it changes.

The learning rate, the batch size, the epochs, the floor of 32 units and halving the units
come from the shared classes (``search_space``, ``big_steps``, ``mutations``), which declare
``rnn`` among their kinds; the conv and Dense-head steps do not, so no strategy offers them.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pipeline_lib.tuning.architecture import WRAPPER_CLASSES, Architecture, recurrent_configs, without_build_config
from pipeline_lib.tuning.mutations import Mutation, fresh_name
from pipeline_lib.tuning.search_space import DROPOUT_CLASSES, _DoubleLayers

__all__ = [
    "MAX_RECURRENT_LAYERS",
    "AddRecurrentDropout",
    "AddRecurrentLayer",
    "MoreUnits",
    "RemoveRecurrentLayer",
]

MAX_RECURRENT_LAYERS = 4
"""No mutation stacks more recurrent layers than this (each one costs a sequential pass per step)."""

_NO_RECURRENT = "no LSTM/GRU/SimpleRNN layer (bare or in a Bidirectional) to edit"

_BETWEEN = DROPOUT_CLASSES | {"BatchNormalization", "LayerNormalization", "Activation", "GaussianNoise"}
"""Layers that belong to the recurrent layer before them: removed with it when it is removed."""


def _set(layer: dict[str, Any], key: str, value: Any) -> None:
    for config in recurrent_configs(layer):
        config[key] = value


def _returns_sequences(view: Architecture, index: int) -> bool:
    return bool(recurrent_configs(view.layers[index])[0].get("return_sequences", False))


class MoreUnits(_DoubleLayers):
    """Double the units of every recurrent layer (both directions of a Bidirectional), capped at ``cap``.

    Why not :class:`~pipeline_lib.tuning.search_space.Wider`: that one widens the hidden Dense
    head, which in a recurrent network is rarely where the capacity is missing.
    """

    name = "more_units"
    kinds = ("rnn",)
    family = "width"
    key = "units"
    cap = 256
    nothing = _NO_RECURRENT
    capped = "every recurrent layer already has the cap of {cap} units"

    def layers(self, view: Architecture) -> list[tuple[int, str]]:
        return [(i, view.recurrent_label(i)) for i in view.recurrent_indexes]


class AddRecurrentLayer(Mutation):
    """One more recurrent layer on top of the stack: a copy of the last one, with fresh weights.

    The copy keeps the last layer's class, wrapper, units and dropout, and its
    ``return_sequences`` (what the layers after the stack expect); the layer it now follows
    returns sequences, so the stack is valid whatever the user's last layer returned.
    """

    name = "add_recurrent_layer"
    kinds = ("rnn",)
    family = "depth"

    def reason(self, view: Architecture) -> str | None:
        found = view.recurrent_indexes
        if not found:
            return _NO_RECURRENT
        if len(found) >= MAX_RECURRENT_LAYERS:
            return f"the stack already has {len(found)} recurrent layers (the cap is {MAX_RECURRENT_LAYERS})"
        if any(c.get("return_state") for c in recurrent_configs(view.layers[found[-1]])):
            return "the last recurrent layer returns its state: a layer on top would get a list of tensors"
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        last = view.recurrent_indexes[-1]
        cls = view.class_at(last)
        new: dict[str, Any] = without_build_config(plan["layers"][last])
        taken = view.layer_names
        name = fresh_name(view.recurrent_label(last).replace("(", "_").replace(")", "").lower(), taken)
        new["config"]["name"] = name
        if cls in WRAPPER_CLASSES:  # the wrapped layers are named after the wrapper's own, like Keras does
            for key, prefix in (("layer", "forward"), ("backward_layer", "backward")):
                if isinstance(new["config"].get(key), dict):
                    new["config"][key]["config"]["name"] = f"{prefix}_{name}"
        _set(plan["layers"][last], "return_sequences", True)
        plan["layers"][last + 1:last + 1] = [new]
        units = view.size_at(last, "units")
        before = view.config_at(last).get("name")
        return f"+{view.recurrent_label(last)}({units}) on top of {before} ({before} now returns sequences)"


class RemoveRecurrentLayer(Mutation):
    """The last recurrent layer out (with the dropout or normalisation right before it).

    The layer under it takes over its ``return_sequences``, so what follows the stack still
    gets the tensor it was built for. Why: a deep stack on a short sequence trains slowly and
    overfits; one layer less is the cheapest network that may still reach the target.
    """

    name = "remove_recurrent_layer"
    kinds = ("rnn",)
    family = "shrink"

    def reason(self, view: Architecture) -> str | None:
        found = view.recurrent_indexes
        if not found:
            return _NO_RECURRENT
        if len(found) < 2:
            return "only one recurrent layer: removing it would leave no recurrent stack"
        return None

    def span(self, view: Architecture) -> range:
        """The layers removed: the last recurrent one, and the dropouts between it and the one before."""
        before, last = view.recurrent_indexes[-2:]
        start = last
        while start - 1 > before and view.class_at(start - 1) in _BETWEEN:
            start -= 1
        return range(start, last + 1)

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        before, last = view.recurrent_indexes[-2:]
        removed = self.span(view)
        _set(plan["layers"][before], "return_sequences", _returns_sequences(view, last))
        del plan["layers"][removed.start:removed.stop]
        names = ", ".join(str(view.config_at(i).get("name")) for i in removed)
        return f"-{view.recurrent_label(last)}({view.size_at(last, 'units')}) on top of the stack (removed {names})"


class AddRecurrentDropout(Mutation):
    """``dropout`` and ``recurrent_dropout`` of ``rate`` on every recurrent layer that drops nothing yet.

    Why inside the layer rather than a ``Dropout`` after it: the recurrent dropout masks the
    same units at every time step (Gal & Ghahramani), which regularises the recurrence itself;
    a Dropout layer between steps of a stack only drops the sequence handed upwards.
    """

    name = "add_recurrent_dropout"
    kinds = ("rnn",)
    family = "regularise"
    rate: ClassVar[float] = 0.2

    @staticmethod
    def targets(view: Architecture) -> list[int]:
        """Recurrent layers with neither dropout nor recurrent dropout."""
        return [i for i in view.recurrent_indexes
                if not any(c.get("dropout") or c.get("recurrent_dropout") for c in recurrent_configs(view.layers[i]))]

    def reason(self, view: Architecture) -> str | None:
        if not view.recurrent_indexes:
            return _NO_RECURRENT
        if not self.targets(view):
            return "every recurrent layer already has dropout or recurrent_dropout"
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        targets = self.targets(view)
        for i in targets:
            _set(plan["layers"][i], "dropout", self.rate)
            _set(plan["layers"][i], "recurrent_dropout", self.rate)
        names = ", ".join(str(view.config_at(i).get("name")) for i in targets)
        return f"dropout and recurrent_dropout {self.rate:g} in {names}"
