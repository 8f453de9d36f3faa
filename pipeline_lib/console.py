"""The one console channel: every line a person reads on the console goes through :func:`say`.

Why one function instead of ``print``, ``say`` and ``echo`` callbacks: progress must reach
Jenkins' console at once (flushed), the worker's lines are relayed and masked by the trusted
process, and a caller that wants the lines elsewhere (a test, a build log) passes another
:data:`Say` where a function takes one. It sits at the bottom of the layers so the training
image's code and the orchestration share it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

__all__ = ["Say", "say"]

Say = Callable[[str], None]
"""Where a function that reports progress sends its lines (default: :func:`say`)."""


def say(text: str, *, err: bool = False) -> None:
    """Print one line (or block) for a person, flushed at once; ``err`` sends it to stderr."""
    print(text, file=sys.stderr if err else sys.stdout, flush=True)
