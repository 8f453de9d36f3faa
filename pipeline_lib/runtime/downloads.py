"""Inside the sandbox: data-set downloads that fail say why and what to do; fetched files are trusted.

The worker has no network. The fetch stage (trusted, before training) downloaded what the
scripts load into the Keras cache, which is mounted read-only where Keras looks. Two things
remain for the worker:

- A script that still reaches for the network (a computed URL, a file fetch could not get)
  would fail with ``[Errno 101] Network is unreachable``. :func:`install_download_guard` wraps
  ``urllib.request.urlopen``/``urlretrieve`` (before Keras imports them) so the failure says
  that the sandbox has no network, why fetch did not get the file, and what to do; it is still
  a ``URLError`` (the script's own ``except`` clauses keep working) and the trial's error names
  the script's line, as every script error does.
- Keras checks a cached file against the hash it knows and would download again on a mismatch,
  and it re-extracts archives into the (read-only) cache on every load.
  :func:`trust_fetched_files` accepts a file whose sha256 is the one the fetch stage recorded
  after checking it, and skips extracting an archive that fetch already extracted.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

__all__ = ["NO_NETWORK_HINT", "install_download_guard", "trust_fetched_files"]

NO_NETWORK_HINT = (
    "the training sandbox has no network. What to do: the fetch stage downloads keras.datasets.*.load_data() "
    "and keras.utils.get_file(...) with literal fname/origin before training, so write the call with literal "
    "arguments; set MLOPS_DATASET_MIRROR to a mirror the pipeline's machine reaches when the origin is blocked; "
    "or ship the file in the pushed folder and read it from there")
_INSTALLED: list[str] = []


def _url_of(target: Any) -> str:
    return str(getattr(target, "full_url", target))


def install_download_guard(fetched: list[dict[str, Any]]) -> None:
    """Make a failed download in the sandbox explain itself (once per process).

    Args:
        fetched: the fetch stage's records (``run.stages["fetch"]["datasets"]``): a URL it failed
            to get is named with its reason.
    """
    if "guard" in _INSTALLED:
        return
    _INSTALLED.append("guard")
    failed = {str(r.get("source")): str(r.get("detail")) for r in fetched if r.get("status") == "failed"}

    def explained(original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def call(url: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return original(url, *args, **kwargs)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                if isinstance(exc, urllib.error.HTTPError) or NO_NETWORK_HINT in str(getattr(exc, "reason", "")):
                    raise  # an HTTP answer, or explained already (urlretrieve calls the guarded urlopen)
                address = _url_of(url)
                why = f" (the fetch stage could not get it either: {failed[address]})" if address in failed else ""
                raise urllib.error.URLError(f"downloading {address} failed ({getattr(exc, 'reason', exc)}): "
                                            f"{NO_NETWORK_HINT}{why}") from exc
        return call

    setattr(urllib.request, "urlopen", explained(urllib.request.urlopen))
    setattr(urllib.request, "urlretrieve", explained(urllib.request.urlretrieve))


def _sha256(path: str) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(2**20), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def trust_fetched_files(fetched: list[dict[str, Any]]) -> None:
    """Accept what the fetch stage checked; call after Keras was imported (else nothing to patch).

    Args:
        fetched: the fetch stage's records; each ``path`` (relative to KERAS_HOME) with ``sha256``.
    """
    utils: Any = sys.modules.get("keras.src.utils.file_utils")
    if utils is None or "trust" in _INSTALLED:
        return
    _INSTALLED.append("trust")
    verified = {str(r["path"]): str(r["sha256"]) for r in fetched
                if r.get("status") in ("cached", "downloaded") and r.get("path") and r.get("sha256")}

    def recorded(path: str) -> str | None:
        parts = os.path.realpath(path).split(os.sep)
        for relative, digest in verified.items():
            if parts[-len(relative.split("/")):] == relative.split("/"):
                return digest
        return None

    validate, extract = utils.validate_file, utils.extract_archive

    def validate_file(fpath: Any, file_hash: Any, *args: Any, **kwargs: Any) -> bool:
        digest = recorded(str(fpath))
        if digest is not None and os.path.isfile(fpath) and _sha256(str(fpath)) == digest:
            return True
        return bool(validate(fpath, file_hash, *args, **kwargs))

    def extract_archive(file_path: Any, path: Any = ".", *args: Any, **kwargs: Any) -> bool:
        if recorded(str(file_path)) is not None and os.path.isdir(path) and not os.access(path, os.W_OK):
            return True  # fetch extracted it into the read-only cache already
        return bool(extract(file_path, path, *args, **kwargs))

    utils.validate_file, utils.extract_archive = validate_file, extract_archive
    utils.urlretrieve = urllib.request.urlretrieve  # the guarded one, should Keras have been imported first
