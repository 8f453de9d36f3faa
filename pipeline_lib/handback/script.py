"""Find the model in a training script statically: where it is built, its layer calls, its fit().

Why static: the hand-back rewrites the user's script, and the only safe way to know which
source text built which layer is to read the syntax tree — running the script again would
train a model and could have side effects. The pipeline already resolves imports and
aliases for detection (:class:`~pipeline_lib.detect.imports.ImportTable`); this module reuses
that table so ``L.Dense``, ``tf.keras.layers.Dense`` and a bare ``Dense`` all mean the same.

What counts as mappable: one ``NAME = Sequential(...)`` (any spelling of ``keras.Sequential``)
at module level or in one function, not inside a loop, whose layers are literal
``NAME.add(Layer(...))`` statements right in the same block and/or a literal list passed to the
constructor. Anything else (layers added in a loop or a helper, a list built by code, the
functional API) still yields a :class:`ModelSite` — fit-level changes such as epochs can be
rewritten without knowing the layers — but with ``layers_problem`` saying why the layers
cannot be mapped.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline_lib.detect.imports import ImportTable
from pipeline_lib.errors import PipelineError

__all__ = ["CLASS_ALIASES", "LayerCall", "ModelSite", "ScriptNotMappable", "locate"]

CLASS_ALIASES: dict[str, str] = {
    "Convolution1D": "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
    "MaxPool1D": "MaxPooling1D", "MaxPool2D": "MaxPooling2D", "MaxPool3D": "MaxPooling3D",
    "AvgPool1D": "AveragePooling1D", "AvgPool2D": "AveragePooling2D", "AvgPool3D": "AveragePooling3D",
    "GlobalMaxPool1D": "GlobalMaxPooling1D", "GlobalMaxPool2D": "GlobalMaxPooling2D",
    "GlobalAvgPool1D": "GlobalAveragePooling1D", "GlobalAvgPool2D": "GlobalAveragePooling2D",
    "Input": "InputLayer",
}
"""Spellings Keras accepts for a class → the ``class_name`` its config records."""

_SEQUENTIAL = {"keras.Sequential", "keras.models.Sequential", "keras.models.sequential.Sequential"}
_FUNCTIONAL = {"keras.Model", "keras.models.Model"}
_INPUTS = {"keras.Input", "keras.layers.Input", "keras.layers.InputLayer", "keras.InputLayer"}


class ScriptNotMappable(PipelineError):
    """The script gives no place to rewrite; the message says why, with the line.

    It never leaves the hand-back: the message is recorded as the reason there is no diff.
    """


@dataclass(frozen=True)
class LayerCall:
    """One layer constructor call in the script, in model order.

    Attributes:
        call: the ``Layer(...)`` call node.
        class_name: the Keras class its config records (``InputLayer`` for ``Input(...)``).
        statement: the ``NAME.add(...)`` statement holding it; None for an element of the
            list passed to ``Sequential([...])``.
    """

    call: ast.Call
    class_name: str
    statement: ast.Expr | None = None

    @property
    def is_input(self) -> bool:
        """An ``Input``/``InputLayer``: Keras records it apart from the trained layers."""
        return self.class_name == "InputLayer"


@dataclass
class ModelSite:
    """Where the model is built and trained in one script.

    Attributes:
        source: the script text as pushed.
        tree: its syntax tree.
        table: its imports and aliases.
        name: the variable holding the model (``model``).
        construct: the ``Sequential(...)``/``Model(...)`` call.
        elements: the literal list passed to ``Sequential``, if any.
        layers: every layer call in model order (list elements, then ``add`` statements).
        fits: every ``NAME.fit(...)`` call; compiles: every ``NAME.compile(...)`` call.
        layers_problem: why the layers cannot be mapped (None when they can).
    """

    source: str
    tree: ast.Module
    table: ImportTable
    name: str
    construct: ast.Call
    elements: ast.List | ast.Tuple | None = None
    layers: list[LayerCall] = field(default_factory=list)
    fits: list[ast.Call] = field(default_factory=list)
    compiles: list[ast.Call] = field(default_factory=list)
    layers_problem: str | None = None

    def segment(self, node: ast.AST) -> str:
        """The exact source text of ``node``."""
        return ast.get_source_segment(self.source, node) or ""


def _known(symbol: str) -> bool:
    return symbol in _SEQUENTIAL or symbol in _FUNCTIONAL or symbol.startswith("keras.layers.")


def _symbol(table: ImportTable, node: ast.expr) -> str | None:
    found = table.resolve(node, _known)
    return found.symbol if found else None


def _blocks(tree: ast.Module) -> Iterator[tuple[list[ast.stmt], bool]]:
    """Every statement list with whether its statements run inside a loop."""

    def visit(statements: list[ast.stmt], looped: bool) -> Iterator[tuple[list[ast.stmt], bool]]:
        yield statements, looped
        for stmt in statements:
            inner = False if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else (
                looped or isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)))
            for name in ("body", "orelse", "finalbody"):
                value = getattr(stmt, name, None)
                if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                    yield from visit(value, inner)
            for holder in [*getattr(stmt, "handlers", []), *getattr(stmt, "cases", [])]:
                yield from visit(holder.body, inner)

    yield from visit(tree.body, False)


def _is_call_on(node: ast.AST, name: str, method: str) -> bool:
    """``node`` is ``name.method(...)``."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method
            and isinstance(node.func.value, ast.Name) and node.func.value.id == name)


