"""A small in-process Jenkins: the REST endpoints python-jenkins calls, on 127.0.0.1.

Why a fake and not mocks: python-jenkins really runs against it over HTTP (auth, CSRF
crumb, folders, URL quoting, error statuses), so the seed code is tested with the library
it uses in production. It behaves like Jenkins where it matters to seeding:

- every request needs HTTP basic auth with the right user and token (else 401);
- every POST needs the crumb from ``crumbIssuer/api/json`` (else 403 "No valid crumb");
- a job's config.xml is returned as it was posted (Jenkins stores it raw), a view's is
  re-serialised (another XML declaration, ``plugin=`` attributes, an extra field), as
  Jenkins' XStream does;
- the declarative validator answers 200 for valid and invalid Jenkinsfiles alike.
"""

from __future__ import annotations

import base64
import json
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

__all__ = ["CRUMB", "PLUGINS", "FakeJenkins", "Request", "reserialise"]

CRUMB = "fake-crumb-2c7d"
#: Plugins a "usual" Jenkins has (short names).
PLUGINS = ("build-pipeline-plugin", "cloudbees-folder", "credentials-binding", "docker-workflow", "git",
           "github", "junit", "mailer", "parameterized-trigger", "pipeline-model-definition",
           "workflow-basic-steps", "workflow-cps", "workflow-durable-task-step", "workflow-job")
_FOLDER = "com.cloudbees.hudson.plugins.folder.Folder"


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    query: str


