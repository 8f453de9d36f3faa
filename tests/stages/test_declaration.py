"""The one stage declaration."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipeline_lib.stages import STAGE_NAMES, STAGES, StageRequest, stage_by_name


def test_six_stages_in_order_with_their_jobs() -> None:
    assert STAGE_NAMES == ("fetch", "detect", "train", "tweak", "retrain", "monitor")
    assert [s.job for s in STAGES] == [f"job{i}" for i in range(1, 7)]
    assert [s.number for s in STAGES] == list(range(1, 7))
    assert {s.name for s in STAGES if s.image == "train"} == {"train", "retrain", "monitor"}


def test_stage_lookup_and_command() -> None:
    assert stage_by_name("tweak").command == "mlops stage tweak"
    with pytest.raises(KeyError, match="valid stages: fetch"):
        stage_by_name("deploy")


def test_cli_accepts_exactly_the_declared_stages() -> None:
    from pipeline_lib.cli import build_parser

    parser = build_parser()
    for name in STAGE_NAMES:
        assert parser.parse_args(["stage", name]).name == name
    with pytest.raises(SystemExit):
        parser.parse_args(["stage", "deploy"])


def test_every_declared_stage_carries_the_handler_the_cli_runs(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    from pipeline_lib import cli
    from pipeline_lib.stages import declaration

    assert all(s.handler is not None and s.handler.__module__ == "pipeline_lib.stages.commands" for s in STAGES)
    assert len({s.handler for s in STAGES}) == len(STAGES), "one handler per stage"
    seen: list[StageRequest] = []

    def record(request: StageRequest) -> int:
        seen.append(request)
        return 7

    swapped = tuple(replace(s, handler=record) if s.name == "retrain" else s for s in STAGES)
    monkeypatch.setattr(declaration, "STAGES", swapped)
    status = cli.main(["stage", "retrain", "--run-id", "r9", "--no-notify", "--runs-dir", str(tmp_path)])
    assert status == 7 and len(seen) == 1
    assert (seen[0].run_id, seen[0].notify, seen[0].watch, seen[0].store.root) == ("r9", False, False, tmp_path)
    assert seen[0].existing_run() == "r9"
