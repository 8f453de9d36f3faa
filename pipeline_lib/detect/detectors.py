"""Per-kind detectors behind one small abstract base, and the rule that picks a file's kind.

Each detector reads the :class:`~pipeline_lib.detect.scan.Facts` of a file and returns a
:class:`Finding` or None. A new kind (or a new "why not" explanation) is one more class in
:data:`SUPPORTED` or :data:`EXPLAINERS`, never another branch in an if-chain.

What counts as evidence: a symbol that is *called* (a layer constructed, ``KMeans(...)``),
used as a class base (``class Net(keras.Model)``) or passed as a value (``partial(Conv2D,
...)``). An import alone is not evidence, nor is a name in a string, comment or docstring,
nor subclassing the generic ``Layer`` base; layers that learn nothing (pooling, Flatten)
applied to data without any model are a demo, not a network.
Code in a function nobody calls is not evidence when other code of the same family runs
(an unused ``build_cnn()`` next to the ``build_mlp()`` that is trained gives ``ann``).

Rule for a file with both a Keras network and a KMeans clustering: **the model that is
trained wins** (a ``.fit``-family call on it, in code that runs: module level, or a
function or method the script calls). If both are trained, the one trained *last* wins,
because earlier training prepares the later one (KMeans cluster labels as features for a
network; a network's embeddings clustered by KMeans). If neither is trained, the Keras
network wins: it is the bigger model, and KMeans next to it is usually a helper.

Rule for a Keras network with both recurrent and convolution layers (CNN-LSTM text and video
models, ``Conv1D`` before an ``LSTM``, ``TimeDistributed(Conv2D)`` before a ``GRU``): **the
recurrent layer wins, the network is** ``rnn``. In those models the convolutions extract
features and the recurrent stack on top carries the sequence; the rnn mutations (units, depth
of the recurrent stack, dropout, learning rate) apply to it unchanged, while the cnn ones (one
more Conv2D + pooling block) assume image tensors and would cut the time axis. ``ConvLSTM2D``
is a convolution (filters and kernels over image frames), so a network built from it alone is
a ``cnn``; an ``Embedding`` + ``Dense`` network (no recurrent layer) stays ``ann``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

from pipeline_lib.detect.results import Evidence
from pipeline_lib.detect.scan import Facts, Fit, Use
from pipeline_lib.detect.symbols import (
    LIBRARY_LABELS,
    is_conv_layer,
    is_hub_conv_layer,
    is_keras_layer,
    is_keras_model,
    is_kmeans,
    is_pretrained_base,
    is_recurrent_layer,
    is_saved_model_load,
    is_tf_graph_model,
    is_unsupported_estimator,
    is_weightless_layer,
    library_of,
)
from pipeline_lib.kinds import KINDS

__all__ = ["EXPLAINERS", "SUPPORTED", "Detector", "Finding", "classify", "fit_kind"]

SUPPORTED_KINDS = f"({', '.join(sorted(KINDS))})"  # "(ann, cnn, kmeans)"
MAX_PER_SYMBOL = 3
MAX_EVIDENCE = 15
_KERAS_ONLY_FITS = frozenset({"fit_generator", "train_on_batch"})
_KERAS_FIT_KEYWORDS = frozenset({"epochs", "nb_epoch", "batch_size", "validation_data",
                                 "validation_split", "callbacks", "steps_per_epoch"})


@dataclass(frozen=True)
class Finding:
    """A detector's verdict for one file.

    Attributes:
        kind: ``ann`` | ``cnn`` | ``kmeans`` | ``none``.
        framework: ``keras`` | ``sklearn`` | None.
        evidence: supporting lines, most decisive first.
        reason: one sentence.
        first_line: line of the first piece of evidence (0 when there is none).
        trained_at: module-level line where this model's last training call runs; None if
            no training call on it runs.
    """

    kind: str
    framework: str | None
    evidence: tuple[Evidence, ...]
    reason: str
    first_line: int = 0
    trained_at: int | None = None


class Detector(ABC):
    """Looks for one kind of model (or one reason for ``none``) in a file's facts."""

    kind: ClassVar[str] = "none"

    @abstractmethod
    def detect(self, facts: Facts, file: str) -> Finding | None:
        """The finding for ``facts`` (``file`` labels the evidence), or None if absent."""