def _method_calls(tree: ast.AST, name: str, method: str) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _is_call_on(node, name, method)]


def _find_construction(tree: ast.Module, table: ImportTable) -> tuple[list[ast.stmt], int, str, ast.Call]:
    """The block, index, variable and call of the one model construction; raises when unclear."""
    models = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _symbol(table, n.func) in _SEQUENTIAL]
    kind = "Sequential"
    if not models:
        models = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _symbol(table, n.func) in _FUNCTIONAL]
        kind = "functional keras.Model"
    subclassed = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
                  and any(_symbol(table, b) in _FUNCTIONAL for b in n.bases)]
    if subclassed:
        raise ScriptNotMappable(f"line {subclassed[0].lineno}: the model is a subclass of keras.Model "
                                f"({subclassed[0].name}); its layers live in code, not in a layer list")
    if not models:
        raise ScriptNotMappable("no keras.Sequential or keras.Model construction found in the script")
    if len(models) > 1:
        lines = ", ".join(str(m.lineno) for m in models)
        raise ScriptNotMappable(f"{len(models)} {kind} models are built (lines {lines}); "
                                "can't tell which one trained")
    for block, looped in _blocks(tree):
        for index, stmt in enumerate(block):
            if isinstance(stmt, ast.Assign):
                targets = stmt.targets
            elif isinstance(stmt, ast.AnnAssign):
                targets = [stmt.target]
            else:
                continue
            if stmt.value is not models[0]:
                continue
            if len(targets) != 1 or not isinstance(targets[0], ast.Name):
                raise ScriptNotMappable(f"line {stmt.lineno}: the model is not assigned to a plain variable")
            if looped:
                raise ScriptNotMappable(f"line {stmt.lineno}: the model is built inside a loop")
            return block, index, targets[0].id, models[0]
    raise ScriptNotMappable(f"line {models[0].lineno}: {kind}(...) is not assigned to a variable "
                            "(built in a helper's return or passed along)")


def _context(tree: ast.Module, node: ast.AST) -> str:
    """Where ``node`` sits, in words: the innermost loop, condition or function around it."""
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.comprehension)):
            return f"inside a loop (line {getattr(node, 'lineno', '?')})"
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return f"inside the helper function {node.name}()"
        if isinstance(node, ast.If):
            return f"under a condition (line {node.lineno})"
    return "in another block than the model's construction"


