"""Read a script the way people really save them, and parse it even when Python would not.

Real pushes include notebooks saved as ``.py`` (JSON), exports with ``%matplotlib inline``
and ``!pip install`` lines, Python 2 ``print x``, smart quotes pasted from a blog, UTF-16
files from a Windows shell redirect. Refusing them would hide a perfectly clear model from
the user, so each known defect is repaired *for analysis only* (line numbers kept) and
reported as a problem saying what was repaired. A real syntax error (an unterminated string, an
unclosed bracket, a stray token) does not stop the analysis either: the offending line is closed
(the missing quote or brackets appended) or, failing that, blanked, and parsing starts again, at most
:data:`MAX_SALVAGED` times. The file is then classified from what was recovered, and the result says
clearly that it does not run as pushed (``syntax_error``: file:line of Python's first error).
"""

from __future__ import annotations

import ast
import codecs
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline_lib.detect.py2 import rewrite_print, rewrite_py2_line

__all__ = ["MAX_BYTES", "MAX_SALVAGED", "Parsed", "parse_file"]

#: Larger files are not scripts someone wrote (data dumps, notebooks full of images).
MAX_BYTES = 20_000_000
_MAX_REPAIRS = 500
#: Lines a real syntax error may cost (closed or blanked) before the file is given up.
MAX_SALVAGED = 25

#: IPython automagic: a notebook runs ``pip install x`` or ``cd data`` without ``%``/``!``, and
#: nbconvert exports the line untouched (a plain Python SyntaxError).
_AUTOMAGIC = (r"(pip3?|conda|mamba)\s+(install|uninstall|list|freeze|show|download|-)"
              r"|(sudo\s+)?apt(-get)?\s+\w|git\s+(clone|pull|checkout|lfs)\b"
              r"|(wget|curl|unzip|gdown|kaggle)\s+[-\w'\"]|(cd|mkdir|ls|rm|cp|mv)\s+[-\w./~'\"$]")
_MAGIC = re.compile(r"^\s*(%{1,2}[A-Za-z]|!\S|[A-Za-z_][\w.]*\s*=\s*[%!][A-Za-z]"
                    r"|\?{1,2}[A-Za-z_]|[A-Za-z_][\w.()\[\]]*\?{1,2}\s*$|" + _AUTOMAGIC + ")")
#: Cell magics whose body is not Python: the whole cell is dropped.
_FOREIGN_CELL = re.compile(r"^\s*%%(bash|sh|script|html|HTML|javascript|js|latex|markdown|svg"
                           r"|perl|ruby|cmd|powershell)\b")
_PY2_STATEMENT = re.compile(r"^\s*(print|exec)\s+[^\s(=.,)\[]")
_CELL_MARKER = re.compile(r"^\s*#\s*(In\s*\[|%%)")
_PASTED = {"\u00a0": " ", "\u200b": "", "\ufeff": "", "\u2018": "'", "\u2019": "'",
           "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-"}

#: What each repair means for the user, keyed by the label a repair returns.
_REPORTS = {
    "magic": "IPython magic/shell lines blanked out to analyse the rest ({n} line(s)); "
             "plain Python cannot run them, remove them from the script",
    "print": "Python 2 print statement rewritten as print(...) to analyse the rest ({n} line(s)); "
             "the script needs Python 3 syntax to run",
    "py2": "Python 2 syntax (except X, e / <> / backticks / 0777) rewritten to analyse the rest "
           "({n} line(s)); the script needs Python 3 syntax to run",
    "pasted": "characters pasted from a web page (smart quotes, non-breaking spaces) replaced "
              "to analyse the rest ({n} line(s)); replace them in the script",
    "tabs": "mixed tabs and spaces expanded to analyse the rest; fix the indentation",
    "syntax": "{n} line(s) closed or blanked to analyse the rest",
}


