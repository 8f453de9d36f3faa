"""What goes into each image, and the fingerprints that say whether an image is up to date.

Pure data and hashing, no engine: the build (``build.py``), ``mlops images list`` and the
executor choice (``pipeline_lib.containers.choose``) all read these.
"""

from __future__ import annotations

import configparser
import hashlib
import importlib.metadata
import re
from dataclasses import dataclass
from pathlib import Path

import pipeline_lib
from pipeline_lib.errors import UserInputError
from pipeline_lib.images import IMAGE_FOR_KIND, TOOLS_IMAGE

__all__ = [
    "CODE_LABEL",
    "OFFLINE_BASE",
    "ONLINE_BASE",
    "RECIPES",
    "RECIPE_LABEL",
    "ImageRecipe",
    "code_digest",
    "recipe_digest",
    "recipe_for",
    "requirements",
    "source_root",
]

#: Base image of a normal build (pulled by the engine).
ONLINE_BASE = "python:3.11-slim"
#: Base image of an offline build, bootstrapped from Debian packages (``build.bootstrap_base``).
OFFLINE_BASE = "mlops/base:bookworm"
#: Image label holding the digest of the pipeline code installed in the image.
CODE_LABEL = "mlops.code"
#: Image label holding the digest of everything else the image was built from.
RECIPE_LABEL = "mlops.recipe"


@dataclass(frozen=True)
class ImageRecipe:
    """One image: its tag, its Dockerfile folder and the setup.cfg extras it installs.

    Attributes:
        name: short name, also the folder under ``containers/``.
        tag: the image name from :mod:`pipeline_lib.images`.
        extras: ``[options.extras_require]`` sections to install.
        also: further requirements (e.g. matplotlib for the tools image's report).
    """

    name: str
    tag: str
    extras: tuple[str, ...]
    also: tuple[str, ...] = ()


def _tag(kind: str) -> str:
    tag = IMAGE_FOR_KIND[kind]
    assert tag is not None
    return tag


RECIPES: tuple[ImageRecipe, ...] = (
    # The keras image also needs scikit-learn: scripts load sklearn's bundled data sets, and the
    # worker imports the sklearn hooks for every kind.
    # Both carry the "data" extra (pandas, pillow, scipy, h5py, matplotlib, seaborn): what scripts
    # import without saying so.
    ImageRecipe("keras", _tag("cnn"), ("keras", "sklearn", "data")),
    ImageRecipe("sklearn", _tag("kmeans"), ("sklearn", "data")),
    # The non-training stages: the docker SDK for the container monitor, matplotlib for the report.
    # Not python-jenkins: provisioning runs on the admin's machine, and it needs an sdist-only
    # package (multi-key-dict) that an offline, wheels-only build cannot install.
    ImageRecipe("tools", TOOLS_IMAGE, ("docker",), ("matplotlib>=3.6",)),
)


def recipe_for(name: str) -> ImageRecipe:
    """The recipe called ``name`` (keras, sklearn, tools) or with that tag."""
    for recipe in RECIPES:
        if name in (recipe.name, recipe.tag):
            return recipe
    raise UserInputError(f"no image called {name!r}",
                         hint=f"choose among: {', '.join(r.name for r in RECIPES)}")


def source_root() -> Path:
    """The source checkout that holds ``containers/`` and ``setup.cfg`` (images build from it)."""
    root = Path(pipeline_lib.__file__).resolve().parents[1]
    if not (root / "containers").is_dir() or not (root / "setup.cfg").is_file():
        raise UserInputError(f"{root}: no containers/ and setup.cfg here: images build from a source checkout",
                             hint="run 'mlops images build' from a clone of mlops-pipeline "
                                  "(pip install -e . in it)")
    return root


def _listed(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].strip()


def _pin(requirement: str) -> str:
    """Pin a top-level requirement to the host's installed version, when it is installed.

    Why: the image then trains with the same TensorFlow/scikit-learn as a local run, so a
    containerised run and a local one are comparable; unknown packages keep their range.
    """
    name = _name(requirement)
    try:
        return f"{name}=={importlib.metadata.version(name)}"
    except importlib.metadata.PackageNotFoundError:
        return requirement


def requirements(recipe: ImageRecipe, root: Path) -> list[str]:
    """Third-party requirements of ``recipe`` from setup.cfg, pinned to the host's versions."""
    config = configparser.ConfigParser()
    config.read(root / "setup.cfg", encoding="utf-8")
    wanted = _listed(config.get("options", "install_requires", fallback=""))
    for extra in recipe.extras:
        if not config.has_option("options.extras_require", extra):
            raise UserInputError(f"{root / 'setup.cfg'}: no extra {extra!r} in [options.extras_require]",
                                 hint=f"the {recipe.name} image needs it; add it or change RECIPES")
        wanted += _listed(config.get("options.extras_require", extra))
    wanted += list(recipe.also)
    pinned = {_name(r).lower(): _pin(r) for r in wanted}
    return sorted(pinned.values(), key=str.lower)


def _digest(files: list[tuple[str, bytes]]) -> str:
    sha = hashlib.sha256()
    for name, data in sorted(files):
        sha.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return sha.hexdigest()[:16]


def code_digest(package: Path | None = None) -> str:
    """Digest of the pipeline code (``pipeline_lib/**``, no caches) that runs in an image.

    Computed from the running package, so the executor choice can tell whether an image holds
    the same code as this process without the source checkout.
    """
    package = package or Path(pipeline_lib.__file__).resolve().parent
    files = [(p.relative_to(package).as_posix(), p.read_bytes()) for p in package.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")]
    return _digest(files)


def recipe_digest(recipe: ImageRecipe, root: Path, base_image: str, offline: bool) -> str:
    """Digest of the Dockerfile, the shared scripts, the requirements and the base image name."""
    folder = root / "containers"
    files = [(p.name, p.read_bytes()) for p in folder.glob("*.sh")]
    files.append(("Dockerfile", (folder / recipe.name / "Dockerfile").read_bytes()))
    files.append(("requirements", "\n".join(requirements(recipe, root)).encode()))
    files.append(("base", f"{base_image} offline={offline}".encode()))
    for name in ("setup.cfg", "pyproject.toml"):
        files.append((name, (root / name).read_bytes()))
    return _digest(files)
