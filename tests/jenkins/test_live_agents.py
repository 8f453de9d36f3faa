"""Scale-out on a real Jenkins: two permanent agents on this machine train a batch's candidates at once.

The world: the kit's Jenkins, two agents (command launcher: ``java -jar agent.jar``, each with its own
remote root) labelled for this test only, a shared runs folder both mount at the same path, a user
repository served by ``git daemon``, and ``mlops seed`` with that label and folder. In file order:

1. a batch of 2 candidates trains on both agents at once (their trials overlap in time);
2. the agent holding a candidate is killed mid-trial and its node goes away: the branch is re-queued
   on the other agent, the trial resumes from its checkpoint and the run still ends with a verdict;
3. two builds at once (two pushes): two runs, never shared.

Run with a Jenkins at JENKINS_URL (.ci/run starts ../shared/jenkins); skipped otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.jenkins.render import JENKINSFILE, PIPELINE_JOB, RenderOptions, render
from tests.jenkins.agents import Agent, kill_containers_of, remove_agent, start_agents, stop_agents
from tests.jenkins.live import GitRepo, Live, free_port, live_marks, poll, start_git_daemon

pytestmark = live_marks()

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "fixtures" / "scripts" / "slow_dense.py"
BUILD_TIMEOUT = 480.0


@dataclass
class World:
    live: Live
    prefix: str
    agents: list[Agent]
    shared: Path
    repo: GitRepo

    @property
    def pipeline(self) -> str:
        return self.prefix + PIPELINE_JOB

    def run(self, number: int) -> dict[str, Any]:
        """The run.json of build ``number`` (its id starts with the build tag) from the shared folder."""
        tag = f"jenkins-{self.pipeline}-{number}-"
        found = [p for p in (self.shared / "runs").glob(f"{tag}*/run.json")]
        assert len(found) == 1, f"build #{number}: runs {found}"
        return dict(json.loads(found[0].read_text()))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from pipeline_lib.jenkins.client import JenkinsClient
    from pipeline_lib.jenkins.provision import seed
    from tests.jenkins.live import TOKEN, URL, USER

    live = Live()
    prefix = f"ag{secrets.token_hex(2)}-"
    base = tmp_path_factory.mktemp("agents")
    shared = tmp_path_factory.mktemp("shared")
    os.chmod(shared, 0o755)
    served = tmp_path_factory.mktemp("git")
    daemon = start_git_daemon(served, git_port := free_port())
    agents: list[Agent] = []
    try:
        settings = {"PATH+MLOPS": str(Path(sys.executable).parent)}
        if os.environ.get("DOCKER_HOST"):
            settings["DOCKER_HOST"] = os.environ["DOCKER_HOST"]
        live.set_global_env(settings)
        agents = start_agents(live, [f"{prefix}a1", f"{prefix}a2"], f"{prefix}train", base)
        repo = GitRepo.create(served, f"acme/{prefix}models.git", git_port)
        repo.commit({"Jenkinsfile": (ROOT / JENKINSFILE).read_text(encoding="utf-8"),
                     "train.py": SCRIPT.read_text(encoding="utf-8")}, "a slow model")
        options = RenderOptions(repo_url=repo.url, credentials_id="", notify="ml-admin@example.com", prefix=prefix,
                                agent_label=f"{prefix}train", shared_dir=str(shared))
        seed(JenkinsClient(URL, USER, TOKEN, timeout=60), render(options), echo=print)
        yield World(live, prefix, agents, shared, repo)
    finally:
        stop_agents(live, agents)
        daemon.kill()
        daemon.wait()


def _span(trial: dict[str, Any]) -> tuple[float, float]:
    return (dt.datetime.fromisoformat(trial["started"]).timestamp(),
            dt.datetime.fromisoformat(trial["finished"]).timestamp() + 1.0)


def _agent_of(world: World, trial: dict[str, Any]) -> str:
    return next(a.name for a in world.agents if str(trial["worker"]).startswith(a.name + "-b"))


def test_a_batch_of_two_trains_on_both_agents_at_once(world: World) -> None:
    number = world.live.start(world.pipeline, {"MLOPS_RUN_ARGS": "--target 0.99 --max-trials 3 --time-budget 60"})
    build = world.live.wait_for_result(world.pipeline, number, BUILD_TIMEOUT)
    console = world.live.console(world.pipeline, number)
    run = world.run(number)
    assert build["result"] == "UNSTABLE" and run["status"] == "budget_spent", console[-4000:]  # 0.99 is out of reach
    candidates = run["trials"][1:]
    assert len(candidates) == 2 and all(t["status"] in ("completed", "timed_out") for t in candidates), candidates
    assert {_agent_of(world, t) for t in candidates} == {a.name for a in world.agents}, "one candidate per agent"
    (a0, a1), (b0, b1) = _span(candidates[0]), _span(candidates[1])
    assert a0 < b1 and b0 < a1, f"the candidates did not train at once: {a0:.0f}-{a1:.0f} vs {b0:.0f}-{b1:.0f}"
    assert "(Branch: trial 2)" in console and "(Branch: trial 3)" in console, "one branch per candidate"
    artifacts = {a["relativePath"] for a in build["artifacts"]}
    assert f"runs/{run['id']}/report/summary.md" in artifacts, sorted(artifacts)


def test_an_agent_killed_mid_trial_is_requeued_and_the_trial_resumes(world: World) -> None:
    number = world.live.start(world.pipeline, {"MLOPS_RUN_ARGS": "--target 0.99 --max-trials 2 --time-budget 300"})

    def holder() -> str | None:
        runs = list((world.shared / "runs").glob(f"jenkins-{world.pipeline}-{number}-*/run.json"))
        if not runs:
            return None
        try:
            run = json.loads(runs[0].read_text())
            progress = json.loads((runs[0].parent / "trials" / "002" / "progress.json").read_text())
        except (FileNotFoundError, json.JSONDecodeError, IndexError):
            return None
        trials = run["trials"]
        if len(trials) < 2 or trials[1]["status"] != "running" or int(progress.get("epochs_completed", 0)) < 3:
            return None
        return _agent_of(world, trials[1])

    victim_name = poll("trial 2 at epoch 3 on an agent", holder, 360, every=0.5)
    victim = next(a for a in world.agents if a.name == victim_name)
    # The agent's machine goes away: its JVM, and the containers it had started on its engine (the branch's tools
    # container and the trial's sandbox); its node is deleted, as a cloud does, and Jenkins fails the branch.
    victim.kill()
    assert len(kill_containers_of(victim)) >= 2, "the branch's tools container and the trial's sandbox"
    remove_agent(world.live, victim.name)
    build = world.live.wait_for_result(world.pipeline, number, BUILD_TIMEOUT)
    console = world.live.console(world.pipeline, number)
    run = world.run(number)
    trial = run["trials"][1]
    assert run["status"] in ("budget_spent", "target_met"), console[-4000:]
    assert build["result"] in ("UNSTABLE", "SUCCESS"), console[-4000:]
    assert trial["attempts"] == 2 and trial["status"] in ("completed", "timed_out"), trial
    survivor = next(a.name for a in world.agents if a.name != victim.name)
    assert _agent_of(world, trial) == survivor, trial["worker"]
    assert "taken over from" in console and "resumed from checkpoint at epoch" in console, console[-4000:]
    assert trial["epochs_redone"] <= 1, trial
    world.agents.remove(victim)


def test_two_pushes_at_once_make_two_builds_and_two_runs(world: World) -> None:
    sha = world.repo.commit({"README.md": "second push\n"}, "second push")
    first = world.live.start(world.pipeline, {"MLOPS_RUN_ARGS": "--max-trials 1 --seed 1"})
    second = world.live.start(world.pipeline, {"MLOPS_RUN_ARGS": "--max-trials 1 --seed 2"})
    assert second != first
    poll("both builds running at once", lambda: all(
        world.live.json(f"{world.live.job_path(world.pipeline)}/{n}/api/json")["building"] for n in (first, second)),
        120, every=0.5)
    results = [world.live.wait_for_result(world.pipeline, n, BUILD_TIMEOUT) for n in (first, second)]
    runs = [world.run(n) for n in (first, second)]
    assert all(r["result"] in ("SUCCESS", "UNSTABLE") for r in results), [world.live.console(world.pipeline, n)[-2000:]
                                                                       for n in (first, second)]
    assert runs[0]["id"] != runs[1]["id"] and [r["config"]["seed"] for r in runs] == [1, 2]
    assert all(r["source"]["commit"] == sha and r["status"] != "running" for r in runs)
    assert len({r["source"]["workspace"] for r in runs}) == 2, "each run has its own copy of the code"

