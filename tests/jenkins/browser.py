"""A headless Chromium (Debian's ``chromium``) on a Jenkins page, logged in with the API token.

Why a proxy: Chromium has no flag for an Authorization header, and anonymous users may read nothing
on the kit's Jenkins. A small proxy on 127.0.0.1 adds the admin's basic-auth header to every request
the browser makes (the page, its scripts, its AJAX calls), so the page renders as the admin sees it.
The screenshot is kept as a CI artifact in $MLOPS_ARTIFACTS_DIR (default ``artifacts/`` of the
repository) as ``mlops-view.png``.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.jenkins.live import Live

__all__ = ["CHROMIUM_FLAGS", "Shot", "artifacts_dir", "screenshot_view"]

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--window-size=1800,900", "--virtual-time-budget=8000")
_ROOT = Path(__file__).resolve().parents[2]


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("MLOPS_ARTIFACTS_DIR") or _ROOT / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _proxy(live: Live) -> http.server.ThreadingHTTPServer:
    """Forward GET/POST to Jenkins with the API token; the browser never sees it."""

    class Handler(http.server.BaseHTTPRequestHandler):
        public = ""  # the proxy's own URL: Jenkins' redirects and links are rewritten to it

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
            answer = live.session.request(self.command, live.url + self.path, data=body, headers=headers,
                                          allow_redirects=False, timeout=60)
            self.send_response(answer.status_code)
            for key, value in answer.headers.items():
                if key.lower() not in ("transfer-encoding", "content-encoding", "content-length", "connection"):
                    self.send_header(key, value.replace(live.url, self.public))
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        do_GET = do_POST = _forward  # noqa: N815 - http.server's naming

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Handler.public = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass(frozen=True)
class Shot:
    """What the browser showed.

    Attributes:
        png: the screenshot.
        boxes: project of each build box of the newest row, left to right (the page's build data).
        successful_boxes: how many of those are SUCCESS.
        green_boxes: green boxes counted in the picture itself, along the row's middle.
        dom_excerpt: for failure messages.
    """

    png: Path
    boxes: list[str]
    successful_boxes: int
    green_boxes: int
    dom_excerpt: str


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("no chromium on this machine (.ci/run installs Debian's chromium with apt-get)")
    return found


def screenshot_view(live: Live, view: str, scratch: Path) -> Shot:
    """Screenshot /view/VIEW/ and read its first row of build boxes from the rendered DOM."""
    browser = _chromium()
    server = _proxy(live)
    url = f"http://127.0.0.1:{server.server_port}/view/{view}/"
    png = artifacts_dir() / "mlops-view.png"
    try:
        common = [browser, *CHROMIUM_FLAGS]
        subprocess.run([*common, f"--user-data-dir={scratch / 'profile-shot'}", f"--screenshot={png}", url],
                       check=True, capture_output=True, timeout=120)
        dom = subprocess.run([*common, f"--user-data-dir={scratch / 'profile-dom'}", "--dump-dom", url],
                             check=True, capture_output=True, timeout=120, text=True).stdout
    finally:
        server.shutdown()
    (artifacts_dir() / "mlops-view.html").write_text(dom, encoding="utf-8")
    boxes, successful = _first_row(dom)
    return Shot(png, boxes, successful, green_boxes(png), dom_excerpt=_excerpt(dom))


def _first_row(dom: str) -> tuple[list[str], int]:
    """Project and status of the build boxes the page draws, newest row first (from its build data)."""
    decoder = json.JSONDecoder()
    cards = []
    for match in re.finditer(r"var buildData = ", dom):
        data, _ = decoder.raw_decode(dom, match.end())
        cards.append((data["project"]["name"], data["build"]["status"], data["build"]["number"]))
    row: list[tuple[str, str, int]] = []
    for card in cards:  # the newest row ends where a project repeats
        if any(card[0] == seen[0] for seen in row):
            break
        row.append(card)
    return [name for name, _, _ in row], sum(1 for _, status, _ in row if status == "SUCCESS")


def green_boxes(png: Path) -> int:
    """How many separate green (SUCCESS) boxes cross the greenest horizontal line of the picture."""
    import matplotlib.image

    pixels = (matplotlib.image.imread(png)[:, :, :3] * 255).astype(int)
    green = (pixels[:, :, 0] < 110) & (pixels[:, :, 1] > 170) & (pixels[:, :, 2] < 110)
    line = green[int(green.sum(axis=1).argmax())]
    starts = line[1:] & ~line[:-1]
    return int(starts.sum() + line[0])


def _excerpt(dom: str) -> str:
    start = dom.find("var buildData")
    return dom[max(0, start - 200):start + 3000] if start >= 0 else dom[:3000]
