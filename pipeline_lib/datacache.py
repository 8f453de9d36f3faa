"""The data-set cache shared between runs: Keras' own layout, filled by the (trusted) fetch stage.

Why Keras' layout (``KERAS_HOME/<cache_subdir>/<fname>``, ``~/.keras/datasets/mnist.npz``): a
file the user downloaded before is found as it is, and inside the sandbox Keras finds the cache
where it looks (the executors mount every folder of it read-only below the worker's
``~/.keras``), so ``keras.datasets.mnist.load_data()`` runs with no network.

Downloads honour ``MLOPS_DATASET_MIRROR``: a base URL that replaces the origin's scheme and host
(the path is kept), for companies whose machines reach the internet only through a proxy or a
mirror. Every file with a known hash is checked (sha256, or md5 for Keras' older ones); a file
is written to a temporary name and renamed, so concurrent runs never see half a file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline_lib import console
from pipeline_lib.console import Say
from pipeline_lib.errors import UserInputError

__all__ = ["MIRROR_VARIABLE", "CachedFile", "cache_folders", "fetch_file", "file_digest", "keras_home",
           "mirrored"]

MIRROR_VARIABLE = "MLOPS_DATASET_MIRROR"
#: Files at least this big get progress lines while they download.
_PROGRESS_BYTES = 4 * 2**20
_CHUNK = 2**20


def keras_home(env: Mapping[str, str] | None = None) -> Path:
    """Where Keras keeps its cache on this machine: ``$KERAS_HOME``, else ``~/.keras``."""
    env = os.environ if env is None else env
    return Path(env.get("KERAS_HOME") or os.path.expanduser("~/.keras"))


def cache_folders(env: Mapping[str, str] | None = None) -> list[Path]:
    """The cache's folders (``datasets``, ``models`` ...) that a sandbox mounts read-only.

    Why folders, not KERAS_HOME itself: Keras writes below ``~/.keras`` only where it may, and
    falls back to ``/tmp/.keras`` when ``~/.keras`` is read-only, where the files are not.
    """
    home = keras_home(env)
    return sorted(p for p in home.iterdir() if p.is_dir()) if home.is_dir() else []


def mirrored(origin: str, mirror: str | None) -> str:
    """``origin`` with its scheme and host replaced by ``mirror`` (the path and query kept)."""
    if not mirror:
        return origin
    parts = urllib.parse.urlsplit(origin)
    url = mirror.rstrip("/") + parts.path
    return f"{url}?{parts.query}" if parts.query else url


def file_digest(path: Path, like: str | None = None) -> str:
    """sha256 of ``path``, or md5 when ``like`` is a 32-digit (md5) hash, as Keras decides."""
    hasher = hashlib.md5() if like is not None and len(like) == 32 else hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


@dataclass(frozen=True)
class CachedFile:
    """What :func:`fetch_file` did for one file.

    Attributes:
        path: where Keras will look, relative to KERAS_HOME (``datasets/mnist.npz``).
        status: ``cached`` (present, hash right), ``downloaded``, or ``failed``.
        sha256: the sha256 of the file in the cache (of the archive for extracted ones).
        source: the URL it came from (a mirror's when one is set), None when cached.
        detail: why it failed, else None.
        seconds: download time.
    """

    path: str
    status: str
    sha256: str | None = None
    source: str | None = None
    detail: str | None = None
    seconds: float = 0.0


def _targets(fname: str, subdir: str, extract: bool, named: bool) -> tuple[str, str | None]:
    """(the downloaded file, the extraction folder) relative to KERAS_HOME, as Keras 3 names them."""
    if not extract:
        return f"{subdir}/{fname}", None
    if named and "." in fname:
        return f"{subdir}/{fname}", f"{subdir}/{fname[:fname.find('.')]}_extracted"
    return f"{subdir}/{fname}_archive", f"{subdir}/{fname}"


def _download(url: str, dest: Path, name: str, say: Say) -> None:
    """``url`` to ``dest`` through a temporary file; progress lines for big files."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(url, timeout=60) as response:
            total = int(response.headers.get("Content-Length") or 0)
            done, shown, last = 0, -1, time.monotonic()
            for chunk in iter(lambda: response.read(_CHUNK), b""):
                out.write(chunk)
                done += len(chunk)
                step = done * 10 // total if total else -1
                if total >= _PROGRESS_BYTES and (step > shown or time.monotonic() - last > 10):
                    shown, last = step, time.monotonic()
                    say(f"fetch: {name}: {done / 2**20:.1f} of {total / 2**20:.1f} MiB ({done * 100 // total}%)")
        os.chmod(partial, 0o644)  # a sandbox runs as another uid: it must read the cache
        os.replace(partial, dest)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _extract(archive: Path, folder: Path) -> None:
    """Unpack ``archive`` (tar or zip) into ``folder`` through a temporary folder, as Keras would."""
    scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        if tarfile.is_tarfile(archive):
            with tarfile.open(archive) as tar:
                if hasattr(tarfile, "data_filter"):
                    tar.extractall(scratch, filter="data")
                else:  # Python < 3.11.4 (Debian bookworm's 3.11.2): refuse what the filter refuses
                    unsafe = [m.name for m in tar.getmembers() if m.name.startswith("/") or ".." in
                              Path(m.name).parts or m.issym() or m.islnk() or m.isdev()]
                    if unsafe:
                        raise UserInputError(f"{archive}: refusing to extract {unsafe[0]} (outside the folder)")
                    tar.extractall(scratch)
        elif zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as package:
                package.extractall(scratch)
        else:
            raise UserInputError(f"{archive}: neither a tar nor a zip archive, so it cannot be extracted")
        if not folder.exists():
            os.chmod(scratch, 0o755)
            os.replace(scratch, folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def fetch_file(fname: str, origin: str, file_hash: str | None, *, cache_subdir: str = "datasets",
               extract: bool = False, named: bool = True, root: Path | None = None, mirror: str | None = None,
               say: Say = console.say) -> CachedFile:
    """Make sure ``fname`` is in the cache (download it if not) and its hash is right.

    Args:
        fname, origin, file_hash, cache_subdir, extract: as given to ``keras.utils.get_file``.
        named: the script gave ``fname`` itself (else it is the origin's last path part).
        root: the cache (default :func:`keras_home`).
        mirror: base URL replacing the origin's host (default ``$MLOPS_DATASET_MIRROR``).

    Raises:
        UserInputError: the downloaded file does not have the hash the script (or Keras) expects.
    """
    root = root or keras_home()
    mirror = os.environ.get(MIRROR_VARIABLE) if mirror is None else mirror
    relative, folder = _targets(fname, cache_subdir.strip("/") or "datasets", extract, named)
    target = root / relative
    if target.is_file() and (file_hash is None or file_digest(target, file_hash) == file_hash):
        if folder and not (root / folder).exists():
            _extract(target, root / folder)
        return CachedFile(relative, "cached", file_digest(target))
    url = mirrored(origin, mirror)
    started = time.perf_counter()
    say(f"fetch: downloading {fname} from {url}")
    try:
        _download(url, target, fname, say)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        code = f"HTTP {exc.code} " if isinstance(exc, urllib.error.HTTPError) else ""
        reason = f"{code}{getattr(exc, 'reason', None) or exc}"
        hint = (f"check {MIRROR_VARIABLE}={mirror}" if mirror else
                f"set {MIRROR_VARIABLE} to a mirror this machine reaches, or ship the file in the pushed folder")
        return CachedFile(relative, "failed", source=url, detail=f"{url}: {reason} ({hint})")
    if file_hash is not None and file_digest(target, file_hash) != file_hash:
        actual = file_digest(target, file_hash)
        target.unlink()
        raise UserInputError(f"{url}: the downloaded {fname} has hash {actual}, not the expected {file_hash}",
                             hint="the mirror or the origin serves another file: fix the mirror, or the file_hash "
                                  "the script passes to get_file")
    if folder:
        _extract(target, root / folder)
    return CachedFile(relative, "downloaded", file_digest(target), url, seconds=round(time.perf_counter() - started, 2))

