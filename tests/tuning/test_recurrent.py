"""The rnn kind's mutations on real tiny Keras recurrent models: check, apply, rebuild and train.

Every plan is rebuilt with ``Sequential.from_config`` and trained one epoch, because what matters
is that Keras accepts the edited stack (``return_sequences`` right on every layer, both
directions of a ``Bidirectional`` changed together, no stale input shape pinned inside a wrapper).
The population strategy is checked on the runtime's own records of such models.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest

from pipeline_lib.store import RunRecord, TrialRecord, TrialStatus
from pipeline_lib.tuning.architecture import Architecture, recurrent_configs
from pipeline_lib.tuning.big_steps import FLOOR_UNITS, WidenToFloor
from pipeline_lib.tuning.mutations import MUTATIONS, FewerNeurons
from pipeline_lib.tuning.population import PopulationStrategy, compose
from pipeline_lib.tuning.recurrent import (
    MAX_RECURRENT_LAYERS,
    AddRecurrentDropout,
    AddRecurrentLayer,
    MoreUnits,
    RemoveRecurrentLayer,
)
from pipeline_lib.tuning.strategies import LadderStrategy, get_strategy
from tests.tuning.conftest import rebuild_and_train, record, rnn


def stack(model: Any) -> list[tuple[str, int, bool]]:
    """``(class, units, return_sequences)`` of each recurrent layer (the wrapped layer of a Bidirectional)."""
    found = []
    for layer in model.layers:
        inner = getattr(layer, "forward_layer", layer)
        if hasattr(inner, "return_sequences"):
            found.append((type(layer).__name__, int(inner.units), bool(inner.return_sequences)))
    return found


def test_rnn_declares_the_recurrent_and_fit_level_mutations_only() -> None:
    declared = {name for name, cls in MUTATIONS.items() if "rnn" in cls.kinds}
    assert {"add_recurrent_layer", "remove_recurrent_layer", "more_units", "add_recurrent_dropout",
            "widen_to_floor", "fewer_neurons", "change_epochs", "raise_learning_rate", "lower_learning_rate",
            "jump_learning_rate", "sane_learning_rate", "bold_learning_rate", "smaller_batch_size",
            "larger_batch_size"} == declared
    assert not {"add_conv_block", "more_filters", "add_batch_norm", "wider", "add_dense_layer"} & declared
    assert all(cls.kinds == ("rnn",) for cls in (AddRecurrentLayer, RemoveRecurrentLayer, MoreUnits,
                                                  AddRecurrentDropout))
    assert type(get_strategy("rnn")).__name__ == "PopulationStrategy"


def test_the_view_finds_bare_and_wrapped_recurrent_layers(keras: ModuleType) -> None:
    view = Architecture(record(rnn(keras, cells=("LSTM", "GRU"), bidirectional=True, head=16)))
    assert view.recurrent_indexes == [1, 2]
    assert [view.recurrent_label(i) for i in view.recurrent_indexes] == ["Bidirectional(LSTM)", "Bidirectional(GRU)"]
    assert view.size_at(1, "units") == 8
    assert view.hidden_dense_indexes == [3], "the Dense after the recurrent stack is hidden, the last the output"
    assert all(len(recurrent_configs(view.layers[i])) == 2 for i in view.recurrent_indexes), "forward and backward"


def test_add_recurrent_layer_stacks_a_copy_and_the_layer_under_it_returns_sequences(keras: ModuleType) -> None:
    model = rnn(keras, cells=("LSTM",), units=8)
    result = AddRecurrentLayer().apply(record(model))
    assert result.description == "+LSTM(8) on top of rec0 (rec0 now returns sequences)"
    new = rebuild_and_train(model, result.plan)
    assert stack(new) == [("LSTM", 8, True), ("LSTM", 8, False)]
    assert new.layers[1].name == "mlops_lstm_1" and new.output_shape == model.output_shape


def test_add_recurrent_layer_keeps_a_sequence_output_for_the_layers_after_the_stack(keras: ModuleType) -> None:
    model = rnn(keras, cells=("GRU",), last_sequences=True)
    new = rebuild_and_train(model, AddRecurrentLayer().apply(record(model)).plan)
    assert stack(new) == [("GRU", 8, True), ("GRU", 8, True)]
    assert [type(layer).__name__ for layer in new.layers][-2:] == ["GlobalAveragePooling1D", "Dense"]


def test_add_recurrent_layer_copies_a_bidirectional_with_fresh_names_in_both_directions(keras: ModuleType) -> None:
    model = rnn(keras, cells=("LSTM",), bidirectional=True)
    result = AddRecurrentLayer().apply(record(model))
    assert result.description.startswith("+Bidirectional(LSTM)(8) on top of bi0 (bi0 now")
    new = rebuild_and_train(model, result.plan)
    assert stack(new) == [("Bidirectional", 8, True), ("Bidirectional", 8, False)]
    added = new.layers[1]
    assert added.name == "mlops_bidirectional_lstm_1"
    assert (added.forward_layer.name, added.backward_layer.name) == \
        ("forward_mlops_bidirectional_lstm_1", "backward_mlops_bidirectional_lstm_1")
    assert new.layers[0].backward_layer.return_sequences, "both directions of the layer under it changed"


def test_add_recurrent_layer_is_capped_and_needs_a_recurrent_layer(keras: ModuleType) -> None:
    deep = record(rnn(keras, cells=("SimpleRNN",) * MAX_RECURRENT_LAYERS))
    assert AddRecurrentLayer().check(deep) == "the stack already has 4 recurrent layers (the cap is 4)"
    dense = record(keras.Sequential([keras.Input((4,)), keras.layers.Dense(3)]))
    for mutation in (AddRecurrentLayer(), RemoveRecurrentLayer(), MoreUnits(), AddRecurrentDropout()):
        assert "no LSTM/GRU/SimpleRNN layer" in (mutation.check(dense) or ""), mutation.name


def test_remove_recurrent_layer_hands_its_output_to_the_layer_under_it(keras: ModuleType) -> None:
    model = keras.Sequential([keras.Input((6, 2)), keras.layers.LSTM(8, return_sequences=True),
                              keras.layers.Dropout(0.3, name="drop0"), keras.layers.GRU(4, name="gru"),
                              keras.layers.Dropout(0.1), keras.layers.Dense(3, activation="softmax")])
    result = RemoveRecurrentLayer().apply(record(model))
    assert result.description == "-GRU(4) on top of the stack (removed drop0, gru)"
    new = rebuild_and_train(model, result.plan)
    assert stack(new) == [("LSTM", 8, False)]
    assert [type(layer).__name__ for layer in new.layers] == ["LSTM", "Dropout", "Dense"]
    assert RemoveRecurrentLayer().check(record(new)) == \
        "only one recurrent layer: removing it would leave no recurrent stack"


def test_more_units_doubles_both_directions_and_a_wrapper_after_an_edit_still_builds(keras: ModuleType) -> None:
    """The widened first layer hands 2× the features to the second wrapper: its recorded inner
    build_config would pin the old width, so the plan must not carry it."""
    model = rnn(keras, cells=("LSTM", "GRU"), units=8, bidirectional=True)
    result = MoreUnits().apply(record(model))
    assert result.description == "neurons doubled: Bidirectional(LSTM) 8→16; neurons doubled: Bidirectional(GRU) 8→16"
    new = rebuild_and_train(model, result.plan)
    assert stack(new) == [("Bidirectional", 16, True), ("Bidirectional", 16, False)]
    assert all(layer.backward_layer.units == 16 for layer in new.layers[:2])
    assert "build_config" not in str(result.plan["layers"][1:])
    capped = record(rnn(keras, units=MoreUnits.cap))
    assert MoreUnits().check(capped) == "every recurrent layer already has the cap of 256 units"


def test_widen_to_floor_and_fewer_neurons_size_the_recurrent_layers(keras: ModuleType) -> None:
    model = rnn(keras, cells=("GRU", "LSTM"), units=4, head=8)
    widened = WidenToFloor().apply(record(model))
    assert widened.description == ("neurons raised to the floor of 32: GRU 4→32; neurons raised to the floor of 32: "
                                   "LSTM 4→32; neurons raised to the floor of 32: Dense 8→32")
    new = rebuild_and_train(model, widened.plan)
    assert stack(new) == [("GRU", FLOOR_UNITS, True), ("LSTM", FLOOR_UNITS, False)]
    halved = rebuild_and_train(new, FewerNeurons().apply(record(new)).plan)
    assert stack(halved) == [("GRU", 16, True), ("LSTM", 16, False)]


def test_add_recurrent_dropout_sets_both_rates_once(keras: ModuleType) -> None:
    model = rnn(keras, cells=("LSTM", "LSTM"), bidirectional=True)
    result = AddRecurrentDropout().apply(record(model))
    assert result.description == "dropout and recurrent_dropout 0.2 in bi0, bi1"
    new = rebuild_and_train(model, result.plan)
    for layer in new.layers[:2]:
        for inner in (layer.forward_layer, layer.backward_layer):
            assert (inner.dropout, inner.recurrent_dropout) == (0.2, 0.2)
    assert AddRecurrentDropout().check(record(new)) == \
        "every recurrent layer already has dropout or recurrent_dropout"


# --- strategies on rnn records -----------------------------------------------------------------


def trial(arch: dict[str, Any], number: int = 1, value: float = 0.4, overfit: bool = False,
          parent: int | None = None, generation: int = 0) -> TrialRecord:
    train = [value + (0.3 if overfit else 0.0)] * 3
    return TrialRecord(number=number, status=TrialStatus.COMPLETED, architecture=arch, value=value, parent=parent,
                       metric="val_accuracy", epochs_run=3, fit_seconds=0.3, seconds=0.3,
                       plan={"generation": generation} if generation else {},
                       curve={"val_accuracy": [value] * 3, "accuracy": train, "loss": [1.0] * 3,
                              "epoch_seconds": [0.5, 0.1, 0.1]})


def rnn_run(*trials: TrialRecord) -> RunRecord:
    return RunRecord(id="r", kind="rnn", target=0.8, trials=list(trials),
                     config={"time_budget": 600.0, "strategy": "population"})


@pytest.fixture()
def starved_rnn(keras: ModuleType) -> dict[str, Any]:
    """A 2-unit LSTM with a conv front end (an rnn by detect's rule), trained with SGD at 1e-4."""
    model = keras.Sequential([keras.Input((6, 2)), keras.layers.Conv1D(4, 3), keras.layers.LSTM(2),
                              keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=1e-4), loss="sparse_categorical_crossentropy")
    return record(model, epochs=3)


def test_screening_an_rnn_raises_the_rate_widens_the_stack_and_deepens_it(starved_rnn: dict[str, Any]) -> None:
    batch = PopulationStrategy().propose(rnn_run(trial(starved_rnn)))
    mutations = [p.plan["mutation"] for p in batch]
    assert mutations[0] == "sane_learning_rate+widen_to_floor"
    assert "sane_learning_rate+widen_to_floor+add_recurrent_layer" in mutations
    first = Architecture({"sequential": True, "layers": batch[0].plan["layers"]})
    assert [first.size_at(i, "units") for i in first.recurrent_indexes] == [FLOOR_UNITS]
    assert [first.size_at(i, "filters") for i in first.conv_indexes] == [FLOOR_UNITS // 2], \
        "widen_to_floor also lifts the conv front end"
    assert not any("conv_block" in m or "dense_layer" in m or "more_filters" in m for m in mutations)


def test_an_overfitting_rnn_is_screened_with_recurrent_dropout(keras: ModuleType) -> None:
    arch = record(rnn(keras, units=64), epochs=3)
    batch = PopulationStrategy().propose(rnn_run(trial(arch, overfit=True)))
    assert "sane_learning_rate+add_recurrent_dropout" in [p.plan["mutation"] for p in batch] or \
        "add_recurrent_dropout" in [p.plan["mutation"] for p in batch]


def test_explore_offers_an_rnn_only_its_own_mutations(keras: ModuleType) -> None:
    arch = record(rnn(keras, units=16, head=16), epochs=3)
    run = rnn_run(trial(arch), trial(arch, number=2, value=0.6, parent=1, generation=1))
    run.trials[1].early_stop = "pruned"
    explored = [p.plan["mutation"] for p in PopulationStrategy().propose(run)]
    assert explored and set(explored) <= {"raise_learning_rate", "lower_learning_rate", "more_units",
                                          "add_recurrent_layer", "smaller_batch_size"}, explored
    assert "more_units" in explored and "add_recurrent_layer" in explored
    refused = compose(arch, ("wider",), "rnn")
    assert refused is None
    assert compose(arch, ("wider",), "ann") is not None, "the same step applies to an ann"


def test_the_ladder_climbs_the_recurrent_steps(keras: ModuleType) -> None:
    arch = record(rnn(keras, units=8), epochs=3)
    proposal = LadderStrategy().propose(rnn_run(trial(arch)))
    assert [p.plan["mutation"] for p in proposal] == ["add_recurrent_layer"]
