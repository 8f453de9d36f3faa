"""Engine and image fixtures: engine tests skip with a visible reason when no engine answers.

In CI ``.ci/run`` starts an engine (``.ci/docker-engine.sh``) and builds the images offline
(``.ci/docker-images.sh``) first; here the images are built once per session only when they
are missing or hold other pipeline code.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.containers.build import build_images, image_state
from pipeline_lib.containers.recipes import recipe_for, source_root
from pipeline_lib.errors import PipelineError


@pytest.fixture(scope="session")
def engine() -> Any:
    """A docker SDK client, or a skip saying why there is none."""
    from pipeline_lib.executors.docker import EngineUnreachable, connect, engine_url

    try:
        return connect(timeout=10)
    except EngineUnreachable as exc:
        pytest.skip(f"no Docker engine answers at {engine_url()} ({exc.detail}); "
                    "start one with: eval \"$(.ci/docker-engine.sh start)\"")
    except PipelineError as exc:  # the docker SDK is not installed
        pytest.skip(exc.message)


@pytest.fixture(scope="session")
def images(engine: Any) -> dict[str, str]:
    """The training images, built (offline) once per session if missing or out of date."""
    names = ["keras", "sklearn"]
    stale = [n for n in names if not image_state(recipe_for(n), engine, source_root()).up_to_date]
    if stale:
        build_images(stale, offline=True, client=engine)
    return {n: recipe_for(n).tag for n in names}


@pytest.fixture()
def host_server() -> Iterator[int]:
    """A TCP server on the host's loopback: reachable from the host, not from the sandbox."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    yield server.getsockname()[1]
    server.close()


@pytest.fixture()
def run_dir(tmp_path: Path) -> Iterator[Path]:
    """A run directory with an (empty) workspace, shaped like the ones fetch makes."""
    folder = tmp_path / "runs" / "run-under-test"
    (folder / "workspace").mkdir(parents=True)
    yield folder
