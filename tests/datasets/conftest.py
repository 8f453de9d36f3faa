"""A loopback HTTP mirror (``python -m http.server``'s handler over a folder) that counts requests."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.containers.conftest import engine, images  # noqa: F401  (the engine and image fixtures, reused)


@dataclass
class Mirror:
    """A folder served on 127.0.0.1; ``requests`` lists every path asked for."""

    folder: Path
    port: int
    requests: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def put(self, path: str, data: bytes) -> str:
        """Serve ``data`` at ``/path``; returns its URL."""
        target = self.folder / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return f"{self.url}/{path.lstrip('/')}"


@pytest.fixture()
def mirror(tmp_path: Path) -> Iterator[Mirror]:
    folder = tmp_path / "mirror"
    folder.mkdir()
    seen: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            super().do_GET()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Mirror(folder, server.server_address[1], seen)
    server.shutdown()
    server.server_close()


@pytest.fixture()
def keras_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private Keras cache for this test (never the user's ~/.keras)."""
    home = tmp_path / "keras-home"
    monkeypatch.setenv("KERAS_HOME", str(home))
    monkeypatch.delenv("MLOPS_DATASET_MIRROR", raising=False)
    return home
