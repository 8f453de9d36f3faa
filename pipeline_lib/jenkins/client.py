"""The one wrapper around python-jenkins: every call to a Jenkins server goes through it.

Why a wrapper: python-jenkins reports most failures as a bare ``JenkinsException`` whose
message hides the cause ("Possibly authentication failed [403]"), and lets ``requests``
errors escape for an unreachable server. Here each failure becomes one of the project's
errors with what to do about it: bad credentials or missing permissions are the admin's
input (:class:`UserInputError`, exit 2); an unreachable or failing server, a timeout or a
rejected CSRF crumb is a :class:`RemoteError` (exit 4).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import jenkins
import requests

from pipeline_lib.errors import RemoteError, UserInputError

__all__ = ["VALIDATED", "JenkinsClient", "Plugin"]

T = TypeVar("T")

#: What Jenkins' declarative validator answers for a valid Jenkinsfile (always with HTTP 200).
VALIDATED = "Jenkinsfile successfully validated."
_VALIDATE_URL = "pipeline-model-converter/validate"
_STATUS = re.compile(r"\[(\d{3})\]")


@dataclass(frozen=True)
class Plugin:
    """An installed plugin: short name, version and whether Jenkins loaded it."""

    name: str
    version: str
    active: bool


class JenkinsClient:
    """A Jenkins server reached with a user and an API token.

    Args:
        url: the server's base URL, e.g. ``https://jenkins.example.com/``.
        user: the Jenkins user the token belongs to.
        token: the API token (never logged, never part of an error message).
        timeout: seconds to wait for each answer before giving up.
    """

    def __init__(self, url: str, user: str, token: str, timeout: float = 30.0) -> None:
        if not re.match(r"^https?://[^\s/]+", url):
            raise UserInputError(f"--url {url!r}: expected the Jenkins base URL",
                                 hint="e.g. https://jenkins.example.com/ or http://127.0.0.1:8080/")
        self.url = url.rstrip("/") + "/"
        self.user = user
        self.timeout = timeout
        self._server = jenkins.Jenkins(self.url, username=user, password=token, timeout=timeout)
        self._me: dict[str, Any] | None = None

    # ------------------------------------------------------------------ the translation
    def _call(self, doing: str, call: Callable[[], T]) -> T:
        """Run one python-jenkins call, turning its failures into the project's errors."""
        try:
            return call()
        except (jenkins.TimeoutException, requests.exceptions.Timeout) as exc:
            raise RemoteError(f"Jenkins at {self.url} did not answer within {self.timeout:g} s while {doing}",
                              hint="check the server is up and not overloaded; a slow server may need "
                                   "a longer --timeout") from exc
        except requests.exceptions.ConnectionError as exc:
            raise RemoteError(f"cannot reach Jenkins at {self.url} while {doing}: {_reason(exc)}",
                              hint="check --url, that Jenkins is running, and any proxy or firewall "
                                   "between here and it") from exc
        except jenkins.NotFoundException as exc:
            raise RemoteError(f"Jenkins at {self.url} answered 404 while {doing}",
                              hint="check --url points at the Jenkins root (with its context path, "
                                   "e.g. /jenkins/) and that the plugins are installed") from exc
        except (jenkins.JenkinsException, requests.exceptions.RequestException) as exc:
            raise self._translate(doing, exc) from exc

    def _translate(self, doing: str, exc: Exception) -> Exception:
        status, body = _status_and_body(exc)
        if status == 401:
            return UserInputError(f"Jenkins at {self.url} rejected the credentials of user {self.user!r} (HTTP 401)",
                                  hint="check --user and the API token (MLOPS_JENKINS_TOKEN or --token-file); "
                                       "create a token under your user > Security > API Token")
        if status == 403 and "crumb" in body.lower():
            return RemoteError(f"Jenkins at {self.url} refused the CSRF crumb while {doing} (HTTP 403: "
                               f"{_first_line(body)})",
                               hint="use an API token, not a password (token requests need no crumb); a proxy "
                                    "that drops the session cookie also breaks crumbs")
        if status == 403:
            return UserInputError(f"user {self.user!r} may not do this on {self.url}: {doing} (HTTP 403)",
                                  hint="grant Overall/Read, Job/Create, Job/Configure, Job/Read, View/Create, "
                                       "View/Configure and View/Read, or seed with an admin's token")
        detail = f"HTTP {status}: {_first_line(body)}" if status else _first_line(str(exc))
        return RemoteError(f"Jenkins at {self.url} failed while {doing} ({detail})",
                           hint="the server log says more; a config that names a class of a missing plugin "
                                "fails this way")

    # ------------------------------------------------------------------ the calls
    def connect(self) -> dict[str, Any]:
        """Authenticate and return who we are.

        Why first: python-jenkins sends the credentials only after a first authenticated
        request, so a write before it is answered 403. Every other method calls this once.
        """
        if self._me is None:
            me = self._call("checking the credentials (me/api/json)", self._server.get_whoami)
            if not isinstance(me, dict) or me.get("id") in (None, "anonymous"):
                raise UserInputError(f"Jenkins at {self.url} treated user {self.user!r} as anonymous",
                                     hint="check --user and the API token")
            self._me = me
        return self._me

    def plugins(self) -> dict[str, Plugin]:
        """Installed plugins by short name."""
        self.connect()
        raw = self._call("listing the plugins (pluginManager/api/json)", self._server.get_plugins)
        found: dict[str, Plugin] = {}
        for info in raw.values():
            name = str(info.get("shortName"))
            found[name] = Plugin(name, str(info.get("version")), bool(info.get("active", True))
                                 and bool(info.get("enabled", True)))
        return found

    def config(self, item_type: str, name: str) -> str | None:
        """The config.xml of the ``view`` or job/folder called ``name``; None when there is none.

        ``name`` is the full path (``folder/name``) for items inside a folder.
        """
        self.connect()
        read = self._server.get_view_config if item_type == "view" else self._server.get_job_config
        try:
            return str(self._call(f"reading {item_type} {name}", lambda: read(name)))
        except RemoteError as exc:
            if isinstance(exc.__cause__, jenkins.NotFoundException):
                return None
            raise

    def save(self, item_type: str, name: str, xml: str, *, create: bool) -> None:
        """Create (``create``) or reconfigure the ``view`` or job/folder ``name`` with ``xml``."""
        self.connect()
        if item_type == "view":
            write = self._server.create_view if create else self._server.reconfig_view
        else:
            write = self._server.create_job if create else self._server.reconfig_job
        self._call(f"{'creating' if create else 'updating'} {item_type} {name}", lambda: write(name, xml))

    def validate_jenkinsfile(self, text: str) -> str:
        """Ask the declarative validator about ``text``; returns "" when valid, else its answer.

        Why read the body: the endpoint answers HTTP 200 for valid and invalid files alike.
        """
        self.connect()
        request = requests.Request("POST", self.url + _VALIDATE_URL, data={"jenkinsfile": text})
        answer = self._call("validating the Jenkinsfile", lambda: self._server.jenkins_open(request)).strip()
        return "" if VALIDATED in answer else answer


def _status_and_body(exc: BaseException) -> tuple[int | None, str]:
    """The HTTP status and body behind a python-jenkins or requests error, when known."""
    for candidate in (exc, exc.__cause__, exc.__context__):
        response = getattr(candidate, "response", None)
        if response is not None and getattr(response, "status_code", None):
            return int(response.status_code), str(getattr(response, "text", "") or "")
    text = str(exc)
    match = _STATUS.search(text)
    return (int(match.group(1)) if match else None), text


def _first_line(text: str) -> str:
    lines = [line.strip() for line in re.sub(r"<[^>]+>", " ", text).splitlines() if line.strip()]
    return (lines[0] if lines else "no details")[:200]


def _reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("Connection refused", "Name or service not known", "No route to host",
                   "Temporary failure in name resolution", "certificate verify failed"):
        if marker in text:
            return marker.lower()
    return _first_line(text)
