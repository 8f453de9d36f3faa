"""Real builds on a real Jenkins: the Pipeline job and the freestyle chain, triggered the way pushes do.

Set up as an admin following docs/JENKINS.md would: a user repository (the committed Jenkinsfile and
a tiny Keras script) served by ``git daemon`` on 127.0.0.1, an SMTP server (aiosmtpd, login required)
on the agent's loopback, Jenkins' global environment variables for it, a username/password credential
for the login, a notifyCommit access token, and ``mlops seed`` with a fresh prefix. The images come from
the engine at $DOCKER_HOST (mlops images build). The tests run in file order and share one world:

1. a GitHub-style push to /github-webhook/ starts job1 and the Pipeline job;
2. the Pipeline build succeeds: junit without a failure, artifacts, the e-mail received, the commit;
3. the chain job1 -> job6 goes green with the default settings;
4. /git/notifyCommit (what other git servers' hooks call) starts job1 and the Pipeline job;
5. a hostile script trained by the Pipeline job sees no secret, no network, no writable source;
6. a script that downloads its data set trains: the fetch stage downloaded it, the sandbox had no network;
7. aborting a Pipeline build stops the training container it started.

Run with a Jenkins at JENKINS_URL (.ci/run starts ../shared/jenkins); skipped otherwise.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from pipeline_lib.jenkins.render import JENKINSFILE, PIPELINE_JOB, RenderOptions, render
from tests.jenkins.live import GitRepo, Live, artifact_json, free_port, live_marks, poll, start_git_daemon
from tests.smtp_helpers import Inbox

pytestmark = [*live_marks(), pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")]

ROOT = Path(__file__).resolve().parents[2]
USER_REPO = Path(__file__).resolve().parent / "user_repo"
BUILD_TIMEOUT = 420.0


@dataclass
class World:
    """Everything the builds share."""

    live: Live
    prefix: str
    repo: GitRepo
    inbox: Inbox
    smtp_port: int
    smtp_password: str
    notify_token: str
    first_commit: str
    options: RenderOptions

    def job(self, name: str) -> str:
        return self.prefix + name

    @property
    def pipeline(self) -> str:
        return self.prefix + PIPELINE_JOB


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from pipeline_lib.jenkins.client import JenkinsClient
    from pipeline_lib.jenkins.provision import format_plan, seed
    from tests.jenkins.live import TOKEN, URL, USER

    live = Live()
    prefix = f"lv{secrets.token_hex(2)}-"
    smtp_user, smtp_password = "mlops-bot", f"pw-{secrets.token_hex(8)}"

    def check_login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            smtp_user.encode(), smtp_password.encode())
        return AuthResult(success=ok, handled=False)

    inbox, smtp_port = Inbox(), free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port, authenticator=check_login,
                      auth_require_tls=False, auth_required=True)
    smtp.start()
    served = tmp_path_factory.mktemp("git")
    git_port = free_port()
    daemon = start_git_daemon(served, git_port)
    try:
        # What an admin sets under Manage Jenkins > System > Global properties (docs/JENKINS.md).
        settings = {"MLOPS_SMTP_HOST": "127.0.0.1", "MLOPS_SMTP_PORT": str(smtp_port), "MLOPS_SMTP_STARTTLS": "0",
                    "MLOPS_SMTP_FROM": "jenkins-mlops@example.com",
                    # the freestyle chain runs `mlops` on the agent: the installed one (this venv)
                    "PATH+MLOPS": str(Path(sys.executable).parent)}
        if os.environ.get("DOCKER_HOST"):
            settings["DOCKER_HOST"] = os.environ["DOCKER_HOST"]
        live.set_global_env(settings)
        credential = f"{prefix}smtp"
        live.set_password_credential(credential, smtp_user, smtp_password)
        notify_token = live.script(
            "println hudson.plugins.git.ApiTokenPropertyConfiguration.get().generateApiToken('mlops-live')['value']"
            "\nprintln 'ok'").split()[0]
        repo = GitRepo.create(served, f"acme/{prefix}models.git", git_port)
        first = repo.commit({"Jenkinsfile": (ROOT / JENKINSFILE).read_text(encoding="utf-8"),
                             "train.py": (USER_REPO / "train.py").read_text(encoding="utf-8")}, "a tiny model")
        # No training agents in this world: the Pipeline's candidate branches run on the built-in node.
        options = RenderOptions(repo_url=repo.url, credentials_id="", smtp_credentials_id=credential,
                                notify="ml-admin@example.com", prefix=prefix, agent_label="built-in")
        report = seed(JenkinsClient(URL, USER, TOKEN, timeout=60), render(options), echo=print)
        print(format_plan(report))
        yield World(live, prefix, repo, inbox, smtp_port, smtp_password, notify_token, first, options)
    finally:
        daemon.kill()
        daemon.wait()
        smtp.stop()


def _push_payload(world: World, sha: str) -> dict[str, Any]:
    """The parts of GitHub's push event the github plugin reads."""
    web = world.repo.url.replace("git://", "http://").removesuffix(".git")
    name = web.rsplit("/", 1)[-1]
    return {"ref": "refs/heads/main", "after": sha, "before": "0" * 40,
            "repository": {"name": name, "full_name": f"acme/{name}", "url": web, "html_url": web,
                           "clone_url": world.repo.url, "owner": {"name": "acme", "login": "acme"}},
            "pusher": {"name": "data-scientist", "email": "ds@example.com"}, "commits": []}


