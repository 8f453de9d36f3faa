"""Rewrite a pushed script so that it builds and trains the winning trial's model.

The trained layers are matched to the script's layer calls in order (``InputLayer`` entries
apart, which Keras records on its own); from then on a layer is known by its Keras name
(``dense_1``), which the runtime keeps through every mutation, while the layers a mutation
inserted carry fresh ``mlops_`` names. So for each layer of the winner:

- same name, same config → the user's own source text stays untouched;
- same name, other config → only the changed argument is replaced (``Dense(16`` → ``Dense(8``);
- a new name → a call is generated in the script's spelling (``Dense``, ``layers.Dense``,
  ``tf.keras.layers.Dense``), adding the class to the script's ``from ... import`` when needed.

``epochs``/``batch_size`` literals in ``fit()`` and a string optimizer's learning rate are
rewritten too; a value that comes from a variable (``epochs = int(input(...))``) is left alone
and reported as a note, because rewriting the variable could change what else uses it.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline_lib.detect.imports import canonical
from pipeline_lib.handback.calls import argument, is_literal, verify, wrapped_call
from pipeline_lib.handback.codegen import POSITIONAL, call_arguments, literal, same_value
from pipeline_lib.handback.script import CLASS_ALIASES, LayerCall, ModelSite, ScriptNotMappable, locate
from pipeline_lib.handback.text import Edit, SourceText, apply_edits
from pipeline_lib.tuning.architecture import WRAPPER_CLASSES

__all__ = ["Rewrite", "rewrite_script", "trained_layers"]

_OPTIMIZERS = {name.lower(): name for name in ("Adam", "AdamW", "SGD", "RMSprop", "Adagrad", "Adadelta",
                                                "Adamax", "Nadam", "Ftrl", "Lion")}
_WRAPPED = ("layer", "backward_layer")
"""A wrapper's config keys holding the wrapped layer: edited through the inner call, never as literals."""
_FORCED = {"zero_output_for_mask"}
"""Keys Keras sets itself inside a Bidirectional (from return_sequences): never rewritten there."""


