"""The one stage declaration."""

from __future__ import annotations

import pytest

from pipeline_lib.stages import STAGE_NAMES, STAGES, stage_by_name


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
