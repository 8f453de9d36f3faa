"""Answer ``input()`` prompts from configuration, never wait on a terminal.

Real training scripts ask for hyper-parameters (``epochs = int(input("Epochs: "))``). In a
pipeline nobody is at the keyboard, so a prompt either gets its configured answer or fails
at once with the prompt's text and location, instead of hanging until a timeout.
"""

from __future__ import annotations

import builtins
import fnmatch
import sys
import traceback
from collections.abc import Callable, Mapping

from pipeline_lib.errors import UserInputError
from pipeline_lib.runtime.context import UnansweredPrompt, current

__all__ = ["install_input_hook", "match_answer", "parse_answers"]


def parse_answers(items: list[str]) -> dict[str, str]:
    """Parse ``PROMPT=VALUE`` strings (from ``--answer``); the last ``=`` is not special.

    Raises:
        UserInputError: naming the malformed item.
    """
    answers: dict[str, str] = {}
    for item in items:
        prompt, sep, value = item.partition("=")
        if not sep or not prompt.strip():
            raise UserInputError(
                f"--answer {item!r}: expected PROMPT=VALUE",
                hint="e.g. --answer 'Epochs=5' (PROMPT may be part of the prompt text or a glob).",
            )
        answers[prompt.strip()] = value
    return answers


def match_answer(prompt: str, answers: Mapping[str, str]) -> str | None:
    """Find the answer for ``prompt``.

    Keys are tried in order of preference: exact text (ignoring surrounding blanks and a
    trailing colon), glob pattern, then case-insensitive substring — so ``Epochs`` answers
    ``"Enter number of epochs: "``.
    """
    text = prompt.strip().rstrip(":").strip()
    for key, value in answers.items():
        if key.strip().rstrip(":").strip() == text:
            return value
    for key, value in answers.items():
        if any(c in key for c in "*?[") and fnmatch.fnmatch(prompt.strip(), key):
            return value
    lowered = prompt.lower()
    for key, value in answers.items():
        if key.strip().lower() in lowered:
            return value
    return None


def _caller_location() -> str:
    """``file:line`` of the user code that called input() (the innermost frame not ours)."""
    for frame in reversed(traceback.extract_stack()[:-2]):
        if "pipeline_lib" not in frame.filename:
            return f"{frame.filename}:{frame.lineno}"
    return "<unknown>"


def _answering_input(prompt: object = "") -> str:
    ctx = current()
    answers = ctx.answers if ctx else {}
    text = str(prompt)
    value = match_answer(text, answers)
    if value is None:
        raise UnansweredPrompt(
            f"{_caller_location()}: the script asks input({text!r}) and no answer is configured",
            hint=f"run again with --answer '{text.strip().rstrip(':').strip()}=VALUE'.",
        )
    sys.stdout.write(f"{text}{value}  [answered by mlops]\n")
    return value


def install_input_hook() -> Callable[..., str]:
    """Replace ``builtins.input``; returns the original so tests can restore it."""
    original = builtins.input
    builtins.input = _answering_input
    return original
