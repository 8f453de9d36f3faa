"""Files saved the way people really save them: encodings, line endings, notebooks, Python 2."""

from __future__ import annotations

import ast
import codecs
import json
import textwrap
from pathlib import Path

import pytest

from pipeline_lib.detect import detect_file
from pipeline_lib.detect.py2 import rewrite_print, rewrite_py2_line
from pipeline_lib.detect.recover import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
PIMA = (FIXTURES / "pima_diabetes_ann.py").read_text(encoding="utf-8")


def _write(tmp_path: Path, data: bytes, name: str = "script.py") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_bom_and_crlf_keep_kind_and_lines(tmp_path: Path) -> None:
    plain = detect_file(FIXTURES / "pima_diabetes_ann.py")
    data = codecs.BOM_UTF8 + PIMA.replace("\n", "\r\n").encode("utf-8")
    result = detect_file(_write(tmp_path, data, "pima_diabetes_ann.py"))
    assert result.kind == "ann"
    assert [e.line for e in result.evidence] == [e.line for e in plain.evidence]
    assert result.problems == ()  # Python itself accepts both: nothing to report


def test_old_mac_line_endings(tmp_path: Path) -> None:
    result = detect_file(_write(tmp_path, PIMA.replace("\n", "\r").encode()))
    assert result.kind == "ann" and result.evidence[0].line == 12


def test_utf16_from_a_windows_redirect(tmp_path: Path) -> None:
    result = detect_file(_write(tmp_path, PIMA.encode("utf-16")))
    assert result.kind == "ann"
    assert result.problems[0].startswith("script.py:1: saved as UTF-16")


def test_latin1_comment_without_declaration(tmp_path: Path) -> None:
    data = ("# modèle simple\n" + PIMA).encode("latin-1")
    result = detect_file(_write(tmp_path, data))
    assert result.kind == "ann"
    assert result.problems == ("script.py:1: not valid UTF-8 and no coding declaration; decoded as "
                               "Latin-1 to analyse it",)


def test_latin1_with_coding_declaration_is_fine(tmp_path: Path) -> None:
    data = ("# -*- coding: latin-1 -*-\n# modèle\n" + PIMA).encode("latin-1")
    result = detect_file(_write(tmp_path, data))
    assert result.kind == "ann" and result.problems == ()


def test_characters_pasted_from_a_blog(tmp_path: Path) -> None:
    text = PIMA.replace("model.add(Dense(8, activation='relu'))",
                        "model.add(Dense(8,\u00a0activation=\u2018relu\u2019))")
    result = detect_file(_write(tmp_path, text.encode()))
    assert result.kind == "ann"
    assert len(result.problems) == 1 and result.problems[0].startswith("script.py:13: characters pasted")


def test_mixed_tabs_and_spaces(tmp_path: Path) -> None:
    text = ("from sklearn.cluster import KMeans\n"
            "def fit(X):\n"
            "        km = KMeans(3)\n"
            "\treturn km.fit(X)\n")
    result = detect_file(_write(tmp_path, text.encode()))
    assert result.kind == "kmeans"
    assert "mixed tabs and spaces" in result.problems[0]


def test_foreign_cell_magic_is_dropped_up_to_the_next_cell(tmp_path: Path) -> None:
    text = ("# In[1]:\n"
            "%%bash\n"
            "wget -q https://example.org/data.csv\n"
            "ls -la | head\n"
            "\n"
            "# In[2]:\n"
            "from sklearn.cluster import KMeans\n"
            "labels = KMeans(4).fit_predict([[0, 1], [1, 0]])\n")
    result = detect_file(_write(tmp_path, text.encode()))
    assert result.kind == "kmeans" and result.evidence[0].line == 8
    assert result.problems[0].startswith("script.py:2: IPython magic")


def test_shell_automagic_is_blanked_but_look_alike_python_is_kept(tmp_path: Path) -> None:
    text = ("pip install scikit-learn\n"
            "import os\n"
            "ls = os.listdir('.')\n"
            "cd = len(ls)\n"
            "from sklearn.cluster import KMeans\n"
            "KMeans(n_clusters=cd).fit([[0, 1], [1, 0]])\n")
    result = detect_file(_write(tmp_path, text.encode()))
    assert result.kind == "kmeans" and result.evidence[0].line == 6
    assert result.problems == ("script.py:1: IPython magic/shell lines blanked out to analyse the "
                               "rest (1 line(s)); plain Python cannot run them, remove them from "
                               "the script",)


def test_real_syntax_error_is_salvaged_and_named(tmp_path: Path) -> None:
    parsed = parse_file(_write(tmp_path, b"from keras.layers import Dense\nx = = 1\nDense(3)\n"), "s.py")
    assert parsed.tree is not None and parsed.syntax_error == "s.py:2: invalid syntax"
    assert parsed.problems == ("s.py:2: invalid syntax (SyntaxError): the file does not run as pushed; "
                               "1 line(s) closed or blanked to analyse the rest; fix it and push again",)


