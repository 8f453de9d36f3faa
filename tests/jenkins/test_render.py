"""Rendering: goldens for every rendered file, the committed files, XML, options, the CLI."""

from __future__ import annotations

import argparse
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline_lib.errors import UserInputError
import pipeline_lib.jenkins.render as render_module
from pipeline_lib.jenkins.cli import cmd_render
from pipeline_lib.jenkins.render import (
    JENKINSFILE,
    SEED_DIR,
    RenderOptions,
    check_rendering,
    plan_stages,
    render,
    write_rendering,
)
from pipeline_lib.stages import STAGES, StageSpec
from tests.golden_helper import UPDATE_ENV, assert_golden

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"


def _cases() -> list[tuple[str, RenderOptions]]:
    """Golden pairs: ``golden/<case>.json`` (options) with ``golden/<case>/seed_jobs/`` (the items).

    The default options' golden files are the committed ``seed_jobs/`` and ``Jenkinsfile``
    themselves (see the test below); the Jenkinsfile takes no options.
    """
    return [(p.stem, RenderOptions(**json.loads(p.read_text(encoding="utf-8")))) for p in sorted(GOLDEN.glob("*.json"))]


def _seed_files(options: RenderOptions) -> dict[str, str]:
    return {item.file: item.xml for item in render(options).items}


def _golden_files() -> list[object]:
    return [pytest.param(case, relative, text, id=f"{case}/{relative}")
            for case, options in _cases() for relative, text in sorted(_seed_files(options).items())]


def test_golden_cases_are_discovered() -> None:
    assert {case for case, _ in _cases()} >= {"folder_prefix", "public_repo"}


@pytest.mark.parametrize(("case", "relative", "text"), _golden_files())
def test_rendered_file_equals_its_golden(case: str, relative: str, text: str) -> None:
    assert_golden(GOLDEN / case / relative, text)


@pytest.mark.parametrize("case", [case for case, _ in _cases()])
def test_no_stale_golden_files(case: str) -> None:
    options = dict(_cases())[case]
    stale = sorted(p.relative_to(GOLDEN / case).as_posix() for p in (GOLDEN / case).rglob("*")
                   if p.is_file() and p.relative_to(GOLDEN / case).as_posix() not in _seed_files(options))
    if stale and os.environ.get(UPDATE_ENV) == "1":
        for name in stale:
            (GOLDEN / case / name).unlink()
        return
    assert stale == [], f"golden files no render produces any more (delete them or rerun with {UPDATE_ENV}=1)"


def test_committed_files_equal_a_fresh_default_render() -> None:
    report = check_rendering(render(), ROOT)
    assert report == "", f"run 'mlops render' and commit the result:\n{report}"


@pytest.mark.parametrize("case", [case for case, _ in _cases()])
def test_the_jenkinsfile_takes_no_options(case: str) -> None:
    # It lives in the pushed repository; seed-time options reach it as job parameters.
    assert render(dict(_cases())[case]).jenkinsfile == (ROOT / JENKINSFILE).read_text(encoding="utf-8")


@pytest.mark.parametrize("options", [RenderOptions()] + [options for _, options in _cases()])
def test_every_xml_is_well_formed_with_the_expected_root(options: RenderOptions) -> None:
    rendering = render(options)
    roots = {"folder": {"com.cloudbees.hudson.plugins.folder.Folder"}, "job": {"project", "flow-definition"},
             "view": {"au.com.centrumsystems.hudson.plugin.buildpipeline.BuildPipelineView"}}
    for item in rendering.items:
        assert ET.fromstring(item.xml.encode("utf-8")).tag in roots[item.item_type], item.file


def test_rendering_is_deterministic_and_ascii() -> None:
    first, second = render(), render()
    assert first == second
    for relative, text in first.files().items():
        assert text.isascii(), f"{relative}: non-ASCII text is mis-decoded by servers that omit the charset"


def test_the_chain_follows_the_declaration() -> None:
    rendering = render(RenderOptions(prefix="p-"))
    jobs = {item.name: ET.fromstring(item.xml) for item in rendering.items if item.item_type == "job"}
    for index, spec in enumerate(STAGES):
        job = jobs[f"p-{spec.job}"]
        assert f"mlops stage {spec.name}" in job.findtext("builders/hudson.tasks.Shell/command", "")
        child = job.findtext("publishers/hudson.tasks.BuildTrigger/childProjects")
        assert child == (f"p-{STAGES[index + 1].job}" if index + 1 < len(STAGES) else None)
    first = jobs[f"p-{STAGES[0].job}"]
    assert first.find("scm[@class='hudson.plugins.git.GitSCM']") is not None
    assert first.find("triggers/com.cloudbees.jenkins.GitHubPushTrigger") is not None
    # Polling with no schedule: what /git/notifyCommit needs to start the job.
    assert first.findtext("triggers/hudson.triggers.SCMTrigger/spec") == ""
    assert all(job.findtext("quietPeriod") == "0" for job in jobs.values())
    monitor = jobs[f"p-{STAGES[-1].job}"]
    assert monitor.findtext("triggers/hudson.triggers.TimerTrigger/spec") == "H/15 * * * *"
    view = ET.fromstring(rendering.items[-1].xml)
    assert view.findtext("gridBuilder/firstJob") == f"p-{STAGES[0].job}"
    stage_names = re.findall(r"^ +stage\('([^']+)'\)", rendering.jenkinsfile, flags=re.MULTILINE)
    assert [n for n in stage_names if not n.startswith("mlops")] == [s.title for s in STAGES]


