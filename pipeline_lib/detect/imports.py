"""Import and alias resolution: turn what a script *spells* into what it *means*.

People reach the same Keras class a dozen ways (``keras.layers.Conv2D``,
``tf.keras.layers.Conv2D``, ``from tensorflow.keras import layers as L`` then ``L.Conv2D``,
``from keras.layers import *`` then a bare ``Conv2D``). Detection must not depend on the
spelling, so every name is first resolved to the dotted path it was imported from and then
canonicalised (``tensorflow.keras.*``, ``tf_keras.*``, ``keras_core.*`` all become ``keras.*``).

Resolution is flow-insensitive on purpose: scripts import inside functions, in notebook cells
in any order, and re-import freely; a whole-file table is both simpler and more forgiving.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["KERAS_PREFIXES", "ImportTable", "Resolved", "canonical", "dotted"]

#: Module prefixes that are the same Keras API, longest first; each is rewritten to ``keras``.
KERAS_PREFIXES: tuple[str, ...] = (
    "tensorflow.contrib.keras.python.keras",
    "tensorflow.contrib.keras.api.keras",
    "tensorflow.contrib.keras",
    "tensorflow.python.keras",
    "tensorflow.compat.v1.keras",
    "tensorflow.compat.v2.keras",
    "tensorflow.keras",
    "keras.api._v2.keras",
    "keras.src",
    "keras_core",
    "tf_keras",
)

#: Bare names a script may use without any import we can see (an import cell lost in a
#: notebook export); used only when nothing defines them and no ``*`` import could have.
ASSUMED_MODULE: dict[str, str] = {
    **{name: "keras.layers" for name in (
        "Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D",
        "SeparableConv2D", "DepthwiseConv2D", "Conv2DTranspose", "MaxPooling2D", "MaxPool2D",
        "Dense", "Dropout", "Flatten", "LSTM", "GRU", "SimpleRNN", "Bidirectional")},
    "Sequential": "keras.models",
    "KMeans": "sklearn.cluster",
    "MiniBatchKMeans": "sklearn.cluster",
}

#: Conventional import aliases, assumed on the same terms (``tf.keras.layers.Conv2D(...)`` in a
#: notebook export whose ``import tensorflow as tf`` cell is gone).
ASSUMED_ROOT: dict[str, str] = {"tf": "tensorflow", "keras": "keras", "layers": "keras.layers",
                                "sklearn": "sklearn"}


def canonical(name: str) -> str:
    """Rewrite every spelling of the Keras package to ``keras`` (``tf.keras`` included)."""
    for prefix in KERAS_PREFIXES:
        if name == prefix or name.startswith(prefix + "."):
            return "keras" + name[len(prefix):]
    return name


def dotted(node: ast.expr) -> str | None:
    """The source spelling of a ``Name``/``Attribute`` chain (``L.Conv2D``), else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


@dataclass(frozen=True)
class Resolved:
    """A resolved reference.

    Attributes:
        qualified: the dotted path as imported (``tensorflow.keras.layers.Conv2D``).
        symbol: the canonical path (``keras.layers.Conv2D``) that detectors match on.
        spelled: how the script wrote it (``L.Conv2D``).
        assumed: True when no import defines the name and a well-known module was assumed.
        wildcard: the module of the ``from MODULE import *`` that supplied the name, if any.
    """

    qualified: str
    symbol: str
    spelled: str
    assumed: bool = False
    wildcard: str | None = None

    def alias_note(self) -> str:
        """``(alias C of keras.layers.Convolution2D)`` when the spelling hides the real name."""
        if self.assumed:
            return f" (no import defines {self.spelled}; assumed {self.qualified})"
        if self.wildcard:
            return f" (from {self.wildcard} import *)"
        if self.qualified != self.spelled and not self.qualified.endswith("." + self.spelled):
            return f" (alias {self.spelled} of {self.qualified})"
        return ""


@dataclass
class ImportTable:
    """Local name → dotted path, built from every import and simple alias in a module.

    Attributes:
        names: ``{"L": "tensorflow.keras.layers", "KM": "sklearn.cluster.KMeans"}``.
        wildcards: modules imported with ``*``, in source order.
        local: names the script defines itself (``def``/``class``); never resolved to imports.
        assigned: names bound by assignment, loops or parameters; never *assumed* to be imports.
    """

    names: dict[str, str] = field(default_factory=dict)
    wildcards: list[str] = field(default_factory=list)
    local: set[str] = field(default_factory=set)
    assigned: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, tree: ast.Module) -> ImportTable:
        """Collect imports, local definitions, then aliases (``L = tf.keras.layers``).

        Aliases are resolved twice so a chain (``K = tf.keras``; ``L = K.layers``) settles.
        """
        table = cls()
        assigns: list[ast.Assign] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        table.names[alias.asname] = alias.name
                    else:  # ``import a.b.c`` binds ``a``
                        root = alias.name.split(".")[0]
                        table.names.setdefault(root, root)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    if alias.name == "*":
                        table.wildcards.append(node.module)
                    else:
                        table.names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                table.local.add(node.name)
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                table.assigned.add(node.id)
            elif isinstance(node, ast.arg):
                table.assigned.add(node.arg)
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                assigns.append(node)
        for _ in range(2):
            for assign in assigns:
                table._learn_alias(assign)
        return table

    def _learn_alias(self, assign: ast.Assign) -> None:
        """``L = tf.keras.layers`` and ``Conv = partial(layers.Conv2D, ...)`` are aliases."""
        target = assign.targets[0]
        if not isinstance(target, ast.Name) or target.id in self.names:
            return
        value = assign.value
        if (isinstance(value, ast.Call) and value.args
                and (self.qualify(value.func) or "").endswith("functools.partial")):
            value = value.args[0]
        if isinstance(value, (ast.Name, ast.Attribute)):
            found = self.qualify(value)
            if found:
                self.names[target.id] = found

    def qualify(self, node: ast.expr) -> str | None:
        """The imported dotted path of ``node`` without wildcard guessing, else None."""
        spelled = dotted(node)
        if spelled is None:
            return None
        head, _, rest = spelled.partition(".")
        base = self.names.get(head)
        if base is None:
            return None
        return f"{base}.{rest}" if rest else base

    def resolve(self, node: ast.expr, known: Callable[[str], bool]) -> Resolved | None:
        """Resolve ``node`` to a :class:`Resolved`, trying imports, wildcards, then well-known names.

        Args:
            node: a ``Name`` or ``Attribute`` chain.
            known: a predicate ``str -> bool`` telling whether a canonical path is a symbol the
                detectors care about; it decides which wildcard module a bare name came from.
        """
        spelled = dotted(node)
        if spelled is None:
            return None
        qualified = self.qualify(node)
        if qualified is not None:
            return Resolved(qualified, canonical(qualified), spelled)
        head, _, rest = spelled.partition(".")
        if head in self.local:
            return None
        for module in reversed(self.wildcards):  # as in Python, the last ``*`` import wins
            guess = f"{module}.{spelled}"
            if known(canonical(guess)):
                return Resolved(guess, canonical(guess), spelled, wildcard=module)
        if self.wildcards or head in self.assigned:
            return None  # the name may well come from there
        if not rest and head in ASSUMED_MODULE:
            guess = f"{ASSUMED_MODULE[head]}.{head}"
        elif rest and head in ASSUMED_ROOT:
            guess = f"{ASSUMED_ROOT[head]}.{rest}"
        else:
            return None
        return Resolved(guess, canonical(guess), spelled, assumed=True)
