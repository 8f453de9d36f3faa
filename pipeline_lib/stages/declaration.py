"""The six stages, declared once.

The runner, ``mlops stage NAME``, the Jenkinsfile template and the seed-job templates all
read :data:`STAGES`; nothing else lists the stages by hand, so adding or renaming a stage
is a one-line change here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from pipeline_lib.stages import commands
from pipeline_lib.stages.commands import StageRequest

__all__ = ["STAGES", "STAGE_NAMES", "StageSpec", "stage_by_name"]

ImageRole = Literal["tools", "train"]


@dataclass(frozen=True)
class StageSpec:
    """One pipeline stage.

    Attributes:
        number: 1-based position in the pipeline.
        name: short name, used by ``mlops stage NAME`` and as the Jenkins stage name.
        job: seed (freestyle) job name for the Build Pipeline view, ``job1`` .. ``job6``.
        title: human title shown in Jenkins.
        summary: one sentence for help texts and job descriptions.
        image: ``tools`` runs in the light image; ``train`` in the image chosen by detect.
        handler: what ``mlops stage NAME`` runs (:mod:`pipeline_lib.stages.commands`); None for a
            stage declared only to be rendered.
    """

    number: int
    name: str
    job: str
    title: str
    summary: str
    image: ImageRole
    handler: Callable[[StageRequest], int] | None = field(default=None, compare=False, repr=False)

    @property
    def command(self) -> str:
        """The shell command a Jenkins job runs for this stage."""
        return f"mlops stage {self.name}"


STAGES: tuple[StageSpec, ...] = (
    StageSpec(1, "fetch", "job1", "Fetch",
              "Get the pushed commit into a workspace (git clone, or copy of a local path).",
              "tools", commands.fetch_command),
    StageSpec(2, "detect", "job2", "Detect",
              "Classify every script statically (ann, cnn, rnn, kmeans, none) and pick the image.",
              "tools", commands.detect_command),
    StageSpec(3, "train", "job3", "Train",
              "Run the unmodified script with runtime hooks: metric capture and checkpoints.",
              "train", commands.train_command),
    StageSpec(4, "tweak", "job4", "Tweak",
              "If the metric is under target, choose the next architecture mutation.",
              "tools", commands.tweak_command),
    StageSpec(5, "retrain", "job5", "Retrain",
              "Train with the mutation; loop tweak and retrain until target or budget; notify.",
              "train", commands.retrain_command),
    StageSpec(6, "monitor", "job6", "Monitor",
              "Watch the training process; restart it after a crash; training resumes.",
              "train", commands.monitor_command),  # restarting a run resumes training, which needs the training image
)

STAGE_NAMES: tuple[str, ...] = tuple(s.name for s in STAGES)


def stage_by_name(name: str) -> StageSpec:
    """Return the stage called ``name``.

    Raises:
        KeyError: with the list of valid names, when ``name`` is unknown.
    """
    for spec in STAGES:
        if spec.name == name:
            return spec
    raise KeyError(f"unknown stage {name!r}; valid stages: {', '.join(STAGE_NAMES)}")