def test_templates_loop_over_the_declaration_not_a_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    three = (StageSpec(1, "fetch", "job1", "Fetch", "Get it.", "tools"),
             StageSpec(2, "train", "job2", "Train", "Train it.", "train"),
             StageSpec(3, "monitor", "job3", "Monitor", "Watch it.", "train"))
    monkeypatch.setattr(render_module, "STAGES", three)
    rendering = render()
    assert [i.name for i in rendering.items if i.item_type == "job"] == ["job1", "job2", "job3", "mlops-pipeline"]
    assert re.findall(r"stage\('([\w: ]+)'\)", rendering.jenkinsfile) == ["mlops", "Fetch", "Train", "mlops: supervise",
                                                                          "Monitor"]
    assert "void fanOut()" in rendering.jenkinsfile and "Train: tweak queues a batch" in rendering.jenkinsfile
    assert "runMlops('mlops stage monitor --no-notify --watch')\n" in rendering.jenkinsfile
    plans = plan_stages(RenderOptions())
    assert [p.supervised for p in plans] == [False, True, False]
    assert [p.concludes for p in plans] == [False, True, True]


def test_jenkinsfile_has_the_required_sections() -> None:
    text = render().jenkinsfile
    for needle in ("githubPush()", "pollSCM('')", "timeout(time:", "buildDiscarder(logRotator(",
                   "quietPeriod(0)", "archiveArtifacts(", "junit(", "mail(",
                   "image 'mlops/tools:", "withCredentials([usernamePassword(", "unstable(",
                   "catchError(buildResult: 'UNSTABLE', stageResult: 'FAILURE')", "MLOPS_EXECUTOR = 'docker'",
                   "--network=host", "--group-add"):
        assert needle in text, needle
    assert text.count("{") == text.count("}")
    # Concurrent builds are allowed: each has its own run id and workspace (docs/JENKINS.md).
    assert "disableConcurrentBuilds()" not in text and "MLOPS_RUN_ID = runId()" in text
    # Tools containers around the stages and each branch; training goes through the sandbox, never docker.inside.
    assert text.count("docker {") == 2
    assert text.count(".inside(") == text.count("docker.image('mlops/tools:0.1.0').inside(") == 2


def test_the_retrain_stage_fans_each_batch_out_one_branch_per_candidate_on_the_agent_label() -> None:
    text = render().jenkinsfile
    fan_out = text[text.index("void trainOnAgent("):text.index("/* Sends the report e-mail")]
    assert "retry(count: 3, conditions: [agent(), nonresumable()])" in fan_out
    assert "node(trainingLabel(image))" in fan_out and 'branches["trial ${trial}"]' in fan_out
    assert "mlops stage retrain --no-notify --trial ${trial} --worker ${worker}" in fan_out
    assert "mlops stage tweak --queue-file" in fan_out and "parallel(branches)" in fan_out
    assert "return params.MLOPS_AGENT_LABEL ?: 'mlops-train'" in text
    assert "image.startsWith('mlops/keras:')" in text and "MLOPS_DOCKER_GPUS=all" in text
    job = ET.fromstring(next(i.xml for i in render(RenderOptions(agent_label="gpu || cpu", gpu_label="gpu",
                                                                   shared_dir="/srv/mlops")).items
                             if i.name == "mlops-pipeline"))
    values = {p.findtext("name"): p.findtext("defaultValue")
              for p in job.iter("hudson.model.StringParameterDefinition")}
    assert values["MLOPS_AGENT_LABEL"] == "gpu || cpu" and values["MLOPS_GPU_LABEL"] == "gpu"
    assert values["MLOPS_SHARED_DIR"] == "/srv/mlops" and values["MLOPS_RUN_ARGS"] == ""


@pytest.mark.parametrize("options, named", [({"agent_label": ""}, "--agent-label"),
                                            ({"gpu_label": "a;b"}, "--gpu-label"),
                                            ({"shared_dir": "relative/path"}, "--shared-dir"),
                                            ({"shared_dir": "/srv/it's"}, "--shared-dir")])
