"""What the local executor can isolate on this machine, decided once, as pure data.

Why: without Docker the pushed script runs on the host. What can be isolated cheaply is
isolated where the OS allows, and every measure is reported as applied or "not available"
with the reason, in the run record and on the console:

- **environment**: the allowlist of :func:`pipeline_lib.executors.base.worker_environment`;
- **network**: a new, empty network namespace (``unshare --net``): only a loopback that is
  down, so not even the host's 127.0.0.1 is reachable;
- **processes**: a new PID namespace with its own ``/proc`` (the host's processes, and the
  environment of ``mlops`` in ``/proc/PID/environ``, are invisible); every process the
  script starts dies with the worker;
- **mounts**: ``/tmp``, ``/var/tmp`` and ``/dev/shm`` become private size-limited tmpfs; the
  host's home, the runs root, ``/run`` and the Docker engine's socket folder are covered by an
  empty tmpfs, with only what the worker needs (the interpreter read-only, its own run
  directory) mounted back; ``workspace/`` (the pushed code) and every other mount are
  read-only, so only the run directory, HOME and the tmpfs are writable;
- **privileges**: every capability dropped, ``no_new_privs``; as root also a uid of its own
  per run (when the interpreter is reachable for other users);
- **limits**: ``setrlimit`` for address space, process count (per-run uid only), file size
  and core dumps. The trial time limit is the monitor's (it kills an overrunning worker).

A non-root user gets the same namespaces inside a user namespace (``unshare --map-root-user``).
:func:`plan_local` decides; :mod:`pipeline_lib.executors.confine` (run inside the new
namespaces) applies the plan; :class:`pipeline_lib.executors.local.LocalExecutor` runs it.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import stat
import subprocess
import sys
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline_lib.datacache import cache_folders

__all__ = [
    "DEFAULT_ADDRESS_SPACE",
    "DEFAULT_FILE_SIZE",
    "DEFAULT_NPROC",
    "DEFAULT_TMP_SIZE",
    "SandboxPlan",
    "hand_back",
    "hand_over",
    "parse_size",
    "plan_local",
    "run_uid",
    "wrap_command",
]

#: TensorFlow alone reserves ~2.4 GB of address space on import; this leaves room to train.
DEFAULT_ADDRESS_SPACE = 8 * 2**30
#: Largest file a worker may write (a trial log, a model); also bounds a script's own files.
DEFAULT_FILE_SIZE = 2 * 2**30
#: Tasks (processes + threads) of the run's own uid; TensorFlow starts a few dozen threads.
DEFAULT_NPROC = 1024
DEFAULT_TMP_SIZE = 1 * 2**30
_UID_BASE, _UID_SPAN = 200_000, 100_000
_TEMPORARY = ("/tmp", "/var/tmp", "/dev/shm")
#: Dataset caches below the host's home that scripts read offline (scikit-learn; Keras: cache_folders()).
_DATA_CACHES = ("scikit_learn_data",)
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def parse_size(text: str | int | None) -> int | None:
    """``"4g"``/``"512m"``/``"100k"``/bytes -> bytes (None stays None)."""
    if text is None or isinstance(text, int):
        return text
    value = text.strip().lower().rstrip("b")
    units = {"k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}
    factor = units.get(value[-1:], 1)
    number = value[:-1] if value[-1:] in units else value
    return int(float(number) * factor)


def run_uid(run_id: str) -> int:
    """The uid a run's local worker gets as root: its own, so runs cannot read each other."""
    return _UID_BASE + zlib.crc32(run_id.encode()) % _UID_SPAN