@dataclass
class FakeJenkins:
    """The server's state and switches; use as a context manager (``with FakeJenkins() as j``).

    Attributes:
        user, token: the only accepted credentials.
        plugins: installed plugins (short names).
        jobs: full item path ("folder/job") → config.xml, folders included.
        views: full view path ("folder/view") → config.xml as posted.
        requests: every request received, in order.
        delay: seconds to wait before answering (to provoke client timeouts).
        reject_crumb: answer 403 "No valid crumb" to every POST, as behind a cookie-dropping proxy.
        read_only: answer 403 (permission) to every POST.
    """

    user: str = "admin"
    token: str = "11aa22bb33cc"
    plugins: tuple[str, ...] = PLUGINS
    jobs: dict[str, str] = field(default_factory=dict)
    views: dict[str, str] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    delay: float = 0.0
    reject_crumb: bool = False
    read_only: bool = False

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -------------------------------------------------------------- lifecycle
    def __enter__(self) -> FakeJenkins:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._handle(self, "GET")

            def do_POST(self) -> None:
                fake._handle(self, "POST")

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def writes(self) -> list[Request]:
        """The POSTs received (what changes state), crumb-less reads excluded."""
        return [r for r in self.requests if r.method == "POST"]

    # -------------------------------------------------------------- dispatch
    def _handle(self, http: BaseHTTPRequestHandler, method: str) -> None:
        parts = urlsplit(http.path)
        length = int(http.headers.get("Content-Length") or 0)
        body = http.rfile.read(length) if length else b""
        with self._lock:
            self.requests.append(Request(method, unquote(parts.path), parts.query))
        if self.delay:
            time.sleep(self.delay)
        if not self._authorised(http.headers.get("Authorization", "")):
            return _send(http, 401, "Unauthorized", headers={"WWW-Authenticate": 'Basic realm="Jenkins"'})
        if method == "POST" and (self.reject_crumb or http.headers.get("Jenkins-Crumb") != CRUMB):
            return _send(http, 403, "<html><body>HTTP ERROR 403 No valid crumb was included in the request"
                                    "</body></html>")
        if method == "POST" and self.read_only and not parts.path.endswith("/validate"):
            return _send(http, 403, f"<html><body>{self.user} is missing the Job/Configure permission</body></html>")
        with self._lock:
            status, text = self._route(method, [unquote(p) for p in parts.path.strip("/").split("/") if p],
                                       parse_qs(parts.query), body)
        _send(http, status, text)

    def _authorised(self, header: str) -> bool:
        expected = base64.b64encode(f"{self.user}:{self.token}".encode()).decode()
        return header == f"Basic {expected}"

    def _route(self, method: str, segments: list[str], query: dict[str, list[str]],
               body: bytes) -> tuple[int, str]:
        folder: list[str] = []
        while len(segments) >= 2 and segments[0] == "job":
            folder.append(segments[1])
            segments = segments[2:]
        rest = "/".join(segments)
        if not folder:
            top = self._top_level(method, rest, body)
            if top is not None:
                return top
        return self._item(method, folder, segments, query, body)

    def _top_level(self, method: str, rest: str, body: bytes) -> tuple[int, str] | None:
        if rest == "crumbIssuer/api/json":
            return 200, json.dumps({"crumbRequestField": "Jenkins-Crumb", "crumb": CRUMB})
        if rest in ("me/api/json", "whoAmI/api/json"):
            return 200, json.dumps({"id": self.user, "fullName": self.user.title()})
        if rest == "api/json":
            return 200, json.dumps({"jobs": [], "views": [{"name": "all"}]})
        if rest == "pluginManager/api/json":
            return 200, json.dumps({"plugins": [{"shortName": p, "longName": p.replace("-", " ").title(),
                                                 "version": "1.0", "active": True, "enabled": True}
                                                for p in self.plugins]})
        if rest == "pipeline-model-converter/validate" and method == "POST":
            text = parse_qs(body.decode()).get("jenkinsfile", [""])[0]
            valid = text.count("{") == text.count("}") and "pipeline {" in text and "stages {" in text
            return 200, ("Jenkinsfile successfully validated.\n" if valid
                         else "Errors encountered validating Jenkinsfile:\nWorkflowScript: 1: Missing required "
                              "section \"stages\" @ line 1, column 1.\n")
        return None

    def _item(self, method: str, folder: list[str], segments: list[str], query: dict[str, list[str]],
              body: bytes) -> tuple[int, str]:
        path = "/".join(folder)
        if folder and (path not in self.jobs or _root(self.jobs[path]) != _FOLDER) and segments:
            # Inside a missing folder only the folder's own endpoints could answer: 404.
            if not (segments == ["api", "json"] or segments == ["config.xml"] or segments == ["build"]):
                return 404, "Not Found"
        prefix = path + "/" if path else ""
        rest = "/".join(segments)
        if rest in ("createItem", "createView") and method == "POST":
            name = query.get("name", [""])[0]
            store = self.jobs if rest == "createItem" else self.views
            if prefix + name in store:
                return 400, f"A job already exists with the name '{name}'"
            _root(body.decode())  # Jenkins rejects malformed XML
            store[prefix + name] = body.decode()
            return 200, ""
        if len(segments) >= 2 and segments[0] == "view":
            return self._view(method, prefix + segments[1], segments[2:], body)
        if segments == ["api", "json"] and folder:
            return (200, json.dumps({"name": folder[-1], "fullName": path})) if path in self.jobs else (404, "")
        if segments == ["config.xml"] and folder:
            if path not in self.jobs:
                return 404, "Not Found"
            if method == "POST":
                self.jobs[path] = body.decode()
                return 200, ""
            return 200, self.jobs[path]
        if segments == ["build"] and method == "POST" and path in self.jobs:
            return 201, ""
        return 404, "Not Found"

    def _view(self, method: str, name: str, rest: list[str], body: bytes) -> tuple[int, str]:
        if name not in self.views:
            return 404, "Not Found"
        if rest == ["api", "json"]:
            return 200, json.dumps({"name": name.rsplit("/", 1)[-1], "jobs": []})
        if rest == ["config.xml"]:
            if method == "POST":
                self.views[name] = body.decode()
                return 200, ""
            return 200, reserialise(self.views[name])
        return 404, "Not Found"


class _QuietServer(ThreadingHTTPServer):
    """No traceback when a client gave up (the timeout test closes its socket mid-answer)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        return


def reserialise(xml: str) -> str:
    """What Jenkins' XStream makes of a stored view: 1.1 declaration, plugin attributes, more fields."""
    root = ET.fromstring(xml.encode("utf-8"))
    root.set("plugin", "build-pipeline-plugin@2.0.2")
    ET.SubElement(root, "selectedJob").text = "job1"
    grid = root.find("gridBuilder")
    if grid is not None:
        ET.SubElement(grid, "firstJobLink").text = "job/job1/"
    return "<?xml version='1.1' encoding='UTF-8'?>\n" + ET.tostring(root, encoding="unicode")


def _root(xml: str) -> str:
    return ET.fromstring(xml.encode("utf-8")).tag


def _send(http: BaseHTTPRequestHandler, status: int, text: str, headers: dict[str, str] | None = None) -> None:
    data = text.encode("utf-8")
    http.send_response(status)
    kind = "application/json" if text.startswith(("{", "[")) else "text/html"
    http.send_header("Content-Type", f"{kind};charset=utf-8")
    http.send_header("Content-Length", str(len(data)))
    for key, value in (headers or {}).items():
        http.send_header(key, value)
    http.end_headers()
    http.wfile.write(data)
