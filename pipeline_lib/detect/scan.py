"""One pass over a module's AST that records the facts the detectors decide on.

Detectors never walk the tree themselves: they read :class:`Facts` (every resolved reference
with its line, which names hold which constructed objects, which objects get ``.fit``), so
adding a detector is writing one class, and the tree is walked once per file.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline_lib.detect.imports import ImportTable, Resolved, dotted

__all__ = ["FIT_METHODS", "Facts", "Fit", "Scope", "Use", "scan"]

#: Enough to visit any tree the parser accepts (it refuses nesting deeper than ~1000 levels,
#: a few visitor frames each), so long ``a + b + ...`` chains are analysed, not refused.
_RECURSION_LIMIT = 10_000

#: Methods that train a model (Keras or scikit-learn).
FIT_METHODS = frozenset({"fit", "fit_generator", "train_on_batch", "fit_predict",
                         "fit_transform", "partial_fit"})


@dataclass(frozen=True)
class Use:
    """A reference to an imported symbol.

    Attributes:
        ref: the resolution (canonical symbol, qualified path, spelling).
        line: line in the analysed text (map through the source's line map for the file).
        called: True when the symbol is called (a constructor call), False for a bare reference
            (``partial(Conv2D, ...)``, a class base, a list of layer classes).
        base_of: the local class name when the reference is a class base, else None.
        first_arg: the first positional argument when it is a string literal (a TF-Hub URL).
        origin: ``(file, line)`` where the use really is when it was brought in from another
            module of the pushed folder (``line`` is then where this file uses that module).
    """

    ref: Resolved
    line: int
    called: bool
    base_of: str | None = None
    first_arg: str | None = None
    origin: tuple[str, int] | None = None

    @property
    def symbol(self) -> str:
        return self.ref.symbol

    @property
    def name(self) -> str:
        """The last component (``Conv2D``)."""
        return self.ref.symbol.rsplit(".", 1)[-1]


class Scope(NamedTuple):
    """A local ``def`` or ``class`` and the lines it spans."""

    name: str
    start: int
    end: int
    is_class: bool


@dataclass(frozen=True)
class Fit:
    """A training call such as ``model.fit(...)`` or ``KMeans(5).fit_predict(X)``.

    Attributes:
        method: ``fit``, ``fit_predict``, ...
        line: line of the call.
        receiver: dotted name of the object (``model``, ``self.km``) or None when it is an
            expression such as a constructor call.
        inline: symbols constructed inside the receiver expression (``KMeans(5).fit``).
        keywords: keyword argument names (``epochs`` marks a Keras fit).
    """

    method: str
    line: int
    receiver: str | None
    inline: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass
class Facts:
    """Everything the detectors need, gathered in one walk.

    Attributes:
        uses: resolved references in source order.
        bindings: name → (line, symbols constructed in the value assigned to it) for each
            assignment; ``model = Sequential([Dense(8)])`` gives ``model → [(3,
            {keras.models.Sequential, keras.layers.Dense})]``; a call of a local function or
            class is recorded as ``local:NAME``.
        fits: training calls.
        compiled: names on which ``.compile(`` is called (a Keras-only habit).
        scopes: every local function/class with its line range, to attribute
            the symbols a builder constructs and to tell whether a training call ever runs.
        references: local function/class/method name → lines where it is referenced
            (called, or passed as ``build_fn=create_model``).
        prompts: literal prompt texts given to ``input()``.
        imported: top-level packages imported (``keras``, ``tensorflow``, ``torch``...).
        foreign: for objects of the pushed folder's other modules that this file uses (by their
            ``@`` symbol and by the local name bound to them), the symbols they construct.
    """

    uses: list[Use] = field(default_factory=list)
    bindings: dict[str, list[tuple[int, frozenset[str]]]] = field(default_factory=dict)
    fits: list[Fit] = field(default_factory=list)
    compiled: set[str] = field(default_factory=set)
    scopes: list[Scope] = field(default_factory=list)
    references: dict[str, list[int]] = field(default_factory=dict)
    prompts: list[str] = field(default_factory=list)
    imported: set[str] = field(default_factory=set)
    foreign: dict[str, frozenset[str]] = field(default_factory=dict)
    _reached: dict[int, int | None] = field(default_factory=dict, repr=False)
    _inner: list[int] = field(default_factory=list, repr=False)

    def _scope_at(self, line: int) -> Scope | None:
        """The innermost scope whose body holds ``line`` (an index built once, for big files)."""
        if not self._inner and self.scopes:
            self._inner = [-1] * (max(s.end for s in self.scopes) + 2)
            for index, scope in sorted(enumerate(self.scopes), key=lambda item: item[1].start):
                self._inner[scope.start + 1:scope.end + 1] = [index] * (scope.end - scope.start)
        index = self._inner[line] if 0 <= line < len(self._inner) else -1
        return self.scopes[index] if index >= 0 else None

    def symbols_in(self, name: str) -> set[str]:
        """Symbols a local function/class constructs (by line range), for ``model = build()``."""
        ranges = [(s.start, s.end) for s in self.scopes if s.name == name]
        return {u.symbol for u in self.uses for a, b in ranges if a <= u.line <= b}

    def runs_at(self, line: int, _seen: frozenset[str] = frozenset()) -> int | None:
        """The module-level line at which code on ``line`` runs, or None if it never runs.

        Module-level code runs where it is; a class body where the class is defined. A
        function runs where it is referenced (the latest such place); a method also wherever
        its class is used, since frameworks call ``__init__``, ``build`` or ``call`` for us.
        A function nobody references is dead code for the purposes of detection.
        """
        if not _seen and line in self._reached:
            return self._reached[line]
        inner = self._scope_at(line)
        if inner is None:
            return line
        if inner.is_class:
            return self.runs_at(inner.start, _seen)
        names = [inner.name]
        outer = self._scope_at(inner.start)
        if outer is not None and outer.is_class:
            names.append(outer.name)
        if inner.name in _seen:
            return None
        reached = [self.runs_at(at, _seen | {inner.name})
                   for name in names for at in self.references.get(name, [])]
        lines = [r for r in reached if r is not None]
        result = max(lines) if lines else None
        if not _seen:
            self._reached[line] = result
        return result

    def bound_at(self, name: str, line: int) -> frozenset[str]:
        """What ``name`` holds at ``line``: the last assignment above it (else the first below).

        Scripts reuse ``model`` for different estimators, so the nearest assignment before
        the call is the best static guess; a name only assigned later (a function defined
        before its caller) falls back to its first assignment.
        """
        history = self.bindings.get(name, [])
        before = [made for at, made in history if at <= line]
        if before:
            return before[-1]
        return history[0][1] if history else frozenset()


def _literal_parts(node: ast.expr | None) -> str | None:
    """The literal text of a prompt: strings, f-string literal parts, ``"a" + x``, ``"%s" % x``."""
    if node is None:
        return ""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        left = _literal_parts(node.left) or ""
        right = _literal_parts(node.right) if isinstance(node.op, ast.Add) else ""
        return left + (right or "")
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"):
        return _literal_parts(node.func.value)
    return None


class _Scanner(ast.NodeVisitor):
    """Fills :class:`Facts`; resolves each outermost ``Name``/``Attribute`` chain exactly once."""

    def __init__(self, table: ImportTable, known: Callable[[str], bool]) -> None:
        self.table = table
        self.known = known
        self.facts = Facts(imported={q.split(".")[0] for q in table.names.values()}
                           | {m.split(".")[0] for m in table.wildcards})

    def _resolve(self, node: ast.expr) -> Resolved | None:
        return self.table.resolve(node, self.known)

    def _record(self, node: ast.expr, called: bool, base_of: str | None = None,
                first_arg: str | None = None) -> bool:
        ref = self._resolve(node)
        if ref is None:
            return False
        self.facts.uses.append(Use(ref, node.lineno, called, base_of, first_arg))
        return True

    def _constructed(self, node: ast.expr) -> set[str]:
        """Symbols (and ``local:NAME`` calls) constructed anywhere inside ``node``."""
        found: set[str] = set()
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call):
                ref = self._resolve(sub.func)
                name = dotted(sub.func)
                local = name.rsplit(".", 1)[-1] if name else None
                if ref is not None:
                    found.add(ref.symbol)
                elif local in self.table.local:
                    found.add(f"local:{local}")
        return found

    def _define(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.facts.scopes.append(Scope(node.name, node.lineno, node.end_lineno or node.lineno,
                                       isinstance(node, ast.ClassDef)))

    def _reference(self, name: str, line: int) -> None:
        if name in self.table.local:
            self.facts.references.setdefault(name, []).append(line)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """Visit decorators, defaults and body; annotations are types, not uses."""
        self._define(node)
        args = node.args
        for item in (*node.decorator_list, *args.defaults, *args.kw_defaults, *node.body):
            if item is not None:
                self.visit(item)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._define(node)
        for base in node.bases:
            if not self._record(base, called=False, base_of=node.name):
                self.visit(base)
        for item in (*node.decorator_list, *node.keywords, *node.body):
            self.visit(item)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._bind(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._bind([node.target], node.value)
            self.visit(node.value)

    def _bind(self, targets: list[ast.expr], value: ast.expr) -> None:
        made = self._constructed(value)
        for target in targets:
            name = dotted(target)
            if name and made:
                self.facts.bindings.setdefault(name, []).append((value.lineno, frozenset(made)))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        first = node.args[0] if node.args else None
        literal = first.value if isinstance(first, ast.Constant) and isinstance(
            first.value, str) else None
        if isinstance(func, ast.Name) and func.id in ("input", "raw_input") \
                and func.id not in self.table.local and func.id not in self.table.names:
            prompt = _literal_parts(first)
            if prompt is not None and prompt not in self.facts.prompts:
                self.facts.prompts.append(prompt)
        if isinstance(func, ast.Attribute):
            self._note_method(func, node)
        if not self._record(func, called=True, first_arg=literal):
            self.visit(func)
        skip_types = isinstance(func, ast.Name) and func.id in ("isinstance", "issubclass")
        for index, arg in enumerate(node.args):
            if not (skip_types and index == 1):
                self.visit(arg)
        for keyword in node.keywords:
            self.visit(keyword.value)

    def _note_method(self, func: ast.Attribute, call: ast.Call) -> None:
        receiver = dotted(func.value)
        if func.attr == "compile" and receiver:
            self.facts.compiled.add(receiver)
        elif func.attr in FIT_METHODS:
            self.facts.fits.append(Fit(
                method=func.attr, line=call.lineno, receiver=receiver,
                inline=tuple(sorted(self._constructed(func.value))),
                keywords=tuple(k.arg for k in call.keywords if k.arg)))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Load):
            self._reference(node.attr, node.lineno)
            if self._record(node, called=False):
                return
        self.visit(node.value)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self._reference(node.id, node.lineno)
            self._record(node, called=False)


def scan(tree: ast.Module, known: Callable[[str], bool], table: ImportTable | None = None) -> Facts:
    """Walk ``tree`` once and return its :class:`Facts`.

    Args:
        tree: the parsed module.
        known: predicate on canonical symbols; it tells wildcard imports apart.
        table: the module's import table when the caller already built (and linked) it.
    """
    table = table if table is not None else ImportTable.build(tree)
    scanner = _Scanner(table, known)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _RECURSION_LIMIT))  # long ``a + b + ...`` chains recurse
    try:
        scanner.visit(tree)
    finally:
        sys.setrecursionlimit(limit)
    return scanner.facts
