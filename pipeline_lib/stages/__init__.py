"""Pipeline stages: one module per stage plus the single declaration in ``declaration``."""

from pipeline_lib.stages.commands import StageRequest
from pipeline_lib.stages.declaration import STAGE_NAMES, STAGES, StageSpec, stage_by_name

__all__ = ["STAGES", "STAGE_NAMES", "StageRequest", "StageSpec", "stage_by_name"]
