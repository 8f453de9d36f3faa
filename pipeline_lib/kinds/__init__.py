"""Model kinds as plug-ins: one class per kind (ann, cnn, rnn, kmeans), found through a registry.

Adding a kind is writing one :class:`ModelKind` subclass decorated with :func:`register` in a
module imported here (plus its detector in ``pipeline_lib.detect.detectors``, its mutations in
``pipeline_lib.tuning`` and its image recipe in ``pipeline_lib.containers``).
"""

from __future__ import annotations

from pipeline_lib.kinds import keras as _keras  # noqa: F401  (registers ann, cnn)
from pipeline_lib.kinds import kmeans as _kmeans  # noqa: F401  (registers kmeans)
from pipeline_lib.kinds import rnn as _rnn  # noqa: F401  (registers rnn: a KerasKind with its own detector and mutations)
from pipeline_lib.kinds.base import KINDS, ModelKind, NoModel, find_kind, kind_of, register

__all__ = ["KINDS", "ModelKind", "NoModel", "find_kind", "kind_of", "register"]
