"""Model kinds as plug-ins: the registry, each kind's decisions and wording, and no kind branch elsewhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline_lib.containers.recipes import recipe_for
from pipeline_lib.images import IMAGE_FOR_KIND
from pipeline_lib.kinds import KINDS, ModelKind, NoModel, find_kind, kind_of, register
from pipeline_lib.kinds.keras import KerasKind
from pipeline_lib.store import RunRecord, RunStatus

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline_lib"


def _run(kind: str, status: RunStatus = RunStatus.RUNNING, best: float | None = None) -> RunRecord:
    run = RunRecord(id="r1", kind=kind, status=status, target=0.8, config={"max_trials": 4})
    if best is not None:
        run.best = {"trial": 2, "value": best}
    return run


def test_the_registry_holds_the_four_kinds() -> None:
    assert list(KINDS) == ["cnn", "ann", "kmeans", "rnn"]
    assert all(isinstance(k, ModelKind) and k.name == name for name, k in KINDS.items())
    assert find_kind("none") is None and find_kind(None) is None and find_kind("gan") is None
    assert isinstance(kind_of(_run("none")), NoModel) and kind_of(_run("kmeans")) is KINDS["kmeans"]


def test_each_kind_names_its_image_and_a_recipe_builds_it() -> None:
    assert {name: IMAGE_FOR_KIND[name] for name in KINDS} == {name: k.image for name, k in KINDS.items()}
    assert IMAGE_FOR_KIND["none"] is None
    assert recipe_for(KINDS["ann"].image or "").name == recipe_for(KINDS["cnn"].image or "").name == "keras"
    assert recipe_for(KINDS["kmeans"].image or "").name == "sklearn"


@pytest.mark.parametrize("kind", ["ann", "cnn"])
def test_a_keras_kind_stops_at_the_target_and_spends_its_budget_otherwise(kind: str) -> None:
    plugin = KINDS[kind]
    assert plugin.target_met(_run(kind, best=0.8)) and not plugin.target_met(_run(kind, best=0.79))
    assert plugin.exhausted(_run(kind)) == (RunStatus.BUDGET_SPENT,
                                            "budget spent: the strategy has no applicable mutation left")
    assert plugin.plan_sentence(_run(kind)) == ("baseline, then tweak → retrain until accuracy ≥ 0.80 or 600 s of "
                                                "training or 4 trials · seed 0")
    assert plugin.verdict_label(_run(kind, RunStatus.TARGET_MET), "x") == "target met"
    assert plugin.target_note(_run(kind), 0.7) == " (< target 0.80)"


def test_kmeans_has_no_target_and_ends_when_the_chosen_k_is_fitted() -> None:
    plugin = KINDS["kmeans"]
    run = _run("kmeans", best=0.95)
    run.kmeans = {"chosen_k": 4, "user_k": 3, "reasons": ["k=4: chosen by gap, bic (44% of the voting weight)"]}
    assert not plugin.target_met(run), "a silhouette over the target is not a reason to stop"
    assert plugin.exhausted(run) == (RunStatus.TARGET_MET, "k=4, chosen by gap, bic (44% of the voting weight)")
    run.kmeans["user_k"] = 4
    assert plugin.exhausted(run)[1].startswith("k=4, the script's own k, chosen by gap")
    assert plugin.verdict_label(_run("kmeans", RunStatus.TARGET_MET), "target met") == "k chosen"
    assert plugin.verdict_label(_run("kmeans", RunStatus.FAILED), "failed") == "failed"
    assert plugin.target_note(run, 0.1) == ""


def test_kmeans_without_structure_keeps_the_scripts_k_and_misses_its_goal() -> None:
    plugin = KINDS["kmeans"]
    run = _run("kmeans", RunStatus.BUDGET_SPENT, best=0.3)
    run.kmeans = {"chosen_k": None, "user_k": 3, "reasons": ["no clear cluster structure: the best split (k=2) ..."]}
    status, verdict = plugin.exhausted(run)
    assert status is RunStatus.BUDGET_SPENT  # exit 3: the run worked, but no k is supported by the data
    assert verdict == "no clear cluster structure: the script's k=3 is kept as the model (the best split (k=2) ...)"
    assert plugin.verdict_label(run, "budget spent") == "no clear cluster structure"
    assert plugin.runs_script({}) and not plugin.runs_script({"n_clusters": 4})


def test_a_new_kind_is_one_class(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline_lib.kinds.base.KINDS", dict(KINDS))

    from pipeline_lib.kinds import base

    @register
    class GruOnlyKind(KerasKind):
        name = "gru"

    assert base.KINDS["gru"].image == KINDS["ann"].image
    assert base.find_kind("gru") is base.KINDS["gru"] and base.kind_of(_run("gru")).name == "gru"
    with pytest.raises(ValueError, match="registered twice"):
        register(GruOnlyKind)


def test_no_module_outside_the_plug_ins_branches_on_a_model_kind() -> None:
    names = "|".join(map(re.escape, [*KINDS, "none"]))
    branch = re.compile(rf"""kind\s*(==|!=)\s*["']({names})["']|kind\s+(not\s+)?in\s*[(\[{{]\s*["']({names})["']""")
    found = [f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py")) if "kinds" not in path.relative_to(PACKAGE).parts
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if branch.search(line)]
    assert found == []


def test_importing_the_plug_ins_imports_no_framework() -> None:
    code = ("import sys, pipeline_lib.kinds; "
            "print(sorted(m for m in ('tensorflow', 'keras', 'sklearn', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
