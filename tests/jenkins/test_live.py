"""Against a real Jenkins: the validator accepts the Jenkinsfile; seeding, re-seeding and updating work.

Runs only when JENKINS_URL, JENKINS_USER and MLOPS_JENKINS_TOKEN are set (.ci/run starts
../shared/jenkins and sets them); the jobs are made with the prefix MLOPS_LIVE_PREFIX (default
``mlops-live-``) so real jobs are left alone. The server needs the plugins listed in docs/JENKINS.md.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pipeline_lib.jenkins.render import VIEW, RenderOptions, render
from tests.jenkins.live import TOKEN, URL, USER, Live, live_marks

if TYPE_CHECKING:
    from pipeline_lib.jenkins.client import JenkinsClient

pytestmark = live_marks()
PREFIX = os.environ.get("MLOPS_LIVE_PREFIX", "mlops-live-")


def _client() -> JenkinsClient:
    from pipeline_lib.jenkins.client import JenkinsClient

    return JenkinsClient(URL, USER, TOKEN, timeout=60)


def test_the_jenkinsfile_validates_on_the_server() -> None:
    client = _client()
    assert client.validate_jenkinsfile(render().jenkinsfile) == ""
    assert client.validate_jenkinsfile("pipeline { agent any }") != ""  # the body is really read


def _view_page_works(live: Live, options: RenderOptions) -> None:
    page = live.get(f"/view/{options.prefix}{VIEW}/")
    assert page.status_code == 200, page.text[:2000]
    assert "NullPointerException" not in page.text and f"{options.prefix}job1" in page.text


def test_seed_then_update_then_reseed_keeps_every_item_and_the_view_page() -> None:
    from pipeline_lib.jenkins.provision import format_plan, seed

    live = Live()
    options = RenderOptions(prefix=PREFIX, credentials_id="")
    first = seed(_client(), render(options), echo=print)
    print(format_plan(first))
    _view_page_works(live, options)
    again = seed(_client(), render(options), echo=print)
    assert {step.action for step in again.steps} == {"skip"}, format_plan(again)

    # The update path of existing jobs: another notify address changes every job's config.
    changed = RenderOptions(prefix=PREFIX, credentials_id="", notify="ml-lead@example.com")
    updated = seed(_client(), render(changed), echo=print)
    actions = {step.item.name: step.action for step in updated.steps}
    assert actions[f"{PREFIX}job1"] == actions[f"{PREFIX}mlops-pipeline"] == "update", format_plan(updated)
    assert "ml-lead@example.com" in live.get(f"/job/{PREFIX}job1/config.xml").text

    # The update path of the existing view: an edit made in Jenkins is put back by reposting the
    # whole config, which must keep its row/column headers and build card (else the page throws).
    view = next(item for item in render(changed).items if item.item_type == "view")
    _client().save("view", view.name, view.xml.replace("<noOfDisplayedBuilds>10<", "<noOfDisplayedBuilds>3<"),
                   create=False)
    repaired = seed(_client(), render(changed), echo=print)
    assert {s.item.name: s.action for s in repaired.steps}[view.name] == "update", format_plan(repaired)
    view_xml = live.get(f"/view/{view.name}/config.xml").text
    for element in ("rowHeaders", "columnHeaders", "buildCard"):
        assert f"<{element} class=" in view_xml, view_xml
    assert "<noOfDisplayedBuilds>10<" in view_xml
    _view_page_works(live, changed)

    back = seed(_client(), render(options), echo=print)
    assert back.counts()["update"] == 7 and back.counts()["create"] == 0, format_plan(back)  # 7 jobs
    final = seed(_client(), render(options), echo=print)
    assert {step.action for step in final.steps} == {"skip"}, format_plan(final)
    _view_page_works(live, options)
