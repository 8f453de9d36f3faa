"""Load the matrix to cluster from a ``.npy`` or ``.csv`` file, with errors that say where.

Why a loader of our own instead of a bare ``np.load``/``np.loadtxt``: the person running
``mlops clusters`` needs to know *which* cell is wrong (a label column, an empty field, a
NaN), not a NumPy traceback. The fast path is NumPy's C parser; only when it refuses the
file do we walk it row by row to name the first bad cell, so a clean million-row CSV loads
in seconds and a broken one still gets a precise message.

Rules: rows are samples and columns are features; a CSV may start with one header line
(detected: a first line with any non-numeric field); the delimiter is a comma, or a
semicolon/tab when the first line has those and no comma. A 1-D ``.npy`` array is refused
rather than guessed (one sample of n features and n samples of one feature are both
plausible), and so are NaN or infinite values (KMeans has no meaning for them).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from pipeline_lib.errors import UserInputError

__all__ = ["SUFFIXES", "check_matrix", "load_matrix"]

SUFFIXES = (".npy", ".csv")
"""File types :func:`load_matrix` reads."""


def load_matrix(path: Path | str) -> np.ndarray:
    """Read a 2-D float matrix (rows = samples, columns = features) from ``.npy`` or ``.csv``.

    Raises:
        UserInputError: the file is missing, of another type, unreadable, not numeric,
            not 2-D, empty, or holds NaN/infinite values; the message names the file and,
            for CSV, the line and column of the first bad cell.
    """
    file = Path(path)
    if not file.is_file():
        raise UserInputError(f"{file}: no such file",
                             hint="give the path of a .npy or .csv matrix (rows = samples, columns = features).")
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise UserInputError(f"{file}: unsupported file type {suffix or '(no suffix)'!r}",
                             hint="save the matrix with numpy.save (.npy) or as comma-separated values (.csv).")
    matrix = _load_npy(file) if suffix == ".npy" else _load_csv(file)
    return check_matrix(matrix, source=str(file), csv_offset=_header_lines(file) if suffix == ".csv" else None)


def check_matrix(x: np.ndarray, *, source: str = "the data", csv_offset: int | None = None) -> np.ndarray:
    """Validate an in-memory matrix the way :func:`load_matrix` validates a file.

    Args:
        x: the array to check.
        source: how to name the data in messages (a file path, or "the data").
        csv_offset: for data read from CSV, the number of lines before the first data
            row, so positions are reported as 1-based file lines; ``None`` reports
            0-based array indices.

    Returns:
        ``x`` as a C-contiguous float64 array.

    Raises:
        UserInputError: ``x`` is not numeric, not 2-D, empty, or not finite.
    """
    if x.dtype.kind not in "biuf":
        raise UserInputError(f"{source}: holds {x.dtype} values, not numbers",
                             hint="store only numeric features (encode or drop text and complex columns).")
    if x.ndim != 2:
        shape = "x".join(str(n) for n in x.shape) or "a scalar"
        raise UserInputError(f"{source}: a {x.ndim}-D array ({shape}); a 2-D matrix is needed",
                             hint="reshape it to (n_samples, n_features), e.g. x.reshape(-1, 1) for one feature.")
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise UserInputError(f"{source}: the matrix is empty ({x.shape[0]} rows, {x.shape[1]} columns)",
                             hint="the file must hold at least one row of numeric features.")
    data = np.ascontiguousarray(x, dtype=np.float64)
    bad = ~np.isfinite(data)
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        where = (f"line {row + csv_offset + 1}, column {col + 1}" if csv_offset is not None
                 else f"row {row}, column {col}")
        raise UserInputError(f"{source}: {int(bad.sum())} missing or non-finite values, the first at {where} "
                             f"({data[row, col]})",
                             hint="drop or impute those rows before clustering; KMeans cannot use NaN or inf.")
    return data


def _load_npy(file: Path) -> np.ndarray:
    try:
        loaded = np.load(file, allow_pickle=False)
    except ValueError as exc:  # object arrays (pickles) and malformed headers
        raise UserInputError(f"{file}: not a plain numeric .npy array ({exc})",
                             hint="save a numeric array with numpy.save(path, x) (no object dtype).") from exc
    except OSError as exc:
        raise UserInputError(f"{file}: unreadable as .npy ({exc})",
                             hint="the file may be truncated or not written by numpy.save.") from exc
    if not isinstance(loaded, np.ndarray):  # an .npz archive renamed to .npy
        raise UserInputError(f"{file}: holds an archive of several arrays, not one matrix",
                             hint="save the single matrix with numpy.save(path, x).")
    return loaded


def _delimiter(first_line: str) -> str:
    if "," not in first_line:
        for candidate in (";", "\t"):
            if candidate in first_line:
                return candidate
    return ","


def _is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def _first_line(file: Path) -> str:
    try:
        with file.open(encoding="utf-8", newline="") as handle:
            return handle.readline()
    except UnicodeDecodeError as exc:
        raise UserInputError(f"{file}: not a UTF-8 text file ({exc.reason} at byte {exc.start})",
                             hint="export the matrix as plain comma-separated text.") from exc


def _header_lines(file: Path) -> int:
    """1 when the first line is a header (any non-numeric field), else 0."""
    first = _first_line(file)
    fields = next(csv.reader([first], delimiter=_delimiter(first)), [])
    return int(any(not _is_number(field) for field in fields))


def _load_csv(file: Path) -> np.ndarray:
    delimiter = _delimiter(_first_line(file))
    header = _header_lines(file)
    try:
        return np.loadtxt(file, delimiter=delimiter, skiprows=header, ndmin=2, dtype=np.float64,
                          encoding="utf-8")
    except ValueError:
        _raise_first_bad_cell(file, delimiter, header)
        raise  # pragma: no cover - _raise_first_bad_cell always raises


def _raise_first_bad_cell(file: Path, delimiter: str, header: int) -> None:
    """Walk the CSV to name the first row NumPy refused (the slow path, errors only)."""
    width: int | None = None
    with file.open(encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
            if line_no <= header or not row:
                continue
            if width is None:
                width = len(row)
            if len(row) != width:
                raise UserInputError(f"{file}: line {line_no} has {len(row)} columns, the first data line {width}",
                                     hint="every row must have the same number of features.")
            for col_no, field in enumerate(row, start=1):
                if not _is_number(field):
                    shown = field if field.strip() else "(empty)"
                    raise UserInputError(f"{file}: line {line_no}, column {col_no}: {shown!r} is not a number",
                                         hint="keep only numeric feature columns; drop labels and ids, "
                                              "fill or drop empty cells.")
    raise UserInputError(f"{file}: could not be read as a numeric CSV matrix",
                         hint="write it with numpy.savetxt(path, x, delimiter=',').")