def _layer_call(site: ModelSite, node: ast.expr, helpers: set[str],
                statement: ast.Expr | None = None) -> LayerCall:
    """The layer a list element or ``add`` argument constructs; raises when it is not a plain call."""
    if not isinstance(node, ast.Call):
        raise ScriptNotMappable(f"line {node.lineno}: the layer {site.segment(node)!r} is built elsewhere, "
                                "not by a call written in place")
    symbol = _symbol(site.table, node.func)
    if symbol in _INPUTS:
        return LayerCall(node, "InputLayer", statement)
    if symbol and symbol.startswith("keras.layers."):
        name = symbol.rsplit(".", 1)[1]
        return LayerCall(node, CLASS_ALIASES.get(name, name), statement)
    spelled = site.segment(node.func)
    if spelled in helpers:
        raise ScriptNotMappable(f"line {node.lineno}: layers come from the helper function {spelled}()")
    if not isinstance(node.func, (ast.Name, ast.Attribute)):
        raise ScriptNotMappable(f"line {node.lineno}: {site.segment(node)!r} is not a layer constructor call")
    return LayerCall(node, spelled.rsplit(".", 1)[-1], statement)  # a custom class: Keras records its name


def _map_layers(site: ModelSite, block: list[ast.stmt], index: int) -> None:
    """Fill ``site.layers`` from the constructor list and the ``add`` statements after it."""
    helpers = {n.name for n in ast.walk(site.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    listed = site.construct.args[0] if site.construct.args else next(
        (k.value for k in site.construct.keywords if k.arg == "layers"), None)
    if listed is not None and not (isinstance(listed, ast.Constant) and listed.value is None):
        if not isinstance(listed, (ast.List, ast.Tuple)):
            raise ScriptNotMappable(f"line {listed.lineno}: the layer list {site.segment(listed)!r} is built "
                                    "by code, not written as a literal list")
        site.elements = listed
        for element in listed.elts:
            site.layers.append(_layer_call(site, element, helpers))
    plain: list[ast.Expr] = []
    for stmt in block[index + 1:]:
        if isinstance(stmt, ast.Expr) and _is_call_on(stmt.value, site.name, "add"):
            plain.append(stmt)
    for call in _method_calls(site.tree, site.name, "add"):
        if not any(stmt.value is call for stmt in plain):
            raise ScriptNotMappable(f"line {call.lineno}: {site.name}.add() runs {_context(site.tree, call)}, "
                                    "not as a plain statement after the model is built")
    for call in _method_calls(site.tree, site.name, "pop"):
        raise ScriptNotMappable(f"line {call.lineno}: {site.name}.pop() removes layers at run time")
    for stmt in plain:
        added = stmt.value
        assert isinstance(added, ast.Call)
        if len(added.args) != 1 or added.keywords:
            raise ScriptNotMappable(f"line {stmt.lineno}: {site.segment(added)!r} is not add(Layer(...))")
        site.layers.append(_layer_call(site, added.args[0], helpers, stmt))


def locate(source: str) -> ModelSite:
    """Parse ``source`` and find its model (see the module docstring for what is mappable).

    Raises:
        ScriptNotMappable: the script does not parse, builds no model or several, or builds it
            where no literal rewrite can reach (a loop, a helper's return value).
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ScriptNotMappable(f"line {exc.lineno}: the script does not parse ({exc.msg})") from None
    table = ImportTable.build(tree)
    block, index, name, construct = _find_construction(tree, table)
    site = ModelSite(source=source, tree=tree, table=table, name=name, construct=construct,
                     fits=_method_calls(tree, name, "fit"), compiles=_method_calls(tree, name, "compile"))
    if _symbol(table, construct.func) in _FUNCTIONAL:
        site.layers_problem = (f"line {construct.lineno}: functional API (keras.Model(inputs, outputs)); "
                               "its layers are wired by calls, not listed")
        return site
    try:
        _map_layers(site, block, index)
    except ScriptNotMappable as exc:
        site.layers_problem = exc.message
        site.layers = []
    return site

