"""Strategies on fabricated run records (pure data), plus the join with the tweak stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline_lib.errors import UserInputError
from pipeline_lib.loop import tweak
from pipeline_lib.store import RunRecord, RunStore, TrialRecord, TrialStatus
from pipeline_lib.tuning.architecture import layer_spec
from pipeline_lib.tuning.strategies import (
    ClustersStrategy,
    LadderStrategy,
    Proposal,
    Strategy,
    get_strategy,
)

def one(strategy: Strategy, run: RunRecord) -> Proposal | None:
    """The proposal of a one-at-a-time strategy (its batch holds at most one), or None for an empty batch."""
    batch = strategy.propose(run)
    assert len(batch) <= 1, f"{strategy.name} proposed a batch of {len(batch)}"
    return batch[0] if batch else None


FUNCTIONAL_REASON = "functional model: layers can't be edited; only fit-level mutations apply"


def ann_arch(epochs: int = 5) -> dict[str, Any]:
    return {"framework": "keras", "sequential": True, "input_shape": [8], "epochs": epochs,
            "batch_size": None,
            "layers": [layer_spec("InputLayer", "in", batch_shape=[None, 8]),
                       layer_spec("Dense", "hidden", units=32, activation="relu"),
                       layer_spec("Dense", "out", units=3, activation="softmax")]}


def cnn_arch(size: int = 8, blocks: int = 1) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    for i in range(blocks):
        body += [layer_spec("Conv2D", f"c{i}", filters=8, kernel_size=[3, 3], padding="same"),
                 layer_spec("MaxPooling2D", f"p{i}", pool_size=[2, 2])]
    return {"framework": "keras", "sequential": True, "input_shape": [size, size, 1], "epochs": 5,
            "layers": [*body, layer_spec("Flatten", "f"), layer_spec("Dense", "hidden", units=16),
                       layer_spec("Dense", "out", units=3)]}


def run_with(kind: str, arch: dict[str, Any], status: TrialStatus = TrialStatus.COMPLETED) -> RunRecord:
    return RunRecord(id="r", kind=kind,
                     trials=[TrialRecord(number=1, status=status, architecture=arch, value=0.5)])


def record_trial(run: RunRecord, proposal: Proposal, status: TrialStatus = TrialStatus.COMPLETED,
                 value: float | None = None) -> None:
    """What the tweak stage plus the runtime record: the trial, and what actually trained.

    By default each completed trial scores a little better than the best so far.
    """
    if value is None and status is TrialStatus.COMPLETED:
        value = max(t.value or 0.0 for t in run.trials) + 0.01
    parent = run.trial(proposal.parent).architecture
    trained = {**parent, "layers": proposal.plan.get("layers", parent.get("layers")),
               "epochs": proposal.plan.get("epochs", parent.get("epochs"))}
    run.trials.append(TrialRecord(number=len(run.trials) + 1, status=status, parent=proposal.parent,
                                  plan=proposal.plan, mutation=proposal.description, value=value,
                                  architecture=trained if status is TrialStatus.COMPLETED else {}))


def climb(run: RunRecord, steps: int) -> list[Proposal]:
    proposals = []
    for _ in range(steps):
        proposal = one(LadderStrategy(), run)
        assert proposal is not None
        proposals.append(proposal)
        record_trial(run, proposal)
    return proposals


def test_ann_ladder_order_is_cumulative_and_cycles() -> None:
    run = run_with("ann", ann_arch())
    proposals = climb(run, 5)
    assert [p.plan["mutation"] for p in proposals] == [
        "add_dense_layer", "change_epochs", "add_two_dense_layers", "fewer_neurons", "add_dense_layer"]
    assert [p.parent for p in proposals] == [1, 2, 3, 4, 5]
    assert [p.description for p in proposals] == [
        "+Dense(32, relu) before the output",
        "epochs 5→10",
        "+Dense(32, relu)+Dense(16, relu) before the output",
        "neurons halved: Dense 32→16, 32→16, 32→16, 16→8",
        "+Dense(8, relu) before the output",
    ]
    # Cumulative: the last plan still trains 10 epochs and keeps every earlier layer.
    last = proposals[-1].plan
    assert last["epochs"] == 10
    assert [layer["config"]["units"] for layer in last["layers"][1:]] == [16, 16, 16, 8, 8, 3]
    assert all(not p.rejected for p in proposals)


def test_cnn_ladder_order() -> None:
    run = run_with("cnn", cnn_arch(size=16))
    proposals = climb(run, 4)
    assert [p.plan["mutation"] for p in proposals] == [
        "add_conv_block", "change_epochs", "add_dense_layer", "fewer_neurons"]
    assert proposals[0].description == "+Conv2D(8, 3×3, relu, same)+MaxPooling2D(2) after the last conv block"


def test_rejected_step_is_skipped_and_recorded() -> None:
    # 8×8 input after three same-padded poolings is 1×1: no more conv blocks.
    run = run_with("cnn", cnn_arch(size=8, blocks=3))
    proposal = one(LadderStrategy(), run)
    assert proposal is not None
    assert proposal.plan["mutation"] == "change_epochs"
    assert len(proposal.rejected) == 1
    name, reason = proposal.rejected[0]
    assert name == "add_conv_block" and "below 1×1" in reason


def test_functional_model_only_changes_epochs_until_the_cap() -> None:
    run = run_with("ann", {"framework": "keras", "sequential": False, "layers": [], "epochs": 100})
    proposal = one(LadderStrategy(), run)
    assert proposal is not None and proposal.description == "epochs 100→200"
    assert proposal.rejected == [("add_dense_layer", FUNCTIONAL_REASON)]
    assert "layers" not in proposal.plan
    record_trial(run, proposal)
    assert one(LadderStrategy(), run) is None, "every step rejected: nothing left to try"


def test_a_step_that_made_things_worse_is_not_built_upon() -> None:
    run = run_with("ann", ann_arch())
    worse = one(LadderStrategy(), run)
    assert worse is not None
    record_trial(run, worse, value=0.3)
    nxt = one(LadderStrategy(), run)
    assert nxt is not None and nxt.parent == 1, "trial 2 scored 0.3 < 0.5: the ladder goes on from trial 1"
    assert nxt.plan["mutation"] == "change_epochs"
    assert len(nxt.plan["layers"]) == len(ann_arch()["layers"]), "trial 2's extra layer is not kept"


def test_parent_is_the_best_completed_trial_and_failed_steps_are_not_retried() -> None:
    run = run_with("ann", ann_arch())
    first = climb(run, 1)[0]
    second = one(LadderStrategy(), run)
    assert second is not None and second.plan["mutation"] == "change_epochs"
    record_trial(run, second, status=TrialStatus.FAILED)
    timed_out = one(LadderStrategy(), run)
    assert timed_out is not None
    record_trial(run, timed_out, status=TrialStatus.TIMED_OUT)
    third = one(LadderStrategy(), run)
    assert third is not None
    assert third.parent == 2, "trial 2 is the best completed one; 3 failed and 4 timed out"
    assert first.plan["mutation"] == "add_dense_layer"
    assert timed_out.plan["mutation"] == "add_two_dense_layers"
    assert third.plan["mutation"] == "fewer_neurons"


def test_no_proposal_without_a_usable_parent() -> None:
    assert one(LadderStrategy(), run_with("ann", {})) is None
    assert one(LadderStrategy(), run_with("ann", ann_arch(), status=TrialStatus.FAILED)) is None
    assert one(LadderStrategy(), RunRecord(id="r", kind="ann")) is None


def kmeans_run(chosen: int | None, user_k: int = 3) -> RunRecord:
    votes = {"gap": chosen, "bic": chosen, "gmeans": chosen, "calinski_harabasz": 9, "wcss": chosen, "silhouette": 2}
    return RunRecord(id="r", kind="kmeans",
                     kmeans={"chosen_k": chosen, "user_k": user_k, "votes": votes, "k_searched": 15},
                     trials=[TrialRecord(number=1, status=TrialStatus.COMPLETED,
                                         architecture={"framework": "sklearn", "n_clusters": user_k})])


def test_clusters_proposes_the_estimated_k_once_naming_its_voters() -> None:
    run = kmeans_run(chosen=5)
    proposal = one(ClustersStrategy(), run)
    assert proposal == Proposal(parent=1, plan={"n_clusters": 5},
                                description="n_clusters 3→5 (chosen by gap, bic, gmeans, wcss over k=1..15)")
    run.trials.append(TrialRecord(number=2, status=TrialStatus.COMPLETED, plan=proposal.plan))
    assert one(ClustersStrategy(), run) is None


def test_clusters_proposes_nothing_when_k_matches_or_the_data_show_no_structure() -> None:
    assert one(ClustersStrategy(), kmeans_run(chosen=3, user_k=3)) is None
    assert one(ClustersStrategy(), kmeans_run(chosen=None)) is None, "no clear structure: the script's k stays"


def test_get_strategy_defaults_and_errors() -> None:
    assert type(get_strategy("ann")).__name__ == "PopulationStrategy"
    assert isinstance(get_strategy("cnn", "ladder"), LadderStrategy)
    assert isinstance(get_strategy("kmeans"), ClustersStrategy)
    with pytest.raises(UserInputError, match="unknown strategy 'bayes'") as unknown:
        get_strategy("ann", "bayes")
    assert unknown.value.exit_code == 2 and unknown.value.hint == "valid strategies for ann: adaptive, ladder, population."
    with pytest.raises(UserInputError, match="strategy 'clusters' .* can't search a cnn model"):
        get_strategy("cnn", "clusters")
    assert type(get_strategy("rnn")).__name__ == "PopulationStrategy"
    with pytest.raises(UserInputError, match="no search strategy for model kind 'gan'"):
        get_strategy("gan")


def test_tweak_stage_records_the_proposal_and_its_skipped_steps(tmp_path: Path) -> None:
    store = RunStore(tmp_path)
    run = run_with("cnn", cnn_arch(size=8, blocks=3))
    run.config = {"max_trials": 5, "strategy": "ladder"}
    store.create(run)
    trial, verdict = tweak(store, "r")
    assert verdict is None and trial is not None
    saved = store.load("r").trial(2)
    assert saved.parent == 1 and saved.mutation == "epochs 5→10"
    assert saved.plan["epochs"] == 10 and len(saved.plan["layers"]) == len(cnn_arch()["layers"]) + 4
    assert len(saved.warnings) == 1 and saved.warnings[0].startswith("skipped add_conv_block: ")
