"""``mlops images prune``: remove the requirement environments no run has used lately.

Why: every distinct pushed ``requirements.txt`` leaves a derived image ``mlops/requirements:<key>``
(hundreds of MB each) or a local ``--prefix`` folder, and nothing else ever removes them; a Jenkins
agent that builds many projects fills its disk. The newest ``--keep`` of each kind stay, ranked by
last use: a local folder's ``.complete`` file is touched on every cache hit, a derived image's use
is recorded in ``used.json`` beside the folders (where that file is not kept, e.g. in a throwaway
tools container, an image ranks by when it was built). An image a container still uses is kept.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline_lib.containers.requirements import DERIVED_REPOSITORY, USED_FILE

__all__ = ["Cached", "derived_images", "local_environments", "plan", "prune"]


@dataclass(frozen=True)
class Cached:
    """One requirement environment: ``kind`` is ``image`` or ``local``; ``name`` the tag or the folder."""

    kind: str
    name: str
    last_used: float
    size_mb: float


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def local_environments(root: Path) -> list[Cached]:
    """The complete ``local-<key>`` folders under ``root``, with their last use."""
    return [Cached("local", str(folder), (folder / ".complete").stat().st_mtime, _size_mb(folder))
            for folder in sorted(root.glob("local-*")) if (folder / ".complete").is_file()]


def _created(stamp: str) -> float:
    """Docker's ``Created`` (``2026-12-01T17:14:54.123456789Z``, UTC, nanoseconds) as a POSIX time."""
    return datetime.fromisoformat(stamp.split(".")[0].removesuffix("Z") + "+00:00").timestamp()


def derived_images(client: Any, root: Path) -> list[Cached]:
    """The ``mlops/requirements:*`` images of the engine, with their last use (else their build time)."""
    try:
        used = json.loads((root / USED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        used = {}
    found = []
    for image in client.images.list(name=DERIVED_REPOSITORY):
        built = _created(image.attrs["Created"])
        for tag in image.tags:
            found.append(Cached("image", tag, float(used.get(tag, built)), image.attrs["Size"] / 2**20))
    return found


def plan(entries: list[Cached], keep: int) -> list[tuple[Cached, bool]]:
    """Each entry and whether it stays: the ``keep`` most recently used of each kind do."""
    decided: list[tuple[Cached, bool]] = []
    for kind in ("image", "local"):
        ranked = sorted((e for e in entries if e.kind == kind), key=lambda e: e.last_used, reverse=True)
        decided += [(entry, index < keep) for index, entry in enumerate(ranked)]
    return decided


def prune(decided: list[tuple[Cached, bool]], client: Any | None) -> list[tuple[Cached, str]]:
    """Remove the entries :func:`plan` let go; returns each entry with what happened to it."""
    import docker.errors

    done: list[tuple[Cached, str]] = []
    for entry, stays in decided:
        if stays:
            done.append((entry, "kept"))
        elif entry.kind == "local":
            shutil.rmtree(entry.name, ignore_errors=True)
            done.append((entry, "removed"))
        else:
            assert client is not None
            try:
                client.images.remove(entry.name)
                done.append((entry, "removed"))
            except docker.errors.APIError as exc:  # a container still uses it (409), or it is already gone
                done.append((entry, f"kept: {exc.explanation or exc}"))
    return done
