"""Human table and JSON for detection results (the CLI prints one, the runner stores the other)."""

from __future__ import annotations

import json

from pipeline_lib.detect.results import FileDetection

__all__ = ["format_table", "to_json"]

_HEADERS = ("file", "kind", "image", "reason")


def format_table(results: list[FileDetection]) -> str:
    """An aligned text table (file, kind, image, reason) with each file's problems under it.

    The reason column is not padded (it is last and long); problems and the first piece of
    evidence are indented lines so a reader sees *where* as well as *what*.
    """
    if not results:
        return "no .py files found"
    rows = [(r.file, r.kind, r.image or "-", r.reason) for r in results]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(_HEADERS[:3])]

    def line(cells: tuple[str, ...]) -> str:
        padded = [c.ljust(w) for c, w in zip(cells, widths, strict=False)]
        return "  ".join([*padded, cells[3]]).rstrip()

    out = [line(_HEADERS), line(tuple("-" * w for w in widths) + ("-" * 6,))]
    for result, row in zip(results, rows, strict=True):
        out.append(line(row))
        if result.evidence:
            out.append(f"    evidence: {result.evidence[0]}")
        out.extend(f"    problem: {p}" for p in result.problems)
        out.extend(f"    asks input: {p!r}" for p in result.prompts)
    models = sum(r.trainable for r in results)
    out.append(f"{len(results)} file(s), {models} model script(s)")
    return "\n".join(out)


def to_json(results: list[FileDetection]) -> str:
    """A JSON list of :meth:`FileDetection.to_dict`, indented for people and diffs."""
    return json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False)
