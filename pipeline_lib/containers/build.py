"""Build the images, on a normal host or an air-gapped one.

Normal: the engine pulls ``python:3.11-slim`` and pip inside the build installs from the
package index; only this repository's wheel comes from the host.

Offline (``--offline``), for a host whose engine reaches no image registry and whose
containers reach no package index (like CI here): the base image is bootstrapped from Debian's
packages with ``mmdebstrap`` and ``docker import``; every wheel is downloaded *on the host* into
a wheelhouse (``pip download``; reused when it already holds what is needed); the build runs
with ``network_mode=none`` and ``pip install --no-index``. No build step touches the network.

An image is rebuilt only when its labels say it was built from other code or another recipe.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline_lib.containers.recipes import (
    CODE_LABEL,
    OFFLINE_BASE,
    ONLINE_BASE,
    RECIPE_LABEL,
    ImageRecipe,
    code_digest,
    recipe_digest,
    recipe_for,
    requirements,
    source_root,
)
from pipeline_lib import console
from pipeline_lib.console import Say
from pipeline_lib.errors import FatalError, PipelineError, RemoteError, UserInputError
from pipeline_lib.executors.docker import connect, engine_errors, get_image

__all__ = [
    "BOOTSTRAP_PACKAGES",
    "ImageState",
    "bootstrap_base",
    "build_images",
    "default_wheelhouse",
    "fill_wheelhouse",
    "image_state",
    "project_wheel",
]

#: Debian packages of the bootstrapped base: Python 3.11 with venv (pip comes from ensurepip).
BOOTSTRAP_PACKAGES = ("python3", "python3-venv", "ca-certificates")
_BASE_LABEL = "mlops.base"


@dataclass
class ImageState:
    """What the engine holds for one recipe.

    Attributes:
        recipe: the recipe.
        present: the tag exists on the engine.
        problem: why it is not usable as is ("built from other pipeline code", ...), or None.
        base: the base image it was built on.
        size_mb: image size.
        created: when it was built.
    """

    recipe: ImageRecipe
    present: bool
    problem: str | None = None
    base: str | None = None
    size_mb: float = 0.0
    created: str = ""

    @property
    def up_to_date(self) -> bool:
        return self.present and self.problem is None


def image_state(recipe: ImageRecipe, client: Any, root: Path | None = None) -> ImageState:
    """Compare the image's labels with the code and recipe it would be built from now."""
    image = get_image(recipe.tag, client)
    if image is None:
        return ImageState(recipe, present=False, problem="missing")
    labels = image.labels or {}
    base = labels.get(_BASE_LABEL)
    state = ImageState(recipe, present=True, base=base, size_mb=image.attrs.get("Size", 0) / 1e6,
                       created=str(image.attrs.get("Created", ""))[:19])
    if labels.get(CODE_LABEL) != code_digest():
        state.problem = "built from other pipeline code"
    elif root is not None and base and labels.get(RECIPE_LABEL) != recipe_digest(
            recipe, root, base, labels.get("mlops.offline") == "1"):
        state.problem = "built from another Dockerfile or requirements"
    return state


def default_wheelhouse() -> Path:
    """``$MLOPS_WHEELHOUSE``, else ``$XDG_CACHE_HOME/mlops/wheelhouse`` (kept between builds)."""
    if os.environ.get("MLOPS_WHEELHOUSE"):
        return Path(os.environ["MLOPS_WHEELHOUSE"])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "mlops" / "wheelhouse"


def _run(command: list[str], what: str, error: type[PipelineError], hint: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-8:])
        raise error(f"{what} failed (exit {result.returncode}):\n{tail}", hint=hint)


def bootstrap_base(client: Any, tag: str = OFFLINE_BASE, suite: str = "bookworm", say: Say = console.say) -> float:
    """Make a base image from Debian packages (``mmdebstrap`` + ``docker import``); returns seconds."""
    started = time.perf_counter()
    tool = shutil.which("mmdebstrap")
    if tool is None:
        raise UserInputError(f"the offline base image {tag} is missing and mmdebstrap is not installed",
                             hint="apt-get install mmdebstrap (Debian/Ubuntu), or load a base image yourself "
                                  "(docker load) and pass --base-image IMG")
    with tempfile.TemporaryDirectory(prefix="mlops-base-") as tmp:
        tar = Path(tmp) / "base.tar"
        say(f"images: bootstrapping {tag} from Debian {suite} packages ({', '.join(BOOTSTRAP_PACKAGES)})")
        _run([tool, "--variant=minbase", f"--include={','.join(BOOTSTRAP_PACKAGES)}", suite, str(tar)],
             f"mmdebstrap {suite}", UserInputError, "mmdebstrap needs root (or working user namespaces) "
             "and access to a Debian mirror")
        repository, _, version = tag.rpartition(":")
        with engine_errors(f"importing {tar} as {tag}"):
            client.api.import_image(src=str(tar), repository=repository, tag=version,
                                    changes=["ENV LANG=C.UTF-8", 'CMD ["/bin/sh"]'])
    return time.perf_counter() - started


