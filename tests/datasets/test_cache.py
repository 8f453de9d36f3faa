"""The Keras-layout cache the fetch stage fills, against a loopback mirror with files we generate."""

from __future__ import annotations

import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from pipeline_lib.datacache import cache_folders, fetch_file, mirrored
from pipeline_lib.errors import UserInputError
from pipeline_lib.stages.fetch import fetch_datasets
from tests.datasets.conftest import Mirror


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_mirror_replaces_scheme_and_host_and_keeps_the_path() -> None:
    origin = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
    assert mirrored(origin, "http://proxy:8081/") == "http://proxy:8081/tensorflow/tf-keras-datasets/mnist.npz"
    assert mirrored(origin, None) == origin
    assert mirrored("https://h/a.csv?x=1", "http://m") == "http://m/a.csv?x=1"


def test_download_checks_the_hash_and_the_second_fetch_is_a_cache_hit(mirror: Mirror, keras_home: Path) -> None:
    data = b"a,b\n1,2\n" * 1000
    url = mirror.put("files/table.csv", data)
    first = fetch_file("table.csv", url, _sha(data))
    assert (first.status, first.path, first.sha256, first.source) == ("downloaded", "datasets/table.csv", _sha(data), url)
    assert (keras_home / "datasets" / "table.csv").read_bytes() == data
    assert (keras_home / "datasets" / "table.csv").stat().st_mode & 0o044 == 0o044  # other uids read it
    second = fetch_file("table.csv", url, _sha(data))
    assert second.status == "cached" and mirror.requests == ["/files/table.csv"]
    assert cache_folders() == [keras_home / "datasets"]


def test_md5_hashes_are_checked_too(mirror: Mirror, keras_home: Path) -> None:
    data = b'{"word": 1}'
    url = mirror.put("index.json", data)
    assert fetch_file("index.json", url, hashlib.md5(data).hexdigest()).status == "downloaded"


def test_a_wrong_hash_is_a_clear_error_and_leaves_nothing(mirror: Mirror, keras_home: Path) -> None:
    url = mirror.put("x.npz", b"not what the script expects")
    with pytest.raises(UserInputError) as caught:
        fetch_file("x.npz", url, "0" * 64)
    assert "not the expected " + "0" * 64 in caught.value.message and url in caught.value.message
    assert not (keras_home / "datasets" / "x.npz").exists()


def test_the_mirror_is_used_instead_of_the_origin(mirror: Mirror, keras_home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"mirrored"
    mirror.put("tensorflow/tf-keras-datasets/some.npz", data)
    monkeypatch.setenv("MLOPS_DATASET_MIRROR", mirror.url)
    got = fetch_file("some.npz", "https://storage.googleapis.com/tensorflow/tf-keras-datasets/some.npz", _sha(data))
    assert got.status == "downloaded" and got.source == f"{mirror.url}/tensorflow/tf-keras-datasets/some.npz"


def test_an_unreachable_origin_is_recorded_with_what_to_do(mirror: Mirror, keras_home: Path) -> None:
    got = fetch_file("gone.npz", f"{mirror.url}/gone.npz", None)
    assert got.status == "failed" and "404" in str(got.detail) and "MLOPS_DATASET_MIRROR" in str(got.detail)


def test_big_files_show_progress(mirror: Mirror, keras_home: Path) -> None:
    data = bytes(range(256)) * (5 * 2**20 // 256)
    url = mirror.put("big.bin", data)
    lines: list[str] = []
    fetch_file("big.bin", url, _sha(data), say=lines.append)
    progress = [line for line in lines if "MiB" in line]
    assert progress[-1].endswith("(100%)") and len(progress) >= 5


def test_an_archive_is_extracted_where_keras_looks_for_it(mirror: Mirror, keras_home: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("batches/data_batch_1")
        info.size = 5
        tar.addfile(info, io.BytesIO(b"12345"))
    data = buffer.getvalue()
    url = mirror.put("cifar.tar.gz", data)
    got = fetch_file("cifar-target", url, _sha(data), extract=True)
    assert got.path == "datasets/cifar-target_archive"
    assert (keras_home / "datasets" / "cifar-target" / "batches" / "data_batch_1").read_bytes() == b"12345"


def test_fetch_stage_records_each_loader_line_and_file(mirror: Mirror, keras_home: Path, tmp_path: Path) -> None:
    data = b"1,2,3\n"
    url = mirror.put("d/values.csv", data)
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "train.py").write_text(
        "from keras.utils import get_file\n"
        f"path = get_file('values.csv', '{url}', file_hash='{_sha(data)}')\n"
        "other = get_file('x.csv', origin=BASE)\n")
    records = fetch_datasets(workspace)
    assert records[0] | {"seconds": 0} == {"loader": "get_file", "name": "values.csv", "file": "train.py", "line": 2,
                                          "path": "datasets/values.csv", "status": "downloaded",
                                          "sha256": _sha(data), "source": url, "seconds": 0}
    assert records[1]["line"] == 3 and records[1]["status"] == "not fetched" and "not a literal" in records[1]["detail"]


def test_both_sandboxes_mount_each_cache_folder_read_only_where_keras_looks(keras_home: Path, tmp_path: Path) -> None:
    from pipeline_lib.executors.base import Mount, RunSpec
    from pipeline_lib.executors.docker import container_spec
    from pipeline_lib.executors.sandbox import plan_local

    for folder in ("datasets", "models"):
        (keras_home / folder).mkdir(parents=True)
    (keras_home / "keras.json").write_text("{}")  # a file: not mounted (Keras may rewrite it)
    run_dir = tmp_path / "runs" / "r1"
    (run_dir / "workspace").mkdir(parents=True)
    spec = container_spec(RunSpec(command=("python", "-c", "pass"), workdir=str(run_dir)), run_dir, "img")
    assert {m for m in spec.mounts if m.target.startswith("/tmp/.keras")} == {
        Mount(str(keras_home / "datasets"), "/tmp/.keras/datasets"), Mount(str(keras_home / "models"), "/tmp/.keras/models")}
    plan = plan_local(run_id="r1", run_dir=str(run_dir), needed=[], home=str(tmp_path / "home"), network=False,
                      memory=None, pids=None, file_size=None, refused=[])
    assert plan.caches[str(tmp_path / "home" / ".keras" / "datasets")] == str(keras_home / "datasets")
    assert str(keras_home / "datasets") in plan.measures["dataset caches"]
