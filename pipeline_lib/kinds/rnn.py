"""The recurrent kind (``rnn``): a Keras network built from LSTM, GRU, SimpleRNN or Bidirectional.

It trains in the ``mlops/keras`` image with the same hooks and records as ann and cnn; what
differs is how detect recognises it (``RnnDetector``) and which mutations apply: units, depth of
the recurrent stack, dropout, learning rate, epochs — ``pipeline_lib.tuning.recurrent`` and the
shared mutations that list ``rnn`` in their ``kinds``. So this class overrides nothing.
"""

from __future__ import annotations

from pipeline_lib.kinds.base import register
from pipeline_lib.kinds.keras import KerasKind

__all__ = ["RnnKind"]


@register
class RnnKind(KerasKind):
    """A Keras network with a recurrent layer (and no convolution deciding it is a CNN)."""

    name = "rnn"
