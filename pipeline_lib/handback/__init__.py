"""The hand-back: the winning model, its config and a diff of the pushed script that reproduces it.

Why a package: finding the model in a script (:mod:`.script`), writing layer configs as
source (:mod:`.codegen`), editing text by syntax-tree positions (:mod:`.text`), rewriting
(:mod:`.rewrite`) and writing ``report/winner/`` (:mod:`.winner`) are separate concerns, each
small enough to read at once. Nothing here imports Keras or runs the user's script.

Example::

    from pipeline_lib.handback import write_handback
    info = write_handback(run, run_dir)   # report/winner/{model.keras,config.json,script.diff}
"""

from __future__ import annotations

from pipeline_lib.handback.rewrite import Rewrite, rewrite_script, trained_layers
from pipeline_lib.handback.script import ScriptNotMappable, locate
from pipeline_lib.handback.text import unified_diff
from pipeline_lib.handback.winner import (
    ALREADY_BEST,
    WINNER_DIR,
    console_lines,
    load_handback,
    markdown_lines,
    write_handback,
)

__all__ = [
    "ALREADY_BEST",
    "WINNER_DIR",
    "Rewrite",
    "ScriptNotMappable",
    "console_lines",
    "load_handback",
    "locate",
    "markdown_lines",
    "rewrite_script",
    "trained_layers",
    "unified_diff",
    "write_handback",
]