_STARTED: dict[str, int] = {}


def test_a_github_push_starts_job1_and_the_pipeline_job(world: World) -> None:
    answer = world.live.session.post(world.live.url + "/github-webhook/", json=_push_payload(world, world.first_commit),
                                     headers={"X-GitHub-Event": "push"}, timeout=60)
    assert answer.status_code == 200, answer.text[:500]
    _STARTED["job1"] = world.live.wait_for_build(world.job("job1"), 0, 120)
    _STARTED["pipeline"] = world.live.wait_for_build(world.pipeline, 0, 120)


def test_the_pipeline_build_succeeds_with_junit_artifacts_mail_and_commit(world: World) -> None:
    number = _STARTED.get("pipeline") or pytest.skip("the push did not start the Pipeline job")
    build = world.live.wait_for_result(world.pipeline, number, BUILD_TIMEOUT)
    console = world.live.console(world.pipeline, number)
    assert build["result"] == "SUCCESS", console[-4000:]
    # Training went through the sandbox, from the tools container; nothing fell back to a local process.
    assert "executor: docker: engine at" in console and "network none · read-only rootfs · caps dropped" in console
    # The baseline met the target: retrain started no second container (no TensorFlow import for nothing).
    assert console.count("docker: container ") == 1, console[-4000:]
    tests = world.live.json(f"{world.live.job_path(world.pipeline)}/{number}/testReport/api/json")
    assert tests["failCount"] == 0 and tests["skipCount"] == 0 and tests["passCount"] >= 2, tests
    names = [c["name"] for s in tests["suites"] for c in s["cases"]]
    assert names[-1] == "target" and names[0] == "trial-001 baseline"
    artifacts = {a["relativePath"] for a in build["artifacts"]}
    run_id = next(p.split("/")[1] for p in artifacts if p.endswith("/run.json"))
    for relative in ("report/summary.md", "report/junit.xml", "report/accuracy.png", "report/winner/model.keras",
                     "trials/001/model.keras", "run.json"):
        assert f"runs/{run_id}/{relative}" in artifacts, sorted(artifacts)
    run = artifact_json(world.live, world.pipeline, number, f"runs/{run_id}/run.json")
    assert run["status"] == "target_met" and run["source"]["commit"] == world.first_commit
    assert run["notification"]["sent"] is True, run["notification"]
    subjects = [str(_message(e)["Subject"]) for e in world.inbox.envelopes]
    assert any("target met" in s for s in subjects), subjects  # sent with the login: the server requires it
    assert world.smtp_password not in console


def _message(envelope: Any) -> Any:
    import email
    import email.policy

    return email.message_from_bytes(envelope.original_content or b"", policy=email.policy.default)


