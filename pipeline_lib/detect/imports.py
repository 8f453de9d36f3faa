"""Import and alias resolution: turn what a script *spells* into what it *means*.

People reach the same Keras class a dozen ways (``keras.layers.Conv2D``,
``tf.keras.layers.Conv2D``, ``from tensorflow.keras import layers as L`` then ``L.Conv2D``,
``from keras.layers import *`` then a bare ``Conv2D``). Detection must not depend on the
spelling, so every name is first resolved to the dotted path it was imported from and then
canonicalised (``tensorflow.keras.*``, ``tf_keras.*``, ``keras_core.*`` all become ``keras.*``).

Resolution is flow-insensitive on purpose: scripts import inside functions, in notebook cells
in any order, and re-import freely; a whole-file table is both simpler and more forgiving.

Relative imports are kept with their dots (``from .cnn import CNN`` gives ``CNN → .cnn.CNN``) so the
whole-folder analysis (:mod:`~pipeline_lib.detect.project`) can find the sibling module. A chain whose
root nothing resolves but whose last name is an unmistakable Keras class (``layers.Conv2D(...)``,
``models.Sequential()`` after ``from model_layers import *``) resolves to that class, flagged
``inferred``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["KERAS_PREFIXES", "UNMISTAKABLE", "ImportTable", "Resolved", "canonical", "dotted"]

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
        "Dense", "Dropout", "Flatten", "LSTM", "GRU", "SimpleRNN", "Bidirectional", "Embedding",
        "Input", "MaxPooling1D", "AveragePooling2D", "GlobalAveragePooling2D", "BatchNormalization")},
    **{name: "keras.applications" for name in (
        "VGG16", "VGG19", "ResNet50", "ResNet50V2", "MobileNet", "MobileNetV2", "InceptionV3",
        "Xception", "DenseNet121", "EfficientNetB0")},
    "Sequential": "keras.models",
    "Model": "keras.models",
    "KMeans": "sklearn.cluster",
    "MiniBatchKMeans": "sklearn.cluster",
}

#: Conventional import aliases, assumed on the same terms (``tf.keras.layers.Conv2D(...)`` in a
#: notebook export whose ``import tensorflow as tf`` cell is gone).
ASSUMED_ROOT: dict[str, str] = {"tf": "tensorflow", "keras": "keras", "layers": "keras.layers",
                                "sklearn": "sklearn"}


#: Keras class names no other library a training script uses spells the same way, by the module
#: they live in: an unresolved ``L.Conv2D`` or ``models.Sequential`` is taken to be Keras.
UNMISTAKABLE: dict[str, str] = {
    **{name: "keras.layers" for name in (
        "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "SeparableConv2D", "DepthwiseConv2D",
        "Convolution1D", "Convolution2D", "MaxPooling1D", "MaxPooling2D", "MaxPool2D",
        "AveragePooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
        "GlobalMaxPooling1D", "GlobalMaxPooling2D", "Dense", "BatchNormalization", "LSTM", "GRU",
        "SimpleRNN", "Bidirectional", "TimeDistributed", "LSTMCell", "GRUCell", "ConvLSTM2D")},
    "Sequential": "keras.models",
}

#: Roots that name another framework's module: ``nn.LSTM`` is PyTorch, never inferred Keras.
_FOREIGN_ROOTS = frozenset({"nn", "torch", "F", "tf1", "snt", "hk", "flax", "mx", "gluon", "paddle"})
_FOREIGN_WILDCARDS = ("torch", "mxnet", "paddle", "jax", "flax", "chainer")


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
        inferred: True when the root is unresolved and the Keras class was inferred from the name.
    """

    qualified: str
    symbol: str
    spelled: str
    assumed: bool = False
    wildcard: str | None = None
    inferred: bool = False

    @property
    def guessed(self) -> bool:
        """Whether no import proves this resolution (assumed or inferred): evidence says so."""
        return self.assumed or self.inferred

    def alias_note(self) -> str:
        """``(alias C of keras.layers.Convolution2D)`` when the spelling hides the real name."""
        if self.inferred:
            root = self.spelled.split(".", 1)[0]
            return f" (inferred: {root} is not resolved; {self.spelled} taken as {self.qualified})"
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
        via: names that a ``*`` import of a module of the pushed folder brought in → that module
            as the script spells it (for the evidence).
        statements: every import statement, in the order found (the folder analysis runs the
            modules they load).
    """

    names: dict[str, str] = field(default_factory=dict)
    wildcards: list[str] = field(default_factory=list)
    local: set[str] = field(default_factory=set)
    assigned: set[str] = field(default_factory=set)
    via: dict[str, str] = field(default_factory=dict)
    statements: list[ast.Import | ast.ImportFrom] = field(default_factory=list, repr=False)

    @classmethod
    def build(cls, tree: ast.Module) -> ImportTable:
        """Collect imports, local definitions, then aliases (``L = tf.keras.layers``).

        Aliases are resolved twice so a chain (``K = tf.keras``; ``L = K.layers``) settles.
        """
        table = cls()
        assigns: list[ast.Assign] = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                table.statements.append(node)
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        table.names[alias.asname] = alias.name
                    else:  # ``import a.b.c`` binds ``a``
                        root = alias.name.split(".")[0]
                        table.names.setdefault(root, root)
            elif isinstance(node, ast.ImportFrom) and (node.module or node.level):
                module = "." * node.level + (node.module or "")
                for alias in node.names:
                    if alias.name == "*":
                        table.wildcards.append(module)
                    else:
                        joint = "" if module.endswith(".") else "."
                        table.names[alias.asname or alias.name] = f"{module}{joint}{alias.name}"
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
        head, _, rest = spelled.partition(".")
        if qualified is not None:
            return Resolved(qualified, canonical(qualified), spelled, wildcard=self.via.get(head))
        if head in self.local:
            return None
        for module in reversed(self.wildcards):  # as in Python, the last ``*`` import wins
            guess = f"{module}.{spelled}"
            if known(canonical(guess)):
                return Resolved(guess, canonical(guess), spelled, wildcard=module)
        assumed: str | None = None
        if not self.wildcards and head not in self.assigned:  # nothing here could define it
            if not rest and head in ASSUMED_MODULE:
                assumed = f"{ASSUMED_MODULE[head]}.{head}"
            elif rest and head in ASSUMED_ROOT:
                assumed = f"{ASSUMED_ROOT[head]}.{rest}"
        if assumed is not None:
            return Resolved(assumed, canonical(assumed), spelled, assumed=True)
        inferred = self._infer(head, rest)
        return Resolved(inferred, inferred, spelled, inferred=True) if inferred else None

    def _infer(self, head: str, rest: str) -> str | None:
        """The Keras class an unresolved ``root.Class`` (or a bare class a local ``*`` import
        hides) unmistakably names, else None."""
        name = rest.rsplit(".", 1)[-1] if rest else head
        if name not in UNMISTAKABLE or head in _FOREIGN_ROOTS:
            return None
        if rest:  # ``L.Conv2D``: the root is neither imported nor defined here
            return f"{UNMISTAKABLE[name]}.{name}" if head not in self.assigned else None
        foreign = any(w.split(".")[0] in _FOREIGN_WILDCARDS for w in self.wildcards)
        if self.wildcards and not foreign and head not in self.assigned:
            return f"{UNMISTAKABLE[name]}.{name}"
        return None
