"""Text edits on a script by syntax-tree positions, and the unified diff of the result.

Why edits instead of ``ast.unparse``: unparsing regenerates the whole file and loses the
user's comments, blank lines, quotes and line breaks. An edit replaces exactly the characters
of one node (or inserts at one position), so every line the winner does not change stays
byte-for-byte as pushed — which is what makes the diff small enough to review.
"""

from __future__ import annotations

import ast
import difflib
import io
from dataclasses import dataclass

__all__ = ["Edit", "SourceText", "apply_edits", "split_lines", "unified_diff"]


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split exactly where Python's tokenizer splits them."""
    return io.StringIO(text, newline="").readlines()


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``new`` (``start == end`` inserts)."""

    start: int
    end: int
    new: str


class SourceText:
    """Offsets into a script from the ``lineno``/``col_offset`` pairs of its syntax tree.

    Why a class: ``col_offset`` counts UTF-8 bytes, not characters, so a line holding an
    accented comment or string before the node needs converting.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        self.newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"

    def line(self, lineno: int) -> str:
        """Line ``lineno`` (1-based) without its ending."""
        return self.lines[lineno - 1].rstrip("\r\n") if lineno <= len(self.lines) else ""

    def offset(self, lineno: int, col: int) -> int:
        """Character offset of byte column ``col`` on line ``lineno``."""
        raw = self.line(lineno).encode("utf-8")[:col]
        return self.starts[lineno - 1] + len(raw.decode("utf-8", errors="ignore"))

    def line_start(self, lineno: int) -> int:
        """Offset where line ``lineno`` starts (the end of the text past the last line)."""
        return self.starts[min(lineno - 1, len(self.lines))]

    def start(self, node: ast.AST) -> int:
        return self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def before(self, node: ast.AST) -> str:
        """The text on the node's first line before it."""
        return self.text[self.line_start(node.lineno):self.start(node)]  # type: ignore[attr-defined]

    def after(self, node: ast.AST) -> str:
        """The text on the node's last line after it (without the line ending)."""
        following = self.line_start(node.end_lineno + 1)  # type: ignore[attr-defined]
        return self.text[self.end(node):following].rstrip("\r\n")

    def indent(self, node: ast.AST) -> str:
        """Indentation for a new line aligned with ``node`` (spaces when code precedes it)."""
        prefix = self.before(node)
        return prefix if not prefix.strip() else " " * len(prefix)

    def after_line(self, node: ast.AST) -> tuple[int, str]:
        """Where a new line goes after the node's last line, and the break it needs first."""
        lineno = node.end_lineno  # type: ignore[attr-defined]
        if lineno < len(self.lines) or self.lines[-1].endswith(("\n", "\r")):
            return self.line_start(lineno + 1), ""
        return len(self.text), self.newline


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits; insertions at one offset keep the order they were made in."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[0]))
    for _, edit in reversed(ordered):
        text = text[:edit.start] + edit.new + text[edit.end:]
    return text


def unified_diff(before: str, after: str, path: str) -> str:
    """``diff -u`` of two versions of ``path`` (``a/path`` → ``b/path``), as ``git apply`` reads it."""
    out = []
    for line in difflib.unified_diff(split_lines(before), split_lines(after), f"a/{path}", f"b/{path}"):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