def test_the_freestyle_chain_goes_green_with_default_settings(world: World) -> None:
    number = _STARTED.get("job1") or pytest.skip("the push did not start job1")
    consoles = {}
    previous = None
    for index in range(1, 7):
        job = world.job(f"job{index}")
        if previous is not None:
            number = world.live.downstream_build(job, *previous, BUILD_TIMEOUT)
        build = world.live.wait_for_result(job, number, BUILD_TIMEOUT)
        consoles[index] = world.live.console(job, number)
        assert build["result"] == "SUCCESS", consoles[index][-4000:]
        previous = (job, number)
    _STARTED["chain"] = 1
    assert "network none · read-only rootfs · caps dropped" in consoles[3], consoles[3][-3000:]
    assert "notify: e-mailed ml-admin@example.com" in consoles[5], consoles[5][-3000:]
    assert world.smtp_password not in "".join(consoles.values())
    assert len(world.inbox.envelopes) >= 2  # the Pipeline's report and the chain's


def test_the_view_shows_the_row_in_a_real_browser(world: World, tmp_path: Path) -> None:
    from tests.jenkins.browser import screenshot_view

    _STARTED.get("chain") or pytest.skip("the chain did not go green")
    shot = screenshot_view(world.live, f"{world.prefix}mlops-view", tmp_path)
    assert shot.boxes == [world.job(f"job{i}") for i in range(1, 7)], shot.dom_excerpt
    assert shot.successful_boxes == 6, shot.dom_excerpt
    assert shot.green_boxes == 6, f"{shot.png}: {shot.green_boxes} green boxes in the picture"
    assert shot.png.stat().st_size > 10_000


def _push_hostile_script(world: World) -> None:
    """Commit tests/jenkins/user_repo/hostile.py with the ports it probes filled in (once)."""
    if (world.repo.work / "hostile.py").exists():
        return
    hostile = (USER_REPO / "hostile.py").read_text(encoding="utf-8")
    jenkins_port = int(world.live.url.rsplit(":", 1)[-1].split("/")[0])
    world.repo.commit({"hostile.py": hostile.replace("@@PORTS@@", f"{world.smtp_port}, {jenkins_port}")}, "evil")


def test_notify_commit_starts_job1_and_the_pipeline_job(world: World) -> None:
    before = {job: world.live.last_number(job) for job in (world.job("job1"), world.pipeline)}
    # A second model script without MLOPS_SCRIPT: the builds it starts stop at detect (bad input, exit 2),
    # which also shows the failure path; the next test trains it by name.
    _push_hostile_script(world)
    answer = world.live.get("/git/notifyCommit", params={"url": world.repo.url, "token": world.notify_token})
    assert answer.status_code == 200, answer.text[:500]
    assert f"Scheduled polling of {world.job('job1')}" in answer.text, answer.text[:2000]
    assert f"Scheduled polling of {world.pipeline}" in answer.text, answer.text[:2000]
    started = {job: world.live.wait_for_build(job, number, 180) for job, number in before.items()}
    pipeline = world.live.wait_for_result(world.pipeline, started[world.pipeline], BUILD_TIMEOUT)
    console = world.live.console(world.pipeline, started[world.pipeline])
    assert pipeline["result"] == "FAILURE" and "several model scripts" in console, console[-3000:]
    assert "exit 2, bad input" in console


