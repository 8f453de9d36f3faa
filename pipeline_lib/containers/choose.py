"""Pick the executor for a run: Docker when it can work, else local, and say which and why.

``auto`` never fails: it falls back to the local executor with the reason. ``docker`` forced
but impossible is bad input (exit 2) naming what is missing and how to get it; ``local`` is
always possible.

Why here and not in ``executors``: the choice reads the image state that ``containers.build``
computes, and ``containers`` builds on the executors' Docker wrapper, so the policy sits above
both (executors know how to run a spec, not which images exist or are fresh).
"""

from __future__ import annotations

from typing import Any

from pipeline_lib.containers.recipes import recipe_for
from pipeline_lib.errors import UserInputError
from pipeline_lib.executors.base import Executor
from pipeline_lib.executors.local import LocalExecutor
from pipeline_lib.images import image_for_kind

__all__ = ["PREFERENCES", "choose_executor", "docker_problem"]

PREFERENCES = ("auto", "local", "docker")
_PING_TIMEOUT = 5.0


def docker_problem(kind: str) -> tuple[str | None, Any, str | None]:
    """Why the Docker executor cannot train ``kind`` here (None when it can).

    Returns:
        (problem or None, a connected client or None, the image or None).
    """
    image = image_for_kind(kind)
    if image is None:
        return f"the kind {kind!r} has no training image (nothing to train)", None, None
    from pipeline_lib.executors import docker as engine

    try:
        client = engine.connect(timeout=_PING_TIMEOUT)
    except UserInputError as exc:  # the docker SDK is not installed
        return exc.message, None, image
    except engine.EngineUnreachable as exc:
        return f"no Docker engine answers ({engine.engine_url()}: {exc.detail})", None, image
    if engine.get_image(image, client) is None:
        return f"the engine at {engine.engine_url()} answers but image {image} does not exist", client, image
    return None, client, image


def _staleness(image: str, client: Any) -> str | None:
    """Why ``image`` does not hold this process's pipeline code, or None when it does."""
    from pipeline_lib.containers.build import image_state

    return image_state(recipe_for(image), client).problem


def choose_executor(preference: str, kind: str) -> tuple[Executor, str]:
    """The executor for a run of ``kind`` and one line saying which and why.

    Args:
        preference: ``auto`` (Docker when an engine answers and the image exists, else local),
            ``local`` or ``docker``.
        kind: the detected model kind (ann, cnn, rnn, kmeans).

    Raises:
        UserInputError: unknown preference, or ``docker`` forced where it cannot run.
    """
    if preference not in PREFERENCES:
        raise UserInputError(f"--executor {preference!r} is not one of {', '.join(PREFERENCES)}",
                             hint="use --executor auto (the default), local or docker")
    if preference == "local":
        return LocalExecutor(), "local: chosen with --executor local"
    problem, client, image = docker_problem(kind)
    stale = _staleness(image, client) if problem is None and image is not None else None
    if problem is None and image is not None and (stale is None or preference == "docker"):
        from pipeline_lib.executors.docker import DockerExecutor, engine_url

        note = f" (warning: it was {stale}; refresh it with 'mlops images build')" if stale else ""
        reason = f"docker: engine at {engine_url()} answers and {image} exists{note}"
        return DockerExecutor(client=client, image=image), reason
    if preference == "docker":
        fix = ("build the images: mlops images build (--offline on a host without registry access)"
               if client is not None else
               "start a Docker engine and export DOCKER_HOST (CI: eval \"$(.ci/docker-engine.sh start)\"), "
               "then 'mlops images build'; or use --executor local")
        raise UserInputError(f"--executor docker is impossible: {problem}", hint=fix)
    if stale:
        return LocalExecutor(), f"local: image {image} was {stale} (refresh it with 'mlops images build')"
    return LocalExecutor(), f"local: {problem}"
