"""Big steps: widen starved layers to a sane floor, give the user's optimiser a sane (or bold) rate.

Why a module of its own: the mutations in :mod:`~pipeline_lib.tuning.mutations` and
:mod:`~pipeline_lib.tuning.search_space` move in small factors (×2 units, ×3 rate), which is
what the failed runs of issue 9 show as the problem: a 2-unit layer widened ×2 per trial
(2 → 4 → 8) or an SGD rate of 1e-4 raised ×3 per trial needs a whole budget of trials to get
anywhere. The steps here jump straight to a value that works for most small networks:

* :class:`WidenToFloor` lifts every hidden Dense layer to at least :data:`FLOOR_UNITS` units
  and every conv layer to at least :data:`FLOOR_FILTERS` filters (wider layers are kept);
* :class:`SaneLearningRate` sets the usual rate of the optimiser class the script uses
  (:data:`SANE_RATES`: Adam 1e-3, SGD 0.05, ...) when the script's rate is more than ×3 away
  from it, in either direction;
* :class:`BoldLearningRate` sets ten times that rate, for curves that crawl even at the usual one.

The optimiser class, loss and metrics stay the user's (the runtime only changes the rate).
"""

from __future__ import annotations

import functools
from typing import Any, ClassVar

from pipeline_lib.tuning.architecture import Architecture
from pipeline_lib.tuning.mutations import Mutation, resize_layers
from pipeline_lib.tuning.search_space import _ScaleLearningRate

__all__ = [
    "FLOOR_FILTERS",
    "FLOOR_UNITS",
    "SANE_RATES",
    "BoldLearningRate",
    "SaneLearningRate",
    "WidenToFloor",
    "sane_rate",
]

FLOOR_UNITS = 32
"""No hidden Dense layer of a widened network has fewer units than this."""

FLOOR_FILTERS = 16
"""No conv layer of a widened network has fewer filters than this."""

SANE_RATES: dict[str, float] = {"SGD": 0.05, "Adagrad": 0.05, "Adadelta": 1.0, "Ftrl": 0.05, "Lion": 1e-4}
"""Optimiser class → a learning rate that trains most small networks; any other class (Adam,
AdamW, Nadam, Adamax, RMSprop, ...) gets :data:`DEFAULT_SANE_RATE`."""

DEFAULT_SANE_RATE = 1e-3

OFF_BY = 3.0
"""A rate more than this factor away from the sane one is "off"; closer ones are left alone."""


def sane_rate(optimizer: str | None) -> float:
    """The usual learning rate of the optimiser class called ``optimizer`` (a Keras class name)."""
    return SANE_RATES.get(str(optimizer or ""), DEFAULT_SANE_RATE)


class WidenToFloor(Mutation):
    """Hidden Dense and recurrent layers to at least 32 units, conv layers to at least 16 filters, in one step.

    Why a floor and not a factor: a starved network (a 1- or 2-unit bottleneck) needs ×16 or
    more, and a factor of 2 pays one trial per doubling; layers already wider stay as they are.
    """

    name = "widen_to_floor"
    kinds = ("ann", "cnn", "rnn")
    family = "width"

    @staticmethod
    def targets(view: Architecture) -> list[tuple[str, int, str]]:
        """``(config key, layer index, label)`` of every layer under its floor."""
        found = [("filters", i, view.class_at(i)) for i in view.conv_indexes
                 if view.size_at(i, "filters") < FLOOR_FILTERS]
        found += [("units", i, view.recurrent_label(i)) for i in view.recurrent_indexes
                  if view.size_at(i, "units") < FLOOR_UNITS]
        found += [("units", i, "Dense") for i in view.hidden_dense_indexes
                  if view.size_at(i, "units") < FLOOR_UNITS]
        return found

    def reason(self, view: Architecture) -> str | None:
        if not view.conv_indexes and not view.hidden_dense_indexes and not view.recurrent_indexes:
            return "no hidden Dense, recurrent or conv layer to widen (the output layer keeps its units)"
        if not self.targets(view):
            return (f"every hidden Dense and recurrent layer has ≥ {FLOOR_UNITS} units and every conv layer "
                    f"≥ {FLOOR_FILTERS} filters already")
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        parts = []
        for key, floor in (("filters", FLOOR_FILTERS), ("units", FLOOR_UNITS)):
            chosen = [t for t in self.targets(view) if t[0] == key]
            if chosen:
                parts.append(resize_layers(plan, chosen, functools.partial(max, floor),
                                           f"raised to the floor of {floor}"))
        return "; ".join(parts)


class _SetLearningRate(_ScaleLearningRate):
    """Set the optimiser's rate to :meth:`rate_for` its class (a fit-level change, so functional
    models get it too); rejected when the script's rate is already within ×3 of that."""

    factor = 1.0
    what: ClassVar[str]

    def rate_for(self, view: Architecture) -> float:
        raise NotImplementedError

    def reason(self, view: Architecture) -> str | None:
        rate, why = self.rate_or_reason(view)
        if rate is None:
            return why
        wanted = self.rate_for(view)
        if wanted / OFF_BY <= rate <= wanted * OFF_BY:
            return f"learning rate {rate:g} is already within ×{OFF_BY:g} of {wanted:g}, {self.what}"
        return None

    def edit(self, view: Architecture, plan: dict[str, Any]) -> str:
        old = self.current(view)
        new = self.rate_for(view)
        plan["learning_rate"] = new
        optimizer = view.data.get("optimizer") or "the optimizer"
        return f"learning rate {old:g}→{new:g} ({self.what} for {optimizer})"


class SaneLearningRate(_SetLearningRate):
    """The usual rate of the script's optimiser class, from a rate far too small or far too large."""

    name = "sane_learning_rate"
    what = "the usual rate"

    def rate_for(self, view: Architecture) -> float:
        return sane_rate(view.data.get("optimizer"))


class BoldLearningRate(_SetLearningRate):
    """Ten times the usual rate of the script's optimiser class: for a loss that crawls even at the usual one."""

    name = "bold_learning_rate"
    what = "10× the usual rate"

    def rate_for(self, view: Architecture) -> float:
        return min(1.0, 10 * sane_rate(view.data.get("optimizer")))
