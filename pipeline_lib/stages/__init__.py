"""Pipeline stages: one module per stage plus the single declaration in ``declaration``.

Stage 4's tweak step lives in :mod:`pipeline_lib.loop`: the worker runs it inside the training
image, whose code imports no module of this package (the layer contract in setup.cfg).
"""

from pipeline_lib.stages.commands import StageRequest
from pipeline_lib.stages.declaration import STAGE_NAMES, STAGES, StageSpec, stage_by_name

__all__ = ["STAGES", "STAGE_NAMES", "StageRequest", "StageSpec", "stage_by_name"]