@dataclass(frozen=True)
class Parsed:
    """A parsed script with physical line numbers, or why it could not be parsed.

    Attributes:
        tree: the module (line numbers are the file's own, also for notebooks), or None.
        problems: ``file:line: what went wrong, what was recovered``.
        error: one sentence for the reason when ``tree`` is None.
        syntax_error: ``file:line: message`` of the first real syntax error when the tree was
            salvaged from a file that does not run as pushed, else None.
    """

    tree: ast.Module | None
    problems: tuple[str, ...]
    error: str | None = None
    syntax_error: str | None = None


def _blank(lines: list[str], index: int) -> None:
    """Empty a line, or ``pass`` if it is the only body of a block (keeps the parse valid)."""
    previous = next((ln for ln in reversed(lines[:index]) if ln.strip()), "")
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = f"{indent}pass" if previous.rstrip().endswith(":") else ""


def _magic(lines: list[str], err: SyntaxError) -> str | None:
    index = (err.lineno or 0) - 1
    if not 0 <= index < len(lines) or not _MAGIC.match(lines[index]):
        return None
    foreign = bool(_FOREIGN_CELL.match(lines[index]))
    _blank(lines, index)
    while foreign and index + 1 < len(lines) and lines[index + 1].strip() \
            and not _CELL_MARKER.match(lines[index + 1]):
        index += 1
        lines[index] = ""
    return "magic"


def _print(lines: list[str], err: SyntaxError) -> str | None:
    """Rewrite the failing statement, then every other one at once (one re-parse, not 300)."""
    if not err.msg.startswith(("Missing parentheses in call to 'print'",
                               "Missing parentheses in call to 'exec'")):
        return None
    if not rewrite_print(lines, (err.lineno or 1) - 1):
        return None
    for index, line in enumerate(lines):
        if _PY2_STATEMENT.match(line):
            rewrite_print(lines, index)
    return "print"


def _py2(lines: list[str], err: SyntaxError) -> str | None:
    index = (err.lineno or 0) - 1
    if not 0 <= index < len(lines):
        return None
    fixed = rewrite_py2_line(lines[index])
    if fixed == lines[index]:
        return None
    lines[index] = fixed
    return "py2"


def _pasted(lines: list[str], err: SyntaxError) -> str | None:
    index = (err.lineno or 0) - 1
    if not err.msg.startswith(("invalid character", "invalid non-printable")) \
            or not 0 <= index < len(lines):
        return None
    fixed = "".join(_PASTED.get(c, c) for c in lines[index])
    if fixed == lines[index]:
        return None
    lines[index] = fixed
    return "pasted"


def _tabs(lines: list[str], err: SyntaxError) -> str | None:
    if not isinstance(err, TabError):
        return None
    for i, line in enumerate(lines):
        body = line.lstrip(" \t")
        lines[i] = line[: len(line) - len(body)].expandtabs(8) + body
    return "tabs"


def _magic_anywhere(lines: list[str], err: SyntaxError) -> str | None:
    """Last resort: a magic line can make Python report an error further down."""
    indexes = [i for i, line in enumerate(lines) if _MAGIC.match(line)]
    for i in indexes:
        _blank(lines, i)
    return "magic" if indexes else None


_REPAIRS: tuple[Callable[[list[str], SyntaxError], str | None], ...] = (
    _magic, _print, _py2, _pasted, _tabs, _magic_anywhere)

_OPENERS = {"(": ")", "[": "]", "{": "}"}


def _closed(line: str, err: SyntaxError) -> str:
    """``line`` with an unterminated string's quote and any unclosed brackets closed at its end."""
    code = line
    if err.msg.startswith("unterminated string literal") and err.offset:
        quote = line[err.offset - 1: err.offset]
        if quote in ("'", '"'):
            code = line + quote
    stack: list[str] = []
    quote_char = ""
    for char in code:
        if quote_char:
            quote_char = "" if char == quote_char else quote_char
        elif char in "'\"":
            quote_char = char
        elif char == "#":
            break
        elif char in _OPENERS:
            stack.append(_OPENERS[char])
        elif stack and char == stack[-1]:
            stack.pop()
    return code + "".join(reversed(stack))


