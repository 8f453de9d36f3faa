"""What detectors share: the finding, the detector base, and how uses become evidence.

A :class:`Finding` is a detector's verdict; the helpers here decide which references count as
evidence (constructed, subclassed, or passed as a value; in code that runs), how an evidence line
reads, and which model family a training call trains. The detectors themselves and the rules that
pick a file's kind are in :mod:`~pipeline_lib.detect.detectors`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
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
    is_saved_model_load,
    library_of,
)
from pipeline_lib.kinds import KINDS

__all__ = [
    "MAX_EVIDENCE",
    "MAX_PER_SYMBOL",
    "SUPPORTED_KINDS",
    "Detector",
    "Finding",
    "counts",
    "evidence_for",
    "fit_kind",
    "held_by",
    "is_conv_use",
    "is_network_symbol",
    "live",
    "network_uses",
    "place",
    "summary",
    "training",
]

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


def is_conv_use(use: Use) -> bool:
    return (is_conv_layer(use.symbol) or is_pretrained_base(use.symbol)
            or is_hub_conv_layer(use.symbol, use.first_arg))


def is_network_symbol(symbol: str) -> bool:
    return is_keras_layer(symbol) or is_keras_model(symbol) or is_conv_layer(symbol) \
        or is_pretrained_base(symbol)


def counts(use: Use) -> bool:
    """A use is evidence if it builds or extends something; a guessed name must be called."""
    return use.called or use.base_of is not None or not use.ref.assumed


def live(facts: Facts, uses: list[Use]) -> list[Use]:
    """The uses in code that runs; all of them when none of those constructs anything.

    This keeps a ``build_cnn()`` that the script never calls from outvoting the
    ``build_mlp()`` it does call, without losing a library-style file altogether. Code that
    runs but constructs nothing (a custom layer class defined at module level, a bare
    reference) does not decide: it cannot outvote a builder that does construct the model.
    """
    live = [u for u in uses if facts.runs_at(u.line) is not None]
    return live if any(u.called for u in live) else uses


def network_uses(facts: Facts) -> list[Use]:
    """Every Keras network use (layers, models, conv layers, pretrained bases) that counts."""
    return live(facts, [u for u in facts.uses if (is_network_symbol(u.symbol) or is_conv_use(u))
                         and counts(u)])


#: How evidence names a symbol, first matching predicate wins.
_LABELS: tuple[tuple[Callable[[str], bool], str], ...] = (
    (is_pretrained_base, "pretrained convolutional base {name}"),
    (is_conv_layer, "{name} convolution layer"),
    (is_keras_model, "Keras {name} model"),
    (is_keras_layer, "{name} layer"),
    (is_kmeans, "scikit-learn {name} clustering"),
    (is_saved_model_load, "saved Keras model read by load_model"),
)


def label_of(use: Use) -> str:
    if is_hub_conv_layer(use.symbol, use.first_arg):
        return f"TF-Hub image model ({use.first_arg}) as a Keras layer"
    library = library_of(use.symbol)
    template = next((t for test, t in _LABELS if test(use.symbol)), "{library} {name}")
    return template.format(name=use.name, library=LIBRARY_LABELS.get(library, library))


def why_of(use: Use) -> str:
    if use.base_of:
        action = f"subclassed by class {use.base_of}"
    elif use.called:
        action = "constructed" if use.name[:1].isupper() else "called"
    else:
        action = "referenced"
    return f"{label_of(use)} {action}{use.ref.alias_note()}"


def evidence_for(uses: list[Use], file: str) -> list[Evidence]:
    """Evidence for ``uses`` in order, at most a few lines per symbol so reports stay short."""
    seen: Counter[str] = Counter()
    out: list[Evidence] = []
    for use in uses:
        seen[use.symbol] += 1
        if seen[use.symbol] > MAX_PER_SYMBOL:
            continue
        if use.origin:  # built in another module of the pushed folder: point at it
            where, line = use.origin
            out.append(Evidence(use.symbol, where, line, f"{why_of(use)}, used by {file}:{use.line}",
                                use.ref.guessed))
        else:
            out.append(Evidence(use.symbol, file, use.line, why_of(use), use.ref.guessed))
    return out


def place(use: Use) -> str:
    """Where a use is, for a reason: ``line 8``, or ``model.py:4`` when it is in another module."""
    return f"{use.origin[0]}:{use.origin[1]}" if use.origin else f"line {use.line}"


def summary(uses: list[Use]) -> str:
    """``Conv2D ×2, Dense`` — what was built, by name, in order of appearance."""
    counts = Counter(u.name for u in uses)
    return ", ".join(f"{n} ×{c}" if c > 1 else n for n, c in counts.items())


def held_by(facts: Facts, fit: Fit) -> set[str]:
    """Symbols held by the object a fit is called on, looking into local builder functions."""
    held = set(fit.inline)
    if fit.receiver:
        held |= facts.bound_at(fit.receiver, fit.line) or facts.foreign.get(fit.receiver, frozenset())
    for symbol in list(held):
        if symbol.startswith("local:"):
            held |= facts.symbols_in(symbol.removeprefix("local:"))
        held |= facts.foreign.get(symbol, frozenset())
    return held


def fit_kind(facts: Facts, fit: Fit) -> str | None:
    """Which model family a training call trains: ``keras``, ``kmeans`` or None (unknown)."""
    held = held_by(facts, fit)
    keras_hint = (fit.method in _KERAS_ONLY_FITS or bool(_KERAS_FIT_KEYWORDS & set(fit.keywords))
                  or (fit.receiver in facts.compiled))
    has_kmeans = any(is_kmeans(s) for s in held)
    has_keras = any(is_network_symbol(s) for s in held)
    if has_kmeans and not (has_keras and keras_hint):
        return "kmeans"
    if has_keras or keras_hint:
        return "keras"
    return None


def training(facts: Facts, family: str, file: str, symbol: str) -> tuple[int | None, list[Evidence]]:
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