def _target_options(python: str = "3.11") -> list[str]:
    """pip download options for the images' interpreter (CPython 3.11, glibc 2.36, this CPU)."""
    arch = {"arm64": "aarch64", "amd64": "x86_64"}.get(platform.machine().lower(), platform.machine())
    tags = [f"manylinux_2_{minor}_{arch}" for minor in range(36, 4, -1)]
    tags += [f"manylinux2014_{arch}", f"manylinux2010_{arch}", f"manylinux1_{arch}"]
    options = ["--only-binary=:all:", "--python-version", python, "--implementation", "cp"]
    for tag in tags:
        options += ["--platform", tag]
    return options


def fill_wheelhouse(recipe: ImageRecipe, wanted: list[str], wheelhouse: Path, say: Say = console.say) -> float:
    """Put every wheel ``wanted`` needs into ``wheelhouse/<image>``; returns seconds.

    Tries the wheelhouse alone first, so a wheelhouse carried to an air-gapped host is enough;
    downloads from the package index only what is missing.
    """
    started = time.perf_counter()
    dest = wheelhouse / recipe.name
    dest.mkdir(parents=True, exist_ok=True)
    base = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--quiet",
            *_target_options(), "--dest", str(dest), *wanted]
    local = subprocess.run([*base, "--no-index", "--find-links", str(dest)], capture_output=True,
                           stdin=subprocess.DEVNULL)
    if local.returncode != 0:
        say(f"images: downloading wheels for {recipe.name} into {dest}")
        _run(base, f"pip download for the {recipe.name} image", RemoteError,
             "the host needs the package index for this once; on an air-gapped host, copy a "
             "filled wheelhouse from a connected one and pass --wheelhouse DIR")
    return time.perf_counter() - started


def project_wheel(root: Path, out: Path) -> Path:
    """Build this repository's wheel from a clean copy (no stale build/ leftovers)."""
    with tempfile.TemporaryDirectory(prefix="mlops-src-") as tmp:
        src = Path(tmp) / "src"
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
        shutil.copytree(root / "pipeline_lib", src / "pipeline_lib", ignore=ignore)
        for name in ("setup.cfg", "pyproject.toml", "README.md", "setup.py", "MANIFEST.in"):
            if (root / name).is_file():
                shutil.copy2(root / name, src / name)
        # Without isolation when setuptools is here: no index needed to build our own wheel.
        isolation = ["--no-build-isolation"] if _has_setuptools() else []
        _run([sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "--quiet", "--no-deps",
              *isolation, "--wheel-dir", str(out), str(src)],
             "building the mlops-pipeline wheel", FatalError, "check that setup.cfg is valid: pip wheel .")
    wheels = sorted(out.glob("mlops_pipeline-*.whl"))
    if not wheels:
        raise FatalError(f"pip wheel produced no mlops_pipeline wheel in {out}")
    _check_complete(root, wheels[-1])
    return wheels[-1]


def _check_complete(root: Path, wheel: Path) -> None:
    """Refuse a wheel that lacks modules of the source tree (the image would fail at run time)."""
    with zipfile.ZipFile(wheel) as archive:
        packed = {name for name in archive.namelist() if name.endswith(".py")}
    source = {p.relative_to(root).as_posix() for p in (root / "pipeline_lib").rglob("*.py")
              if "__pycache__" not in p.parts}
    missing = sorted(source - packed)
    if missing:
        folders = sorted({str(Path(m).parent) for m in missing})
        raise FatalError(f"{wheel.name} lacks {len(missing)} module(s) of the source tree, e.g. {missing[0]}",
                         hint=f"add an __init__.py to {', '.join(folders)} (setup.cfg 'packages = find:' "
                              "skips folders without one), or use 'find_namespace:'")


def _has_setuptools() -> bool:
    import importlib.util

    return importlib.util.find_spec("setuptools") is not None and importlib.util.find_spec("wheel") is not None


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _context(recipe: ImageRecipe, root: Path, ctx: Path, wheel: Path, wanted: list[str],
             wheels: Path | None) -> None:
    """Assemble the build context: Dockerfile, shared scripts, wheels/deps, wheels/project."""
    (ctx / "wheels" / "deps").mkdir(parents=True)
    (ctx / "wheels" / "project").mkdir()
    shutil.copy2(root / "containers" / recipe.name / "Dockerfile", ctx / "Dockerfile")
    for script in (root / "containers").glob("*.sh"):
        shutil.copy2(script, ctx / script.name)
        os.chmod(ctx / script.name, 0o755)
    (ctx / "wheels" / "deps" / "requirements.txt").write_text("\n".join(wanted) + "\n", encoding="utf-8")
    for found in sorted(wheels.glob("*.whl")) if wheels else []:
        _link(found, ctx / "wheels" / "deps" / found.name)
    _link(wheel, ctx / "wheels" / "project" / wheel.name)


