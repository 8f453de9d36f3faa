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

from collections.abc import Callable
from dataclasses import replace

from pipeline_lib.detect.findings import (
    MAX_EVIDENCE,
    SUPPORTED_KINDS,
    Detector,
    Finding,
    counts,
    evidence_for,
    held_by,
    is_conv_use,
    live,
    network_uses,
    place,
    summary,
    training,
)
from pipeline_lib.detect.results import Evidence
from pipeline_lib.detect.scan import Facts
from pipeline_lib.detect.symbols import (
    LIBRARY_LABELS,
    is_conv_layer,
    is_kmeans,
    is_recurrent_layer,
    is_saved_model_load,
    is_tf_graph_model,
    is_unsupported_estimator,
    is_weightless_layer,
    library_of,
)
from pipeline_lib.kinds import KINDS

__all__ = ["EXPLAINERS", "SUPPORTED", "Detector", "Finding", "classify"]


class RnnDetector(Detector):
    """A Keras network with a recurrent layer (LSTM, GRU, SimpleRNN, Bidirectional, RNN(cell)).

    Convolution layers next to it do not make it a CNN (see the module's rule); they are
    listed after the recurrent layers in the evidence and named in the reason.
    """

    kind = "rnn"

    def detect(self, facts: Facts, file: str) -> Finding | None:
        network = network_uses(facts)
        recurrent = [u for u in network if is_recurrent_layer(u.symbol)]
        if not recurrent:
            return None
        conv = [u for u in network if is_conv_use(u)]
        rest = [u for u in network if u not in recurrent and u not in conv]
        trained_at, fit_evidence = training(facts, "keras", file, "keras.Model")
        also = (f"; its convolution layers ({summary(conv)}) feed the recurrent ones, so it is "
                "tuned as a recurrent network" if conv else "")
        return Finding(self.kind, "keras",
                       tuple(evidence_for(recurrent + conv + rest, file) + fit_evidence)[:MAX_EVIDENCE],
                       f"Keras network with recurrent layers ({summary(recurrent)}), first at "
                       f"{place(recurrent[0])}{also}", recurrent[0].line, trained_at)


class CnnDetector(Detector):
    """A Keras network with a convolution layer or a pretrained convolutional base."""

    kind = "cnn"

    def detect(self, facts: Facts, file: str) -> Finding | None:
        network = network_uses(facts)
        conv = [u for u in network if is_conv_use(u)]
        if not conv:
            return None
        rest = [u for u in network if not is_conv_use(u)]
        trained_at, fit_evidence = training(facts, "keras", file, "keras.Model")
        bases = [u for u in conv if not is_conv_layer(u.symbol)]
        if bases and len(bases) == len(conv):
            what = f"on a pretrained convolutional base ({summary(bases)})"
        else:
            what = f"with convolution layers ({summary([u for u in conv if u not in bases])})"
        return Finding(self.kind, "keras", tuple(evidence_for(conv + rest, file) + fit_evidence)
                       [:MAX_EVIDENCE], f"Keras network {what}, first at {place(conv[0])}",
                       conv[0].line, trained_at)


class AnnDetector(Detector):
    """A Keras network without convolution or recurrence: Dense (and other) layers."""

    kind = "ann"

    def detect(self, facts: Facts, file: str) -> Finding | None:
        network = [u for u in network_uses(facts) if not is_conv_use(u)]
        # a model or a layer with weights: applying only pooling or Flatten is not a network
        if not any((u.called or u.base_of) and not is_weightless_layer(u.symbol) for u in network):
            return None
        trained_at, fit_evidence = training(facts, "keras", file, "keras.Model")
        dense = [u for u in network if u.name == "Dense"]
        ordered = dense + [u for u in network if u not in dense]
        return Finding(self.kind, "keras", tuple(evidence_for(ordered, file) + fit_evidence)[:MAX_EVIDENCE],
                       f"Keras network without convolution layers ({summary(network)}), "
                       f"first at {place(network[0])}", network[0].line, trained_at)


class KMeansDetector(Detector):
    """scikit-learn KMeans / MiniBatchKMeans clustering (an elbow loop included)."""

    kind = "kmeans"

    def detect(self, facts: Facts, file: str) -> Finding | None:
        uses = live(facts, [u for u in facts.uses if is_kmeans(u.symbol) and counts(u)])
        if not uses:
            return None
        trained_at, fit_evidence = training(facts, "kmeans", file, uses[0].symbol)
        trained = f", trained at line {trained_at}" if trained_at else ""
        return Finding(self.kind, "sklearn", tuple(evidence_for(uses, file) + fit_evidence),
                       f"scikit-learn {uses[0].name} clustering constructed at "
                       f"{place(uses[0])}{trained}", uses[0].line, trained_at)


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
        trained = set().union(*(held_by(facts, f) for f in facts.fits))
        # the model that is trained says most, then a constructed one, then a base class
        first = min(hits, key=lambda u: (u.symbol not in trained, not u.called, u.line))
        library = library_of(first.symbol)
        what = f"{self.label} ({first.name})" if self.label else \
            f"{LIBRARY_LABELS.get(library, library)} {first.name}"
        return Finding(self.kind, "sklearn" if library == "sklearn" else None,
                       tuple(evidence_for([first] + [u for u in hits if u is not first], file)),
                       f"{what} is not a supported kind {SUPPORTED_KINDS}; {self.advice}",
                       first.line)


class SavedModelOnly(Detector):
    """A script that loads a saved Keras model but builds no network: nothing to train."""

    def detect(self, facts: Facts, file: str) -> Finding | None:
        loads = [u for u in facts.uses if is_saved_model_load(u.symbol) and u.called]
        if not loads:
            return None
        return Finding(self.kind, "keras", tuple(evidence_for(loads, file)),
                       f"loads a saved Keras model (line {loads[0].line}) but builds no network, "
                       "so there is nothing to train from scratch", loads[0].line)


class LayersWithoutNetwork(Detector):
    """Keras layers that learn nothing (pooling, Flatten) applied to data, with no model."""

    def detect(self, facts: Facts, file: str) -> Finding | None:
        applied = [u for u in network_uses(facts) if u.called and is_weightless_layer(u.symbol)]
        if not applied:
            return None
        return Finding(self.kind, "keras", tuple(evidence_for(applied, file)),
                       f"applies Keras layers that learn nothing ({summary(applied)}, line "
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
