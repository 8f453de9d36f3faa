"""Run a :class:`RunSpec` in a sandboxed container through the docker SDK.

Why a thin adapter: the spec stays pure data until :meth:`DockerExecutor.start` (convention 9),
so :func:`container_spec` and :func:`run_options` are tested without an engine, and every
engine call goes through :func:`engine_errors`, the one wrapper that turns docker SDK and
engine failures into our :class:`RemoteError` / :class:`UserInputError` (convention 6).

The sandbox is fixed policy, not an option: pushed code runs with no network (unless the spec
asks for it), a read-only root filesystem with a tmpfs ``/tmp``, a non-root user, every
capability dropped, ``no-new-privileges``, and memory, CPU and process-count limits.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as _dt
import os
import secrets
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline_lib.console import say
from pipeline_lib.datacache import cache_folders
from pipeline_lib.errors import FatalError, PipelineError, RemoteError, UserInputError
from pipeline_lib.executors.base import Executor, Handle, Mount, RunSpec, worker_environment
from pipeline_lib.executors.sandbox import DEFAULT_FILE_SIZE
from pipeline_lib.redaction import Redactor

__all__ = [
    "DEFAULT_MEMORY",
    "DEFAULT_OUTPUT_LIMIT",
    "DEFAULT_PIDS",
    "ENGINE_LOG_SIZE",
    "IMAGE_PYTHON",
    "SANDBOX_UID",
    "TMPFS_OPTIONS",
    "DockerExecutor",
    "DockerHandle",
    "EngineUnreachable",
    "connect",
    "container_alive",
    "container_spec",
    "engine_errors",
    "engine_url",
    "exit_status",
    "find_run_container",
    "get_image",
    "run_options",
    "sandbox_user",
]

#: The interpreter inside the images (the virtualenv that holds pipeline_lib).
IMAGE_PYTHON = "/opt/mlops/bin/python"
#: Non-root uid/gid used when the host user is root (the images create it as ``mlops``).
SANDBOX_UID = 1000
DEFAULT_MEMORY = "4g"
#: TensorFlow starts a few dozen threads; each counts against the limit.
DEFAULT_PIDS = 1024
TMPFS_OPTIONS = "rw,nosuid,nodev,noexec,size=1g,mode=1777"
ENGINE_LOG_SIZE = "20m"
#: Console bytes shown per container (the trial log in the run directory keeps its own copy).
DEFAULT_OUTPUT_LIMIT = 64 * 2**20
_START_HINT = ("start an engine and point DOCKER_HOST at it (CI: eval \"$(.ci/docker-engine.sh start)\"), "
               "or train without containers: --executor local")
_IMAGE_HINT = "build the images: mlops images build (add --offline on a host that reaches no image registry)"


def engine_url() -> str:
    """Where the docker SDK looks for the engine (what messages show)."""
    return os.environ.get("DOCKER_HOST") or "unix:///var/run/docker.sock"


class EngineUnreachable(RemoteError):
    """No Docker engine answers at :func:`engine_url`; ``detail`` is the SDK's own words."""

    def __init__(self, message: str, *, detail: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.detail = detail


def _sdk() -> Any:
    try:
        import docker
    except ImportError:
        raise UserInputError("the docker Python package is not installed, so no container can run",
                             hint="pip install 'mlops-pipeline[docker]', or use --executor local") from None
    return docker


def _explain(exc: Any) -> str:
    explanation = getattr(exc, "explanation", None)
    text = explanation.decode() if isinstance(explanation, bytes) else explanation
    return str(text or exc).strip()


@contextlib.contextmanager
def engine_errors(what: str) -> Iterator[None]:
    """The one wrapper around docker SDK calls: engine failures become our errors.

    Args:
        what: the action in words ("starting mlops/keras:0.1.0"), first in every message.

    Raises:
        UserInputError: the SDK is missing or an image does not exist (the user can fix it).
        RemoteError: no engine answers, or it refused the request.
    """
    docker = _sdk()
    import requests.exceptions

    try:
        yield
    except docker.errors.ImageNotFound as exc:
        raise UserInputError(f"{what}: image not found on the engine at {engine_url()} ({_explain(exc)})",
                             hint=_IMAGE_HINT) from None
    except docker.errors.APIError as exc:
        raise RemoteError(f"{what}: the Docker engine at {engine_url()} refused: {_explain(exc)}",
                          hint="see the engine's log; 'docker info' shows its state") from None
    except (docker.errors.DockerException, requests.exceptions.RequestException) as exc:
        raise EngineUnreachable(f"{what}: no Docker engine answers at {engine_url()} ({exc})", detail=str(exc),
                                hint=_START_HINT) from None


def connect(timeout: float = 60.0) -> Any:
    """A docker SDK client for the engine at :func:`engine_url`, checked with a ping."""
    docker = _sdk()
    with engine_errors("connecting to the Docker engine"):
        client = docker.from_env(timeout=timeout)
        client.ping()
    return client


def get_image(tag: str, client: Any = None) -> Any:
    """The engine's image called ``tag``, or None when it has none."""
    docker = _sdk()
    client = client if client is not None else connect()
    with engine_errors(f"looking up image {tag}"):
        try:
            return client.images.get(tag)
        except docker.errors.ImageNotFound:
            return None


def sandbox_user(uid: int | None = None, gid: int | None = None) -> str:
    """``uid:gid`` the container runs as: the host user's own, or 1000:1000 when that is root.

    Why: files the worker writes into the mounted run directory then belong to the host user,
    and the container is never root. A root host hands the run directory to uid 1000 instead
    (see :meth:`DockerExecutor.start`).
    """
    uid = os.getuid() if uid is None else uid
    gid = os.getgid() if gid is None else gid
    return f"{SANDBOX_UID}:{SANDBOX_UID}" if uid == 0 else f"{uid}:{gid}"


def container_spec(spec: RunSpec, run_dir: Path | str, image: str, *, memory: str = DEFAULT_MEMORY,
                   cpus: float | None = None, pids: int = DEFAULT_PIDS) -> RunSpec:
    """The local worker spec, made to run in ``image`` (pure data).

    ``run.json`` stores absolute host paths, so the run directory is mounted read-write at its
    own path and its ``workspace`` (the pushed code) read-only on top of it, at its own nested
    path. The interpreter becomes the image's; ``PYTHONPATH`` is dropped (pipeline_lib is
    installed in the image) and ``HOME`` points at the writable tmpfs. The environment is the
    allowlist of :func:`~pipeline_lib.executors.base.worker_environment` without host paths.

    Args:
        spec: what :func:`pipeline_lib.stages.monitor.worker_spec` built.
        run_dir: the run's directory (absolute; made absolute otherwise).
        image: the training image.
        memory: memory limit, unless the spec sets one.
        cpus: CPU limit, unless the spec sets one (default: every core of this machine).
        pids: process/thread-count limit, unless the spec sets one.
    """
    run_dir = Path(os.path.abspath(run_dir))
    if run_dir.is_relative_to("/root"):
        # The run folder is mounted at its own path; inside the image /root is root's, mode 700.
        raise UserInputError(f"runs folder {run_dir.parent}: under /root, which the sandbox user (uid "
                             f"{SANDBOX_UID}) cannot enter inside the container",
                             hint="set MLOPS_RUNS_DIR (or --runs-dir) to a folder outside /root, e.g. "
                                  "/var/lib/mlops-runs or the Jenkins workspace root")
    command = spec.command
    if command and Path(command[0]).name.startswith("python"):
        command = (IMAGE_PYTHON, *command[1:])
    own = {k: v for k, v in spec.env.items() if k not in ("PYTHONPATH", "PATH", "HOME", "TMPDIR")}
    env, _refused = worker_environment({**own, "HOME": "/tmp", "PYTHONDONTWRITEBYTECODE": "1"}, host=False)
    workspace = run_dir / "workspace"
    # The Keras cache the fetch stage filled, read-only where Keras looks (HOME is /tmp in here).
    caches = tuple(Mount(str(folder), f"/tmp/.keras/{folder.name}", read_only=True) for folder in cache_folders())
    mounts = (*spec.mounts, Mount(str(run_dir), str(run_dir), read_only=False),
              Mount(str(workspace), str(workspace), read_only=True), *caches)
    return replace(spec, command=command, env=env, image=image, workdir=spec.workdir or str(run_dir),
                   mounts=mounts, memory=spec.memory or memory,
                   cpus=spec.cpus or cpus or float(os.cpu_count() or 1), pids=spec.pids or pids)


def run_options(spec: RunSpec, user: str, gpus: str | None = None) -> dict[str, Any]:
    """Keyword arguments for ``client.containers.run``: the spec plus the fixed sandbox (pure data).

    ``gpus="all"`` (``$MLOPS_DOCKER_GPUS`` on a Jenkins GPU agent) asks the engine for every GPU,
    what ``docker run --gpus all`` sends.
    """
    if not spec.image:
        raise FatalError("a container RunSpec needs an image", hint="build it with container_spec()")
    run_id = spec.labels.get("mlops.run", "run")
    file_size = spec.file_size or DEFAULT_FILE_SIZE
    options: dict[str, Any] = {
        "image": spec.image,
        "command": list(spec.command),
        "environment": dict(spec.env),
        "working_dir": spec.workdir,
        "volumes": {m.source: {"bind": m.target, "mode": "ro" if m.read_only else "rw"} for m in spec.mounts},
        "labels": dict(spec.labels),
        "name": f"mlops-{run_id[:40]}-{secrets.token_hex(3)}",
        "user": user,
        "read_only": True,
        "tmpfs": {"/tmp": TMPFS_OPTIONS if not spec.tmp_size else TMPFS_OPTIONS.replace("size=1g", f"size={spec.tmp_size}")},
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges"],
        "stdin_open": False,
        "tty": False,
        "detach": True,
        # What the engine keeps of the output: a script printing without end must not fill its disk.
        "log_config": {"type": "json-file", "config": {"max-size": ENGINE_LOG_SIZE, "max-file": "2"}},
        "ulimits": [{"Name": "fsize", "Soft": file_size, "Hard": file_size}, {"Name": "core", "Soft": 0, "Hard": 0}],
    }
    if not spec.network:
        options["network_mode"] = "none"
    if spec.memory:
        options["mem_limit"] = options["memswap_limit"] = spec.memory
    if spec.cpus:
        options["nano_cpus"] = int(spec.cpus * 1e9)
    if spec.pids:
        options["pids_limit"] = spec.pids
    if gpus:
        # The SDK builds its DeviceRequest from these keyword names (docker.types.DeviceRequest).
        options["device_requests"] = [{"count": -1 if gpus == "all" else int(gpus), "capabilities": [["gpu"]]}]
    return options


def exit_status(state: dict[str, Any]) -> tuple[int, str | None]:
    """Exit status and reason from the engine's ``State``, as the local executor reports them.

    A container killed by signal N exits with 128+N; it is reported as ``-N`` like a local
    process. An OOM kill keeps the engine's reason (``State.OOMKilled``) and is always non-zero.
    """
    code = int(state.get("ExitCode", 1))
    if state.get("OOMKilled"):
        return (-9 if code in (0, 137) else code), "OOM-killed: it used more memory than its limit"
    if 128 < code <= 128 + 64:
        return -(code - 128), f"killed by signal {code - 128}"
    if state.get("Error"):
        return (code or 1), str(state["Error"])
    return code, None


def _stamp_key(stamp: str) -> tuple[float, int] | None:
    """Sortable (seconds, nanoseconds) of an RFC 3339 nano timestamp from the log stream."""
    whole, _, fraction = stamp.rstrip("Z").partition(".")
    try:
        seconds = _dt.datetime.fromisoformat(whole).replace(tzinfo=_dt.timezone.utc).timestamp()
        return seconds, int((fraction + "000000000")[:9])
    except ValueError:
        return None


_LIVE: set[DockerHandle] = set()


@atexit.register
def _kill_live() -> None:
    """On a normal exit (Ctrl-C included) stop our containers, as a local worker would stop.

    A supervisor killed outright (SIGKILL) leaves its container running on purpose: that is
    what ``mlops monitor`` finds by label.
    """
    for handle in list(_LIVE):
        handle.kill()


class DockerHandle(Handle):
    """A started container: logs go to the console, the exit is watched, then it is removed.

    Attributes:
        container: the docker SDK container.
        status: exit status once it stopped (negative: killed by that signal).
        reason: why it stopped abnormally ("OOM-killed: ...", "killed by signal 9"), else None.
    """

    def __init__(self, container: Any, output_limit: int = DEFAULT_OUTPUT_LIMIT) -> None:
        self.container = container
        self.output_limit = output_limit
        self._redactor = Redactor.from_env()
        self.status: int | None = None
        self.reason: str | None = None
        self._exited = threading.Event()
        self._done = threading.Event()
        self._logs = threading.Thread(target=self._stream_logs, name=f"logs-{container.short_id}", daemon=True)
        self._watch = threading.Thread(target=self._watch_exit, name=f"wait-{container.short_id}", daemon=True)
        _LIVE.add(self)
        self._logs.start()
        self._watch.start()

    @property
    def ident(self) -> str:
        return str(self.container.id)

    def wait(self, timeout: float | None = None) -> int | None:
        if not self._done.wait(timeout):
            return None
        return self.status

    def kill(self) -> None:
        if not self._exited.is_set():
            with contextlib.suppress(PipelineError), engine_errors(f"killing container {self.container.short_id}"):
                self.container.kill()
        self._done.wait()

    def _stream_logs(self) -> None:
        """Copy the container's output to our stdout; reconnect after a read timeout.

        Why timestamps: a silent stretch longer than the client's read timeout breaks the
        follow stream; it resumes from the last line shown, which is skipped if sent again.
        """
        last: tuple[float, int] | None = None
        shown = 0
        while True:
            try:
                since = last[0] + last[1] / 1e9 if last else None
                for chunk in self.container.logs(stream=True, follow=True, timestamps=True, since=since):
                    for line in chunk.decode("utf-8", "replace").split("\n"):
                        stamp, _, text = line.partition(" ")
                        key = _stamp_key(stamp)
                        if key is not None and (last is None or key > last):
                            last = key
                            if shown < self.output_limit:
                                shown += len(text) + 1
                                sys.stdout.write(self._redactor.redact(text) + "\n")
                                if shown >= self.output_limit:
                                    sys.stdout.write(f"[mlops: output past {self.output_limit} bytes is not "
                                                     "shown; the trial log keeps its own copy]\n")
                    sys.stdout.flush()
                return
            except Exception:  # noqa: BLE001 - a broken stream must never stop the run
                if self._exited.wait(0.5):
                    return

    def _watch_exit(self) -> None:
        try:
            with engine_errors(f"waiting for container {self.container.short_id}"):
                self.container.wait()
                self.container.reload()
            self.status, self.reason = exit_status(self.container.attrs.get("State", {}))
        except PipelineError as exc:
            self.status, self.reason = 1, str(exc)
        self._exited.set()
        self._logs.join(timeout=10)
        with contextlib.suppress(PipelineError), engine_errors("removing the container"):
            self.container.remove(force=True)
        if self.reason:
            say(f"docker: container {self.container.short_id} {self.reason}", err=True)
        _LIVE.discard(self)
        self._done.set()


def _uid_gid(user: str) -> tuple[int, int]:
    uid, _, gid = user.partition(":")
    return int(uid), int(gid or uid)


def _hand_over(spec: RunSpec, user: str) -> None:
    """As root, give the writable mounts to the sandbox user so it can write and read them.

    Why each start: files the host writes meanwhile (``run.json`` through an atomic rename,
    ``run.lock``) belong to root again; the worker in the container must read and lock them.
    """
    uid, gid = _uid_gid(user)
    if os.getuid() != 0 or uid == 0:
        return
    for mount in spec.mounts:
        if mount.read_only or not os.path.isdir(mount.source):
            continue
        os.lchown(mount.source, uid, gid)
        for folder, dirs, files in os.walk(mount.source):
            for name in (*dirs, *files):
                os.lchown(os.path.join(folder, name), uid, gid)


class DockerExecutor(Executor):
    """Starts RunSpecs as sandboxed containers.

    Args:
        client: a docker SDK client (default: :func:`connect`).
        image: when set, a spec without an image (the local worker spec that
            :func:`pipeline_lib.stages.monitor.supervise` builds) is turned into its container
            form with :func:`container_spec`, using ``spec.workdir`` as the run directory.
        user: ``uid:gid`` to run as (default: :func:`sandbox_user`).
    """

    name = "docker"

    def __init__(self, client: Any = None, image: str | None = None, user: str | None = None) -> None:
        self.client = client if client is not None else connect()
        self.image = image
        self.user = user or sandbox_user()

    def start(self, spec: RunSpec) -> DockerHandle:
        if spec.image is None:
            if self.image is None or not spec.workdir:
                raise FatalError("DockerExecutor.start got a spec without an image",
                                 hint="pass image= to DockerExecutor or build the spec with container_spec()")
            spec = container_spec(spec, spec.workdir, self.image)
        options = run_options(spec, self.user, os.environ.get("MLOPS_DOCKER_GPUS") or None)
        _hand_over(spec, self.user)
        run_id = spec.labels.get("mlops.run")
        if run_id:
            self._remove_leftovers(run_id, spec.labels.get("mlops.worker"))
        with engine_errors(f"starting a container from {spec.image}"):
            container = self.client.containers.run(**options)
        limits = f"memory {spec.memory or '-'}, cpus {spec.cpus or '-'}, pids {spec.pids or '-'}"
        say(f"docker: container {container.short_id} from {spec.image} as {self.user} · "
              f"network {'on' if spec.network else 'none'} · read-only rootfs · caps dropped · {limits}")
        return DockerHandle(container, spec.output_limit or DEFAULT_OUTPUT_LIMIT)

    def measures(self, spec: RunSpec) -> dict[str, str]:
        """The fixed sandbox of :func:`run_options` in the words of the local executor's measures."""
        spec = container_spec(spec, spec.workdir, self.image or "-") if spec.image is None and spec.workdir else spec
        _env, refused = worker_environment(spec.env, host=False)
        caches = [m.source for m in spec.mounts if m.target.startswith("/tmp/.keras/")]
        return {
            "environment": "applied: allowlist" + (f" ({len(refused)} secret-named left out)" if refused else ""),
            "network": "applied: network none (loopback only)" if not spec.network else "not applied: asked for",
            "processes": "applied: own PID namespace; every process dies with the container",
            "private /tmp": f"applied: tmpfs of {spec.tmp_size or 2**30} bytes, noexec",
            "host's home": "applied: not mounted",
            "sockets": "applied: no host socket is mounted",
            "other runs": "applied: only this run's directory is mounted",
            "source read-only": "applied: workspace/ mounted read-only",
            "read-only filesystem": "applied: read-only root filesystem; the run directory and /tmp are writable",
            "capabilities": "applied: all dropped, no-new-privileges",
            "user": f"applied: {self.user} (never root)",
            "memory": f"applied: {spec.memory or DEFAULT_MEMORY} (cgroup, OOM-killed past it)",
            "process count": f"applied: {spec.pids or DEFAULT_PIDS} (pids cgroup)",
            "file size": f"applied: {spec.file_size or DEFAULT_FILE_SIZE} bytes per file (ulimit fsize)",
            "dataset caches": (f"applied: {', '.join(caches)} read-only at /tmp/.keras" if caches
                               else "not applied: the Keras cache has no folder yet"),
        }

    def _remove_leftovers(self, run_id: str, worker: str | None = None) -> None:
        """A container left by a killed supervisor would be a second worker on the same run.

        With several workers per run (``--parallel``, Jenkins branches) only the leftover of the
        same worker (label ``mlops.worker``) goes; its siblings are training.
        """
        old = find_run_container(run_id, self.client, all_states=True, worker=worker)
        while old is not None:
            with engine_errors(f"removing leftover container {old.short_id}"):
                old.remove(force=True)
            say(f"docker: removed leftover container {old.short_id} of run {run_id} ({old.status})")
            old = find_run_container(run_id, self.client, all_states=True, worker=worker)


def find_run_container(run_id: str, client: Any = None, all_states: bool = False, worker: str | None = None) -> Any:
    """The container labelled ``mlops.run=RUN_ID`` (a running one first), or None.

    Args:
        run_id: the run.
        client: a docker SDK client (default: :func:`connect`).
        all_states: also return stopped containers (otherwise only running ones).
        worker: only the container of this worker of the run (label ``mlops.worker``).
    """
    client = client if client is not None else connect()
    labels = [f"mlops.run={run_id}", *([f"mlops.worker={worker}"] if worker else [])]
    with engine_errors(f"looking up the container of run {run_id}"):
        found = client.containers.list(all=all_states, filters={"label": labels})
    found.sort(key=lambda c: c.status != "running")
    return found[0] if found else None


def container_alive(run_id: str, client: Any = None) -> bool:
    """True when a container of ``run_id`` is running (what `mlops monitor` asks the engine)."""
    return find_run_container(run_id, client) is not None