def test_a_hostile_script_sees_no_secret_in_the_training_stage(world: World) -> None:
    _push_hostile_script(world)
    number = world.live.start(world.pipeline, {"MLOPS_SCRIPT": "hostile.py"})
    build = world.live.wait_for_result(world.pipeline, number, BUILD_TIMEOUT)
    console = world.live.console(world.pipeline, number)
    assert build["result"] == "SUCCESS", console[-4000:]
    line = next((x for x in console.splitlines() if "HOSTILE-REPORT " in x), None)
    assert line is not None, console[-4000:]
    report = json.loads(line.split("HOSTILE-REPORT ", 1)[1])
    env = {name: base64.b64decode(value).decode() for name, value in report["env"].items()}
    assert not {name for name in env if name.startswith(("MLOPS_SMTP", "JENKINS", "BUILD_", "GIT_"))}, sorted(env)
    seen = "\n".join([*env.values(), *(base64.b64decode(v).decode("latin-1") for v in report["proc"].values()
                                       if not v.startswith("denied"))])
    assert world.smtp_password not in seen and world.notify_token not in seen
    assert report["uid"] != 0
    assert all(outcome.startswith("failed") for outcome in report["connect"].values()), report["connect"]
    assert report["write_source"].startswith("failed"), report["write_source"]
    # The e-mail of this run was still sent, by the notify step, with the login the script never saw.
    assert any("hostile.py" in str(_message(e)["Subject"]) for e in world.inbox.envelopes)


DATA_SCRIPT = """\
import keras
import numpy as np

path = keras.utils.get_file("blobs.npz", origin="@@URL@@", file_hash="@@SHA256@@")
with np.load(path) as data:
    x, y = data["x"], data["y"]
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=20, validation_split=0.25, verbose=0)
"""


def test_a_script_that_downloads_its_data_trains_from_the_cache_the_fetch_stage_filled(
        world: World, tmp_path: Path) -> None:
    import functools
    import hashlib
    import http.server
    import io
    import threading

    import numpy as np

    rng = np.random.default_rng(7)
    y = rng.integers(0, 2, 400)
    buffer = io.BytesIO()
    np.savez(buffer, x=(rng.normal(size=(400, 4)) + 3.0 * y[:, None]).astype("float32"), y=y)
    (tmp_path / "blobs.npz").write_bytes(buffer.getvalue())
    asked: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        script = DATA_SCRIPT.replace("@@URL@@", f"http://127.0.0.1:{server.server_address[1]}/blobs.npz").replace(
            "@@SHA256@@", hashlib.sha256(buffer.getvalue()).hexdigest())
        world.repo.commit({"data.py": script}, "a script that downloads its data")
        number = world.live.start(world.pipeline, {"MLOPS_SCRIPT": "data.py"})
        build = world.live.wait_for_result(world.pipeline, number, BUILD_TIMEOUT)
    finally:
        server.shutdown()
        server.server_close()
    console = world.live.console(world.pipeline, number)
    assert build["result"] == "SUCCESS", console[-4000:]
    run_id = next(a["relativePath"].split("/")[1] for a in build["artifacts"] if a["relativePath"].endswith("run.json"))
    run = artifact_json(world.live, world.pipeline, number, f"runs/{run_id}/run.json")
    fetched = run["stages"]["fetch"]["datasets"]
    assert [(r["loader"], r["name"], r["status"]) for r in fetched] == [
        ("get_file", "blobs.npz", "downloaded")], fetched
    assert asked == ["/blobs.npz"]  # once, by the fetch stage: the sandbox found the file in the cache
    assert run["status"] == "target_met" and run["trials"][0]["status"] == "completed", run["verdict"]


def test_aborting_a_build_stops_its_training_container(world: World) -> None:
    import docker

    slow = (USER_REPO / "train.py").read_text(encoding="utf-8").replace("epochs=8", "epochs=400")
    world.repo.commit({"slow.py": slow}, "a long training")
    number = world.live.start(world.pipeline, {"MLOPS_SCRIPT": "slow.py"})
    engine = docker.from_env()

    def training() -> list[Any]:
        return [c for c in engine.containers.list(filters={"label": "mlops.run"})  # the ones in this job's workspace
                if any(f"/{world.pipeline}/" in m.get("Source", "") for m in c.attrs.get("Mounts", []))]

    poll("the training container of the build", training, BUILD_TIMEOUT, every=0.5)
    world.live.post(f"{world.live.job_path(world.pipeline)}/{number}/stop")
    build = world.live.wait_for_result(world.pipeline, number, 120)
    assert build["result"] == "ABORTED"
    # Jenkins stops the step with `ps`/`kill` in the tools container; mlops then stops the sandbox it started.
    poll("no training container left", lambda: not training(), 30, every=0.5)
