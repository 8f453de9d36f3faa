"""Stage 1, fetch: get the pushed code into the run's own workspace and create the run.

Why copy a local path: the pipeline writes next to the script (checkpoints, outputs of the
script) and must never touch the user's files; a private workspace also freezes the code
for resumes. A git source is cloned and its commit sha recorded.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline_lib.config import RunConfig
from pipeline_lib.console import say
from pipeline_lib.datacache import fetch_file
from pipeline_lib.errors import UserInputError
from pipeline_lib.redaction import redact
from pipeline_lib.store import RunRecord, RunStore, atomic_write_text

__all__ = ["fetch", "fetch_datasets", "head_commit", "is_git_url", "latest_run_id"]

_IGNORED = shutil.ignore_patterns(".git", "__pycache__", ".venv", "venv", "node_modules",
                                  ".mypy_cache", ".pytest_cache", "runs", "*.pyc")


def is_git_url(source: str) -> bool:
    """URLs and scp-like addresses are cloned; anything else is a local path."""
    return bool(re.match(r"^(https?|git|ssh|file)://", source) or re.match(r"^[\w.-]+@[\w.-]+:", source))


def _git(args: list[str], cwd: Path | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    if result.returncode != 0:
        raise UserInputError(f"git {' '.join(args)} failed: {result.stderr.strip() or result.stdout.strip()}",
                             hint="check the repository URL, the ref and your access to it.")
    return result.stdout.strip()


def _clone(url: str, ref: str | None, dest: Path) -> str:
    _git(["clone", "--quiet", url, str(dest)])
    if redact(url, []) != url:  # the clone's .git/config must not hand the token to the pushed code
        _git(["remote", "set-url", "origin", redact(url, [])], cwd=dest)
    if ref:
        _git(["checkout", "--quiet", ref], cwd=dest)
    return _git(["rev-parse", "HEAD"], cwd=dest)


def _ignoring(runs_root: Path) -> Callable[[str, list[str]], set[str]]:
    """The copy filter: the usual clutter, plus the runs folder wherever it is named.

    Why: ``--runs-dir`` may sit inside the pushed folder under any name (``runs2``, ``out``);
    copying it into a workspace that lives inside it would copy itself until paths got too long.
    """
    def ignore(directory: str, names: list[str]) -> set[str]:
        return set(_IGNORED(directory, names)) | {n for n in names if (Path(directory) / n).resolve() == runs_root}

    return ignore


def head_commit(folder: Path) -> str | None:
    """The sha checked out in ``folder`` (a git work tree), or None when it is not one.

    Why not only ``git rev-parse``: the checkout may be read where git is not installed (the
    tools image) or owned by another user (git then refuses it as "dubious ownership"), and
    Jenkins' checkouts are detached heads whose ``.git/HEAD`` holds the sha itself.
    """
    dot_git = folder / ".git"
    if not dot_git.exists():
        return None
    if shutil.which("git"):
        result = subprocess.run(["git", "-c", "safe.directory=*", "rev-parse", "HEAD"], cwd=folder,
                                capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    try:
        head = (dot_git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref: "):
            return head if re.fullmatch(r"[0-9a-f]{40}([0-9a-f]{24})?", head) else None
        ref = head[5:]
        loose = dot_git / ref
        if loose.is_file():
            return loose.read_text(encoding="utf-8").strip() or None
        for line in (dot_git / "packed-refs").read_text(encoding="utf-8").splitlines():
            sha, _, name = line.partition(" ")
            if name == ref:
                return sha
    except OSError:
        pass
    return None


def _copy_local(source: Path, dest: Path, runs_root: Path) -> tuple[str | None, str | None]:
    """Copy a file or folder; returns (script name if a file, commit sha if a git checkout)."""
    if not source.exists():
        raise UserInputError(f"{source}: no such file or directory",
                             hint="pass a script, a folder of scripts or a git URL.")
    folder = source if source.is_dir() else source.parent
    commit = head_commit(folder)
    if source.is_dir():
        shutil.copytree(source, dest, ignore=_ignoring(runs_root))
        return None, commit
    dest.mkdir(parents=True)
    # Sibling files (data, helper modules) travel with the script; sub-folders do too.
    shutil.copytree(folder, dest, ignore=_ignoring(runs_root), dirs_exist_ok=True)
    return source.name, commit


def fetch_datasets(workspace: Path) -> list[dict[str, Any]]:
    """Download what the workspace's scripts load (``keras.datasets``, ``get_file``) into the Keras cache.

    Why here: fetch is trusted code and may use the network; the sandbox may not. One record per
    file (the loader's file:line, the cache path, its sha256, ``cached``/``downloaded``/``failed``
    with the reason); a loader that cannot be fetched ahead (a non-literal origin, TFDS) is kept
    with its reason. A failed download is not fatal here: the script may not need it, and if it
    does, the worker's download guard names the line and what to do.
    """
    from pipeline_lib.detect import detect_path

    records: list[dict[str, Any]] = []
    done: dict[tuple[str, str], dict[str, Any]] = {}
    for detection in detect_path(workspace):
        for loader in detection.datasets:
            where = {"loader": loader.loader, "name": loader.name, "file": loader.file, "line": loader.line}
            if loader.problem:
                records.append({**where, "status": "not fetched", "detail": loader.problem})
                say(f"fetch: {loader.file}:{loader.line}: {loader.problem}")
            for data in loader.files:
                key = (data.cache_subdir, data.fname)
                if key not in done:
                    cached = fetch_file(data.fname, data.origin, data.file_hash, cache_subdir=data.cache_subdir,
                                        extract=data.extract, named=data.named)
                    done[key] = {k: v for k, v in vars(cached).items() if v is not None}
                    if cached.status == "failed":
                        say(f"fetch: {loader.file}:{loader.line}: could not download {data.fname}: {cached.detail}")
                records.append({**where, **done[key]})
    return records


def fetch(store: RunStore, source: str, ref: str | None = None, run_id: str | None = None,
          config: dict[str, Any] | None = None, script: str | None = None) -> RunRecord:
    """Create the run and its workspace; writes ``<runs-dir>/LATEST``.

    Args:
        source: a local file or folder, or a git URL.
        ref: branch, tag or sha for a git source.
        run_id: the id to use (Jenkins passes one); a new id is made otherwise.
        config: the run settings (target, budget, answers, ...), checked by
            :class:`~pipeline_lib.config.RunConfig` before anything is written, stored in ``run.json``.
        script: the script to train, relative to the source folder (when it holds several).
    """
    settings = RunConfig.from_dict(dict(config or {}))
    label = Path(script or source.rstrip("/").removesuffix(".git")).stem
    run_id = run_id or store.new_id(label)
    workspace = store.run_dir(run_id) / "workspace"
    if store.exists(run_id):
        raise UserInputError(f"run {run_id} already exists", hint=f"resume it: mlops run --resume {run_id}")
    if workspace.exists():
        shutil.rmtree(workspace)
    if is_git_url(source):
        commit: str | None = _clone(source, ref, workspace)
        picked = script
    else:
        if ref:
            raise UserInputError(f"--ref {ref!r} given for the local path {source}",
                                 hint="--ref only applies to git URLs.")
        picked, commit = _copy_local(Path(source).resolve(), workspace, store.root.resolve())
        picked = script or picked
    if picked and not (workspace / picked).is_file():
        raise UserInputError(f"{picked}: not found in {source}", hint="check --script.")
    record = RunRecord(id=run_id, target=settings.target, script=picked,
                       # Never a URL's user:token@ in the record: the worker (pushed code) reads it.
                       source={"input": redact(source, []), "ref": ref, "commit": commit, "workspace": str(workspace)},
                       config=settings.to_dict(target=False))  # the target is kept once, in the record
    record.stages["fetch"] = {"status": "done", "commit": commit, "datasets": fetch_datasets(workspace)}
    store.create(record)
    atomic_write_text(store.root / "LATEST", run_id + "\n")
    return record


def latest_run_id(store: RunStore) -> str:
    """The run created last by fetch (what downstream Jenkins jobs default to)."""
    try:
        return (store.root / "LATEST").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise UserInputError(f"no run in {store.root} yet",
                             hint="run 'mlops stage fetch --source ...' first, or pass --run-id.") from None
