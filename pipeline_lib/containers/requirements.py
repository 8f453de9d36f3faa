"""A pushed ``requirements.txt``, installed for the run before the sandboxed training starts.

Why a build step apart from training: the sandbox has no network, and the packages must be
there when the script imports them. The install runs in trusted code, with the network, once
per requirements file and environment; the result is cached and used read-only:

- **local**: ``pip install --prefix`` with the worker's own interpreter into
  ``$XDG_CACHE_HOME/mlops/requirements/<key>`` (key: the file's sha256, the interpreter and its
  version); the worker gets its ``site-packages`` on ``PYTHONPATH`` (the local sandbox mounts it
  back read-only);
- **docker**: ``pip install`` in a container of the training image (the only container that
  gets a network: the host's, so an index or proxy on its loopback works as for the host's
  pip), committed as the derived image ``mlops/requirements:<key>`` (key: the file's sha256
  and the image id), which then trains in the usual sandbox.

``pip --prefix`` and ``pip install`` in the image both skip what is installed already; a file
whose every line the environment satisfies builds nothing at all. The index comes from pip's
own configuration (``PIP_INDEX_URL``, ``PIP_EXTRA_INDEX_URL``, pip.conf), so a company's proxy
works. A line pip cannot install is a :class:`UserInputError` (exit 2) naming
``requirements.txt:LINE`` and pip's reason. Files it includes with ``-r``/``-c`` (inside the
pushed folder) are part of the key and travel into the install container with it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from pipeline_lib.console import say
from pipeline_lib.errors import UserInputError
from pipeline_lib.executors.base import Executor, RunSpec
from pipeline_lib.executors.docker import IMAGE_PYTHON, DockerExecutor, engine_errors, get_image
from pipeline_lib.store import RunStatus, RunStore, atomic_write_json

__all__ = ["FILE_NAME", "USED_FILE", "Environment", "cache_root", "find_requirements", "included", "install_error",
           "pip_settings", "prepare_requirements", "unsatisfied"]

FILE_NAME = "requirements.txt"
DERIVED_REPOSITORY = "mlops/requirements"
#: pip settings handed to the install container (from the environment or pip's configuration).
_PIP_KEYS = ("index-url", "extra-index-url", "trusted-host", "default-timeout", "retries", "proxy")
_PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy")


@dataclass(frozen=True)
class Environment:
    """What the run trains with besides the image or interpreter.

    Attributes:
        status: ``installed`` (built now), ``cached`` (built by an earlier run), ``satisfied``
            (the environment has every requirement: nothing built).
        site: local: the folder put on the worker's PYTHONPATH.
        image: docker: the derived image.
        seconds: the install's duration (0 for a cache hit).
    """

    status: str
    site: str | None = None
    image: str | None = None
    seconds: float = 0.0


USED_FILE = "used.json"
"""Beside the local folders: when each derived image was last used (read by ``mlops images prune``)."""


def _mark_used(tag: str) -> None:
    """Record that a run used the derived image ``tag`` now; a lost record only makes prune rank it by age."""
    path = cache_root() / USED_FILE
    try:
        used = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        used[tag] = time.time()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_json(path, used)
    except (OSError, ValueError):
        pass


def cache_root() -> Path:
    """``$XDG_CACHE_HOME/mlops/requirements`` (``~/.cache`` when unset): kept between runs."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mlops" / "requirements"


def find_requirements(workspace: Path, script: str | None) -> Path | None:
    """The ``requirements.txt`` beside the script, else at the top of the pushed folder."""
    folders = [workspace / Path(script).parent] if script else []
    for folder in [*folders, workspace]:
        if (folder / FILE_NAME).is_file():
            return folder / FILE_NAME
    return None


def _lines(path: Path) -> list[tuple[int, str]]:
    """(line number, requirement text) without comments, blank lines and continuations joined."""
    found: list[tuple[int, str]] = []
    pending, start = "", 0
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        text = re.sub(r"(^|\s)#.*$", "", raw).strip()
        if not pending:
            start = number
        if text.endswith("\\"):
            pending += text[:-1] + " "
            continue
        text, pending = (pending + text).strip(), ""
        if text:
            found.append((start, text))
    return found