def _is_conv_use(use: Use) -> bool:
    return (is_conv_layer(use.symbol) or is_pretrained_base(use.symbol)
            or is_hub_conv_layer(use.symbol, use.first_arg))


def _is_network_symbol(symbol: str) -> bool:
    return is_keras_layer(symbol) or is_keras_model(symbol) or is_conv_layer(symbol) \
        or is_pretrained_base(symbol)


def _counts(use: Use) -> bool:
    """A use is evidence if it builds or extends something; a guessed name must be called."""
    return use.called or use.base_of is not None or not use.ref.assumed


def _live(facts: Facts, uses: list[Use]) -> list[Use]:
    """The uses in code that runs; all of them when none of those constructs anything.

    This keeps a ``build_cnn()`` that the script never calls from outvoting the
    ``build_mlp()`` it does call, without losing a library-style file altogether. Code that
    runs but constructs nothing (a custom layer class defined at module level, a bare
    reference) does not decide: it cannot outvote a builder that does construct the model.
    """
    live = [u for u in uses if facts.runs_at(u.line) is not None]
    return live if any(u.called for u in live) else uses


def _network(facts: Facts) -> list[Use]:
    """Every Keras network use (layers, models, conv layers, pretrained bases) that counts."""
    return _live(facts, [u for u in facts.uses if (_is_network_symbol(u.symbol) or _is_conv_use(u))
                         and _counts(u)])


#: How evidence names a symbol, first matching predicate wins.
_LABELS: tuple[tuple[Callable[[str], bool], str], ...] = (
    (is_pretrained_base, "pretrained convolutional base {name}"),
    (is_conv_layer, "{name} convolution layer"),
    (is_keras_model, "Keras {name} model"),
    (is_keras_layer, "{name} layer"),
    (is_kmeans, "scikit-learn {name} clustering"),
    (is_saved_model_load, "saved Keras model read by load_model"),
)


def _label(use: Use) -> str:
    if is_hub_conv_layer(use.symbol, use.first_arg):
        return f"TF-Hub image model ({use.first_arg}) as a Keras layer"
    library = library_of(use.symbol)
    template = next((t for test, t in _LABELS if test(use.symbol)), "{library} {name}")
    return template.format(name=use.name, library=LIBRARY_LABELS.get(library, library))


def _why(use: Use) -> str:
    if use.base_of:
        action = f"subclassed by class {use.base_of}"
    elif use.called:
        action = "constructed" if use.name[:1].isupper() else "called"
    else:
        action = "referenced"
    return f"{_label(use)} {action}{use.ref.alias_note()}"


def _evidence(uses: list[Use], file: str) -> list[Evidence]:
    """Evidence for ``uses`` in order, at most a few lines per symbol so reports stay short."""
    seen: Counter[str] = Counter()
    out: list[Evidence] = []
    for use in uses:
        seen[use.symbol] += 1
        if seen[use.symbol] <= MAX_PER_SYMBOL:
            out.append(Evidence(use.symbol, file, use.line, _why(use)))
    return out


def _summary(uses: list[Use]) -> str:
    """``Conv2D ×2, Dense`` — what was built, by name, in order of appearance."""
    counts = Counter(u.name for u in uses)
    return ", ".join(f"{n} ×{c}" if c > 1 else n for n, c in counts.items())


