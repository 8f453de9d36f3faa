"""Seeding against an in-process fake Jenkins: create, update, skip, dry run, plugins, errors."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline_lib.cli import main
from pipeline_lib.errors import RemoteError, UserInputError
from pipeline_lib.jenkins.client import JenkinsClient
from pipeline_lib.jenkins.provision import SeedReport, config_difference, seed
from pipeline_lib.jenkins.render import RenderOptions, render
from tests.jenkins.fake_jenkins import PLUGINS, FakeJenkins, reserialise

OPTIONS = RenderOptions(folder="ml/team", prefix="t-", smtp_credentials_id="smtp-login")


@pytest.fixture()
def jenkins() -> Iterator[FakeJenkins]:
    with FakeJenkins() as server:
        yield server


def _client(server: FakeJenkins, token: str | None = None, timeout: float = 5.0) -> JenkinsClient:
    return JenkinsClient(server.url, server.user, token or server.token, timeout=timeout)


def _seed(server: FakeJenkins, options: RenderOptions = OPTIONS, dry_run: bool = False) -> SeedReport:
    return seed(_client(server), render(options), dry_run=dry_run, echo=lambda line: None)


def _actions(report: SeedReport) -> dict[str, str]:
    return {step.item.name: step.action for step in report.steps}


def test_first_seed_creates_everything_in_order(jenkins: FakeJenkins) -> None:
    report = _seed(jenkins)
    names = [s.item.name for s in report.steps]
    assert names[:2] == ["ml", "ml/team"] and names[-1] == "ml/team/t-mlops-view"
    assert set(_actions(report).values()) == {"create"} and len(names) == 10
    assert jenkins.jobs["ml/team/t-job1"] == render(OPTIONS).items[2].xml
    assert "ml/team/t-mlops-view" in jenkins.views
    created = [(r.path, r.query) for r in jenkins.writes()]
    assert ("/job/ml/job/team/createItem", "name=t-job1") in created
    assert ("/job/ml/job/team/createView", "name=t-mlops-view") in created
    # Credentials were checked before anything else was asked (the crumb is fetched for it).
    assert [r.path for r in jenkins.requests[:2]] == ["/crumbIssuer/api/json", "/me/api/json"]


def test_second_seed_changes_nothing(jenkins: FakeJenkins) -> None:
    _seed(jenkins)
    before = len(jenkins.requests)
    report = _seed(jenkins)
    assert set(_actions(report).values()) == {"skip"}
    assert [r for r in jenkins.requests[before:] if r.method == "POST"] == []


def test_a_changed_option_updates_only_the_jobs_it_touches(jenkins: FakeJenkins) -> None:
    _seed(jenkins)
    report = _seed(jenkins, replace(OPTIONS, monitor_cron="H/5 * * * *"))
    assert [n for n, a in _actions(report).items() if a != "skip"] == ["ml/team/t-job6"]
    step = next(s for s in report.steps if s.action == "update")
    assert "TimerTrigger/spec" in step.reason and "'H/15 * * * *' on the server" in step.reason
    assert "H/5 * * * *" in jenkins.jobs["ml/team/t-job6"]
    assert [r.path for r in jenkins.writes() if "config.xml" in r.path] == ["/job/ml/job/team/job/t-job6/config.xml"]


def test_an_edit_made_in_jenkins_is_put_back(jenkins: FakeJenkins) -> None:
    _seed(jenkins)
    jenkins.jobs["ml/team/t-job2"] = jenkins.jobs["ml/team/t-job2"].replace("mlops stage detect", "echo hacked")
    report = _seed(jenkins)
    assert _actions(report)["ml/team/t-job2"] == "update"
    assert "mlops stage detect" in jenkins.jobs["ml/team/t-job2"]


def test_dry_run_prints_the_plan_and_changes_nothing(jenkins: FakeJenkins) -> None:
    report = _seed(jenkins, dry_run=True)
    assert set(_actions(report).values()) == {"create"}
    assert jenkins.writes() == [] and jenkins.jobs == {} and jenkins.views == {}


def test_missing_plugins_are_named_before_any_change(jenkins: FakeJenkins) -> None:
    jenkins.plugins = tuple(p for p in PLUGINS if p not in ("build-pipeline-plugin", "docker-workflow"))
    with pytest.raises(UserInputError, match="lacks plugins the jobs need: build-pipeline-plugin, docker-workflow"):
        _seed(jenkins)
    assert jenkins.writes() == []
    report = _seed(jenkins, dry_run=True)
    assert report.missing_plugins == ("build-pipeline-plugin", "docker-workflow")


def test_an_item_of_another_kind_in_the_way_is_bad_input(jenkins: FakeJenkins) -> None:
    jenkins.jobs["ml"] = "<project><description>someone else's</description></project>"
    with pytest.raises(UserInputError, match=r"folder ml already exists .* as a <project>"):
        _seed(jenkins)


def test_views_and_jobs_rewritten_by_jenkins_still_match() -> None:
    rendering = render()
    view = rendering.items[-1].xml
    assert config_difference(view, reserialise(view)) is None
    pipeline_job = next(i.xml for i in rendering.items if i.name == "mlops-pipeline")
    after_a_build = pipeline_job.replace(
        "<actions/>", "<actions><org.jenkinsci.plugins.pipeline.modeldefinition.actions.DeclarativeJobAction "
                      "plugin=\"pipeline-model-definition@2.2218\"/></actions>")
    assert config_difference(pipeline_job, after_a_build) is None
    dropped = view.replace("<alwaysAllowManualTrigger>true</alwaysAllowManualTrigger>", "")
    assert config_difference(view, dropped) == ("au.com.centrumsystems.hudson.plugin.buildpipeline.BuildPipelineView/"
                                                "alwaysAllowManualTrigger: missing on the server")


# ------------------------------------------------------------------ error paths

def test_bad_credentials_are_bad_input(jenkins: FakeJenkins) -> None:
    with pytest.raises(UserInputError, match="rejected the credentials of user 'admin' \\(HTTP 401\\)") as info:
        seed(_client(jenkins, token="wrong"), render(), echo=print)
    assert "wrong" not in str(info.value)


def test_a_rejected_crumb_is_a_remote_error_with_a_hint(jenkins: FakeJenkins) -> None:
    jenkins.reject_crumb = True
    with pytest.raises(RemoteError, match="refused the CSRF crumb while creating job job1") as info:
        _seed(jenkins, RenderOptions())
    assert "API token" in str(info.value)


def test_missing_permission_names_what_was_refused(jenkins: FakeJenkins) -> None:
    jenkins.read_only = True
    with pytest.raises(UserInputError, match="may not do this .*: creating job job1 \\(HTTP 403\\)"):
        _seed(jenkins, RenderOptions())


def test_an_unreachable_server_is_a_remote_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = JenkinsClient(f"http://127.0.0.1:{port}/", "admin", "token", timeout=2)
    with pytest.raises(RemoteError, match=f"cannot reach Jenkins at http://127.0.0.1:{port}/ .*connection refused"):
        seed(client, render())


def test_a_slow_server_times_out(jenkins: FakeJenkins) -> None:
    jenkins.delay = 1.5
    with pytest.raises(RemoteError, match="did not answer within 0.3 s while checking the credentials"):
        seed(_client(jenkins, timeout=0.3), render())


def test_validator_answers_are_read_from_the_body(jenkins: FakeJenkins) -> None:
    client = _client(jenkins)
    assert client.validate_jenkinsfile(render().jenkinsfile) == ""
    assert "Missing required section" in client.validate_jenkinsfile("pipeline { agent any }")


# ------------------------------------------------------------------ the command

def test_seed_command_twice_then_bad_token(jenkins: FakeJenkins, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.setenv("MLOPS_JENKINS_TOKEN", jenkins.token)
    argv = ["seed", "--url", jenkins.url, "--user", jenkins.user, "--folder", "ml", "--notify", "a@example.com"]
    assert main(argv) == 0
    assert "9 created, 0 updated, 0 unchanged" in capsys.readouterr().out  # folder ml and 8 items
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "0 created, 0 updated, 9 unchanged" in out and jenkins.token not in out
    assert main([*argv, "--dry-run", "--prefix", "x-"]) == 0
    assert "8 to create, 0 to update, 1 unchanged" in capsys.readouterr().out

    token_file = tmp_path / "token"
    token_file.write_text("not-the-token\n")
    assert main([*argv, "--token-file", str(token_file)]) == 2
    assert "HTTP 401" in capsys.readouterr().err


def test_seed_command_needs_a_token_from_env_or_file(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.delenv("MLOPS_JENKINS_TOKEN", raising=False)
    argv = ["seed", "--url", "http://127.0.0.1:9/", "--user", "admin"]
    assert main(argv) == 2
    assert "set MLOPS_JENKINS_TOKEN or pass --token-file" in capsys.readouterr().err
    assert main([*argv, "--token-file", str(tmp_path / "missing")]) == 2
    assert "cannot read it" in capsys.readouterr().err
    assert main([*argv, "--token-file", str(tmp_path)]) == 2
    with pytest.raises(SystemExit):  # never a token on the command line, not even abbreviated
        main([*argv, "--token", "abc"])