def unsatisfied(path: Path, installed: Mapping[str, str]) -> list[tuple[int, str]]:
    """The lines ``installed`` (canonical name -> version) does not satisfy; options and URLs always count."""
    missing = []
    for number, text in _lines(path):
        try:
            requirement = Requirement(text)
        except InvalidRequirement:
            missing.append((number, text))  # an option, a URL, a path, or a typo: pip decides
            continue
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        version = installed.get(canonicalize_name(requirement.name))
        if version is None or (requirement.specifier and not requirement.specifier.contains(version, prereleases=True)):
            missing.append((number, text))
    return missing


_INCLUDE = re.compile(r"^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)$")


def included(path: Path) -> list[Path]:
    """``path`` and the files its ``-r``/``-c`` lines name, recursively (each once, ``path`` first).

    Why: pip reads them relative to the including file, so they are part of what is installed:
    the cache key covers their bytes, and the Docker install copies them next to the file.
    Names that leave the pushed folder or do not exist are left to pip, which names the line.
    """
    root, seen, todo = path.parent.resolve(), [path], [path]
    while todo:
        current = todo.pop()
        for _number, text in _lines(current):
            match = _INCLUDE.match(text)
            if not match:
                continue
            target = (current.parent / match.group(1)).resolve()
            if target.is_file() and target.is_relative_to(root) and target not in {p.resolve() for p in seen}:
                seen.append(target)
                todo.append(target)
    return seen


def _contents(path: Path) -> bytes:
    """The bytes the cache key is made of: the file and every file it includes, with their names."""
    root = path.parent.resolve()
    return b"".join(f.resolve().relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0"
                    for f in included(path))


def install_error(path: Path, output: str) -> UserInputError:
    """pip's failure as ``requirements.txt:LINE: TEXT: pip's reason`` (the first line pip names)."""
    reasons = [line.removeprefix("ERROR: ").strip() for line in output.splitlines() if line.startswith("ERROR:")]
    reason = "; ".join(reasons) or (output.strip().splitlines() or ["pip failed"])[-1]
    named = re.findall(r"requirement:? '?([A-Za-z0-9][A-Za-z0-9._-]*)|found for ([A-Za-z0-9][A-Za-z0-9._-]*)"
                       r"|line (\d+) of", reason)
    lines = _lines(path)
    for groups in named:
        name, other, line = groups
        for number, text in lines:
            if (line and int(line) == number) or (not line and re.match(
                    rf"{re.escape(name or other)}(?![A-Za-z0-9._-])", text, re.IGNORECASE)):
                return UserInputError(f"{path.name}:{number}: cannot install {text!r}: {reason}",
                                      hint=f"fix or remove line {number} of {path.name} (pip's index: "
                                           "PIP_INDEX_URL / PIP_EXTRA_INDEX_URL or pip.conf) and push again")
    return UserInputError(f"{path.name}: pip could not install it: {reason}",
                          hint=f"check {path.name} with 'pip install -r {path.name}' and push again")


def _key(*parts: bytes | str) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode() if isinstance(part, str) else part)
        sha.update(b"\0")
    return sha.hexdigest()[:16]


