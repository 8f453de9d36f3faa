"""Against a real Jenkins: the validator accepts the Jenkinsfile; seeding twice changes nothing.

Runs only when JENKINS_URL, JENKINS_USER and MLOPS_JENKINS_TOKEN are set; the jobs are made
with the prefix MLOPS_LIVE_PREFIX (default ``mlops-live-``) so real jobs are left alone.
The server needs the plugins listed in docs/JENKINS.md.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from pipeline_lib.jenkins.render import RenderOptions, render

if TYPE_CHECKING:
    from pipeline_lib.jenkins.client import JenkinsClient

URL = os.environ.get("JENKINS_URL", "")
USER = os.environ.get("JENKINS_USER", "")
TOKEN = os.environ.get("MLOPS_JENKINS_TOKEN", "")

pytestmark = [
    pytest.mark.jenkins_live,
    pytest.mark.skipif(not (URL and USER and TOKEN),
                       reason="live Jenkins test skipped: set JENKINS_URL, JENKINS_USER and MLOPS_JENKINS_TOKEN "
                              "to run it against a real server"),
]


def _client() -> JenkinsClient:
    from pipeline_lib.jenkins.client import JenkinsClient

    return JenkinsClient(URL, USER, TOKEN, timeout=60)


def test_the_jenkinsfile_validates_on_the_server() -> None:
    client = _client()
    assert client.validate_jenkinsfile(render().jenkinsfile) == ""
    assert client.validate_jenkinsfile("pipeline { agent any }") != ""  # the body is really read


def test_seeding_twice_changes_nothing_the_second_time() -> None:
    from pipeline_lib.jenkins.provision import format_plan, seed

    options = RenderOptions(prefix=os.environ.get("MLOPS_LIVE_PREFIX", "mlops-live-"), credentials_id="")
    first = seed(_client(), render(options), echo=print)
    print(format_plan(first))
    second = seed(_client(), render(options), echo=print)
    assert {step.action for step in second.steps} == {"skip"}, format_plan(second)
