"""Stage 2, detect: classify the workspace's scripts and pick the one to train and its image.

The analysis itself lives in ``pipeline_lib.detect`` (static, AST only); this stage applies
it to a run: it records the evidence, writes ``detect.json`` and ``image.txt`` (what the
Jenkinsfile reads to choose the training container) and queues the baseline trial.
"""

from __future__ import annotations

from pathlib import Path

from pipeline_lib.detect import FileDetection, detect_path, format_table, model_files, to_json
from pipeline_lib.errors import UserInputError
from pipeline_lib.store import RunRecord, RunStatus, RunStore, TrialRecord, atomic_write_text

__all__ = ["choose_script", "detect_stage", "ensure_runnable"]


def choose_script(results: list[FileDetection], wanted: str | None, where: str) -> FileDetection:
    """The detection of the script to train: ``wanted`` if given, else the only model script."""
    if wanted:
        match = next((r for r in results if r.file == wanted or Path(r.file).name == wanted), None)
        if match is None:
            raise UserInputError(f"{wanted}: no such .py file in {where}")
        if not match.trainable:
            raise UserInputError(f"{match.file}: no ann, cnn, rnn or kmeans model found ({match.reason})",
                                 hint="check the script builds a Keras model or a KMeans clustering.")
        return match
    models = model_files(results)
    if not models:
        raise UserInputError(f"{where}: no ann, cnn, rnn or kmeans model found in any .py file\n"
                             + format_table(results))
    if len(models) > 1:
        names = ", ".join(m.file for m in models)
        raise UserInputError(f"{where}: several model scripts ({names})",
                             hint="choose one with --script NAME (or run the folder with 'mlops run').")
    return models[0]


def ensure_runnable(script: Path, detection: FileDetection) -> None:
    """Refuse a script that detect could only read after repairs (notebook JSON, %magic, Python 2).

    The training stage runs the file unmodified, so it must compile as it is; saying so now
    beats a failed baseline trial later.
    """
    try:
        compile(script.read_bytes(), str(script), "exec")
    except SyntaxError as exc:
        repairs = "; ".join(detection.problems) or "none"
        raise UserInputError(
            f"{detection.file}:{exc.lineno}: detected {detection.kind}, but the file is not valid Python 3 "
            f"({exc.msg}); what detect repaired to read it: {repairs}",
            hint="save it as a plain Python 3 script (e.g. 'jupyter nbconvert --to script', remove %magic "
                 "and !shell lines) and push again.") from None


def detect_stage(store: RunStore, run_id: str) -> RunRecord:
    """Classify, record the evidence and image, queue the baseline trial; idempotent."""
    run = store.load(run_id)
    workspace = Path(run.source["workspace"])
    results = detect_path(workspace)
    run_dir = store.run_dir(run_id)
    atomic_write_text(run_dir / "detect.json", to_json(results) + "\n")
    try:
        chosen = choose_script(results, run.script, str(run.source.get("input", workspace)))
        ensure_runnable(workspace / chosen.file, chosen)
    except UserInputError as exc:
        with store.update(run_id) as record:
            record.status = RunStatus.FAILED
            record.error = str(exc)
            record.stages["detect"] = {"status": "failed", "files": len(results)}
        raise
    with store.update(run_id) as record:
        record.script = chosen.file
        record.kind = chosen.kind
        record.image = chosen.image
        record.detection = chosen.to_dict()
        record.stages["detect"] = {"status": "done", "files": len(results)}
        if not record.trials:
            record.trials.append(TrialRecord(number=1))
        run = record
    atomic_write_text(run_dir / "image.txt", f"{chosen.image}\n")
    return run