def _held(facts: Facts, fit: Fit) -> set[str]:
    """Symbols held by the object a fit is called on, looking into local builder functions."""
    held = set(fit.inline)
    if fit.receiver:
        held |= facts.bound_at(fit.receiver, fit.line)
    for symbol in list(held):
        if symbol.startswith("local:"):
            held |= facts.symbols_in(symbol.removeprefix("local:"))
    return held


def fit_kind(facts: Facts, fit: Fit) -> str | None:
    """Which model family a training call trains: ``keras``, ``kmeans`` or None (unknown)."""
    held = _held(facts, fit)
    keras_hint = (fit.method in _KERAS_ONLY_FITS or bool(_KERAS_FIT_KEYWORDS & set(fit.keywords))
                  or (fit.receiver in facts.compiled))
    has_kmeans = any(is_kmeans(s) for s in held)
    has_keras = any(_is_network_symbol(s) for s in held)
    if has_kmeans and not (has_keras and keras_hint):
        return "kmeans"
    if has_keras or keras_hint:
        return "keras"
    return None


def _training(facts: Facts, family: str, file: str, symbol: str) -> tuple[int | None, list[Evidence]]:
    """When ``family`` is last trained, and evidence for its first training call.

    Returns:
        The module-level line where the last training call runs (None if no training call
        of that family runs), and the evidence (empty when there is no training call).
    """
    fits = [(f, facts.runs_at(f.line)) for f in facts.fits if fit_kind(facts, f) == family]
    if not fits:
        return None, []
    live = [at for _, at in fits if at is not None]
    first = next((f for f, at in fits if at is not None), fits[0][0])
    why = f"{first.receiver or 'the model'}.{first.method}(...) trains it"
    if not live:
        why += ", but only in code that is never called"
    return (max(live) if live else None), [Evidence(f"{symbol}.{first.method}", file, first.line, why)]


class RnnDetector(Detector):
    """A Keras network with a recurrent layer (LSTM, GRU, SimpleRNN, Bidirectional, RNN(cell)).

    Convolution layers next to it do not make it a CNN (see the module's rule); they are
    listed after the recurrent layers in the evidence and named in the reason.
    """

    kind = "rnn"

    def detect(self, facts: Facts, file: str) -> Finding | None:
        network = _network(facts)
        recurrent = [u for u in network if is_recurrent_layer(u.symbol)]
        if not recurrent:
            return None
        conv = [u for u in network if _is_conv_use(u)]
        rest = [u for u in network if u not in recurrent and u not in conv]
        trained_at, fit_evidence = _training(facts, "keras", file, "keras.Model")
        also = (f"; its convolution layers ({_summary(conv)}) feed the recurrent ones, so it is "
                "tuned as a recurrent network" if conv else "")
        return Finding(self.kind, "keras",
                       tuple(_evidence(recurrent + conv + rest, file) + fit_evidence)[:MAX_EVIDENCE],
                       f"Keras network with recurrent layers ({_summary(recurrent)}), first at line "
                       f"{recurrent[0].line}{also}", recurrent[0].line, trained_at)


class CnnDetector(Detector):
    """A Keras network with a convolution layer or a pretrained convolutional base."""

    kind = "cnn"

    def detect(self, facts: Facts, file: str) -> Finding | None:
        network = _network(facts)
        conv = [u for u in network if _is_conv_use(u)]
        if not conv:
            return None
        rest = [u for u in network if not _is_conv_use(u)]
        trained_at, fit_evidence = _training(facts, "keras", file, "keras.Model")
        bases = [u for u in conv if not is_conv_layer(u.symbol)]
        if bases and len(bases) == len(conv):
            what = f"on a pretrained convolutional base ({_summary(bases)})"
        else:
            what = f"with convolution layers ({_summary([u for u in conv if u not in bases])})"
        return Finding(self.kind, "keras", tuple(_evidence(conv + rest, file) + fit_evidence)
                       [:MAX_EVIDENCE], f"Keras network {what}, first at line {conv[0].line}",
                       conv[0].line, trained_at)