@dataclass
class Rewrite:
    """The outcome of :func:`rewrite_script`.

    Attributes:
        text: the rewritten script, or None when there is no diff.
        reason: why there is no diff (None when there is one).
        changes: what was rewritten, in words.
        notes: what the developer must still do by hand to reproduce the winner.
    """

    text: str | None
    reason: str | None = None
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def trained_layers(architecture: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The trained layers of a Sequential architecture record (no ``InputLayer``, no build info)."""
    if not architecture.get("sequential"):
        return None
    return [{k: v for k, v in layer.items() if k != "build_config"} for layer in architecture.get("layers") or []
            if layer.get("class_name") != "InputLayer"]


def _name(layer: Mapping[str, Any]) -> str:
    return str((layer.get("config") or {}).get("name"))


class _Editor:
    """Collects the edits that turn the pushed script into the winner's."""

    def __init__(self, site: ModelSite) -> None:
        self.site = site
        self.src = SourceText(site.source)
        self.edits: list[Edit] = []
        self.changes: list[str] = []
        self.notes: list[str] = []
        self.imports: dict[int, tuple[ast.ImportFrom, list[str]]] = {}
        strings = [self.site.segment(n)[:1] for call in (*[lc.call for lc in site.layers], *site.fits,
                                                         *site.compiles)
                   for n in ast.walk(call) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        self.quote = "'" if strings.count("'") > strings.count('"') else '"'

    # ------------------------------------------------------------------ edit helpers

    def replace(self, node: ast.AST, new: str) -> None:
        self.edits.append(Edit(self.src.start(node), self.src.end(node), new))

    def add_keyword(self, call: ast.Call, key: str, text: str) -> None:
        args = [*call.args, *call.keywords]
        if args:
            at = max(self.src.end(a) for a in args)
            self.edits.append(Edit(at, at, f", {key}={text}"))
        else:
            at = self.src.end(call) - 1  # right before the closing parenthesis
            self.edits.append(Edit(at, at, f"{key}={text}"))

    def setargument(self, call: ast.Call, key: str, position: int | None, value: Any, what: str) -> bool:
        """Point ``key`` of ``call`` at ``value``; notes instead when the value is not a literal there."""
        node = argument(call, key, position)
        text = literal(value, self.quote, like=node)
        if text is None:
            self.notes.append(f"line {call.lineno}: {what}: set {key} to {value!r} by hand")
            return False
        if node is None:
            if any(k.arg is None for k in call.keywords):
                self.notes.append(f"line {call.lineno}: {what}: {key} may come from **kwargs; set it to {text} by hand")
                return False
            self.add_keyword(call, key, text)
        elif is_literal(node):
            self.replace(node, text)
        else:
            self.notes.append(f"line {call.lineno}: {what}: {key} comes from `{self.site.segment(node)}`"
                              f"{self._assigned_at(node)}, not a literal: set it to {text} by hand")
            return False
        return True

    def _assigned_at(self, node: ast.expr) -> str:
        if not isinstance(node, ast.Name):
            return ""
        lines = sorted({n.lineno for n in ast.walk(self.site.tree) if isinstance(n, ast.Name)
                        and n.id == node.id and isinstance(n.ctx, ast.Store)})
        return f" (assigned at line {', '.join(map(str, lines))})" if lines else ""

    # ------------------------------------------------------------------ layers

    def layers(self, before: list[dict[str, Any]] | None, after: list[dict[str, Any]] | None) -> None:
        """Edit the layer calls so the script builds ``after`` where it built ``before``."""
        if before == after or after is None:
            return
        if before is None:
            raise ScriptNotMappable("the pushed model was not recorded as a Sequential layer list")
        if self.site.layers_problem:
            raise ScriptNotMappable(self.site.layers_problem)
        calls = [lc for lc in self.site.layers if not lc.is_input]
        if [lc.class_name for lc in calls] != [layer["class_name"] for layer in before]:
            written = ", ".join(f"{lc.class_name}@{lc.call.lineno}" for lc in calls) or "none"
            trained = ", ".join(layer["class_name"] for layer in before)
            raise ScriptNotMappable(f"the script's layer calls ({written}) don't match the {len(before)} layers "
                                    f"that trained ({trained})")
        known = {_name(layer): (i, lc, layer) for i, (lc, layer) in enumerate(zip(calls, before, strict=True))}
        if len(known) != len(before):
            raise ScriptNotMappable("two trained layers share a name; can't tell them apart")
        kept = [known[_name(layer)][0] for layer in after if _name(layer) in known]
        if kept != sorted(kept):
            raise ScriptNotMappable("the winner reorders the script's layers; rewriting a reorder isn't supported")
        anchor: LayerCall | None = None
        pending: list[str] = []
        for layer in after:
            if _name(layer) not in known:
                pending.append(self.new_layer(layer))
                continue
            _, call, old = known[_name(layer)]
            if pending:
                self.insert(anchor, call, pending)
                pending = []
            self.change_layer(call, old, layer)
            anchor = call
        if pending:
            if anchor is None:
                raise ScriptNotMappable("the winner keeps none of the script's layers")
            self.insert(anchor, None, pending)
        names = {_name(layer) for layer in after}
        for name, (_, call, old) in known.items():
            if name not in names:
                self.remove(call, old)
        self.flush_imports()

    def change_layer(self, lc: LayerCall, old: Mapping[str, Any], new: Mapping[str, Any], wrapped: bool = False) -> None:
        cls, before, after = lc.class_name, old.get("config") or {}, new.get("config") or {}
        if cls in WRAPPER_CLASSES:
            self.change_wrapped(lc, before, after)
            after = {k: v for k, v in after.items() if k not in _WRAPPED}
        positional = POSITIONAL.get(cls, ())
        for key in [k for k in after if k != "name" and not same_value(before.get(k), after[k])
                    and not (wrapped and k in _FORCED)]:
            what = f"{cls} {_name(new)!r}"
            position = positional.index(key) if key in positional else None
            if self.setargument(lc.call, key, position, after[key], what):
                self.changes.append(f"{what}: {key} {literal(before.get(key))}→{literal(after[key])}")

    def change_wrapped(self, lc: LayerCall, before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
        """Edit the wrapped layer's call (``LSTM(8`` inside ``Bidirectional(``) as a layer of its own."""
        old, new = before.get("layer") or {}, after.get("layer") or {}
        if old.get("config") == new.get("config"):
            return
        inner = wrapped_call(lc.call)
        if inner is None:
            raise ScriptNotMappable(f"line {lc.call.lineno}: the layer wrapped in {lc.class_name} is not "
                                    "written inline, so its changed settings can't be rewritten")
        self.change_layer(LayerCall(inner, str(new.get("class_name"))), old, new, wrapped=True)

    def call_text(self, cls: str, config: Mapping[str, Any], wrapped: bool = False) -> str:
        """``LSTM(8, return_sequences=True)`` for a config, in the script's spelling (wrappers around their layer)."""
        inner = config.get("layer") if cls in WRAPPER_CLASSES else None
        own = {k: v for k, v in config.items() if not (inner is not None and k in _WRAPPED)
               and not (wrapped and k in _FORCED)}
        args, lost = call_arguments(cls, own, self.quote)
        if lost:
            self.notes.append(f"new {cls} layer: {', '.join(lost)} can't be written as literals; "
                              "set them by hand (see config.json)")
        if isinstance(inner, Mapping):
            layer = self.call_text(str(inner.get("class_name")), inner.get("config") or {}, wrapped=True)
            args = ", ".join(a for a in (layer, args) if a)
        return f"{self.callee(cls)}({args})"

    def new_layer(self, layer: Mapping[str, Any]) -> str:
        text = self.call_text(str(layer["class_name"]), layer.get("config") or {})
        self.changes.append(f"inserted {text}")
        return text

    def callee(self, cls: str) -> str:
        """How this script spells the layer class ``cls``, importing it when it must."""
        table, calls = self.site.table, [lc for lc in self.site.layers if not lc.is_input] or self.site.layers
        spellings = {cls, *(alias for alias, real in CLASS_ALIASES.items() if real == cls)}
        for local, path in table.names.items():
            if canonical(path).rsplit(".", 1)[-1] in spellings and canonical(path).startswith("keras.layers."):
                return local
        ref = calls[0].call.func if calls else None
        if isinstance(ref, ast.Attribute):
            found = table.resolve(ref.value, lambda s: s == "keras.layers")
            if found and found.symbol == "keras.layers":
                return f"{self.site.segment(ref.value)}.{cls}"
        if isinstance(ref, ast.Name):
            taken = cls in table.names or cls in table.local or cls in table.assigned
            for node in ast.walk(self.site.tree):
                if isinstance(node, ast.ImportFrom) and node.module and canonical(node.module) == "keras.layers" \
                        and any((a.asname or a.name) == ref.id for a in node.names) and not taken:
                    self.imports.setdefault(id(node), (node, []))[1].append(cls)
                    return cls
            if not taken and any(canonical(m) == "keras.layers" for m in table.wildcards):
                return cls
        raise ScriptNotMappable(f"can't tell how this script would import the {cls} layer")

    def flush_imports(self) -> None:
        for node, names in self.imports.values():
            at = self.src.end(node.names[-1])
            self.edits.append(Edit(at, at, "".join(f", {n}" for n in dict.fromkeys(names))))
            self.changes.append(f"import {', '.join(dict.fromkeys(names))} from {node.module}")
        self.imports.clear()

    def insert(self, after: LayerCall | None, before: LayerCall | None, texts: Sequence[str]) -> None:
        """Insert new layer calls after the layer ``after`` (or, with none, before ``before``)."""
        nl, src, name = self.src.newline, self.src, self.site.name
        if after is not None and after.statement is not None:
            if src.after(after.statement).strip() and not src.after(after.statement).lstrip().startswith("#"):
                raise ScriptNotMappable(f"line {after.statement.end_lineno}: another statement shares the line")
            at, lead = src.after_line(after.statement)
            indent = src.indent(after.statement)
            self.edits.append(Edit(at, at, lead + "".join(f"{indent}{name}.add({t}){nl}" for t in texts)))
        elif after is not None:
            rest = src.after(after.call)
            listed = self.site.elements
            assert listed is not None
            line_mode = (after.call.end_lineno or 0) < (listed.end_lineno or 0) and \
                rest.strip().removeprefix(",").strip()[:1] in ("", "#")
            if not line_mode:
                at = src.end(after.call)
                self.edits.append(Edit(at, at, "".join(f", {t}" for t in texts)))
                return
            indent, comma = src.indent(after.call), rest.strip().startswith(",")
            if not comma:  # the last element, written without a trailing comma
                self.edits.append(Edit(src.end(after.call), src.end(after.call), ","))
            at, lead = src.after_line(after.call)
            body = f",{nl}".join(f"{indent}{t}" for t in texts) + ("," if comma else "") + nl
            self.edits.append(Edit(at, at, lead + body))
        else:
            assert before is not None
            node: ast.AST = before.statement or before.call
            starts_line = not src.before(node).strip()
            if before.statement is not None:
                text = "".join(f"{src.indent(node)}{name}.add({t}){nl}" for t in texts)
                at = src.line_start(node.lineno)  # type: ignore[attr-defined]
            elif starts_line:
                text, at = "".join(f"{src.indent(node)}{t},{nl}" for t in texts), src.line_start(node.lineno)  # type: ignore[attr-defined]
            else:
                text, at = "".join(f"{t}, " for t in texts), src.start(node)
            self.edits.append(Edit(at, at, text))

    def remove(self, lc: LayerCall, old: Mapping[str, Any]) -> None:
        stmt = lc.statement
        if stmt is None or self.src.before(stmt).strip() or self.src.after(stmt).strip().split("#")[0]:
            raise ScriptNotMappable(f"line {lc.call.lineno}: the winner drops this {lc.class_name} layer; "
                                    "removing a layer is only rewritten for a model.add() line of its own")
        start = self.src.line_start(stmt.lineno)
        self.edits.append(Edit(start, self.src.line_start(stmt.end_lineno + 1), ""))  # type: ignore[operator]
        self.changes.append(f"removed {lc.class_name} {_name(old)!r}")

    # ------------------------------------------------------------------ fit() and compile()

    def fit(self, before: Mapping[str, Any], after: Mapping[str, Any]) -> None:
        for key, position in (("epochs", 3), ("batch_size", 2)):
            old, new = before.get(key), after.get(key)
            if new is None or same_value(old, new):
                continue
            if not self.site.fits:
                self.notes.append(f"no {self.site.name}.fit(...) call found: set {key}={new} by hand")
            for call in self.site.fits:
                if self.setargument(call, key, position, new, "fit()"):
                    self.changes.append(f"fit(): {key} {old}→{new}")

    def learning_rate(self, value: Any, before: Any) -> None:
        if value is None or same_value(value, before):
            return
        rate = literal(value)
        if not self.site.compiles:
            self.notes.append(f"no {self.site.name}.compile(...) call found: use learning_rate={rate} by hand")
        for call in self.site.compiles:
            node = argument(call, "optimizer", 0)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.lower() in _OPTIMIZERS:
                spelled = self.optimizer(_OPTIMIZERS[node.value.lower()])
                if spelled:
                    self.replace(node, f"{spelled}(learning_rate={rate})")
                    self.changes.append(f"compile(): optimizer {node.value!r} → {spelled}(learning_rate={rate})")
                    continue
            elif isinstance(node, ast.Call):
                key = next((k.arg for k in node.keywords if k.arg in ("learning_rate", "lr")), "learning_rate")
                if self.setargument(node, key, 0, value, "optimizer"):
                    self.changes.append(f"compile(): learning_rate → {rate}")
                continue
            self.notes.append(f"line {call.lineno}: the winner trained with learning_rate={rate}; "
                              "set it on the optimizer by hand")

    def optimizer(self, cls: str) -> str | None:
        """How this script can name ``keras.optimizers.<cls>``, adding an import line if needed."""
        table = self.site.table
        for local, path in table.names.items():
            if canonical(path) == f"keras.optimizers.{cls}":
                return local
        for local, path in table.names.items():
            if canonical(path) == "keras.optimizers":
                return f"{local}.{cls}"
        for local, path in table.names.items():
            if canonical(path) == "keras":
                return f"{local}.optimizers.{cls}"
            if path == "tensorflow":
                return f"{local}.keras.optimizers.{cls}"
        for node in self.site.tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and canonical(node.module) == "keras.layers" \
                    and cls not in table.names and cls not in table.assigned:
                at, lead = self.src.after_line(node)
                package = node.module[: -len("layers")]
                self.edits.append(Edit(at, at, f"{lead}from {package}optimizers import {cls}{self.src.newline}"))
                return cls
        return None


def rewrite_script(source: str, baseline: Mapping[str, Any], winner: Mapping[str, Any],
                   plan: Mapping[str, Any] | None = None) -> Rewrite:
    """Rewrite ``source`` (the pushed script) to reproduce ``winner``.

    Args:
        source: the script exactly as pushed.
        baseline: trial 1's architecture record (what the script as pushed trained).
        winner: the best trial's architecture record.
        plan: the best trial's plan (read for a ``learning_rate``: only a mutation sets one).

    Returns:
        The rewritten text with what changed and what is left to do by hand, or no text and
        the reason (the script could not be mapped, or nothing in it needs to change).
    """
    try:
        site = locate(source)
    except ScriptNotMappable as exc:
        return Rewrite(None, exc.message)
    editor = _Editor(site)
    before, after = trained_layers(baseline), trained_layers(winner)
    try:
        editor.layers(before, after)
        editor.fit(baseline, winner)
        editor.learning_rate((plan or {}).get("learning_rate"), baseline.get("learning_rate"))
    except ScriptNotMappable as exc:
        return Rewrite(None, exc.message, notes=editor.notes)
    text = apply_edits(source, editor.edits)
    if text == source:
        why = "nothing in the script can be rewritten to reproduce the winner" if editor.notes else \
            "the winner trains what the script already says"
        return Rewrite(None, why, notes=editor.notes)
    problem = verify(text, after, before != after)
    if problem:
        return Rewrite(None, f"internal check failed, no diff written: {problem}", notes=editor.notes)
    return Rewrite(text, None, editor.changes, editor.notes)
