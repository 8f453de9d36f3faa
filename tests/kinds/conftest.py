"""The Keras training image for the rnn kind's Docker run: skips with the reason when no engine answers."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline_lib.containers.build import build_images, image_state
from pipeline_lib.containers.recipes import recipe_for, source_root
from tests.containers.conftest import engine  # noqa: F401  (pytest finds fixtures by name)


@pytest.fixture(scope="session")
def keras_image(engine: Any) -> str:  # noqa: F811  (the imported fixture)
    """``mlops/keras`` holding this code, built (offline) once per session when missing or stale.

    Only the one image an rnn trains in: the tags are shared, so touching fewer images keeps the
    test out of the way of other checkouts' builds.
    """
    recipe = recipe_for("keras")
    if not image_state(recipe, engine, source_root()).up_to_date:
        build_images(["keras"], offline=True, client=engine)
    return recipe.tag
