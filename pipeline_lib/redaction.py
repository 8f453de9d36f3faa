"""Which environment variables are secret, and the one ``redact`` every run output goes through.

Why one module: the worker's environment allowlist (``executors.base.worker_environment``)
and the masking of what a run writes (trial logs, progress files, ``run.json``, the console,
the report, the e-mail) must agree on what a secret is. Secrets only ever come from the
environment of the trusted ``mlops`` process (or Jenkins credentials, which Jenkins exposes
as environment variables): a variable *named* like a secret, or one the run marks secret by
listing its name in ``MLOPS_SECRET_NAMES``. The training worker never receives them, so the
masking of files the worker wrote is done afterwards by the trusted process
(:func:`scrub_run_dir`); what the worker prints is masked on its way to the console.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = [
    "MASK",
    "MIN_SECRET_LENGTH",
    "SECRET_NAMES_VARIABLE",
    "Redactor",
    "is_secret_name",
    "marked_secret_names",
    "redact",
    "scrub_file",
    "scrub_run_dir",
    "secret_values",
]

MASK = "***"
#: Shorter values ("1", "on", "587") would mask ordinary text everywhere; they are not secrets.
MIN_SECRET_LENGTH = 4
#: Comma-separated names of further variables whose values this run treats as secret.
SECRET_NAMES_VARIABLE = "MLOPS_SECRET_NAMES"
_SECRET_NAME = re.compile(
    r"PASSW(OR)?D|(^|_)PASS($|_)|PASSPHRASE|TOKEN|SECRET|(^|_)(API|ACCESS|PRIVATE|SSH|GPG|SIGNING|ENCRYPTION)?_?KEYS?($|_)"
    r"|APIKEY|CREDENTIAL|(^|_)AUTH($|_)|COOKIE|(^|_)PAT($|_)|(^|_)DSN($|_)|WEBHOOK",
    re.IGNORECASE)
_URL_CREDENTIALS = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]+@")
#: Files of a run directory that hold text the worker or the report wrote.
_TEXT_SUFFIXES = {".txt", ".json", ".md", ".xml", ".eml", ".log", ".diff", ".csv", ".out", ".err", ""}
#: A file bigger than this is not read back to be masked (the trial's log is capped below it).
_SCRUB_LIMIT = 256 * 2**20


def is_secret_name(name: str) -> bool:
    """True for names like ``MLOPS_SMTP_PASSWORD``, ``GITHUB_TOKEN``, ``AWS_SECRET_ACCESS_KEY``."""
    return bool(_SECRET_NAME.search(name))


def marked_secret_names(env: Mapping[str, str]) -> set[str]:
    """Names the run marks secret through ``MLOPS_SECRET_NAMES`` (comma- or space-separated)."""
    return {n for n in re.split(r"[\s,]+", env.get(SECRET_NAMES_VARIABLE, "")) if n}


def secret_values(env: Mapping[str, str] | None = None) -> list[str]:
    """Values of the secret variables of ``env`` (default ``os.environ``), longest first."""
    env = os.environ if env is None else env
    marked = marked_secret_names(env)
    found = {v for k, v in env.items()
             if (is_secret_name(k) or k in marked) and k != SECRET_NAMES_VARIABLE and len(v) >= MIN_SECRET_LENGTH}
    return sorted(found, key=len, reverse=True)


def _spellings(value: str) -> set[str]:
    """The value as written raw and as JSON escapes it (a quote or backslash inside a secret)."""
    escaped = json.dumps(value)[1:-1]
    ascii_escaped = json.dumps(value, ensure_ascii=True)[1:-1]
    return {value, escaped, ascii_escaped}


class Redactor:
    """Masks a fixed set of secret values (and ``scheme://user:token@`` URL credentials).

    Why a class: a stream (the worker's console output) masks thousands of lines with one
    compiled pattern; :func:`redact` builds one from the current environment for a one-off.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        spellings = {s for value in secrets if len(value) >= MIN_SECRET_LENGTH for s in _spellings(value)}
        self.secrets = sorted(spellings, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, self.secrets))) if self.secrets else None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Redactor:
        return cls(secret_values(env))

    def redact(self, text: str) -> str:
        text = _URL_CREDENTIALS.sub(r"\g<scheme>***@", text)
        return self._pattern.sub(MASK, text) if self._pattern is not None else text

    def redact_bytes(self, data: bytes) -> bytes:
        """Bytes flavour (log streams, files); undecodable bytes pass through unchanged."""
        text = data.decode("utf-8", "surrogateescape")
        return self.redact(text).encode("utf-8", "surrogateescape")

    def __bool__(self) -> bool:
        return self._pattern is not None


def redact(text: str, secrets: Iterable[str] | None = None) -> str:
    """``text`` with URL credentials and secret values masked as ``***``.

    Args:
        text: anything about to be written to a file, the console or an e-mail.
        secrets: the values to mask; default: :func:`secret_values` of ``os.environ``.
    """
    return Redactor(secret_values() if secrets is None else secrets).redact(text)


def scrub_file(path: Path, redactor: Redactor) -> bool:
    """Mask secrets inside one file in place (atomically); True when it changed."""
    from pipeline_lib.store import atomic_write_bytes

    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > _SCRUB_LIMIT:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    masked = redactor.redact_bytes(data)
    if masked == data:
        return False
    mode = path.stat().st_mode & 0o7777
    atomic_write_bytes(path, masked)
    os.chmod(path, mode)
    return True


def scrub_run_dir(run_dir: Path, redactor: Redactor | None = None) -> list[Path]:
    """Mask secrets in every text file a run wrote (the pushed code in ``workspace/`` excepted).

    Why afterwards and here: the worker has no secret to mask with (it never gets one), so a
    value the pushed script found elsewhere and printed is masked by the trusted process as
    soon as the worker stops, before the report, the e-mail or an archive step reads the run.

    Returns:
        The files that held a secret.
    """
    redactor = redactor if redactor is not None else Redactor.from_env()
    if not redactor:
        return []
    changed = []
    workspace = run_dir / "workspace"
    for folder, dirs, files in os.walk(run_dir):
        here = Path(folder)
        if here == run_dir and "workspace" in dirs:
            dirs.remove("workspace")
        for name in files:
            path = here / name
            if path.suffix.lower() in _TEXT_SUFFIXES and workspace not in path.parents and scrub_file(path, redactor):
                changed.append(path)
    return changed
