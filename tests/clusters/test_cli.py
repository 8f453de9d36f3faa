"""``mlops clusters FILE``: the registered command, its JSON, its report and its exit codes."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pipeline_lib.cli import build_parser, main
from pipeline_lib.clusters.cli import add_commands
from pipeline_lib.errors import UserInputError


def parse(*argv: str) -> argparse.Namespace:
    """Parse as ``mlops`` would once the command is registered through ``add_commands``."""
    parser = argparse.ArgumentParser(prog="mlops")
    add_commands(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(list(argv))


@pytest.fixture(scope="module")
def three_blobs_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 0.0], [10.0, 0.0], [5.0, 9.0]])
    x = np.repeat(centres, 80, axis=0) + rng.normal(size=(240, 2))
    path = tmp_path_factory.mktemp("data") / "points.csv"
    np.savetxt(path, x, delimiter=",", header="width,height", comments="")
    return path


def test_defaults_and_options_are_parsed() -> None:
    args = parse("clusters", "data.npy")
    assert (args.file, args.k_max, args.json, args.seed) == ("data.npy", 15, False, 0)
    args = parse("clusters", "d.csv", "--k-max", "8", "--json", "--seed", "3")
    assert (args.k_max, args.json, args.seed) == (8, True, 3)


def test_json_output_for_clear_clusters(three_blobs_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = parse("clusters", str(three_blobs_csv), "--json", "--k-max", "8")
    assert args.func(args) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["k"] == 3
    assert payload["confidence"] >= 0.8
    assert payload["reasons"][0].startswith("k=3: chosen by")
    assert (payload["file"], payload["rows"], payload["features"]) == (str(three_blobs_csv), 240, 2)
    assert sorted(payload["sizes"]) == [80, 80, 80]


def test_json_k_is_null_on_noise_and_the_exit_code_is_still_0(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "noise.npy"
    np.save(path, np.random.default_rng(1).uniform(size=(300, 3)))
    args = parse("clusters", str(path), "--json")
    assert args.func(args) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["k"] is None
    assert payload["reasons"][0].startswith("no clear cluster structure")


def test_human_report(three_blobs_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = parse("clusters", str(three_blobs_csv), "--k-max", "8")
    assert args.func(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{three_blobs_csv}: 240 rows × 2 features"
    assert lines[1].startswith("k = 3   confidence ")
    assert any(line.startswith("  - silhouette peaks at k=3") for line in lines)
    assert lines[-1].startswith("analysed 240 of 240 rows in ")


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ("a,b\n1,2\nx,3\n", "line 3, column 1: 'x' is not a number"),
    ("1,2\n3,nan\n", "line 2, column 2"),
])
def test_bad_files_raise_user_input_error_exit_2(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "input.csv"
    if content is not None:
        path.write_text(content)
    args = parse("clusters", str(path), "--json")
    with pytest.raises(UserInputError, match=message) as caught:
        args.func(args)
    assert caught.value.exit_code == 2
    assert str(path) in str(caught.value)


def test_k_max_below_two_is_bad_input(three_blobs_csv: Path) -> None:
    args = parse("clusters", str(three_blobs_csv), "--k-max", "1")
    with pytest.raises(UserInputError, match="--k-max 2 or more"):
        args.func(args)


# --- Through the real ``mlops`` entry point: ``main(argv)`` and the installed console script ---


def mlops_command() -> list[str]:
    """The installed ``mlops`` script beside this interpreter, else the module it runs."""
    script = Path(sys.executable).with_name("mlops")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "pipeline_lib.cli"]


def test_mlops_registers_the_clusters_command() -> None:
    args = build_parser().parse_args(["clusters", "data.csv", "--json"])
    assert (args.file, args.k_max, args.json) == ("data.csv", 15, True)
    assert args.func.__module__ == "pipeline_lib.clusters.cli"


def test_main_prints_json_with_k_confidence_and_reasons(three_blobs_csv: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clusters", str(three_blobs_csv), "--json", "--k-max", "8"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["k"] == 3
    assert isinstance(payload["confidence"], float) and 0.8 <= payload["confidence"] <= 1.0
    assert isinstance(payload["reasons"], list) and len(payload["reasons"]) >= 3
    assert list(payload["scores"]["wcss"]) == [str(k) for k in range(1, 9)]


def test_main_says_no_structure_on_one_gaussian_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cloud.csv"
    np.savetxt(path, np.random.default_rng(4).normal(size=(400, 3)), delimiter=",")
    assert main(["clusters", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("no clear cluster structure (k = none)   confidence ")
    assert lines[3].startswith("  - no clear cluster structure: the best split")


@pytest.mark.parametrize(("argv_tail", "message"), [
    (["--k-max", "1"], "k_max=1"),
    (["--json"], "line 3, column 2: 'setosa' is not a number"),
])
def test_main_turns_bad_input_into_exit_2_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    argv_tail: list[str], message: str) -> None:
    path = tmp_path / "iris.csv"
    path.write_text("length,species\n1.0,2.0\n3.0,setosa\n" if "--json" in argv_tail else "1,2\n3,4\n5,6\n")
    assert main(["clusters", str(path), *argv_tail]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and message in captured.err
    assert "hint: " in captured.err


def test_installed_mlops_command_end_to_end(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    good = tmp_path / "two.npy"
    np.save(good, np.vstack([rng.normal(size=(150, 4)), rng.normal(size=(150, 4)) + 9.0]))
    done = subprocess.run([*mlops_command(), "clusters", str(good), "--json", "--k-max", "6"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert (payload["k"], payload["rows"], payload["features"]) == (2, 300, 4)
    assert sorted(payload["sizes"]) == [150, 150]

    bad = tmp_path / "bad.csv"
    bad.write_text("a,b,c\n1,2,3\n4,,6\n")
    done = subprocess.run([*mlops_command(), "clusters", str(bad)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"error: {bad}: line 3, column 2: '(empty)' is not a number" in done.stderr
    assert "Traceback" not in done.stderr


def test_without_scikit_learn_the_command_says_what_to_install(tmp_path: Path) -> None:
    # A fresh interpreter in which importing sklearn fails, as in an install without the extra.
    path = tmp_path / "m.npy"
    np.save(path, np.zeros((20, 2)))
    code = ("import sys; sys.modules['sklearn'] = None; from pipeline_lib.cli import main; "
            f"sys.exit(main(['clusters', {str(path)!r}]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2, done.stderr
    assert "needs scikit-learn" in done.stderr and "mlops-pipeline[sklearn]" in done.stderr
