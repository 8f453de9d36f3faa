"""Helpers for the tests that drive a real Jenkins (tests/jenkins/test_live*.py).

What is real here: the Jenkins server (``JENKINS_URL``, e.g. ../shared/jenkins started by
.ci/run), a user repository served by ``git daemon`` on 127.0.0.1, the Docker engine and the
project's images. Jenkins itself is configured the way docs/JENKINS.md tells an admin to
(global environment variables, a username/password credential), through its script console.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

__all__ = ["GitRepo", "Live", "URL", "USER", "TOKEN", "live_marks", "start_git_daemon"]

URL = os.environ.get("JENKINS_URL", "")
USER = os.environ.get("JENKINS_USER", "")
TOKEN = os.environ.get("MLOPS_JENKINS_TOKEN", "")


def live_marks() -> list[Any]:
    """``pytestmark`` of every live module: the marker, and a skip with the reason when no server is set."""
    return [
        pytest.mark.jenkins_live,
        pytest.mark.skipif(not (URL and USER and TOKEN),
                           reason="live Jenkins test skipped: JENKINS_URL, JENKINS_USER and MLOPS_JENKINS_TOKEN are "
                                  "not set (.ci/run sets them by starting ../shared/jenkins when it exists)"),
    ]


def _groovy_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


@dataclass
class Live:
    """A real Jenkins reached with the API token (no crumb needed for token requests)."""

    url: str = URL.rstrip("/")
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.session.auth = (USER, TOKEN)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.session.get(self.url + path, timeout=60, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.session.post(self.url + path, timeout=60, **kwargs)

    def json(self, path: str) -> Any:
        answer = self.get(path)
        answer.raise_for_status()
        return answer.json()

    def script(self, groovy: str) -> str:
        """Run ``groovy`` in the script console (what an admin does under Manage Jenkins > Script Console)."""
        answer = self.post("/scriptText", data={"script": groovy})
        answer.raise_for_status()
        if not answer.text.strip().endswith("ok"):
            raise AssertionError(f"script console failed: {answer.text[:2000]}")
        return answer.text

    def set_global_env(self, values: dict[str, str]) -> None:
        """Manage Jenkins > System > Global properties > Environment variables."""
        puts = "\n".join(f"vars.put({_groovy_string(k)}, {_groovy_string(v)})" for k, v in values.items())
        self.script(f"""
import hudson.slaves.EnvironmentVariablesNodeProperty
def j = jenkins.model.Jenkins.get()
def prop = j.globalNodeProperties.get(EnvironmentVariablesNodeProperty)
if (prop == null) {{ prop = new EnvironmentVariablesNodeProperty(); j.globalNodeProperties.add(prop) }}
def vars = prop.envVars
{puts}
j.save()
println 'ok'
""")

    def set_password_credential(self, credential_id: str, username: str, password: str) -> None:
        """Manage Jenkins > Credentials > System > Global: a username with password."""
        self.script(f"""
import com.cloudbees.plugins.credentials.CredentialsScope
import com.cloudbees.plugins.credentials.SystemCredentialsProvider
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl
def provider = SystemCredentialsProvider.getInstance()
provider.getCredentials().removeIf {{ it.id == {_groovy_string(credential_id)} }}
provider.getCredentials().add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL,
    {_groovy_string(credential_id)}, 'mlops live test SMTP login', {_groovy_string(username)},
    {_groovy_string(password)}))