@functools.lru_cache(maxsize=4)
def _namespaces_work(root: bool) -> str | None:
    """None when ``unshare`` can make net/pid/mount namespaces (and mount a tmpfs); else why not."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return "unshare(1) is not installed (util-linux)"
    # The real thing on a small scale: a cover on /tmp, a private HOME, the rest read-only, no capabilities.
    plan = {"overlays": [{"path": "/tmp", "size": 2**20, "mode": 0o1777, "keep": []}], "home": "/tmp/probe",
            "writable": ["/tmp/probe"], "read_only": [], "seeds": {}, "caches": {}, "freeze": True, "drop_caps": True, "uid": None,
            "limits": {}, "workdir": None}
    try:
        probe = subprocess.run([*_unshare_prefix(unshare, root, network=False), sys.executable, "-m",
                                "pipeline_lib.executors.confine", json.dumps(plan), "--", "true"],
                               capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
                               env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": _PACKAGE_ROOT})
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unshare failed: {exc}"
    if probe.returncode != 0:
        detail = (probe.stderr or probe.stdout).strip().splitlines()
        return f"unshare is not permitted here ({detail[-1] if detail else f'exit {probe.returncode}'})"
    return None


def _unshare_prefix(unshare: str, root: bool, network: bool) -> list[str]:
    """``unshare`` flags: pid + mount namespaces (and net unless the run needs the network).

    ``--kill-child`` kills the namespace (every process the script started) when the
    supervisor kills the worker; a non-root user needs ``--map-root-user`` (a user namespace).
    """
    flags = [unshare, "--pid", "--fork", "--kill-child", "--mount-proc"]
    if not network:
        flags.insert(1, "--net")
    if not root:
        flags.insert(1, "--map-root-user")
    return flags


@dataclass(frozen=True)
class SandboxPlan:
    """How one local worker start is confined (pure data; :mod:`confine` applies it).

    Attributes:
        prefix: the ``unshare`` argv in front of the worker (empty: no namespaces).
        home: the private HOME/TMPDIR folder (created by the executor, removed after).
        overlays: folders covered by an empty tmpfs, each ``{"path", "size", "mode", "keep":
            [[path, read_only], ...]}``: the kept paths (the interpreter, the run directory)
            are bind-mounted back at their own place, everything else there disappears.
        read_only: folders bind-mounted read-only (the pushed code in ``workspace/``).
        writable: besides the covers, the only folders the worker may write (run directory, HOME).
        seeds: host file -> path inside HOME, copied there before the covers hide the host file
            (matplotlib's font list: rebuilding it costs every worker start ~0.4 s).
        caches: path inside HOME -> the host's dataset cache, mounted there read-only (a
            symlink without namespaces), so ``keras.datasets``/``fetch_openml`` find what
            the user downloaded before (the worker has no network to fetch it).
        freeze: remount every other mount read-only.
        uid: the uid (and gid) to run as, None when the worker keeps the caller's.
        drop_caps: drop every capability (bounding set) before the worker starts.
        limits: ``resource`` names (``RLIMIT_AS``...) -> soft and hard limit.
        workdir: where the worker starts.
        measures: each measure -> "applied: ..." or "not available: why" (for the record).
    """

    prefix: tuple[str, ...]
    home: str
    overlays: tuple[dict[str, Any], ...]
    read_only: tuple[str, ...]
    writable: tuple[str, ...]
    seeds: dict[str, str]
    caches: dict[str, str]
    freeze: bool
    uid: int | None
    drop_caps: bool
    limits: dict[str, int]
    workdir: str | None
    measures: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if k not in ("prefix", "measures")})


def _size(value: int) -> str:
    return f"{value / 2**30:g} GiB" if value >= 2**30 else f"{value / 2**20:g} MiB"


def _under(path: str, folder: str) -> bool:
    return Path(path).is_relative_to(folder)


def _overlays(hidden: list[tuple[str, int, int]],
              keep: list[tuple[str, bool]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Which of ``hidden`` (path, size, mode) can be covered, each with the ``keep`` paths below it.

    A folder that is itself needed, or that lies inside an earlier cover (and outside what it
    mounts back), is skipped; returns (the covers, shallow first; the folders not covered, why).
    """
    covers: list[dict[str, Any]] = []
    skipped: list[str] = []
    for path, size, mode in sorted(dict.fromkeys(hidden), key=lambda h: len(Path(h[0]).parts)):
        if not os.path.isdir(path) or any(c["path"] == path for c in covers):
            continue
        if any(path == k for k, _ in keep):
            skipped.append(f"{path} is what the worker needs")
            continue
        if any(_under(path, c["path"]) and not any(_under(path, k) for k, _ in c["keep"]) for c in covers):
            continue  # already hidden by the cover of a folder above it
        # Mounted back parents first: a kept folder inside another kept one goes on top of it.
        below = [[k, ro] for k, ro in sorted(keep, key=lambda kr: len(Path(kr[0]).parts)) if _under(k, path)]
        covers.append({"path": path, "size": size, "mode": mode, "keep": below})
    return covers, skipped


