"""Scripts that download their data train to a verdict with no network in the sandbox, locally and in Docker.

The fetch stage downloads from a loopback mirror (files we generate) into a private KERAS_HOME;
the sandbox mounts that cache read-only where Keras looks.
"""

from __future__ import annotations

import socket
from pathlib import Path
import pytest

from tests.cli_helpers import only_run, run_mlops
from tests.datasets.conftest import Mirror
from tests.datasets.offline import MNIST_SCRIPT, dense_script, fake_mnist, run_mlops_knowing, sha256

pytestmark = pytest.mark.slow
EXECUTORS = ("local", "docker")


def _workspace(tmp_path: Path, code: str) -> Path:
    folder = tmp_path / "pushed"
    folder.mkdir()
    (folder / "train.py").write_text(code)
    return folder


@pytest.mark.parametrize("executor", EXECUTORS)
def test_mnist_load_data_trains_from_the_mirror_with_no_network(executor: str, mirror: Mirror, tmp_path: Path,
                                                                request: pytest.FixtureRequest) -> None:
    if executor == "docker":
        request.getfixturevalue("images")  # built when stale; skipped with the reason when no engine answers
    data = fake_mnist()
    mirror.put("tensorflow/tf-keras-datasets/mnist.npz", data)
    home, runs = tmp_path / "keras-home", tmp_path / "runs"
    env = {"KERAS_HOME": str(home), "MLOPS_DATASET_MIRROR": mirror.url}
    result = run_mlops_knowing("mnist.load_data", sha256(data), "run", str(_workspace(tmp_path, MNIST_SCRIPT)),
                               "--runs-dir", str(runs), "--executor", executor, "--no-notify", "--max-trials", "2",
                               env=env)
    run = only_run(runs)
    assert result.code == 0, result.text
    assert run["status"] == "target_met" and run["trials"][0]["epochs_run"] > 0
    fetched = run["stages"]["fetch"]["datasets"]
    assert [(r["name"], r["line"], r["path"], r["status"]) for r in fetched] == [
        ("mnist.load_data", 2, "datasets/mnist.npz", "downloaded")]
    assert (home / "datasets" / "mnist.npz").read_bytes() == data
    assert run["stages"]["sandbox"]["measures"]["network"].startswith("applied")
    assert "Downloading data from" not in result.text  # Keras found the file: the sandbox fetched nothing
    # A second run of the same script reuses the cache: the mirror is asked nothing more.
    asked = len(mirror.requests)
    again = run_mlops_knowing("mnist.load_data", sha256(data), "run", str(tmp_path / "pushed"), "--runs-dir",
                              str(tmp_path / "runs2"), "--executor", executor, "--no-notify", "--max-trials", "1",
                              env=env)
    assert again.code == 0, again.text
    assert len(mirror.requests) == asked and only_run(tmp_path / "runs2")["stages"]["fetch"]["datasets"][0][
        "status"] == "cached"


@pytest.mark.parametrize("executor", EXECUTORS)
def test_mnist_load_data_with_its_own_path_is_cached_under_that_name(executor: str, mirror: Mirror, tmp_path: Path,
                                                                     request: pytest.FixtureRequest) -> None:
    """Keras stores ``mnist.load_data("mymnist.db")`` as ``datasets/mymnist.db``: fetch must fill that name."""
    if executor == "docker":
        request.getfixturevalue("images")
    data = fake_mnist()
    mirror.put("tensorflow/tf-keras-datasets/mnist.npz", data)
    runs = tmp_path / "runs"
    script = MNIST_SCRIPT.replace("mnist.load_data()", "mnist.load_data('mymnist.db')")
    result = run_mlops_knowing("mnist.load_data", sha256(data), "run", str(_workspace(tmp_path, script)),
                               "--runs-dir", str(runs), "--executor", executor, "--no-notify", "--max-trials", "1",
                               env={"KERAS_HOME": str(tmp_path / "kh"), "MLOPS_DATASET_MIRROR": mirror.url})
    run = only_run(runs)
    assert result.code == 0, result.text
    assert run["status"] == "target_met", run["trials"][0]["error"]
    assert [r["path"] for r in run["stages"]["fetch"]["datasets"]] == ["datasets/mymnist.db"]
    assert (tmp_path / "kh" / "datasets" / "mymnist.db").read_bytes() == data


def test_get_file_with_its_own_origin_and_hash_trains(mirror: Mirror, tmp_path: Path) -> None:
    import io

    import numpy as np

    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 4)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("int64")
    buffer = io.BytesIO()
    np.savez(buffer, x=x, y=y)
    url = mirror.put("files/blobs.npz", buffer.getvalue())
    code = dense_script("import numpy as np\nfrom tensorflow import keras\n"
                        f"path = keras.utils.get_file('blobs.npz', '{url}', file_hash='{sha256(buffer.getvalue())}')\n"
                        "with np.load(path) as f:\n    x, y = f['x'], f['y']\n", features=4)
    runs = tmp_path / "runs"
    result = run_mlops("run", str(_workspace(tmp_path, code)), "--runs-dir", str(runs), "--no-notify",
                       "--max-trials", "2", env={"KERAS_HOME": str(tmp_path / "kh")})
    run = only_run(runs)
    assert result.code == 0, result.text
    assert run["status"] == "target_met" and run["stages"]["fetch"]["datasets"][0]["status"] == "downloaded"


def test_a_script_that_still_reaches_for_the_network_names_the_line_and_what_to_do(mirror: Mirror,
                                                                                   tmp_path: Path) -> None:
    mirror.put("n.npz", b"x")
    code = (f"import keras\nBASE = '{mirror.url}/'\npath = keras.utils.get_file('n.npz', origin=BASE + 'n.npz')\n"
            "model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])\n")
    runs = tmp_path / "runs"
    result = run_mlops("run", str(_workspace(tmp_path, code)), "--runs-dir", str(runs), "--no-notify",
                       env={"KERAS_HOME": str(tmp_path / "kh")})
    run = only_run(runs)
    assert result.code == 2, result.text
    error = run["trials"][0]["error"]
    assert "train.py:3" in error and "no network" in error and "MLOPS_DATASET_MIRROR" in error, error
    assert "not a literal" in run["stages"]["fetch"]["datasets"][0]["detail"]
    assert mirror.requests == []  # neither fetch (it could not know the URL) nor the sandbox reached it


def _reachable(host: str, port: int = 443) -> str | None:
    try:
        socket.create_connection((host, port), timeout=3).close()
    except OSError as exc:
        return f"{host}:{port} is unreachable from here ({exc})"
    return None


def test_real_mnist_from_the_internet(tmp_path: Path) -> None:
    import os

    if os.environ.get("MLOPS_INTERNET_TESTS") != "1":
        pytest.skip("downloads the real mnist.npz (11 MB) from storage.googleapis.com: set MLOPS_INTERNET_TESTS=1 "
                    "on a machine with internet access")
    problem = _reachable("storage.googleapis.com")
    if problem:
        pytest.skip(problem)
    runs = tmp_path / "runs"
    result = run_mlops("run", str(_workspace(tmp_path, MNIST_SCRIPT)), "--runs-dir", str(runs), "--no-notify",
                       "--max-trials", "1", env={"KERAS_HOME": str(tmp_path / "kh")}, timeout=900)
    run = only_run(runs)
    assert result.code in (0, 3), result.text
    assert run["stages"]["fetch"]["datasets"][0]["status"] == "downloaded" and run["trials"][0]["value"] > 0.8
