"""Image recipes, fingerprints, the project wheel and the `mlops images` commands (no engine)."""

from __future__ import annotations

import argparse
import importlib.metadata
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline_lib.containers.build import project_wheel
from pipeline_lib.containers.cli import add_commands
from pipeline_lib.containers.recipes import RECIPES, code_digest, recipe_digest, recipe_for, requirements, source_root
from pipeline_lib.errors import FatalError, UserInputError
from pipeline_lib.images import IMAGE_FOR_KIND, TOOLS_IMAGE

ROOT = source_root()


def test_one_recipe_per_image_name_in_images_py() -> None:
    assert {r.tag for r in RECIPES} == {t for t in IMAGE_FOR_KIND.values() if t} | {TOOLS_IMAGE}
    assert recipe_for("keras").tag == IMAGE_FOR_KIND["cnn"] == IMAGE_FOR_KIND["ann"]
    assert recipe_for(IMAGE_FOR_KIND["kmeans"] or "").name == "sklearn"
    with pytest.raises(UserInputError, match="no image called 'pytorch'"):
        recipe_for("pytorch")
    for recipe in RECIPES:
        assert (ROOT / "containers" / recipe.name / "Dockerfile").is_file()


def test_requirements_come_from_setup_cfg_pinned_to_the_hosts_versions() -> None:
    keras = requirements(recipe_for("keras"), ROOT)
    names = {r.split("==")[0].split(">")[0].lower() for r in keras}
    assert {"tensorflow-cpu", "scikit-learn", "matplotlib", "numpy", "jinja2"} <= names
    assert not any("tensorflow" in r for r in requirements(recipe_for("sklearn"), ROOT))
    assert not any("tensorflow" in r or "jenkins" in r for r in requirements(recipe_for("tools"), ROOT))
    for requirement in keras:
        name = requirement.split("==")[0].split(">")[0]
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        assert requirement == f"{name}=={installed}"


def test_the_code_digest_changes_with_the_code_only(tmp_path: Path) -> None:
    package = Path(ROOT / "pipeline_lib")
    copy = tmp_path / "pipeline_lib"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert code_digest(copy) == code_digest(package) == code_digest()
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"cache")
    assert code_digest(copy) == code_digest(package)
    (copy / "store.py").write_text((copy / "store.py").read_text() + "\n# changed\n")
    assert code_digest(copy) != code_digest(package)


def test_the_recipe_digest_depends_on_base_and_mode() -> None:
    keras = recipe_for("keras")
    offline = recipe_digest(keras, ROOT, "mlops/base:bookworm", True)
    assert offline == recipe_digest(keras, ROOT, "mlops/base:bookworm", True)
    assert offline != recipe_digest(keras, ROOT, "python:3.11-slim", False)
    assert offline != recipe_digest(recipe_for("sklearn"), ROOT, "mlops/base:bookworm", True)


def test_a_wheel_missing_a_package_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "pipeline_lib" / "runtime").mkdir(parents=True)
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, root / name)
    (root / "pipeline_lib" / "__init__.py").write_text('__version__ = "0.1.0"\n')
    (root / "pipeline_lib" / "runtime" / "worker.py").write_text("print('no __init__.py beside me')\n")
    with pytest.raises(FatalError, match=r"lacks 1 module\(s\).*pipeline_lib/runtime/worker.py") as caught:
        project_wheel(root, tmp_path / "out")
    assert caught.value.hint is not None and "__init__.py to pipeline_lib/runtime" in caught.value.hint
    (root / "pipeline_lib" / "runtime" / "__init__.py").write_text("")
    assert project_wheel(root, tmp_path / "out2").name == "mlops_pipeline-0.1.0-py3-none-any.whl"


def test_images_commands_parse() -> None:
    parser = argparse.ArgumentParser(prog="mlops")
    add_commands(parser.add_subparsers(dest="command", required=True))
    build = parser.parse_args(["images", "build", "keras", "--offline", "--base-image", "debian-py:1"])
    assert (build.names, build.offline, build.base_image, build.force) == (["keras"], True, "debian-py:1", False)
    assert build.func.__name__ == "cmd_build"
    assert parser.parse_args(["images", "list"]).func.__name__ == "cmd_list"


def test_engine_script_stops_only_what_it_started(tmp_path: Path) -> None:
    script = str(ROOT / ".ci" / "docker-engine.sh")
    env = {"MLOPS_DOCKER_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    stopped = subprocess.run(["bash", script, "stop"], env=env, capture_output=True, text=True)
    assert stopped.returncode == 0 and "nothing to stop" in stopped.stderr
    wrong = subprocess.run(["bash", script, "restart"], env=env, capture_output=True, text=True)
    assert wrong.returncode == 2 and "usage:" in wrong.stderr