def plan_local(*, run_id: str, run_dir: str | None, needed: list[str], home: str, network: bool,
               memory: str | None, pids: int | None, file_size: int | None, refused: list[str],
               tmp_size: int | None = None, root: bool | None = None) -> SandboxPlan:
    """Decide every measure for one local worker (no side effect but a cached ``unshare`` probe).

    Args:
        run_id: the run (its own uid as root).
        run_dir: the run directory the worker writes (None: nothing is handed over).
        needed: paths the worker reads (interpreter prefixes, PYTHONPATH).
        home: the private HOME/TMPDIR folder.
        network: the spec asks for the network (no network namespace then).
        memory: address-space limit like ``"8g"`` (default :data:`DEFAULT_ADDRESS_SPACE`).
        pids: task limit for the run's uid (default :data:`DEFAULT_NPROC`).
        file_size: largest file in bytes (default :data:`DEFAULT_FILE_SIZE`).
        tmp_size: bytes of each private temporary folder (default :data:`DEFAULT_TMP_SIZE`).
        refused: variable names the environment allowlist left out.
        root: whether this process is root (default: asks the OS).
    """
    root = os.geteuid() == 0 if root is None else root
    measures: dict[str, str] = {}
    shown = f" ({len(refused)} secret-named left out: {', '.join(refused[:6])}{' ...' if len(refused) > 6 else ''})"
    measures["environment"] = "applied: allowlist" + (shown if refused else "")
    problem = _namespaces_work(root)
    unavailable = f"not available: {problem}"
    prefix = () if problem else tuple(_unshare_prefix(shutil.which("unshare") or "unshare", root, network))
    if network:
        measures["network"] = "not applied: the run asks for the network"
    else:
        measures["network"] = unavailable if problem else "applied: new network namespace (no interface up)"
    measures["processes"] = unavailable if problem else (
        "applied: new PID namespace (the host's processes are invisible); all it starts dies with the worker")
    keep = [(os.path.realpath(p), True) for p in dict.fromkeys(needed) if p and os.path.exists(p)]
    run_real = os.path.realpath(run_dir) if run_dir else None
    if run_real:
        keep.append((run_real, False))
    host_home = os.path.realpath(os.path.expanduser("~"))
    tmp_size = tmp_size or DEFAULT_TMP_SIZE
    hidden = [(t, tmp_size, 0o1777) for t in _TEMPORARY]
    # /run holds sockets (the Docker engine's, D-Bus): a read-only mount does not stop a connect().
    engine = os.environ.get("DOCKER_HOST", "")
    sockets = ["/run", *([os.path.dirname(engine[len("unix://"):])] if engine.startswith("unix://") else [])]
    hidden += [(folder, 16 * 2**20, 0o755) for folder in (*sockets, host_home)]
    if run_real:
        hidden.append((str(Path(run_real).parent), 16 * 2**20, 0o755))
    hidden = [(os.path.realpath(p), size, mode) for p, size, mode in hidden]
    covers: list[dict[str, Any]] = []
    read_only: tuple[str, ...] = ()
    if problem:
        for name in ("private /tmp", "host's home", "other runs", "sockets", "source read-only", "capabilities",
                     "read-only filesystem"):
            measures[name] = unavailable
    else:
        covers, skipped = _overlays(hidden, keep)
        covered = {c["path"] for c in covers}
        tmps = [t for t in map(os.path.realpath, _TEMPORARY) if t in covered]
        measures["private /tmp"] = (f"applied: tmpfs of {_size(tmp_size)} on {', '.join(tmps)}" if tmps
                                    else "not available: " + "; ".join(skipped))
        measures["host's home"] = (f"applied: {host_home} hidden (only what the worker needs is mounted back, "
                                   "read-only)" if host_home in covered or any(_under(host_home, c) for c in covered)
                                   else f"not available: {host_home} holds what the worker needs")
        hidden_sockets = [os.path.realpath(f) for f in sockets
                          if any(_under(os.path.realpath(f), c) for c in covered)]
        measures["sockets"] = (f"applied: {', '.join(dict.fromkeys(hidden_sockets))} covered (the Docker engine's "
                               "and other services' sockets)" if hidden_sockets else "not available: nothing to cover")
        runs_root = str(Path(run_real).parent) if run_real else None
        measures["other runs"] = (f"applied: {runs_root} shows this run only" if runs_root and (
            runs_root in covered or any(_under(runs_root, c) for c in covered)) else "not available: no runs root")
        if run_real and os.path.isdir(os.path.join(run_real, "workspace")):
            read_only = (os.path.join(run_real, "workspace"),)
            measures["source read-only"] = "applied: workspace/ bind-mounted read-only"
        else:
            measures["source read-only"] = "not available: the run has no workspace/"
        measures["capabilities"] = "applied: none (bounding set dropped), no_new_privs"
        measures["read-only filesystem"] = ("applied: every mount but the run directory, HOME and the private "
                                            "tmpfs is read-only")
    uid: int | None = None
    # The run directory itself is handed over to the run's uid; only the way to it must be open.
    reach = [k for k, ro in keep if ro] + ([str(Path(run_real).parent)] if run_real else [])
    blocked = None if problem else _blocked_for_others(reach, covers)
    if not root:
        measures["user"] = "not available: mlops is not root, so the worker runs as the same user"
    elif problem:
        measures["user"] = unavailable
    elif blocked is not None:
        measures["user"] = f"not available: other users cannot enter {blocked} (the worker must reach it)"
    else:
        uid = run_uid(run_id)
        measures["user"] = f"applied: uid {uid} of its own (cannot read other users' files)"
    address = parse_size(memory) or DEFAULT_ADDRESS_SPACE
    limits = {"RLIMIT_AS": address, "RLIMIT_FSIZE": file_size or DEFAULT_FILE_SIZE, "RLIMIT_CORE": 0}
    measures["address space"] = f"applied: {_size(address)} (RLIMIT_AS)"
    measures["file size"] = f"applied: {_size(limits['RLIMIT_FSIZE'])} per file (RLIMIT_FSIZE)"
    if uid is not None:
        limits["RLIMIT_NPROC"] = pids or DEFAULT_NPROC
        measures["process count"] = f"applied: {limits['RLIMIT_NPROC']} tasks (RLIMIT_NPROC of the run's uid)"
    else:
        measures["process count"] = ("not available: RLIMIT_NPROC counts every process of the user, "
                                     "so it only bounds a worker with a uid of its own")
    writable = tuple(p for p in (run_real, home) if p) if not problem else ()
    fonts = Path(os.environ.get("XDG_CACHE_HOME") or Path(host_home) / ".cache") / "matplotlib"
    seeds = {str(f): str(Path(home) / ".cache" / "matplotlib" / f.name) for f in sorted(fonts.glob("fontlist-*.json"))}
    caches = {str(Path(home) / rel): str(Path(host_home) / rel) for rel in _DATA_CACHES
              if (Path(host_home) / rel).is_dir()}
    # The Keras cache the fetch stage fills ($KERAS_HOME, else ~/.keras): each folder where Keras looks.
    caches.update({str(Path(home) / ".keras" / folder.name): str(folder) for folder in cache_folders()})
    measures["dataset caches"] = (f"applied: {', '.join(caches.values())} read-only in the private HOME" if caches
                                  else "not applied: none found in the host's home")
    return SandboxPlan(prefix=prefix, home=home, overlays=tuple(covers), read_only=read_only, writable=writable,
                       seeds=seeds, caches=caches, freeze=not problem, uid=uid,
                       drop_caps=not problem, limits=limits, workdir=run_dir, measures=measures)


