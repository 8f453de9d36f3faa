"""A PEP 503 "simple" index on 127.0.0.1 (``http.server``'s folder listings) with a wheel built here."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

import pytest

from tests.datasets.conftest import Mirror, mirror  # noqa: F401  (the loopback HTTP server, reused)
from tests.containers.conftest import engine, images  # noqa: F401  (the engine and image fixtures, reused)

PACKAGE = "mlops-demo-data"
MODULE = "mlops_demo_data"
#: What the wheel's module does: the data set a pushed script trains on.
MODULE_CODE = '''"""Blobs for a tiny classifier (a package only our test index has)."""
import numpy as np


def blobs(n=300, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4)).astype("float32")
    return x, (x[:, 0] + x[:, 1] > 0).astype("int64")
'''


def build_wheel(folder: Path, name: str = PACKAGE, version: str = "1.0", code: str = MODULE_CODE) -> Path:
    """A pure-Python wheel of one module, written by hand (what ``pip wheel`` would make)."""
    module = name.replace("-", "_")
    info = f"{module}-{version}.dist-info"
    files = {
        f"{module}/__init__.py": code.encode(),
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = [f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
              f"{len(data)}" for path, data in files.items()]
    files[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"{module}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel


@pytest.fixture()
def index(mirror: Mirror) -> Mirror:  # noqa: F811
    """``<url>/simple/`` serves our wheel: pip finds it with ``PIP_INDEX_URL=<url>/simple``."""
    build_wheel(mirror.folder / "simple" / PACKAGE)
    return mirror


@pytest.fixture()
def pip_env(index: Mirror, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """pip pointed at the loopback index only (no pip.conf of this machine), a private cache folder."""
    env = {"PIP_INDEX_URL": f"{index.url}/simple", "PIP_CONFIG_FILE": "/dev/null", "PIP_FIND_LINKS": "",
           "PIP_NO_CACHE_DIR": "1", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("PIP_EXTRA_INDEX_URL", raising=False)
    return env
