"""Reading layer calls back: the argument that passes a setting, the layer written inside a wrapper, the check
that a rewritten script builds the winner.

Why apart from :mod:`~pipeline_lib.handback.rewrite`: the rewrite edits text, while these only read the
syntax tree (of the pushed script while editing it, and of the rewritten one to verify it), so both
sides of the round trip use the same reading of a call.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

from pipeline_lib.handback.codegen import POSITIONAL, same_value
from pipeline_lib.handback.script import ScriptNotMappable, locate
from pipeline_lib.runtime.keras2 import FIT_ARGUMENTS, RENAMED_ARGUMENTS
from pipeline_lib.tuning.architecture import WRAPPER_CLASSES

__all__ = ["argument", "is_literal", "verify", "wrapped_call"]

_VERIFIED_KEYS = {"units", "filters", "kernel_size", "pool_size", "strides", "padding", "activation", "rate",
                  "return_sequences"}
"""Settings the check compares between a rewritten call and the winner's config."""


_OLD_NAMES: dict[str, set[str]] = {}
for _old, _new in [*((o, n) for o, news in RENAMED_ARGUMENTS.items() for n in news), *FIT_ARGUMENTS.items()]:
    _OLD_NAMES.setdefault(_new, set()).add(_old)
"""The Keras 1/2 names a script may pass a setting by (``output_dim=`` for ``units``, ``nb_epoch=`` for ``epochs``)."""


def is_literal(node: ast.expr) -> bool:
    """Whether ``node`` is a plain literal (so a rewrite may replace it)."""
    try:
        ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def argument(call: ast.Call, key: str, position: int | None) -> ast.expr | None:
    """The node passing ``key`` to ``call``, by keyword (its Keras 1/2 name too) or at ``position``; None when absent.

    Why the old names: the worker runs ``Dense(output_dim=16)`` as ``units=16`` (``runtime.keras2``), so a
    rewrite must edit that argument, not add a second ``units=`` the call would reject.
    """
    names = {key, *_OLD_NAMES.get(key, ())}
    for keyword in call.keywords:
        if keyword.arg in names:
            return keyword.value
    if position is not None and position < len(call.args) and \
            not any(isinstance(a, ast.Starred) for a in call.args[:position + 1]):
        return call.args[position]
    return None


def wrapped_call(call: ast.Call) -> ast.Call | None:
    """The ``LSTM(...)`` call inside ``Bidirectional(LSTM(...))``, or None when it is not written inline."""
    node = argument(call, "layer", 0)
    return node if isinstance(node, ast.Call) else None


def verify(text: str, winner: list[dict[str, Any]] | None, layers_edited: bool) -> str | None:
    """Why the rewritten script does not build the winner, or None when it does (statically)."""
    try:
        compile(text, "<rewritten script>", "exec")
        site = locate(text)
    except (SyntaxError, ScriptNotMappable) as exc:
        return f"the rewritten script does not check out: {exc}"
    if not layers_edited or winner is None:
        return None
    if site.layers_problem:
        return f"the rewritten script's layers can't be read back: {site.layers_problem}"
    calls = [lc for lc in site.layers if not lc.is_input]
    if [lc.class_name for lc in calls] != [layer["class_name"] for layer in winner]:
        return "the rewritten script builds other layer classes than the winner"
    for lc, layer in zip(calls, winner, strict=True):
        problem = _check_call(lc.call, lc.class_name, layer)
        if problem:
            return problem
    return None


def _check_call(call: ast.Call, cls: str, layer: Mapping[str, Any]) -> str | None:
    """Why the literal arguments of ``call`` disagree with ``layer``'s config (the wrapped layer's too)."""
    config = layer.get("config") or {}
    if cls in WRAPPER_CLASSES and isinstance(config.get("layer"), Mapping):
        inner = wrapped_call(call)
        wrapped = config["layer"]
        if inner is not None and (problem := _check_call(inner, str(wrapped.get("class_name")), wrapped)):
            return problem
    named = dict(zip(POSITIONAL.get(cls, ()), call.args, strict=False))
    named.update({k.arg: k.value for k in call.keywords if k.arg})
    for key, node in named.items():
        if key in _VERIFIED_KEYS and key in config and is_literal(node):
            value = ast.literal_eval(node)
            value = "linear" if key == "activation" and value is None else value
            if not same_value(value, config[key]):
                return f"line {call.lineno}: {key}={value!r} but the winner has {config[key]!r}"
    return None
