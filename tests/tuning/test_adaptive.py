"""The adaptive strategy on fabricated run records: diagnosis, ranking, learning, plan settings."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline_lib.store import RunRecord, TrialRecord, TrialStatus
from pipeline_lib.tuning.adaptive import CONTINUE, MIN_EPOCHS, PATIENCE, AdaptiveStrategy, diagnose
from pipeline_lib.tuning.strategies import get_strategy
from tests.tuning.test_strategies import ann_arch, cnn_arch, one, record_trial

FUNCTIONAL = {"framework": "keras", "sequential": False, "layers": [], "epochs": 5, "input_shape": [8]}


def trial(number: int = 1, arch: dict[str, Any] | None = None, value: float = 0.5,
          curve: dict[str, list[float]] | None = None, early_stop: str | None = None) -> TrialRecord:
    return TrialRecord(number=number, status=TrialStatus.COMPLETED, architecture=arch or ann_arch(),
                       value=value, metric="val_accuracy", curve=curve or {}, early_stop=early_stop)


def run_of(*trials: TrialRecord, kind: str = "ann") -> RunRecord:
    return RunRecord(id="r", kind=kind, target=0.8, trials=list(trials))


RISING = {"accuracy": [0.3, 0.4, 0.5, 0.6], "val_accuracy": [0.3, 0.4, 0.5, 0.6]}
FLAT = {"accuracy": [0.5, 0.55, 0.55, 0.55], "val_accuracy": [0.5, 0.55, 0.55, 0.55]}
OVERFIT = {"accuracy": [0.6, 0.8, 0.95, 0.99], "val_accuracy": [0.5, 0.6, 0.62, 0.62]}


@pytest.mark.parametrize(("curve", "early_stop", "expected"), [
    (RISING, None, "rising"),
    (FLAT, None, "stuck"),
    (OVERFIT, None, "overfit"),
    ({"accuracy": [0.4], "val_accuracy": [0.4]}, None, "rising"),
    (RISING, "neither val_accuracy (best 0.6) nor the loss improved for 3 epochs: pruned at epoch 7", "stuck"),
    ({**FLAT, "val_loss": [1.2, 1.0, 0.9, 0.8]}, None, "rising"),
    ({**FLAT, "val_loss": [1.2, 0.9, 0.895, 0.89]}, None, "stuck"),
])
def test_diagnosis_reads_the_curve(curve: dict[str, list[float]], early_stop: str | None, expected: str) -> None:
    found = diagnose(trial(curve=curve, early_stop=early_stop), target=0.8)
    assert found.kind == expected
    assert "trial 1" in found.reason


@pytest.mark.parametrize(("arch", "expected"), [
    ({**ann_arch(), "learning_rate": 0.05}, ("wider", "add_dense_layer")),    # a high rate already: capacity
    ({**ann_arch(), "learning_rate": 0.001}, ("jump_learning_rate",)),         # a small rate: bigger steps first
])
def test_a_plateau_gets_capacity_when_the_rate_is_already_high(arch: dict[str, Any], expected: tuple[str]) -> None:
    proposal = one(AdaptiveStrategy(), run_of(trial(arch=arch, curve=FLAT)))
    assert proposal is not None and proposal.plan["mutation"] in expected


def test_a_model_without_hidden_layers_is_given_one_before_bigger_steps() -> None:
    bare = {**ann_arch(), "learning_rate": 0.001}
    bare["layers"] = [bare["layers"][0], bare["layers"][2]]
    proposal = one(AdaptiveStrategy(), run_of(trial(arch=bare, curve=FLAT)))
    assert proposal is not None and proposal.plan["mutation"] in ("add_dense_layer", "add_two_dense_layers")


def test_a_rise_too_slow_to_reach_the_target_soon_gets_bigger_steps() -> None:
    slow = {"accuracy": [0.30, 0.31, 0.32, 0.33], "val_accuracy": [0.30, 0.31, 0.32, 0.33]}
    found = diagnose(trial(curve=slow), target=0.8)
    assert found.kind == "slow" and "about 47 more epochs" in found.reason
    parent = trial(arch={**ann_arch(), "learning_rate": 0.001}, curve=slow)
    proposal = one(AdaptiveStrategy(), run_of(parent))
    assert proposal is not None and proposal.plan["mutation"] == "jump_learning_rate"


def test_a_rising_parent_is_continued_from_its_weights_with_the_shared_settings() -> None:
    proposal = one(AdaptiveStrategy(), run_of(trial(arch=ann_arch(epochs=5), curve=RISING)))
    assert proposal is not None
    plan = proposal.plan
    assert plan["mutation"] == CONTINUE
    assert plan["layers"] == [{k: v for k, v in layer.items() if k != "build_config"}
                              for layer in ann_arch()["layers"]]
    assert plan["epochs"] == MIN_EPOCHS and plan["stop_at"] == 0.8 and plan["prune_patience"] == PATIENCE
    assert plan["warm_start"] == 1
    assert "continue training" in proposal.description and "rose" in proposal.description


def test_a_stuck_parent_gets_a_bigger_step_or_more_capacity_not_more_epochs() -> None:
    stuck = trial(arch={**ann_arch(), "learning_rate": 0.001}, curve=FLAT)
    proposal = one(AdaptiveStrategy(), run_of(stuck))
    assert proposal is not None and proposal.plan["mutation"] == "jump_learning_rate"
    record_trial(run := run_of(stuck), proposal, value=0.3)  # the jump overshot: a smaller step next
    second = one(AdaptiveStrategy(), run)
    assert second is not None and second.plan["mutation"] == "raise_learning_rate"


def test_an_overfitting_parent_is_regularised_or_shrunk() -> None:
    proposal = one(AdaptiveStrategy(), run_of(trial(curve=OVERFIT)))
    assert proposal is not None
    from pipeline_lib.tuning.mutations import MUTATIONS

    assert getattr(MUTATIONS[proposal.plan["mutation"]], "family", "") in ("regularise", "shrink")


def test_a_child_that_only_ties_its_parent_does_not_become_the_next_parent() -> None:
    run = run_of(trial(curve=FLAT))
    first = one(AdaptiveStrategy(), run)
    assert first is not None
    record_trial(run, first, value=0.5)  # the same value as trial 1
    second = one(AdaptiveStrategy(), run)
    assert second is not None and second.parent == 1


def test_a_mutation_is_not_retried_from_the_same_parent_and_bad_ones_sink() -> None:
    run = run_of(trial(curve=FLAT))
    first = one(AdaptiveStrategy(), run)
    assert first is not None
    record_trial(run, first, value=0.2)  # made things worse: trial 1 stays the best parent
    second = one(AdaptiveStrategy(), run)
    assert second is not None and second.parent == 1
    assert second.plan["mutation"] != first.plan["mutation"]
    ranked = AdaptiveStrategy().candidates(run, run.trial(1))
    assert ranked[-1][1] == first.plan["mutation"] and ranked[-1][2] == "already tried from trial 1"


def test_warm_start_chain_counts_the_epochs_behind_the_weights() -> None:
    run = run_of(trial(arch=ann_arch(epochs=5), curve=RISING))
    run.trials[0].epochs_run = 5
    first = one(AdaptiveStrategy(), run)
    assert first is not None and first.plan["epochs_before"] == 5
    record_trial(run, first, value=0.7)
    run.trials[1].epochs_run, run.trials[1].curve, run.trials[1].metric = 7, RISING, "val_accuracy"
    second = one(AdaptiveStrategy(), run)
    assert second is not None and second.parent == 2
    assert second.plan["epochs_before"] == 12


def test_functional_models_only_get_fit_level_changes_and_reasons_are_recorded() -> None:
    proposal = one(AdaptiveStrategy(), run_of(trial(arch=FUNCTIONAL, curve=FLAT)))
    assert proposal is not None
    assert "layers" not in proposal.plan
    assert any("functional model" in why for _, why in proposal.rejected)


def test_nothing_left_when_every_candidate_was_tried() -> None:
    run = run_of(trial(arch=cnn_arch(), curve=FLAT), kind="cnn")
    strategy = AdaptiveStrategy()
    names = [name for _, name, why in strategy.candidates(run, run.trial(1)) if why is None]
    for _ in names:
        proposal = one(strategy, run)
        assert proposal is not None
        record_trial(run, proposal, value=0.1)
    assert one(strategy, run) is None


def test_registered_for_keras_kinds_only() -> None:
    assert isinstance(get_strategy("cnn", "adaptive"), AdaptiveStrategy)
    with pytest.raises(Exception, match="can't search a kmeans model"):
        get_strategy("kmeans", "adaptive")
