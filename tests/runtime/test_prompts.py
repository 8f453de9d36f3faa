"""Answering input() prompts from configuration."""

from __future__ import annotations

import pytest

from pipeline_lib.errors import UserInputError
from pipeline_lib.runtime.prompts import match_answer, parse_answers


@pytest.mark.parametrize(("prompt", "answers", "expected"), [
    ("Number of epochs: ", {"Number of epochs": "5"}, "5"),
    ("Number of epochs: ", {"epochs": "7"}, "7"),
    ("Enter learning rate> ", {"Enter*rate*": "0.1"}, "0.1"),
    ("Batch size? ", {"epochs": "3"}, None),
    ("Epochs: ", {"epochs": "2", "Epochs": "9"}, "9"),
])
def test_match_answer(prompt: str, answers: dict[str, str], expected: str | None) -> None:
    assert match_answer(prompt, answers) == expected


def test_parse_answers_keeps_equals_in_values() -> None:
    assert parse_answers(["Epochs=5", "expr=a=b"]) == {"Epochs": "5", "expr": "a=b"}


def test_parse_answers_rejects_missing_separator() -> None:
    with pytest.raises(UserInputError, match="PROMPT=VALUE"):
        parse_answers(["epochs"])