def _salvage(lines: list[str], err: SyntaxError, tried: set[int]) -> int | None:
    """Close the failing line once, else blank it; the index changed, or None if nothing changed."""
    index = (err.lineno or 0) - 1
    if not 0 <= index < len(lines):
        return None
    before = lines[index]
    if index not in tried:
        tried.add(index)
        lines[index] = _closed(before, err)
    if lines[index] == before:
        _blank(lines, index)
    return index if lines[index] != before else None


def _parse_repairing(lines: list[str], repaired: dict[str, list[int]],
                     salvaged: list[SyntaxError] | None = None,
                     ) -> tuple[ast.Module | None, SyntaxError | None]:
    """Parse ``lines``, applying repairs in place; ``repaired`` collects label → line indexes.

    With ``salvaged`` given, a syntax error no known repair handles is salvaged (see the module
    docstring): the first such error is appended to ``salvaged``, the lines changed to ``repaired``
    under ``syntax``.
    """
    tried: set[int] = set()
    for _ in range(_MAX_REPAIRS):
        try:
            return ast.parse("\n".join(lines) + "\n"), None
        except SyntaxError as err:
            before = list(lines)
            for repair in _REPAIRS:
                label = repair(lines, err)
                if label:
                    changed = [i for i, (a, b) in enumerate(zip(before, lines, strict=True)) if a != b]
                    repaired.setdefault(label, []).extend(changed or [(err.lineno or 1) - 1])
                    break
            else:
                if salvaged is None or len(repaired.get("syntax", [])) >= MAX_SALVAGED:
                    return None, (salvaged[0] if salvaged else err)
                index = _salvage(lines, err, tried)
                if index is None:
                    return None, (salvaged[0] if salvaged else err)
                if not salvaged:
                    salvaged.append(err)
                repaired.setdefault("syntax", []).append(index)
    return None, SyntaxError("too many errors to repair")