def _blocked_for_others(paths: list[str], covers: list[dict[str, Any]]) -> Path | None:
    """The first folder another uid could not enter on the way to ``paths`` inside the sandbox.

    Folders inside a cover are recreated there with mode 0755; a kept path keeps its own mode.
    """
    for path in paths:
        for folder in [*reversed(Path(path).parents), Path(path)]:
            inside = any(_under(str(folder), c["path"]) and str(folder) != path for c in covers)
            if inside:
                continue
            try:
                mode = folder.stat().st_mode
            except OSError:
                return folder
            if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
                return folder
    return None


def wrap_command(plan: SandboxPlan, command: tuple[str, ...]) -> list[str]:
    """argv: ``unshare ... python -m pipeline_lib.executors.confine PLAN -- COMMAND``."""
    return [*plan.prefix, sys.executable, "-m", "pipeline_lib.executors.confine", plan.to_json(), "--", *command]


def _chown_tree(top: Path, uid: int, gid: int, skip: Path | None) -> None:
    os.lchown(top, uid, gid)
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        if skip is not None and skip in (here / d for d in dirs):
            dirs.remove(skip.name)
        for name in (*dirs, *files):
            os.lchown(here / name, uid, gid)


def hand_over(run_dir: Path, uid: int) -> None:
    """Give what the worker writes in the run directory to the run's uid; keep the source away.

    Why at every start: files the supervisor writes meanwhile (``run.json`` through an atomic
    rename, mode 0600) belong to the caller again; the worker must read and rewrite them. The
    folder itself stays the caller's, shared with the run's group, sticky (mode 1770): the
    worker creates files there, but cannot rename or replace ``workspace/`` (the pushed code,
    which also loses its write bits), and no other run's uid can look inside.
    """
    workspace = run_dir / "workspace"
    _chown_tree(run_dir, uid, uid, workspace)
    os.chown(run_dir, os.getuid(), uid)
    os.chmod(run_dir, 0o1770)
    for folder, _dirs, files in os.walk(workspace):
        for path in (Path(folder), *(Path(folder) / f for f in files)):
            mode = path.lstat().st_mode
            if not stat.S_ISLNK(mode) and mode & 0o022:
                os.chmod(path, stat.S_IMODE(mode) & ~0o022)


def hand_back(run_dir: Path) -> None:
    """Give the run directory back to this process's user (mode 0700) once the worker stopped."""
    _chown_tree(run_dir, os.getuid(), os.getgid(), run_dir / "workspace")
    os.chmod(run_dir, 0o700)
