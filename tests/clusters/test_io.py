"""Loading the matrix for ``mlops clusters``: the formats it accepts and the errors it names."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline_lib.clusters.io import check_matrix, load_matrix
from pipeline_lib.errors import UserInputError


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_a_header_skips_it_and_keeps_every_value(tmp_path: Path) -> None:
    path = write(tmp_path, "points.csv", "x,y,z\n1,2,3\n4.5,-6,7e2\n")
    x = load_matrix(path)
    assert x.dtype == np.float64
    np.testing.assert_array_equal(x, [[1, 2, 3], [4.5, -6, 700]])


def test_csv_without_header_and_single_column_stay_2d(tmp_path: Path) -> None:
    np.testing.assert_array_equal(load_matrix(write(tmp_path, "a.csv", "1,2\n3,4\n")), [[1, 2], [3, 4]])
    assert load_matrix(write(tmp_path, "b.csv", "v\n1\n2\n3\n")).shape == (3, 1)


def test_semicolon_and_tab_separated_files_are_read(tmp_path: Path) -> None:
    np.testing.assert_array_equal(load_matrix(write(tmp_path, "s.csv", "a;b\n1;2\n")), [[1, 2]])
    np.testing.assert_array_equal(load_matrix(write(tmp_path, "t.csv", "1\t2\n3\t4\n")), [[1, 2], [3, 4]])


def test_npy_matrix_loads_and_integers_become_floats(tmp_path: Path) -> None:
    path = tmp_path / "m.npy"
    np.save(path, np.arange(6, dtype=np.int32).reshape(3, 2))
    x = load_matrix(path)
    assert x.dtype == np.float64 and x.shape == (3, 2)
    np.testing.assert_array_equal(x, [[0, 1], [2, 3], [4, 5]])


@pytest.mark.parametrize(("text", "where"), [
    ("a,b\n1,2\n3,setosa\n", "line 3, column 2: 'setosa'"),
    ("1,2\n3,\n", "line 2, column 2: '(empty)'"),
])
def test_csv_non_numeric_cell_is_named_by_line_and_column(tmp_path: Path, text: str, where: str) -> None:
    path = write(tmp_path, "bad.csv", text)
    with pytest.raises(UserInputError) as caught:
        load_matrix(path)
    assert str(path) in str(caught.value)
    assert where in str(caught.value)
    assert caught.value.exit_code == 2


def test_csv_ragged_row_is_named(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="line 3 has 3 columns, the first data line 2"):
        load_matrix(write(tmp_path, "ragged.csv", "a,b\n1,2\n3,4,5\n"))


def test_csv_nan_is_named_by_file_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "nan.csv", "a,b\n1,2\n3,4\n5,nan\n")
    with pytest.raises(UserInputError, match=r"nan\.csv: 1 missing or non-finite values, the first at line 4, "
                                             r"column 2"):
        load_matrix(path)


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match=r"nowhere\.npy: no such file"):
        load_matrix(tmp_path / "nowhere.npy")
    with pytest.raises(UserInputError, match=r"data\.parquet: unsupported file type '\.parquet'"):
        load_matrix(write(tmp_path, "data.parquet", "1,2\n"))


@pytest.mark.parametrize(("array", "message"), [
    (np.arange(5.0), r"a 1-D array \(5\); a 2-D matrix is needed"),
    (np.zeros((2, 3, 4)), r"a 3-D array \(2x3x4\)"),
    (np.array([["a", "b"], ["c", "d"]]), "holds <U1 values, not numbers"),
    (np.array([[1 + 2j, 0]]), "holds complex128 values, not numbers"),
    (np.zeros((0, 3)), r"the matrix is empty \(0 rows, 3 columns\)"),
    (np.array([[1.0, 2.0], [np.inf, 0.0]]), r"the first at row 1, column 0 \(inf\)"),
])
def test_npy_shape_type_and_value_errors(tmp_path: Path, array: np.ndarray, message: str) -> None:
    path = tmp_path / "m.npy"
    np.save(path, array)
    with pytest.raises(UserInputError, match=message) as caught:
        load_matrix(path)
    assert str(path) in str(caught.value)


def test_npy_object_array_and_garbage_are_refused_without_unpickling(tmp_path: Path) -> None:
    pickled = tmp_path / "objects.npy"
    np.save(pickled, np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    with pytest.raises(UserInputError, match=r"objects\.npy: not a plain numeric \.npy array"):
        load_matrix(pickled)
    garbage = tmp_path / "garbage.npy"
    garbage.write_bytes(b"this is not numpy")
    with pytest.raises(UserInputError, match=r"garbage\.npy"):
        load_matrix(garbage)


def test_npz_archive_renamed_to_npy_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "both.npz"
    np.savez(archive, a=np.zeros((2, 2)), b=np.ones((2, 2)))
    renamed = archive.rename(tmp_path / "both.npy")
    with pytest.raises(UserInputError, match="archive of several arrays"):
        load_matrix(renamed)


def test_non_utf8_csv_is_refused_with_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"caf\xe9,1\n2,3\n")
    with pytest.raises(UserInputError, match=r"latin\.csv: not a UTF-8 text file .* at byte 3"):
        load_matrix(path)


def test_check_matrix_names_the_source_it_is_given() -> None:
    with pytest.raises(UserInputError, match="^the data: a 1-D array"):
        check_matrix(np.ones(3))
    assert check_matrix(np.ones((2, 2), dtype=np.float32)).dtype == np.float64