provider.save()
println 'ok'
""")

    def job_path(self, name: str) -> str:
        return "".join(f"/job/{part}" for part in name.split("/"))

    def last_number(self, job: str) -> int:
        info = self.json(f"{self.job_path(job)}/api/json?tree=lastBuild[number]")
        return int(info["lastBuild"]["number"]) if info.get("lastBuild") else 0

    def wait_for_build(self, job: str, after: int, timeout: float) -> int:
        """The number of the first build of ``job`` after build ``after`` once it started."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            number = self.last_number(job)
            if number > after:
                return number
            time.sleep(1.0)
        raise AssertionError(f"{job}: no build after #{after} within {timeout:.0f} s")

    def wait_for_result(self, job: str, number: int, timeout: float) -> dict[str, Any]:
        """The build's JSON once it finished (fails with the console's tail on a timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answer = self.get(f"{self.job_path(job)}/{number}/api/json")
            if answer.status_code == 200:
                build = answer.json()
                if not build.get("building") and build.get("result"):
                    return dict(build)
            time.sleep(2.0)
        raise AssertionError(f"{job} #{number} did not finish within {timeout:.0f} s:\n"
                             f"{self.console(job, number)[-3000:]}")

    def console(self, job: str, number: int) -> str:
        return self.get(f"{self.job_path(job)}/{number}/consoleText").text

    def downstream_build(self, job: str, upstream: str, upstream_number: int, timeout: float) -> int:
        """The build of ``job`` that ``upstream`` #``upstream_number`` started (job6 also runs on a timer)."""
        def find() -> int | None:
            tree = "builds[number,actions[causes[upstreamProject,upstreamBuild]]]"
            for build in self.json(f"{self.job_path(job)}/api/json?tree={tree}")["builds"]:
                causes = [c for a in build["actions"] if a for c in a.get("causes", [])]
                if any(c.get("upstreamProject") == upstream and c.get("upstreamBuild") == upstream_number
                       for c in causes):
                    return int(build["number"])
            return None

        return int(poll(f"{job} started by {upstream} #{upstream_number}", find, timeout, every=1.0))

    def start(self, job: str, parameters: dict[str, str] | None = None) -> int:
        """Queue a build (with parameters when given) and return its number once it started."""
        before = self.last_number(job)
        path = "build" if parameters is None else "buildWithParameters"
        answer = self.post(f"{self.job_path(job)}/{path}", params=parameters or {})
        assert answer.status_code in (200, 201), f"{job}: {answer.status_code} {answer.text[:300]}"
        return self.wait_for_build(job, before, 120)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_git_daemon(base: Path, port: int) -> subprocess.Popen[bytes]:
    """``git daemon`` serving every repository under ``base`` read-only on 127.0.0.1:``port``."""
    base.mkdir(parents=True, exist_ok=True)
    # The daemon binary itself, not `git daemon`: that wrapper forks it, and killing the wrapper left it running.
    binary = str(Path(_git(["--exec-path"])) / "git-daemon")
    process = subprocess.Popen([binary, "--export-all", f"--base-path={base}", "--reuseaddr",
                                "--listen=127.0.0.1", f"--port={port}", str(base)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.2)
    process.kill()
    raise AssertionError(f"git daemon did not listen on 127.0.0.1:{port}")


@dataclass
class GitRepo:
    """A bare repository (what Jenkins clones) and a work tree the test commits from."""

    bare: Path
    work: Path
    url: str
    branch: str = "main"

    @classmethod
    def create(cls, base: Path, name: str, port: int) -> GitRepo:
        bare = base / name
        bare.parent.mkdir(parents=True, exist_ok=True)
        _git(["init", "--quiet", "--bare", "--initial-branch=main", str(bare)])
        work = base.parent / (base.name + "-work") / name.removesuffix(".git")
        if work.exists():
            shutil.rmtree(work)
        _git(["clone", "--quiet", str(bare), str(work)])
        _git(["checkout", "--quiet", "-b", "main"], work)
        return cls(bare, work, f"git://127.0.0.1:{port}/{name}")

    def commit(self, files: dict[str, str], message: str) -> str:
        """Write ``files`` (path → text), commit and push; returns the new sha."""
        for relative, text in files.items():
            path = self.work / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        _git(["add", "-A"], self.work)
        _git(["-c", "user.name=mlops test", "-c", "user.email=test@example.com", "commit", "--quiet",
              "-m", message], self.work)
        _git(["push", "--quiet", "origin", self.branch], self.work)
        return _git(["rev-parse", "HEAD"], self.work)


def _git(args: list[str], cwd: Path | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {result.stderr}")
    return result.stdout.strip()


def poll(what: str, check: Callable[[], Any], timeout: float, every: float = 1.0) -> Any:
    """``check()``'s first truthy answer within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = check()
        if answer:
            return answer
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def artifact_json(live: Live, job: str, number: int, relative: str) -> Any:
    answer = live.get(f"{live.job_path(job)}/{number}/artifact/{relative}")
    answer.raise_for_status()
    return json.loads(answer.text)
