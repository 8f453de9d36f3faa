"""Container image names per model kind (each kind plug-in names its image; detect picks, Jenkins and Docker use)."""

from __future__ import annotations

from pipeline_lib import __version__
from pipeline_lib.kinds import KINDS, NoModel

__all__ = ["IMAGE_FOR_KIND", "TOOLS_IMAGE", "image_for_kind"]

#: Image that runs the non-training stages (fetch, detect, tweak, monitor, notify).
TOOLS_IMAGE = f"mlops/tools:{__version__}"

#: Training image per detected model kind; ``none`` has no image (nothing to train).
IMAGE_FOR_KIND: dict[str, str | None] = {
    **{name: kind.image for name, kind in KINDS.items()}, NoModel.name: None}


def image_for_kind(kind: str) -> str | None:
    """The training image for ``kind`` (None when the kind trains nothing)."""
    return IMAGE_FOR_KIND.get(kind)
