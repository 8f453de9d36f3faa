"""Executor choice: which one and why, and a clear error when Docker is forced but impossible."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.errors import UserInputError
from pipeline_lib.containers.choose import choose_executor
from pipeline_lib.executors.docker import DockerExecutor
from pipeline_lib.executors.local import LocalExecutor
from pipeline_lib.images import IMAGE_FOR_KIND


@pytest.fixture()
def no_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """DOCKER_HOST pointing at a socket path where nothing listens (a real failed connection)."""
    url = f"unix://{tmp_path}/nothing-here.sock"
    monkeypatch.setenv("DOCKER_HOST", url)
    return url


def test_local_is_always_possible() -> None:
    executor, why = choose_executor("local", "cnn")
    assert isinstance(executor, LocalExecutor) and why == "local: chosen with --executor local"


def test_an_unknown_preference_is_bad_input() -> None:
    with pytest.raises(UserInputError, match="'podman' is not one of auto, local, docker") as caught:
        choose_executor("podman", "cnn")
    assert caught.value.exit_code == 2


def test_auto_without_engine_falls_back_to_local_and_says_why(no_engine: str) -> None:
    executor, why = choose_executor("auto", "cnn")
    assert isinstance(executor, LocalExecutor)
    assert why.startswith(f"local: no Docker engine answers ({no_engine}: "), why


def test_docker_forced_without_engine_says_what_is_missing_and_how_to_fix_it(no_engine: str) -> None:
    with pytest.raises(UserInputError) as caught:
        choose_executor("docker", "cnn")
    error = caught.value
    assert error.exit_code == 2
    assert error.message.startswith("--executor docker is impossible: no Docker engine answers")
    assert no_engine in error.message
    assert error.hint is not None
    assert "DOCKER_HOST" in error.hint and ".ci/docker-engine.sh start" in error.hint
    assert "mlops images build" in error.hint and "--executor local" in error.hint


def test_a_kind_without_image_trains_locally_or_fails_when_docker_is_forced() -> None:
    executor, why = choose_executor("auto", "none")
    assert isinstance(executor, LocalExecutor) and "has no training image" in why
    with pytest.raises(UserInputError, match="impossible: the kind 'none' has no training image"):
        choose_executor("docker", "none")


def test_auto_with_engine_and_image_picks_docker(images: dict[str, str]) -> None:
    executor, why = choose_executor("auto", "kmeans")
    assert isinstance(executor, DockerExecutor) and executor.image == images["sklearn"]
    assert why.startswith("docker: engine at ") and why.endswith(f"answers and {images['sklearn']} exists")


def test_missing_image_falls_back_or_names_the_build_command(engine: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(IMAGE_FOR_KIND, "cnn", "mlops/never-built:0.0.0")
    executor, why = choose_executor("auto", "cnn")
    assert isinstance(executor, LocalExecutor)
    assert why.startswith("local: the engine at ") and "image mlops/never-built:0.0.0 does not exist" in why
    with pytest.raises(UserInputError) as caught:
        choose_executor("docker", "cnn")
    assert caught.value.hint is not None and "mlops images build" in caught.value.hint
