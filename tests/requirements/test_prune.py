"""``mlops images prune``: the requirement environments beyond the most recently used go; the rest stay.

The Docker test prunes only images it made (``mlops/requirements:test-<random>-N``): the engine is shared.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.containers.prune import Cached, derived_images, local_environments, plan, prune
from pipeline_lib.containers.requirements import USED_FILE
from tests.cli_helpers import run_mlops
from tests.containers.conftest import engine, images  # noqa: F401  (the engine and image fixtures, reused)


def test_the_most_recently_used_of_each_kind_stay() -> None:
    entries = [Cached("local", "a", 1.0, 1), Cached("local", "b", 3.0, 1), Cached("local", "c", 2.0, 1),
               Cached("image", "x", 5.0, 1)]
    decided = {entry.name: stays for entry, stays in plan(entries, keep=2)}
    assert decided == {"b": True, "c": True, "a": False, "x": True}
    assert not any(stays for _, stays in plan(entries, keep=0))


def _local(root: Path, name: str, age_seconds: float) -> Path:
    folder = root / f"local-{name}"
    (folder / "lib").mkdir(parents=True)
    (folder / "lib" / "module.py").write_text("x = 1\n" * 1000)
    (folder / ".complete").write_text("{}\n")
    stamp = time.time() - age_seconds
    os.utime(folder / ".complete", (stamp, stamp))
    return folder


def test_the_command_removes_the_old_local_environments_and_says_so(tmp_path: Path) -> None:
    root = tmp_path / "cache" / "mlops" / "requirements"
    old, new = _local(root, "old", 3600), _local(root, "new", 10)
    (root / ".local-half.xyz").mkdir()  # an install in progress (a scratch folder) is not an environment
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "DOCKER_HOST": f"unix://{tmp_path}/no-engine.sock"}
    dry = run_mlops("images", "prune", "--keep", "1", "--dry-run", env=env)
    assert dry.code == 0 and old.is_dir() and "would remove" in dry.out, dry.text
    result = run_mlops("images", "prune", "--keep", "1", env=env)
    assert result.code == 0, result.text
    assert not old.exists() and new.is_dir() and (root / ".local-half.xyz").is_dir()
    assert f"| local | {old} |" in result.out and "derived images skipped" in result.text
    assert run_mlops("images", "prune", "--keep", "-1", env=env).code == 2


def test_old_derived_images_are_removed_and_one_a_container_uses_is_kept(
        engine: Any, images: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "cache" / "mlops" / "requirements"
    root.mkdir(parents=True)
    base = engine.images.get(images["sklearn"])
    tags = [f"mlops/requirements:test-{uuid.uuid4().hex[:8]}-{n}" for n in range(3)]
    scratch = engine.containers.create(base.id, ["true"], entrypoint=[])
    try:
        for tag in tags:  # each its own image with one tag, as a real derived image is
            repository, name = tag.split(":")
            scratch.commit(repository, name)
    finally:
        scratch.remove(force=True)
    now = time.time()
    (root / USED_FILE).write_text(json.dumps({tags[0]: now, tags[1]: now - 3600, tags[2]: now - 7200}))
    user = engine.containers.create(tags[2], ["true"], entrypoint=[])  # a container still uses the oldest
    try:
        ours = [e for e in derived_images(engine, root) if e.name in tags]
        assert sorted(e.name for e in ours) == sorted(tags)
        done = {entry.name: result for entry, result in prune(plan(ours, keep=1), engine)}
        assert done[tags[0]] == "kept" and done[tags[1]] == "removed" and done[tags[2]].startswith("kept: ")
        left = {t for image in engine.images.list(name="mlops/requirements") for t in image.tags}
        assert tags[0] in left and tags[1] not in left
        assert engine.images.get(images["sklearn"]).id == base.id  # the training image is untouched
    finally:
        user.remove(force=True)
        for tag in tags:
            try:
                engine.images.remove(tag)
            except Exception:  # noqa: BLE001  (already removed by the test)
                pass
