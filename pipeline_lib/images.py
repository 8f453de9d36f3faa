"""Container image names per model kind, in one place (detect picks, Jenkins and Docker use)."""

from __future__ import annotations

from pipeline_lib import __version__

__all__ = ["IMAGE_FOR_KIND", "TOOLS_IMAGE", "image_for_kind"]

#: Image that runs the non-training stages (fetch, detect, tweak, monitor, notify).
TOOLS_IMAGE = f"mlops/tools:{__version__}"

#: Training image per detected model kind; ``none`` has no image (nothing to train).
IMAGE_FOR_KIND: dict[str, str | None] = {
    "ann": f"mlops/keras:{__version__}",
    "cnn": f"mlops/keras:{__version__}",
    "kmeans": f"mlops/sklearn:{__version__}",
    "none": None,
}


def image_for_kind(kind: str) -> str | None:
    """The training image for ``kind`` (None when the kind trains nothing)."""
    return IMAGE_FOR_KIND.get(kind)