def _build(client: Any, recipe: ImageRecipe, ctx: Path, options: dict[str, Any], say: Say) -> None:
    with engine_errors(f"building {recipe.tag}"):
        for item in client.api.build(path=str(ctx), tag=recipe.tag, rm=True, forcerm=True, decode=True,
                                     pull=False, **options):
            if "error" in item:
                raise FatalError(f"building {recipe.tag} failed: {item['error'].strip()}",
                                 hint="the build log is above; offline builds need every wheel in the "
                                      "wheelhouse (delete it to download again)")
            text = str(item.get("stream", "")).rstrip("\n")
            if text.strip():
                say(f"  {recipe.name} | {text}")


@dataclass
class _Plan:
    offline: bool
    base_image: str
    wheelhouse: Path
    force: bool


def build_images(names: list[str] | None = None, *, offline: bool = False, base_image: str | None = None,
                 wheelhouse: Path | None = None, force: bool = False, client: Any = None,
                 say: Say = console.say) -> list[tuple[ImageState, str, float]]:
    """Build the named images (default: all) unless they are up to date.

    Returns:
        One row per image: its state after the build, what happened ("built", "up to date",
        "base bootstrapped", ...) and the seconds it took.
    """
    root = source_root()
    client = client if client is not None else connect(timeout=600)
    plan = _Plan(offline, base_image or (OFFLINE_BASE if offline else ONLINE_BASE),
                 wheelhouse or default_wheelhouse(), force)
    rows: list[tuple[ImageState, str, float]] = []
    if offline and plan.base_image == OFFLINE_BASE and get_image(OFFLINE_BASE, client) is None:
        seconds = bootstrap_base(client, say=say)
        say(f"images: base {OFFLINE_BASE} bootstrapped in {seconds:.0f}s")
    recipes = [recipe_for(n) for n in (names or ["keras", "sklearn", "tools"])]
    todo = []
    for recipe in recipes:
        state = image_state(recipe, client, root)
        if state.up_to_date and not force and state.base == plan.base_image:
            rows.append((state, "up to date", 0.0))
            say(f"images: {recipe.tag} is up to date (skipped; --force rebuilds)")
        else:
            todo.append(recipe)
    if todo:
        with tempfile.TemporaryDirectory(prefix="mlops-images-") as tmp:
            started = time.perf_counter()
            wheel = project_wheel(root, Path(tmp) / "project")
            say(f"images: built {wheel.name} in {time.perf_counter() - started:.1f}s")
            for recipe in todo:
                rows.append(_build_one(client, recipe, root, plan, wheel, Path(tmp) / recipe.name, say))
    return rows


def _build_one(client: Any, recipe: ImageRecipe, root: Path, plan: _Plan, wheel: Path, ctx: Path,
               say: Say) -> tuple[ImageState, str, float]:
    started = time.perf_counter()
    wanted = requirements(recipe, root)
    if plan.offline:
        seconds = fill_wheelhouse(recipe, wanted, plan.wheelhouse, say=say)
        say(f"images: wheelhouse for {recipe.name} ready in {seconds:.1f}s ({plan.wheelhouse / recipe.name})")
    _context(recipe, root, ctx, wheel, wanted, plan.wheelhouse / recipe.name if plan.offline else None)
    labels = {CODE_LABEL: code_digest(), RECIPE_LABEL: recipe_digest(recipe, root, plan.base_image, plan.offline),
              _BASE_LABEL: plan.base_image, "mlops.offline": "1" if plan.offline else "0"}
    options: dict[str, Any] = {"buildargs": {"BASE_IMAGE": plan.base_image,
                                             "PIP_OPTIONS": "--no-index" if plan.offline else ""},
                               "labels": labels}
    if plan.offline:
        options["network_mode"] = "none"
    say(f"images: building {recipe.tag} on {plan.base_image}{' (offline)' if plan.offline else ''}")
    previous = get_image(recipe.tag, client)
    _build(client, recipe, ctx, options, say)
    if previous is not None and previous.id != get_image(recipe.tag, client).id:
        # The replaced image would linger untagged; its layers shared with the new one stay.
        with contextlib.suppress(PipelineError), engine_errors(f"removing the previous {recipe.tag}"):
            client.images.remove(previous.id)
    seconds = time.perf_counter() - started
    state = image_state(recipe, client, root)
    say(f"images: built {recipe.tag} in {seconds:.0f}s ({state.size_mb:.0f} MB)")
    return state, "built", seconds