def _local(path: Path, python: str) -> Environment:
    """The cached ``--prefix`` folder for ``python`` (built now when missing)."""
    installed: dict[str, str] = {canonicalize_name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()
                 if d.metadata["Name"]}
    if not unsatisfied(path, installed):
        return Environment("satisfied")
    folder = cache_root() / f"local-{_key(_contents(path), os.path.realpath(python), sys.version)}"
    site = sysconfig.get_path("purelib", "posix_prefix", {"base": str(folder), "platbase": str(folder)})
    if (folder / ".complete").is_file():
        os.utime(folder / ".complete")  # its last use, for `mlops images prune`
        return Environment("cached", site=site)
    folder.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    started = time.perf_counter()
    say(f"requirements: installing {path.name} for {python} (once; cached in {folder})")
    try:
        result = subprocess.run([python, "-m", "pip", "install", "--no-input", "--disable-pip-version-check",
                                 "--no-warn-script-location", "--prefix", str(scratch), "-r", str(path)],
                                cwd=path.parent, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise install_error(path, result.stderr + result.stdout)
        (scratch / ".complete").write_text(json.dumps({"file": str(path)}) + "\n", encoding="utf-8")
        for folder_path, dirs, _files in os.walk(scratch):  # a per-run uid must read it
            for name in (folder_path, *(os.path.join(folder_path, d) for d in dirs)):
                os.chmod(name, 0o755)
        try:
            os.replace(scratch, folder)
        except OSError:  # another run built it meanwhile
            pass
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    # The scratch path was the prefix pip saw; the same layout lives on at ``folder``.
    return Environment("installed", site=site, seconds=round(time.perf_counter() - started, 2))


def pip_settings(env: Mapping[str, str] | None = None, python: str | None = None) -> dict[str, str]:
    """The index settings of pip's configuration as ``PIP_*`` variables (for the install container).

    Only the index, its hosts, timeouts and proxies travel (never a cert or constraint path of
    this machine, which the container does not have); ``file://`` indexes stay behind too.
    """
    env = os.environ if env is None else env
    found: dict[str, str] = {}
    listed = subprocess.run([python or sys.executable, "-m", "pip", "config", "list"], capture_output=True,
                            text=True, stdin=subprocess.DEVNULL)
    for line in listed.stdout.splitlines():
        scope, _, value = line.partition("=")
        key = scope.rpartition(".")[2]
        if key in _PIP_KEYS and scope.split(".")[0] in ("global", "install", ":env:"):
            found["PIP_" + key.upper().replace("-", "_")] = value.strip().strip("'\"")
    for key in _PIP_KEYS:
        variable = "PIP_" + key.upper().replace("-", "_")
        if env.get(variable):
            found[variable] = env[variable]
    for variable in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL"):
        if variable in found:
            urls = [u for u in found[variable].split() if not u.startswith("file:")]
            found[variable] = " ".join(urls)
            if not urls:
                del found[variable]
    found.update({k: env[k] for k in _PROXIES if env.get(k)})
    return found


def _image_packages(client: Any, image: Any) -> dict[str, str]:
    """The image's installed distributions (canonical name -> version), cached by image id."""
    cached = cache_root() / f"image-{image.id.split(':')[-1][:16]}.json"
    if cached.is_file():
        return dict(json.loads(cached.read_text(encoding="utf-8")))
    code = ("import importlib.metadata as m, json; print(json.dumps({d.metadata['Name']: d.version "
            "for d in m.distributions() if d.metadata['Name']}))")
    with engine_errors(f"listing the packages of {image.tags[0] if image.tags else image.id}"):
        output = client.containers.run(image.id, [IMAGE_PYTHON, "-c", code], entrypoint=[], network_mode="none",
                                       remove=True, stdout=True, stderr=False)
    packages: dict[str, str] = {canonicalize_name(k): str(v) for k, v in json.loads(output.decode().strip().splitlines()[-1]).items()}
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(packages) + "\n", encoding="utf-8")
    return packages