def _decode(raw: bytes, display: str) -> tuple[str, list[str]]:
    """Text of ``raw``: UTF-8 (BOM allowed, as Python allows), UTF-16, else Latin-1."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), [f"{display}:1: saved as UTF-16 (a Windows shell redirect?); "
                                      "decoded to analyse it, but Python needs UTF-8 to run it"]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        cookie = re.search(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", raw[:400], re.MULTILINE)
        if cookie:
            try:
                return raw.decode(cookie.group(1).decode("ascii")), []
            except (LookupError, UnicodeDecodeError):
                pass
        return raw.decode("latin-1"), [f"{display}:{line}: not valid UTF-8 and no coding "
                                       "declaration; decoded as Latin-1 to analyse it"]


def _notebook(text: str) -> dict[str, Any] | None:
    """The notebook JSON when ``text`` is a Jupyter notebook (saved with a ``.py`` name)."""
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, dict) and ("cells" in data or "worksheets" in data):
        return data
    return None


def _code_cells(notebook: dict[str, Any]) -> list[list[str]]:
    """Source lines of every code cell (nbformat 4 ``cells``, nbformat 3 ``worksheets``)."""
    cells = notebook.get("cells") or [c for ws in notebook.get("worksheets", [])
                                      for c in ws.get("cells", [])]
    out = []
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            source = cell.get("source", cell.get("input", []))
            text = "".join(source) if isinstance(source, list) else str(source)
            out.append(text.splitlines())
    return out


def _locate(raw_lines: list[str], cells: list[list[str]]) -> list[list[int]]:
    """Physical line of each cell line in the JSON text, found by an in-order search.

    nbformat stores a cell's source as a list of JSON strings, one per line (``"x = 1\\n",``);
    a line not found (minified JSON) maps to the last line found before it.
    """
    found, start, located = 0, 0, []
    for cell in cells:
        lines = []
        for line in cell:
            needles = {json.dumps(line + "\n", ensure_ascii=flag)[:-1] for flag in (True, False)}
            needles |= {json.dumps(line, ensure_ascii=flag) for flag in (True, False)}
            for i in range(start, len(raw_lines)):
                if any(n in raw_lines[i] for n in needles):
                    found, start = i, i + 1
                    break
            lines.append(found + 1)
        located.append(lines)
    return located


def _analyse_notebook(notebook: dict[str, Any], text: str, display: str,
                      repaired: dict[str, list[int]], problems: list[str]) -> tuple[
                          ast.Module | None, list[int]]:
    """Parse each code cell on its own (as Jupyter does), skipping cells that do not parse."""
    cells = _code_cells(notebook)
    lines: list[str] = []
    line_map: list[int] = []
    for number, (cell, where) in enumerate(zip(cells, _locate(text.splitlines(), cells), strict=True), 1):
        if cell and _FOREIGN_CELL.match(cell[0]):
            continue
        own: dict[str, list[int]] = {}
        tree, err = _parse_repairing(cell, own)
        if tree is None and err is not None:
            at = where[min(max((err.lineno or 1) - 1, 0), len(where) - 1)] if where else 1
            problems.append(f"{display}:{at}: SyntaxError in notebook cell {number}: {err.msg}; "
                            "cell skipped")
            continue
        for label, indexes in own.items():
            repaired.setdefault(label, []).extend(len(lines) + i for i in indexes)
        lines.extend([*cell, ""])
        line_map.extend([*where, where[-1] if where else 1])
    problems.insert(0, f"{display}:1: Jupyter notebook JSON saved as .py; analysed its "
                       f"{len(cells)} code cell(s), but Python cannot run this file: export it "
                       "with 'jupyter nbconvert --to script'")
    tree, _ = _parse_repairing(lines, {})
    return tree, line_map


def _renumber(tree: ast.Module, line_map: list[int]) -> None:
    """Rewrite every node's line numbers to the file's physical lines."""
    last = len(line_map)
    for node in ast.walk(tree):
        for attr in ("lineno", "end_lineno"):
            value = getattr(node, attr, None)
            if isinstance(value, int) and last:
                setattr(node, attr, line_map[min(max(value, 1), last) - 1])


def parse_file(path: Path, display: str) -> Parsed:
    """Read and parse ``path`` (``display`` names it in problems), repairing what is known.

    Never raises for the file's content: an unreadable or unparsable file yields a
    :class:`Parsed` with ``tree=None``, a problem line and an error sentence.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Parsed(None, (f"{display}:1: cannot read: {exc.strerror}",), "the file cannot be read")
    if len(raw) > MAX_BYTES:
        return Parsed(None, (f"{display}:1: {len(raw)} bytes, larger than {MAX_BYTES}; skipped",),
                      "the file is too large to be a script")
    text, problems = _decode(raw, display)
    if "\x00" in text:
        return Parsed(None, (*problems, f"{display}:1: contains NUL bytes (a binary file?); "
                                        "not analysed"), "the file is not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    repaired: dict[str, list[int]] = {}
    salvaged: list[SyntaxError] = []
    syntax_error = None
    notebook = _notebook(text)
    if notebook is not None:
        tree, line_map = _analyse_notebook(notebook, text, display, repaired, problems)
    else:
        line_map = list(range(1, text.count("\n") + 2))
        tree, err = _parse_repairing(text.split("\n"), repaired, salvaged)
        if tree is None and err is not None:
            line = err.lineno or 1
            problems.append(f"{display}:{line}: SyntaxError: {err.msg}")
            return Parsed(None, tuple(problems), f"the file does not parse (SyntaxError at line "
                                                 f"{line}: {err.msg}); fix it and push again")
    if salvaged:
        error = salvaged[0]
        syntax_error = f"{display}:{error.lineno or 1}: {error.msg}"
        problems.append(f"{syntax_error} (SyntaxError): the file does not run as pushed; "
                        f"{_REPORTS['syntax'].format(n=len(set(repaired.pop('syntax'))))}; fix it "
                        "and push again")
    for label, indexes in repaired.items():
        first = line_map[min(min(indexes), len(line_map) - 1)] if line_map else 1
        problems.append(f"{display}:{first}: " + _REPORTS[label].format(n=len(set(indexes))))
    if tree is not None and notebook is not None:
        _renumber(tree, line_map)
    return Parsed(tree, tuple(problems), None if tree is not None else "no code cell parses",
                  syntax_error)
