"""Detection on real public training scripts: right/total per kind, on the tuning or held-out half.

The scripts are not in this repository (public code is read, not copied): fetch them into a folder
laid out as ``CORPUS/<id>/<path>`` for every entry of ``benchmarks/detect_real/manifest.json`` (and
its ``siblings``), then run::

    python benchmarks/detect_real.py --corpus /work/corpus-11 --part held_out

Each entry's folder is detected as a whole (``detect_path``), as ``mlops detect`` does for a pushed
folder, so names imported from sibling modules count; the kind reported for the entry's own file is
compared with the label written before the detector ran. Prints a per-kind table, the misses, and
the time per folder.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pipeline_lib.detect import detect_path  # noqa: E402

KINDS = ("ann", "cnn", "rnn", "kmeans", "none")


def _entries(manifest: Path, split: Path, part: str) -> list[dict[str, object]]:
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    if part == "all":
        return list(entries)
    wanted = set(json.loads(split.read_text(encoding="utf-8"))[part])
    return [e for e in entries if e["id"] in wanted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder with <id>/<path> files")
    parser.add_argument("--part", choices=("tuning", "held_out", "all"), default="held_out")
    parser.add_argument("--manifest", type=Path, default=HERE / "detect_real" / "manifest.json")
    parser.add_argument("--split", type=Path, default=HERE / "detect_real" / "split.json")
    args = parser.parse_args(argv)
    entries = _entries(args.manifest, args.split, args.part)
    missing = [e["id"] for e in entries if not (args.corpus / str(e["id"]) / str(e["path"])).is_file()]
    if missing:
        print(f"error: {args.corpus}: {len(missing)} entries not fetched (first: {missing[0]}); lay the "
              "scripts out as CORPUS/<id>/<path>", file=sys.stderr)
        return 2
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    seconds: list[float] = []
    for entry in entries:
        label, ident, path = str(entry["label"]), str(entry["id"]), str(entry["path"])
        start = time.perf_counter()
        results = detect_path(args.corpus / ident)
        seconds.append(time.perf_counter() - start)
        found = next(r for r in results if r.file == path)
        total[label] += 1
        if found.kind == label:
            right[label] += 1
        else:
            misses.append(f"  {ident} {entry['repo']}/{path}: labelled {label}, detected {found.kind}"
                          f" ({found.reason})")
    print(f"part: {args.part} ({len(entries)} scripts)\n")
    print("| kind | right | total |\n|---|---:|---:|")
    for kind in KINDS:
        if total[kind]:
            print(f"| {kind} | {right[kind]} | {total[kind]} |")
    print(f"| **all** | **{sum(right.values())}** | **{sum(total.values())}** |")
    seconds.sort()
    print(f"\ndetect_path per folder: median {seconds[len(seconds) // 2] * 1000:.1f} ms, "
          f"max {seconds[-1] * 1000:.1f} ms")
    if misses:
        print("\nmisses:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