def _docker(path: Path, executor: DockerExecutor) -> Environment:
    """The derived image with the requirements installed (built now when missing)."""
    client, base = executor.client, get_image(executor.image or "", executor.client)
    if base is None:
        raise UserInputError(f"image {executor.image} not found", hint="mlops images build")
    if not unsatisfied(path, _image_packages(client, base)):
        return Environment("satisfied", image=executor.image)
    tag = f"{DERIVED_REPOSITORY}:{_key(_contents(path), base.id)}"
    if get_image(tag, client) is not None:
        _mark_used(tag)
        return Environment("cached", image=tag)
    say(f"requirements: installing {path.name} into a copy of {executor.image} (once; cached as {tag})")
    started = time.perf_counter()
    archive = io.BytesIO()
    root = path.parent.resolve()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        for name in included(path):  # -r/-c files go along, where pip looks for them
            tar.add(name, arcname=f"requirements/{name.resolve().relative_to(root).as_posix()}")
    with engine_errors(f"installing {path.name} into {executor.image}"):
        container = client.containers.create(
            base.id, [IMAGE_PYTHON, "-m", "pip", "install", "--no-input", "--no-cache-dir",
                      "--disable-pip-version-check", "--no-warn-script-location", "-r", f"/tmp/requirements/{path.name}"],
            entrypoint=[], user="0:0", network_mode="host", environment=pip_settings(),
            working_dir="/tmp/requirements",
            # Root only to write the image's /opt/mlops: no capability, nothing to regain, bounded.
            cap_drop=["ALL"], security_opt=["no-new-privileges"], pids_limit=1024, mem_limit="4g")
        try:
            container.put_archive("/tmp", archive.getvalue())
            container.start()
            status = container.wait().get("StatusCode", 1)
            if status != 0:
                raise install_error(path, container.logs(stdout=True, stderr=True).decode("utf-8", "replace"))
            container.commit(DERIVED_REPOSITORY, tag.split(":", 1)[1], changes=[
                "USER 1000:1000", "WORKDIR /workspace", 'ENTRYPOINT ["mlops-train"]', "CMD []",
                f"LABEL mlops.requirements={hashlib.sha256(_contents(path)).hexdigest()}"])
        finally:
            container.remove(force=True)
    _mark_used(tag)
    return Environment("installed", image=tag, seconds=round(time.perf_counter() - started, 2))


def prepare_requirements(store: RunStore, run_id: str, executor: Executor,
                         specs: list[RunSpec]) -> tuple[Executor, list[RunSpec]]:
    """Install the run's ``requirements.txt`` (cached) and return the executor and specs that use it.

    One install for all the run's workers (``--parallel N`` starts N specs on one environment).

    No file: both unchanged. An executor other than local or docker (a test's fake) gets the
    file recorded as not installed.

    Raises:
        UserInputError: pip could not install a line (the run is marked failed with the message).
    """
    run = store.load(run_id)
    workspace = str(run.source.get("workspace") or "")
    path = find_requirements(Path(workspace), run.script) if workspace else None
    if path is None:
        return executor, specs
    relative = path.relative_to(workspace).as_posix()
    try:
        if isinstance(executor, DockerExecutor):
            environment = _docker(path, executor)
        elif executor.name == "local":
            environment = _local(path, specs[0].command[0])
        else:
            environment = Environment(f"not installed: the {executor.name} executor has no environment for it")
    except UserInputError as exc:
        with store.update(run_id) as record:
            record.status = RunStatus.FAILED
            record.error = str(exc)
            record.stages["requirements"] = {"file": relative, "status": "failed", "error": str(exc)}
        raise
    with store.update(run_id) as record:
        record.stages["requirements"] = {"file": relative, "status": environment.status, "seconds": environment.seconds,
                                         "where": environment.site or environment.image}
    say(f"requirements: {relative}: {environment.status}" + (f" in {environment.seconds:.1f}s" if environment.seconds
                                                             else "") + f" ({environment.site or environment.image or '-'})")
    if environment.site:
        specs = [_with_site(spec, environment.site) for spec in specs]
    if isinstance(executor, DockerExecutor) and environment.image and environment.image != executor.image:
        executor = DockerExecutor(executor.client, image=environment.image, user=executor.user)
    return executor, specs


def _with_site(spec: RunSpec, site: str) -> RunSpec:
    """``spec`` with the installed packages on its ``PYTHONPATH``, right after the pipeline's own code."""
    paths = spec.env.get("PYTHONPATH", "").split(os.pathsep)
    return replace(spec, env={**spec.env, "PYTHONPATH": os.pathsep.join([*paths[:1], site, *paths[1:]])})