class AnnDetector(Detector):
    """A Keras network without convolution or recurrence: Dense (and other) layers."""

    kind = "ann"

    def detect(self, facts: Facts, file: str) -> Finding | None:
        network = [u for u in _network(facts) if not _is_conv_use(u)]
        # a model or a layer with weights: applying only pooling or Flatten is not a network
        if not any((u.called or u.base_of) and not is_weightless_layer(u.symbol) for u in network):
            return None
        trained_at, fit_evidence = _training(facts, "keras", file, "keras.Model")
        dense = [u for u in network if u.name == "Dense"]
        ordered = dense + [u for u in network if u not in dense]
        return Finding(self.kind, "keras", tuple(_evidence(ordered, file) + fit_evidence)[:MAX_EVIDENCE],
                       f"Keras network without convolution layers ({_summary(network)}), "
                       f"first at line {network[0].line}", network[0].line, trained_at)


class KMeansDetector(Detector):
    """scikit-learn KMeans / MiniBatchKMeans clustering (an elbow loop included)."""

    kind = "kmeans"

    def detect(self, facts: Facts, file: str) -> Finding | None:
        uses = _live(facts, [u for u in facts.uses if is_kmeans(u.symbol) and _counts(u)])
        if not uses:
            return None
        trained_at, fit_evidence = _training(facts, "kmeans", file, uses[0].symbol)
        trained = f", trained at line {trained_at}" if trained_at else ""
        return Finding(self.kind, "sklearn", tuple(_evidence(uses, file) + fit_evidence),
                       f"scikit-learn {uses[0].name} clustering constructed at line "
                       f"{uses[0].line}{trained}", uses[0].line, trained_at)


class UnsupportedModel(Detector):
    """A model the pipeline cannot train (PyTorch, TF graph code, a scikit-learn classifier).

    Args:
        test: predicate on canonical symbols that marks such a model.
        advice: what the user can do, appended to the reason.
        label: how to name the model in the reason (default: library and class name).
    """

    def __init__(self, test: Callable[[str], bool], advice: str, label: str | None = None) -> None:
        self.test = test
        self.advice = advice
        self.label = label

    def detect(self, facts: Facts, file: str) -> Finding | None:
        hits = [u for u in facts.uses if self.test(u.symbol) and (u.called or u.base_of)]
        if not hits:
            return None
        trained = set().union(*(_held(facts, f) for f in facts.fits))
        # the model that is trained says most, then a constructed one, then a base class
        first = min(hits, key=lambda u: (u.symbol not in trained, not u.called, u.line))
        library = library_of(first.symbol)
        what = f"{self.label} ({first.name})" if self.label else \
            f"{LIBRARY_LABELS.get(library, library)} {first.name}"
        return Finding(self.kind, "sklearn" if library == "sklearn" else None,
                       tuple(_evidence([first] + [u for u in hits if u is not first], file)),
                       f"{what} is not a supported kind {SUPPORTED_KINDS}; {self.advice}",
                       first.line)


class SavedModelOnly(Detector):
    """A script that loads a saved Keras model but builds no network: nothing to train."""

    def detect(self, facts: Facts, file: str) -> Finding | None:
        loads = [u for u in facts.uses if is_saved_model_load(u.symbol) and u.called]
        if not loads:
            return None
        return Finding(self.kind, "keras", tuple(_evidence(loads, file)),
                       f"loads a saved Keras model (line {loads[0].line}) but builds no network, "
                       "so there is nothing to train from scratch", loads[0].line)


class LayersWithoutNetwork(Detector):
    """Keras layers that learn nothing (pooling, Flatten) applied to data, with no model."""

    def detect(self, facts: Facts, file: str) -> Finding | None:
        applied = [u for u in _network(facts) if u.called and is_weightless_layer(u.symbol)]
        if not applied:
            return None
        return Finding(self.kind, "keras", tuple(_evidence(applied, file)),
                       f"applies Keras layers that learn nothing ({_summary(applied)}, line "
                       f"{applied[0].line}) but builds no network, so there is nothing to train",
                       applied[0].line)


