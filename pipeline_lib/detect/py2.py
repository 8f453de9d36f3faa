"""Rewrite Python 2 statements into Python 3 syntax, one line at a time, for analysis only.

Old Keras tutorials (2016-2018) are still copied everywhere and often carry ``print x`` or
``except Exception, e``. The model in them is as clear as in any other script, so the
detector rewrites just enough to parse them; the report still tells the user to fix them.
"""

from __future__ import annotations

import io
import re
import tokenize

__all__ = ["rewrite_print", "rewrite_py2_line"]

_MAX_STATEMENT_LINES = 50

_PY2_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\s*except\s+)(.+?)\s*,\s*([A-Za-z_]\w*)\s*:"), r"\1\2 as \3:"),
    (re.compile(r"^(\s*raise\s+[\w.]+)\s*,\s*(.+?)\s*$"), r"\1(\2)"),
    (re.compile(r"<>"), "!="),
    (re.compile(r"`([^`\n]+)`"), r"repr(\1)"),
    (re.compile(r"(?<![\w.])0+([0-7]+)\b(?![.eEjJ])"), r"0o\1"),
    (re.compile(r"(?<![\w.])(\d+)[lL]\b"), r"\1"),
)


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    """Tokens of ``text`` up to the first tokenizer error (Python 2 code tokenizes fine)."""
    out: list[tokenize.TokenInfo] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            out.append(token)
    except (tokenize.TokenError, SyntaxError):
        pass
    return out


def _statement_end(lines: list[str], index: int) -> tuple[int, int | None]:
    """Last line of the statement starting at ``lines[index]``, and a comment column on it."""
    for end in range(index, min(index + _MAX_STATEMENT_LINES, len(lines))):
        text = "\n".join(lines[index:end + 1]) + "\n"
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
        except (tokenize.TokenError, SyntaxError):
            continue
        row = end - index + 1
        comment = next((t.start[1] for t in tokens
                        if t.type == tokenize.COMMENT and t.start[0] == row), None)
        return end, comment
    return index, None


def rewrite_print(lines: list[str], index: int) -> bool:
    """Turn the ``print x`` / ``exec code`` statement at ``lines[index]`` into a call, in place.

    ``print >>f, x`` drops the stream and a trailing comma is removed; a statement continued
    over several lines gets its closing parenthesis on its last line.

    Returns:
        True if a statement was rewritten.
    """
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    tokens = _tokens(line + "\n")
    keyword = None
    for current, following in zip(tokens, tokens[1:], strict=False):
        if current.type == tokenize.NAME and current.string in ("print", "exec") \
                and following.string not in ("(", "=", ".", "[", ")", ","):
            keyword = current
            break
    if keyword is None:
        return False
    start, after = keyword.start[1], keyword.end[1]
    end, comment = _statement_end(lines, index)
    last = lines[end]
    cut = comment if comment is not None else len(last)
    code_end = len(last[:cut].rstrip())
    tail = last[code_end:]  # the blanks before a comment, and the comment
    body = line[after:code_end] if end == index else line[after:]
    body = re.sub(r"^\s*>>\s*[^,]+,?\s*", "", body).strip()
    if end == index:
        lines[index] = f"{line[:start]}{keyword.string}({body.rstrip(',').rstrip()}){tail}"
    else:
        lines[index] = f"{line[:start]}{keyword.string}({body}"
        lines[end] = last[:code_end].rstrip(",") + ")" + tail
    return True


def rewrite_py2_line(line: str) -> str:
    """``line`` with Python 2 forms (``except X, e``, ``<>``, backticks, ``0777``, ``10L``,
    ``raise E, "msg"``) in Python 3 syntax; unchanged when none applies."""
    for pattern, replacement in _PY2_REWRITES:
        line = pattern.sub(replacement, line)
    return line
