"""Stages 4 and 5: mutations (architecture edits as plans) and strategies (which one next).

Nothing here imports Keras or scikit-learn: strategies decide from the JSON records the
runtime writes, so the tweak stage runs anywhere, fast.
"""

from __future__ import annotations

from pipeline_lib.tuning.adaptive import AdaptiveStrategy
from pipeline_lib.tuning.architecture import (
    Architecture,
    Shape,
    ShapeError,
    infer_shapes,
)
from pipeline_lib.tuning.mutations import (
    MUTATIONS,
    AddConvBlock,
    AddDenseLayer,
    AddTwoDenseLayers,
    ChangeEpochs,
    FewerNeurons,
    Mutation,
    MutationResult,
)
from pipeline_lib.tuning.search_space import (
    JumpLearningRate,
    AddBatchNorm,
    AddDropout,
    LargerBatchSize,
    LowerLearningRate,
    MoreFilters,
    RaiseLearningRate,
    SmallerBatchSize,
    Wider,
)
from pipeline_lib.tuning.big_steps import BoldLearningRate, SaneLearningRate, WidenToFloor
from pipeline_lib.tuning.recurrent import AddRecurrentDropout, AddRecurrentLayer, MoreUnits, RemoveRecurrentLayer
from pipeline_lib.tuning.population import PopulationStrategy
from pipeline_lib.tuning.strategies import (
    STRATEGIES,
    ClustersStrategy,
    LadderStrategy,
    Proposal,
    Strategy,
    get_strategy,
)

__all__ = [
    "MUTATIONS",
    "STRATEGIES",
    "AdaptiveStrategy",
    "AddBatchNorm",
    "AddConvBlock",
    "AddDenseLayer",
    "AddDropout",
    "AddRecurrentDropout",
    "AddRecurrentLayer",
    "AddTwoDenseLayers",
    "Architecture",
    "BoldLearningRate",
    "ChangeEpochs",
    "ClustersStrategy",
    "FewerNeurons",
    "JumpLearningRate",
    "LadderStrategy",
    "LargerBatchSize",
    "LowerLearningRate",
    "MoreFilters",
    "MoreUnits",
    "Mutation",
    "MutationResult",
    "PopulationStrategy",
    "Proposal",
    "RaiseLearningRate",
    "RemoveRecurrentLayer",
    "SaneLearningRate",
    "Shape",
    "ShapeError",
    "SmallerBatchSize",
    "Strategy",
    "Wider",
    "WidenToFloor",
    "get_strategy",
    "infer_shapes",
]
