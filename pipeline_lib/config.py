"""One typed run configuration: every run setting, its default and its rule, in one place.

Why a dataclass instead of the ``run.config`` dict read with ``.get(key, default)`` all over:
a default written in six modules drifts, and a bad value (``max_trials: 0``, a negative
budget) surfaced as a crash far from its cause. :meth:`RunConfig.from_dict` checks every
setting when a run is created and when its record is read, and names the bad one.

``run.json`` keeps the settings as a plain JSON object (``config``) without the target, which
the record holds once (``target``); settings this version does not know are kept as they are.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from pipeline_lib.errors import UserInputError

__all__ = ["RunConfig"]


_OPTIONAL = frozenset({"max_trials", "time_budget", "trial_timeout", "strategy", "memory", "parallel", "pids", "file_size", "output_limit",
                       "tmp_size"})
"""Settings for which None means something (no budget, no limit, the kind's default), not "the default"."""


def _number(name: str, value: Any, *, integer: bool, minimum: float, strict: bool, where: str) -> Any:
    """``value`` as an int/float at or above ``minimum`` (above it when ``strict``), else bad input."""
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise UserInputError(f"{where}: setting {name}={value!r} is not {'an integer' if integer else 'a number'}",
                             hint=f"give {name} as a number, e.g. {name}={getattr(RunConfig(), name) or 1:g}")
    if value < minimum or (strict and value == minimum):
        bound = f"above {minimum:g}" if strict else f"at least {minimum:g}"
        raise UserInputError(f"{where}: setting {name}={value!r} must be {bound}",
                             hint=f"set {name} to a value {bound}")
    return value if integer else float(value)


@dataclass(frozen=True)
class RunConfig:
    """The settings of one run (the CLI flags map onto these fields).

    Attributes:
        target: metric to reach, a fraction in (0, 1].
        max_trials: an optional cap on trials, the baseline included (≥ 1; None: no cap).
        time_budget: training seconds for all trials together (None: no budget). The budget is
            seconds (10 minutes: what a user accepts for a small script), not trials: a strategy
            sizes each trial's epochs from the seconds an epoch costs.
        seed: the run's random seed, recorded so a run can be reproduced (trial n uses seed + n).
        trial_timeout: seconds one trial may take (None or 0: no limit).
        max_restarts: restarts after crashes before the run fails (≥ 0).
        restart_backoff: seconds before the first restart; doubled for each next one.
        strategy: how the next mutation is chosen (None: the kind's default).
        k_max: KMeans: the largest k the k estimate first searches (≥ 2; as `mlops clusters --k-max`).
        answers: prompt pattern → answer for the script's ``input()``.
        executor: ``auto``, ``local`` or ``docker``.
        parallel: how many candidates of a batch train at once (≥ 1): that many long-lived
            workers each claim the next queued candidate (None: the executor's default, 1).
        memory, pids, file_size, output_limit, tmp_size: sandbox limits (None: the executor's).
        timeout_grace: seconds a trial may overrun its limit outside ``fit()`` before it is killed.
        extra: settings this version does not know, kept as they were written.
    """

    target: float = 0.8
    max_trials: int | None = None
    time_budget: float | None = 600.0
    seed: int = 0
    trial_timeout: float | None = 1800.0
    max_restarts: int = 3
    restart_backoff: float = 1.0
    strategy: str | None = None
    k_max: int = 15
    answers: dict[str, str] = field(default_factory=dict)
    executor: str = "auto"
    parallel: int | None = None
    memory: str | None = None
    pids: int | None = None
    file_size: int | None = None
    output_limit: int | None = None
    tmp_size: int | None = None
    timeout_grace: float = 30.0
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "run settings") -> RunConfig:
        """The settings in ``data`` over the defaults (None means "the default", except where it
        means "none": no time budget, no trial timeout, the kind's strategy, the executor's limits).

        Raises:
            UserInputError: naming the first setting whose value breaks its rule.
        """
        known = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        given = {k: v for k, v in data.items() if k in known and (v is not None or k in _OPTIONAL)}
        extra = {**dict(data.get("extra") or {}), **{k: v for k, v in data.items() if k not in known | {"extra"}}}

        def num(name: str, *, integer: bool = False, minimum: float = 0.0, strict: bool = False) -> None:
            if given.get(name) is not None:
                given[name] = _number(name, given[name], integer=integer, minimum=minimum, strict=strict, where=where)

        num("target", strict=True)
        if given.get("target", 0.8) > 1:
            raise UserInputError(f"{where}: setting target={given['target']!r} is above 1: the target is a fraction",
                                 hint=f"use target={given['target'] / 100:g} for {given['target']:g} %")
        num("max_trials", integer=True, minimum=1)
        num("time_budget", strict=True)
        num("trial_timeout")
        num("max_restarts", integer=True)
        num("seed", integer=True)
        num("restart_backoff")
        num("k_max", integer=True, minimum=2)
        num("timeout_grace")
        num("parallel", integer=True, minimum=1)
        for name in ("pids", "file_size", "output_limit", "tmp_size"):
            num(name, integer=True, strict=True)
        for name in ("strategy", "executor", "memory"):
            if given.get(name) is not None and not isinstance(given[name], str):
                example = getattr(cls(), name) or "adaptive"
                raise UserInputError(f"{where}: setting {name}={given[name]!r} is not a text",
                                     hint=f'give {name} as a name, e.g. {name}="{example}"')
        answers = given.get("answers", {})
        if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
            raise UserInputError(f"{where}: setting answers={answers!r} is not a mapping of prompt to answer",
                                 hint="give answers as --answer 'PROMPT=VALUE'")
        return cls(**given, extra=extra)

    def to_dict(self, *, target: bool = True) -> dict[str, Any]:
        """The settings as JSON-ready data (``target=False``: without the target, as run.json keeps them)."""
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "extra"}
        data["answers"] = dict(self.answers)
        data.update(self.extra)
        if not target:
            del data["target"]
        return data