def test_bad_agent_options_name_the_flag(options: dict[str, str], named: str) -> None:
    with pytest.raises(UserInputError, match=named):
        RenderOptions(**options)


def test_the_smtp_login_is_bound_only_around_the_notify_step() -> None:
    text = render().jenkinsfile
    body = text[text.index("void notifyAdmin()"):text.index("void mailFailure()")]
    assert text.count("withCredentials(") == body.count("withCredentials(") == 1
    assert re.findall(r"runMlops\('([^']+)'\)", body) == ["mlops notify", "mlops notify"]
    assert re.findall(r"^ *notifyAdmin\(\)$", text, flags=re.MULTILINE) == ["                            notifyAdmin()"]
    for command in re.findall(r"runMlops\('(mlops stage (?:retrain|monitor)[^']*)'\)", text):
        assert "--no-notify" in command, command


def test_values_are_escaped_for_xml_shell_and_groovy() -> None:
    options = RenderOptions(repo_url="https://example.com/r.git?a=1&b=<2>", notify="o'brien@example.com")
    rendering = render(options)
    job1 = ET.fromstring(rendering.items[0].xml)
    assert job1.findtext("scm/userRemoteConfigs/hudson.plugins.git.UserRemoteConfig/url") == options.repo_url
    assert "export MLOPS_NOTIFY_TO='o'\"'\"'brien@example.com'" in job1.findtext("builders/hudson.tasks.Shell/command",
                                                                                 "")


def test_no_secret_in_any_rendered_file() -> None:
    rendering = render(RenderOptions(smtp_credentials_id="mlops-smtp", credentials_id="github-repo"))
    for relative, text in rendering.files().items():
        assert not re.search(r"(?i)<password>|token\s*=|MLOPS_SMTP_PASSWORD=", text), relative
    jobs = {i.name: ET.fromstring(i.xml) for i in rendering.items if i.item_type == "job"}
    binding = "buildWrappers/org.jenkinsci.plugins.credentialsbinding.impl.SecretBuildWrapper/bindings/" \
              "org.jenkinsci.plugins.credentialsbinding.impl.UsernamePasswordMultiBinding"
    # Bound only in the jobs that may send the report; job3 trains and never sends.
    assert [name for name, job in jobs.items() if job.findtext(f"{binding}/credentialsId") == "mlops-smtp"] == \
        ["job5", "job6"]
    command = jobs["job5"].findtext("builders/hudson.tasks.Shell/command", "")
    assert "(unset MLOPS_SMTP_USER MLOPS_SMTP_PASSWORD; mlops stage retrain --no-notify) || status=$?\n" \
           "mlops notify ||" in command
    assert "credentials-binding" in rendering.plugins


@pytest.mark.parametrize(("field", "value", "message"), [
    ("prefix", "a b", "--prefix"),
    ("folder", "ml//team", "--folder"),
    ("monitor_cron", "every hour", "--monitor-cron"),
    ("notify", "nobody", "--notify"),
    ("branch", "*/main", "--branch"),
    ("repo_url", "", "--repo-url"),
    ("credentials_id", "my creds", "--credentials-id"),
])
def test_bad_options_are_named(field: str, value: str, message: str) -> None:
    with pytest.raises(UserInputError, match=re.escape(message)):
        RenderOptions(**{field: value})


def _render_args(out: Path, check: bool = False) -> argparse.Namespace:
    return argparse.Namespace(out=str(out), check=check)


def test_render_writes_then_check_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_render(_render_args(tmp_path)) == 0
    assert (tmp_path / JENKINSFILE).read_text() == render().jenkinsfile
    assert cmd_render(_render_args(tmp_path, check=True)) == 0
    assert "up to date" in capsys.readouterr().out


def test_check_fails_with_a_diff_on_an_edited_or_stale_file(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    write_rendering(render(), tmp_path)
    job2 = tmp_path / SEED_DIR / "jobs" / "job2.xml"
    job2.write_text(job2.read_text().replace("mlops stage detect", "mlops stage detect --fast"))
    (tmp_path / SEED_DIR / "jobs" / "old-job.xml").write_text("<project/>")
    assert cmd_render(_render_args(tmp_path, check=True)) == 1
    captured = capsys.readouterr()
    assert "-mlops stage detect --fast" in captured.out and "+mlops stage detect" in captured.out
    assert "stale (no longer rendered): seed_jobs/jobs/old-job.xml" in captured.out
    assert "run 'mlops render'" in captured.err
    changed = write_rendering(render(), tmp_path)
    assert sorted(p.name for p in changed) == ["job2.xml", "old-job.xml"]
    assert check_rendering(render(), tmp_path) == ""


def test_render_into_a_missing_folder_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="no such folder"):
        cmd_render(_render_args(tmp_path / "nope"))