@pytest.mark.parametrize(("broken", "kept"), [
    ("model.add(Conv2D(32, (3, 3), activation='relu')\n", "Conv2D"),          # unclosed bracket
    ("model.add(Conv2D(32, (3, 3), activation='relu))\n", "Conv2D"),          # unterminated string
    ("model.add(Conv2D(32, 3) activation='relu')\n", None),                   # stray token: blanked
])
def test_the_offending_line_is_closed_or_else_blanked(tmp_path: Path, broken: str,
                                                        kept: str | None) -> None:
    text = f"from keras.layers import Conv2D, Dense\nmodel = Sequential()\n{broken}model.add(Dense(1))\n"
    parsed = parse_file(_write(tmp_path, text.encode()), "s.py")
    assert parsed.tree is not None and parsed.syntax_error is not None
    assert parsed.syntax_error.startswith("s.py:3: ")
    names = {n.id for n in ast.walk(parsed.tree) if isinstance(n, ast.Name)}
    assert ("Conv2D" in names) is (kept is not None) and "Dense" in names


def test_salvage_is_bounded(tmp_path: Path) -> None:
    parsed = parse_file(_write(tmp_path, b"x = = 1\n" * 40), "s.py")
    assert parsed.tree is None and parsed.error is not None and "SyntaxError at line 1" in parsed.error


def test_notebook_cells_are_still_skipped_not_salvaged() -> None:
    result = detect_file(FIXTURES / "notebook_json_saved_as_py.py", FIXTURES)
    assert result.syntax_error is None and any("cell skipped" in p for p in result.problems)


def test_nul_bytes_are_not_analysed(tmp_path: Path) -> None:
    result = detect_file(_write(tmp_path, b"import keras\x00\x00"))
    assert result.kind == "none" and "NUL bytes" in result.problems[0]


def test_empty_file_is_none_without_problems(tmp_path: Path) -> None:
    result = detect_file(_write(tmp_path, b""))
    assert result.kind == "none" and result.problems == ()


def _notebook(cells: list[list[str]], *, v3: bool = False) -> dict[str, object]:
    if v3:
        return {"worksheets": [{"cells": [{"cell_type": "code", "input": c} for c in cells]}],
                "nbformat": 3}
    return {"cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": []}
                      for c in cells], "nbformat": 4, "nbformat_minor": 5}


CELLS = [["import tensorflow as tf\n"],
         ["model = tf.keras.Sequential([\n", "    tf.keras.layers.Conv2D(8, 3),\n",
          "    tf.keras.layers.Dense(2)])"]]


def test_notebook_v3_format(tmp_path: Path) -> None:
    path = _write(tmp_path, json.dumps(_notebook(CELLS, v3=True), indent=1).encode())
    result = detect_file(path)
    line = path.read_text().splitlines()[result.evidence[0].line - 1]
    assert result.kind == "cnn" and "Conv2D" in line


def test_minified_notebook_maps_to_line_one(tmp_path: Path) -> None:
    result = detect_file(_write(tmp_path, json.dumps(_notebook(CELLS)).encode(), "nb.ipynb"))
    assert result.kind == "cnn" and {e.line for e in result.evidence} == {1}


def test_notebook_lines_are_renumbered_in_the_tree(tmp_path: Path) -> None:
    path = _write(tmp_path, json.dumps(_notebook(CELLS), indent=1).encode())
    parsed = parse_file(path, "script.py")
    assert parsed.tree is not None
    raw = path.read_text().splitlines()
    calls = [n for n in ast.walk(parsed.tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr == "Conv2D"]
    assert len(calls) == 1 and "Conv2D" in raw[calls[0].lineno - 1]


@pytest.mark.parametrize(("before", "after"), [
    (['print "loss:", loss'], ['print("loss:", loss)']),
    (["    print >>sys.stderr, 'bad'"], ["    print('bad')"]),
    (["print x,  # no newline"], ["print(x)  # no newline"]),
    (['print "a", \\', "    b  # tail"], ['print("a", \\', "    b)  # tail"]),
    (["exec code in ns"], ["exec(code in ns)"]),
    (["x = 'print me'; print x"], ["x = 'print me'; print(x)"]),
])
def test_rewrite_print(before: list[str], after: list[str]) -> None:
    lines = list(before)
    assert rewrite_print(lines, 0)
    assert lines == after
    ast.parse(textwrap.dedent("\n".join(lines)))


def test_rewrite_print_leaves_python3_alone() -> None:
    lines = ["print('ok')"]
    assert not rewrite_print(lines, 0) and lines == ["print('ok')"]


@pytest.mark.parametrize(("before", "after"), [
    ("except ValueError, e:", "except ValueError as e:"),
    ("    raise ValueError, 'bad shape'", "    raise ValueError('bad shape')"),
    ("if a <> b: pass", "if a != b: pass"),
    ("s = `x`", "s = repr(x)"),
    ("os.chmod(p, 0755)", "os.chmod(p, 0o755)"),
    ("n = 10L + 2.05", "n = 10 + 2.05"),
    ("x = 1", "x = 1"),
])
def test_rewrite_py2_line(before: str, after: str) -> None:
    assert rewrite_py2_line(before) == after


def test_long_expression_chain_is_analysed(tmp_path: Path) -> None:
    text = "from keras.layers import Dense\nDense(1)\nx = " + " + ".join(["1"] * 1500) + "\n"
    assert detect_file(_write(tmp_path, text.encode())).kind == "ann"


def test_nesting_beyond_the_parser_is_reported_not_raised(tmp_path: Path) -> None:
    text = "x = " + "+".join(["1"] * 5000) + "\n"
    result = detect_file(_write(tmp_path, text.encode()))
    assert result.kind == "none" and "RecursionError" in result.problems[0]
