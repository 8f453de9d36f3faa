"""The population strategy and the batch runner contract, on architecture records (fast, no training).

The records are the runtime's own (``describe_model`` of real tiny Keras models) wherever the
shape of a record matters; the trial outcomes (values, curves, seconds) are written by hand,
because what is under test is the decision made from them. Training end to end is in
``test_population_e2e.py``.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pipeline_lib.loop import budget_verdict, seconds_spent, tweak
from pipeline_lib.store import RunRecord, RunStatus, RunStore, TrialRecord, TrialStatus
from pipeline_lib.tuning.big_steps import FLOOR_UNITS, sane_rate
from pipeline_lib.tuning.population import (
    MAX_EPOCHS,
    MIN_EPOCHS,
    PopulationStrategy,
    epochs_to_target,
    seconds_per_epoch,
)
from tests.tuning.conftest import ann, record


def compiled(model: Any, optimizer: Any) -> Any:
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def baseline(arch: dict[str, Any], value: float = 0.5, epoch_seconds: tuple[float, ...] = (0.6, 0.05, 0.05),
             **curve: list[float]) -> TrialRecord:
    n = len(epoch_seconds)
    return TrialRecord(number=1, status=TrialStatus.COMPLETED, architecture=arch, value=value,
                       metric="val_accuracy", epochs_run=n, fit_seconds=sum(epoch_seconds), seconds=sum(epoch_seconds),
                       curve={"val_accuracy": [value] * n, "accuracy": [value] * n, "loss": [1.0] * n,
                              "epoch_seconds": list(epoch_seconds), **curve})


def run_of(*trials: TrialRecord, budget: float = 600.0, target: float = 0.8) -> RunRecord:
    return RunRecord(id="r", kind="ann", target=target, trials=list(trials),
                     config={"time_budget": budget, "strategy": "population"})


@pytest.fixture()
def starved(keras: ModuleType) -> dict[str, Any]:
    """A 2-unit hidden layer trained with SGD at 1e-4: starved and crawling."""
    return record(compiled(ann(keras, hidden=(2,)), keras.optimizers.SGD(learning_rate=1e-4)), epochs=3)


def test_screening_population_is_diverse_big_steps_with_the_likeliest_fix_first(starved: dict[str, Any]) -> None:
    batch = PopulationStrategy().propose(run_of(baseline(starved)))
    assert len(batch) >= 5, [p.description for p in batch]
    first = batch[0]
    assert first.plan["learning_rate"] == sane_rate("SGD") == 0.05
    units = [layer["config"]["units"] for layer in first.plan["layers"] if layer["class_name"] == "Dense"]
    assert units == [FLOOR_UNITS, 3], "the starved layer jumps to the floor in one step, not ×2"
    plans = [{k: v for k, v in p.plan.items() if k != "mutation"} for p in batch]
    assert all(plans.count(p) == 1 for p in plans), "no candidate is screened twice"
    rates = {p.plan.get("learning_rate") for p in batch}
    assert {0.05, 0.5} <= rates, "the usual rate and ten times it are both screened"
    assert all(p.plan["generation"] == 1 and p.parent == 1 and p.plan["stop_at"] == 0.8 for p in batch)
    warm = [p for p in batch if "warm_start" in p.plan]
    assert [p.plan["mutation"] for p in warm] == ["continue_training"], "only the baseline's own net keeps its weights"
    for proposal in batch:  # every candidate says what changes, its allowance and why it is there
        text = proposal.description
        assert text.startswith("generation 1: ") and "up to" in text and "screening" in text, text


def test_epoch_allowance_comes_from_the_measured_seconds_per_epoch(starved: dict[str, Any]) -> None:
    """Cheap epochs are never rationed: 1/10 of the budget at the measured pace (first epoch excluded)."""
    trial = baseline(starved, epoch_seconds=(0.9, 0.07, 0.06, 0.0625))
    assert seconds_per_epoch(trial) == 0.0625, "the median after the first epoch, as a power of two (2^-4)"
    assert PopulationStrategy().propose(run_of(trial, budget=40))[0].plan["epochs"] == 64   # 4 s / 0.0625 s
    assert PopulationStrategy().propose(run_of(trial, budget=600))[0].plan["epochs"] == MAX_EPOCHS
    slow = baseline(starved, epoch_seconds=(4.0, 3.0))
    assert PopulationStrategy().propose(run_of(slow, budget=600))[0].plan["epochs"] == 15    # 60 s / 4 s
    assert PopulationStrategy().propose(run_of(slow, budget=60))[0].plan["epochs"] == MIN_EPOCHS


def test_functional_models_get_only_fit_level_candidates(keras: ModuleType) -> None:
    inputs = keras.Input((8,))
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(keras.layers.Dense(2)(inputs)))
    arch = record(compiled(model, keras.optimizers.Adam(learning_rate=5.0)), epochs=2)
    batch = PopulationStrategy().propose(run_of(baseline(arch)))
    assert batch and all("layers" not in p.plan for p in batch)
    assert batch[0].plan["learning_rate"] == 1e-3, "a rate far too high is brought back to Adam's usual one"
    assert any("functional model" in why for p in batch for _, why in p.rejected)


def generation_one(starved: dict[str, Any], values: list[float], pruned: int | None = None) -> RunRecord:
    """A run whose screened generation finished with ``values`` (trial 2, 3, ...), one of them pruned."""
    run = run_of(baseline(starved))
    for number, (proposal, value) in enumerate(zip(PopulationStrategy().propose(run), values, strict=False), 2):
        rising = [value - 0.04, value - 0.02, value]
        run.trials.append(TrialRecord(
            number=number, parent=1, status=TrialStatus.COMPLETED, plan=proposal.plan, mutation=proposal.description,
            architecture={**starved, **{k: proposal.plan[k] for k in ("layers", "epochs") if k in proposal.plan}},
            value=value, metric="val_accuracy", epochs_run=proposal.plan["epochs"], fit_seconds=1.0, seconds=1.0,
            curve={"val_accuracy": rising, "loss": [0.9, 0.8, 0.7]},
            early_stop="neither ... improved for 5 epochs: pruned at epoch 9" if number == pruned else None))
    return run


def test_promotion_keeps_the_best_third_warm_and_explores_the_best(starved: dict[str, Any]) -> None:
    run = generation_one(starved, [0.70, 0.55, 0.76, 0.60, 0.50, 0.52], pruned=4)
    batch = PopulationStrategy().propose(run)
    promoted = [p for p in batch if "promoted" in p.description]
    # best third of 6 = trials 4 (0.76, pruned: a plateau is not continued) and 2 (0.70)
    assert [p.parent for p in promoted] == [2]
    (child,) = promoted
    assert child.plan["warm_start"] == 2 and child.plan["epochs"] >= 3 * run.trial(2).plan["epochs"] or \
        child.plan["epochs"] == MAX_EPOCHS
    assert "rank 2 of 6 in generation 1" in child.description and "more epochs at its recent pace" in child.description
    explored = [p for p in batch if "explore trial" in p.description]
    assert explored and all(p.parent == 4 and p.plan["warm_start"] == 4 for p in explored), \
        "PBT: the best trial (even a pruned one) is exploited with one more change"
    assert all(p.plan["generation"] == 2 for p in batch)


def test_learning_curve_extrapolation() -> None:
    trial = TrialRecord(number=2, metric="val_accuracy", curve={"val_accuracy": [0.5, 0.55, 0.6, 0.65, 0.7]})
    assert epochs_to_target(trial, 0.8) == pytest.approx(2.0)
    flat = TrialRecord(number=2, metric="val_accuracy", curve={"val_accuracy": [0.5, 0.5, 0.5]})
    assert epochs_to_target(flat, 0.8) == float("inf")
    assert epochs_to_target(trial, 0.7) == 0.0


# --- the runner: batches, verdicts between candidates, the budget in seconds -------------------------


def stored_run(tmp_path: Path, starved: dict[str, Any], **config: Any) -> tuple[RunStore, str]:
    store = RunStore(tmp_path / "runs")
    run = run_of(baseline(starved))
    run.config.update(config)
    store.create(run)
    return store, run.id


def finish(store: RunStore, run_id: str, number: int, value: float, seconds: float) -> None:
    with store.update(run_id) as record:
        trial = record.trial(number)
        trial.status, trial.value, trial.seconds, trial.metric = TrialStatus.COMPLETED, value, seconds, "val_accuracy"


def test_tweak_records_a_whole_batch_and_a_target_hit_drops_the_rest(tmp_path: Path, starved: dict[str, Any]) -> None:
    store, run_id = stored_run(tmp_path, starved)
    first, verdict = tweak(store, run_id)
    run = store.load(run_id)
    assert verdict is None and first is not None and first.number == 2
    queued = [t.number for t in run.trials if t.status is TrialStatus.PENDING]
    assert len(queued) >= 5 and queued[0] == 2
    assert tweak(store, run_id)[0].number == 2, "idempotent: the pending batch is not proposed again"
    finish(store, run_id, 2, 0.6, 1.0)
    assert tweak(store, run_id)[0].number == 3, "the next candidate of the batch, not a new batch"
    finish(store, run_id, 3, 0.85, 1.0)
    trial, verdict = tweak(store, run_id)
    run = store.load(run_id)
    assert trial is None and verdict is not None and run.status is RunStatus.TARGET_MET
    assert [t.number for t in run.trials] == [1, 2, 3], "candidates that never started are dropped"
    assert f"{len(queued) - 2} queued candidate(s) not run" in str(run.verdict)


def test_the_budget_is_training_seconds_and_max_trials_only_caps(tmp_path: Path, starved: dict[str, Any]) -> None:
    store, run_id = stored_run(tmp_path, starved, time_budget=10.0, max_trials=None)
    tweak(store, run_id)
    finish(store, run_id, 2, 0.5, 8.0)  # baseline 0.7 s + 8 s: under 10 s, the batch goes on
    assert seconds_spent(store.load(run_id)) == pytest.approx(8.7)
    assert tweak(store, run_id)[0].number == 3
    finish(store, run_id, 3, 0.5, 1.5)
    trial, verdict = tweak(store, run_id)
    assert trial is None and verdict is not None and verdict.status is RunStatus.BUDGET_SPENT
    assert "10s of 10s training time" in verdict.reason
    capped = run_of(baseline({}))
    capped.config.update(max_trials=3)
    capped.trials += [TrialRecord(number=2, status=TrialStatus.COMPLETED), TrialRecord(number=3)]
    assert budget_verdict(capped) is None, "a pending trial does not count against the cap"
    capped.trials[-1].status = TrialStatus.COMPLETED
    assert "3 of 3 trials" in budget_verdict(capped).reason


def test_max_trials_truncates_a_batch(tmp_path: Path, starved: dict[str, Any]) -> None:
    store, run_id = stored_run(tmp_path, starved, max_trials=3)
    tweak(store, run_id)
    assert [t.number for t in store.load(run_id).trials] == [1, 2, 3]


@pytest.mark.parametrize("flag", ["--time-budget", "--max-trials"])
def test_a_budget_of_zero_is_bad_input_naming_the_setting(tmp_path: Path, flag: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline_lib.cli import main

    script = tmp_path / "s.py"
    script.write_text("print('never run')\n")
    assert main(["run", str(script), flag, "0", "--runs-dir", str(tmp_path / "runs")]) == 2
    err = capsys.readouterr().err
    assert f"{flag} 0 (setting '{flag[2:].replace('-', '_')}'): must be above 0" in err
    assert not (tmp_path / "runs").exists(), "nothing was started"