class HandWritten(Detector):
    """KMeans or a neural network implemented by hand (numpy), not with scikit-learn/Keras.

    Only a class (``class KMeans``, ``class NeuralNetwork``) or a ``def kmeans(...)`` counts:
    a helper such as ``load_network_data`` says nothing about the model.
    """

    def detect(self, facts: Facts, file: str) -> Finding | None:
        for name, line, _, is_class in sorted(facts.scopes, key=lambda scope: scope.start):
            squashed = name.lower().replace("_", "")
            if "kmeans" in squashed and (is_class or squashed.startswith("kmeans")):
                what = "scikit-learn KMeans"
            elif is_class and any(w in squashed for w in ("neuralnet", "perceptron", "mlp",
                                                          "network")):
                what = "a Keras network"
            else:
                continue
            return Finding(self.kind, None, (Evidence(name, file, line, f"{name} defined here"),),
                           f"{name} is written by hand in the script (line {line}); the supported "
                           f"kinds {SUPPORTED_KINDS} need {what}", line)
        return None


#: Detectors of trainable kinds, most specific first (an RNN or a CNN is also a Keras network;
#: a network with both recurrent and convolution layers is an RNN, see the module's rule).
SUPPORTED: tuple[Detector, ...] = (RnnDetector(), CnnDetector(), AnnDetector(), KMeansDetector())

#: Explanations for ``none``, first match wins.
EXPLAINERS: tuple[Detector, ...] = (
    UnsupportedModel(lambda s: library_of(s) in ("torch", "torchvision")
                     and is_unsupported_estimator(s),
                     "only Keras networks and scikit-learn KMeans are trained"),
    UnsupportedModel(is_tf_graph_model, "build the network with Keras layers instead",
                     label="TensorFlow 1 graph code"),
    UnsupportedModel(is_unsupported_estimator,
                     "only Keras networks and scikit-learn KMeans are trained"),
    SavedModelOnly(),
    LayersWithoutNetwork(),
    HandWritten(),
)

def _settle(findings: list[Finding]) -> Finding:
    """Apply the module's rule to a file with models of several families (Keras and KMeans)."""
    ranked = sorted(findings, key=lambda f: (f.trained_at is not None, f.trained_at or 0,
                                             KINDS[f.kind].precedence))
    loser, winner = ranked[-2], ranked[-1]
    other = f"the {KINDS[loser.kind].label} at line {loser.first_line}"
    if winner.trained_at is None:
        why = f"neither model is trained here, so {other} is taken as a helper"
    elif loser.trained_at is None:
        why = f"{other} is never trained by code that runs, so it is a helper"
    else:
        why = f"{other} is trained earlier (line {loser.trained_at}), as a preparation step"
    return replace(winner, reason=f"{winner.reason}; {why}")


def classify(facts: Facts, file: str) -> Finding:
    """The one finding for a file: a supported kind, else the best explanation of ``none``."""
    by_family: dict[str, Finding] = {}
    for detector in SUPPORTED:  # most specific first: the first finding of a family stands
        finding = detector.detect(facts, file)
        if finding is not None:
            by_family.setdefault(KINDS[finding.kind].family, finding)
    if len(by_family) > 1:
        return _settle(list(by_family.values()))
    if by_family:
        return next(iter(by_family.values()))
    for explainer in EXPLAINERS:
        finding = explainer.detect(facts, file)
        if finding is not None:
            return finding
    imports = sorted({"keras", "tensorflow"} & facts.imported)
    extra = f" (it imports {' and '.join(imports)} but builds no network)" if imports else ""
    return Finding("none", None, (), "no Keras layer or model and no scikit-learn KMeans is "
                   f"constructed{extra}")
