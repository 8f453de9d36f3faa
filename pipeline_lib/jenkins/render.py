"""Render the Jenkinsfile and the seed jobs (``seed_jobs/``) from the one stage declaration.

Why generate instead of writing them by hand: the six stages are declared once, in
:data:`pipeline_lib.stages.STAGES`; the Jenkinsfile, the six freestyle jobs and the Build
Pipeline view all loop over that declaration, so renaming or adding a stage cannot leave a
stale copy behind. Rendering is pure (no clock, no randomness, no environment): the same
options give the same bytes, which is what lets CI compare the committed files with a fresh
render and the seed command compare a job's config with the server's.

The Jenkinsfile depends on the declaration only; it lives in the repository the Pipeline job
checks out, so seed-time options (notify address, SMTP credentials) reach it as job
parameters, never as text baked into it.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from xml.sax.saxutils import escape as xml_escape

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from pipeline_lib import __version__
from pipeline_lib.errors import EXIT_CODES, EXIT_MEANINGS, UserInputError
from pipeline_lib.images import TOOLS_IMAGE, image_for_kind
from pipeline_lib.stages import STAGES, StageSpec
from pipeline_lib.store import atomic_write_text

__all__ = [
    "JENKINSFILE",
    "NOTIFY_COMMAND",
    "PIPELINE_JOB",
    "SEED_DIR",
    "SMTP_SECRET_VARIABLES",
    "SUPERVISOR",
    "VIEW",
    "RenderOptions",
    "RenderedItem",
    "Rendering",
    "StagePlan",
    "check_rendering",
    "plan_stages",
    "render",
    "write_rendering",
]

#: Where the rendered files go, relative to the output folder (the repository root).
JENKINSFILE = "Jenkinsfile"
SEED_DIR = "seed_jobs"
#: Names (before the prefix) of the Pipeline job and of the Build Pipeline view.
PIPELINE_JOB = "mlops-pipeline"
VIEW = "mlops-view"
#: The step that e-mails the report of a finished run (see StagePlan.concludes).
NOTIFY_COMMAND = "mlops notify"
#: What the SMTP credentials are bound as; removed from the environment of every training command.
SMTP_SECRET_VARIABLES = ("MLOPS_SMTP_USER", "MLOPS_SMTP_PASSWORD")
#: The stage that supervises training: it runs on a timer in the freestyle chain and, in the
#: Jenkinsfile, after the last training stage in the training container (it may restart it).
SUPERVISOR = "monitor"

_TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Docker Pipeline keeps a container alive with ``cat`` and runs each step in it; the tools
#: image's entrypoint is ``mlops``, which would take ``cat`` as its command and exit.
_CONTAINER_ARGS = "--entrypoint="
#: The runs folder inside the Pipeline job's workspace (fetch's copy of the checkout skips it).
_RUNS_DIR = "runs"
#: The Keras data-set cache (``KERAS_HOME``) of Pipeline builds, beside the runs folder: see the Jenkinsfile.
_KERAS_HOME = ".mlops-keras"
#: The freestyle chain's runs folder, next to the jobs' workspaces on the agent (``$WORKSPACE/..``).
_FREESTYLE_RUNS = "mlops-runs"
#: How often a candidate's branch is tried when its agent goes away (the first try included).
_AGENT_RETRIES = 3
#: The image GPU agents train (Keras); its candidates go to MLOPS_GPU_LABEL when that is set.
_GPU_IMAGE = image_for_kind("ann") or "mlops/keras"
#: The whole Pipeline build; the default training budget is one hour.
_TIMEOUT_HOURS = 4
_HASH_TOKEN = "@@SEED-CONFIG-HASH@@"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_CRON_FIELD = re.compile(r"^[A-Za-z0-9*/,()-]+$")
_EMAIL = re.compile(r"^[^@\s,]+@[^@\s,]+$")
_LABEL = re.compile(r"^[A-Za-z0-9._&|!() -]+$")

ItemType = Literal["folder", "job", "view"]

# Plugins (short names) each kind of item needs; seed names the missing ones before changing anything.
_FREESTYLE_PLUGINS = ("git", "github", "mailer")
_PIPELINE_PLUGINS = ("workflow-job", "workflow-cps", "workflow-basic-steps", "workflow-durable-task-step",
                     "pipeline-model-definition", "docker-workflow", "git", "github", "junit", "mailer",
                     "credentials-binding")
_VIEW_PLUGINS = ("build-pipeline-plugin",)
_FOLDER_PLUGINS = ("cloudbees-folder",)
_BINDING_PLUGINS = ("credentials-binding",)


def _check_name(option: str, value: str, *, empty_ok: bool = False) -> None:
    if (empty_ok and value == "") or _NAME.match(value):
        return
    raise UserInputError(f"{option} {value!r}: use letters, digits, '.', '_' and '-' (starting with a letter "
                         "or digit)", hint="Jenkins item names and credential ids become URL parts.")


@dataclass(frozen=True)
class RenderOptions:
    """What differs between Jenkins installations; the defaults are documented placeholders.

    Attributes:
        repo_url: the repository the data scientists push to (job1 and the Pipeline job check it out).
        branch: the branch to build.
        credentials_id: Jenkins credentials id for the repository ("" for a public repository).
        smtp_credentials_id: Jenkins username/password credentials id for the SMTP server ("" when
            the server needs no login); bound as MLOPS_SMTP_USER / MLOPS_SMTP_PASSWORD.
        monitor_cron: when job6 (the monitor) looks at the latest run, in Jenkins cron syntax.
        notify: who gets the e-mails (comma-separated addresses).
        folder: Jenkins folder (``a/b`` for nested ones) holding everything; "" for the top level.
        prefix: prepended to every job and view name, to keep several pipelines apart.
        agent_label: the label of the agents the Pipeline's parallel branches train on (one
            candidate per branch).
        gpu_label: the label of GPU agents ("" for none): Keras candidates go there and their
            sandbox gets the engine's GPU flag (``--gpus all``).
        shared_dir: a folder mounted at the same path on every training agent and on the
            agent running the build; the runs live under it ("" : the build's workspace).
    """

    repo_url: str = "https://github.com/YOUR-ORG/YOUR-REPO.git"
    branch: str = "main"
    credentials_id: str = "github-repo"
    smtp_credentials_id: str = ""
    monitor_cron: str = "H/15 * * * *"
    notify: str = "admin@example.com"
    folder: str = ""
    prefix: str = ""
    agent_label: str = "mlops-train"
    gpu_label: str = ""
    shared_dir: str = ""

    def __post_init__(self) -> None:
        if not self.repo_url or any(c.isspace() for c in self.repo_url):
            raise UserInputError(f"--repo-url {self.repo_url!r}: expected a repository URL without spaces",
                                 hint="e.g. https://github.com/ORG/REPO.git or git@github.com:ORG/REPO.git")
        if not self.branch or any(c.isspace() or c in "*?[" for c in self.branch):
            raise UserInputError(f"--branch {self.branch!r}: expected one branch name", hint="e.g. main")
        _check_name("--credentials-id", self.credentials_id, empty_ok=True)
        _check_name("--smtp-credentials-id", self.smtp_credentials_id, empty_ok=True)
        _check_name("--prefix", self.prefix, empty_ok=True)
        if self.folder:
            for part in self.folder.split("/"):
                _check_name("--folder", part)
        fields = self.monitor_cron.split()
        if len(fields) != 5 or not all(_CRON_FIELD.match(f) for f in fields):
            raise UserInputError(f"--monitor-cron {self.monitor_cron!r}: expected five cron fields",
                                 hint="e.g. 'H/15 * * * *' (every 15 minutes, spread by Jenkins)")
        for option, label in (("--agent-label", self.agent_label), ("--gpu-label", self.gpu_label)):
            if label != "" and not _LABEL.match(label):
                raise UserInputError(f"{option} {label!r}: expected a Jenkins label expression",
                                     hint="e.g. mlops-train, or 'linux && docker'")
        if not self.agent_label:
            raise UserInputError("--agent-label '': the training branches need a label",
                                 hint="e.g. mlops-train (give your training agents that label)")
        if self.shared_dir and (not self.shared_dir.startswith("/") or any(c.isspace() or c in "'\"$`"
                                                                            for c in self.shared_dir)):
            raise UserInputError(f"--shared-dir {self.shared_dir!r}: expected an absolute path without spaces "
                                 "or quotes", hint="e.g. /srv/mlops (mounted at that path on every agent)")
        addresses = [a.strip() for a in self.notify.split(",")]
        if not all(_EMAIL.match(a) for a in addresses):
            raise UserInputError(f"--notify {self.notify!r}: expected e-mail addresses separated by commas",
                                 hint="e.g. ml-admin@example.com")

    def full_name(self, name: str) -> str:
        """The Jenkins path of the item called ``name`` (prefixed, inside the folder)."""
        return "/".join(p for p in (self.folder, self.prefix + name) if p)


@dataclass(frozen=True)
class StagePlan:
    """One declared stage as the Jenkins templates need it.

    Attributes:
        spec: the declared stage.
        job: its freestyle job name (prefixed, relative to the folder).
        next_job: the job it triggers on success, None for the last one.
        container: ``train`` when it runs in the training image (read from detect's
            ``image.txt``), else ``tools`` (from the declaration).
        args: arguments after ``spec.command``, the same in the Jenkinsfile and the freestyle job.
        creates_run: the first stage: it checks out the push and creates the run.
        supervisor: the monitor (see :data:`SUPERVISOR`).
        supervised: the stage just before the supervisor; in the Jenkinsfile its failure is
            left to the supervisor, which restarts an interrupted run (training resumes).
        concludes: the stage may end a run (the supervised one and the supervisor); it runs
            with ``--no-notify`` and the e-mail is a separate ``mlops notify`` step, the only
            one that sees the SMTP login.
    """

    spec: StageSpec
    job: str
    next_job: str | None
    container: Literal["tools", "train"]
    args: str
    creates_run: bool
    supervisor: bool
    supervised: bool
    concludes: bool


def plan_stages(options: RenderOptions) -> tuple[StagePlan, ...]:
    """The declared stages, in order, with what the templates derive from them."""
    plans = []
    for index, spec in enumerate(STAGES):
        first = index == 0
        supervisor = spec.name == SUPERVISOR
        following = STAGES[index + 1] if index + 1 < len(STAGES) else None
        supervised = following is not None and following.name == SUPERVISOR
        args = (' --source "$WORKSPACE" ${MLOPS_SCRIPT:+--script "$MLOPS_SCRIPT"} ${MLOPS_RUN_ID:+--run-id "$MLOPS_RUN_ID"}'
                ' ${MLOPS_RUN_ARGS:-}' if first else "")
        plans.append(StagePlan(
            spec=spec,
            job=options.prefix + spec.job,
            next_job=options.prefix + following.job if following else None,
            container=spec.image,
            args=args + (" --no-notify" if supervised or supervisor else ""),
            creates_run=first,
            supervisor=supervisor,
            supervised=supervised,
            concludes=supervised or supervisor,
        ))
    return tuple(plans)


@dataclass(frozen=True)
class RenderedItem:
    """One Jenkins item to provision.

    Attributes:
        item_type: folder, job or view.
        name: full Jenkins path (``folder/name``), as python-jenkins takes it.
        file: where the config is written, relative to the output folder.
        xml: the config.xml text.
        plugins: short names of the plugins the item needs.
    """

    item_type: ItemType
    name: str
    file: str
    xml: str
    plugins: tuple[str, ...]


@dataclass(frozen=True)
class Rendering:
    """Everything one render produces: the Jenkinsfile and the items, in provisioning order."""

    jenkinsfile: str
    items: tuple[RenderedItem, ...]
    plugins: tuple[str, ...]

    def files(self) -> dict[str, str]:
        """Relative path → text of every rendered file."""
        return {JENKINSFILE: self.jenkinsfile, **{item.file: item.xml for item in self.items}}


def _groovy(value: str) -> str:
    """A Groovy single-quoted string literal (no interpolation)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), undefined=StrictUndefined,
                      autoescape=lambda name: bool(name and name.endswith(".xml.j2")),
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["groovy"] = _groovy
    env.filters["shquote"] = shlex.quote
    # Element text needs only &, < and > escaped; quotes stay readable in shell commands.
    env.filters["xmltext"] = lambda value: Markup(xml_escape(str(value)))
    return env


def _with_hash(text: str) -> str:
    """Put the config's own digest into its description (see provision: it makes changes visible)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return text.replace(_HASH_TOKEN, digest)


def render(options: RenderOptions | None = None) -> Rendering:
    """Render the Jenkinsfile and every seed item for ``options`` (defaults: the placeholders)."""
    options = options or RenderOptions()
    env = _environment()
    stages = plan_stages(options)
    meanings, unstable_code = _exit_codes()
    context = {
        "options": options, "stages": stages, "version": __version__, "hash_token": _HASH_TOKEN,
        "tools_image": TOOLS_IMAGE, "container_args": _CONTAINER_ARGS, "runs_dir": _RUNS_DIR,
        "keras_home": _KERAS_HOME,
        "runs_folder": _FREESTYLE_RUNS,
        "timeout_hours": _TIMEOUT_HOURS, "supervisor": SUPERVISOR, "jenkinsfile": JENKINSFILE,
        "exit_meanings": meanings, "unstable_code": unstable_code, "view": options.prefix + VIEW,
        "parameters": _parameters(options), "notify_command": NOTIFY_COMMAND,
        "smtp_variables": SMTP_SECRET_VARIABLES, "groups": _groups(stages),
        "fan_out": next(s for s in stages if s.supervised), "gpu_image": _GPU_IMAGE.rsplit(":", 1)[0] + ":",
        "default_label": RenderOptions().agent_label, "agent_retries": _AGENT_RETRIES,
        "trial_command": "mlops stage retrain --no-notify --trial", "queue_command": "mlops stage tweak --queue-file",
    }

    def item(item_type: ItemType, name: str, template: str, plugins: tuple[str, ...], **extra: object) -> RenderedItem:
        xml = _with_hash(env.get_template(template).render(context, **extra))
        # Folders are filed by their path; jobs and views by their name inside the folder.
        stem = name if item_type == "folder" else name.rsplit("/", 1)[-1]
        return RenderedItem(item_type, name, f"{SEED_DIR}/{item_type}s/{stem}.xml", xml, plugins)

    items: list[RenderedItem] = []
    parts = options.folder.split("/") if options.folder else []
    for depth in range(1, len(parts) + 1):
        path = "/".join(parts[:depth])
        items.append(item("folder", path, "folder.xml.j2", _FOLDER_PLUGINS))
    binding = _BINDING_PLUGINS if options.smtp_credentials_id else ()
    for stage in stages:
        items.append(item("job", options.full_name(stage.spec.job), "freestyle.xml.j2",
                          _FREESTYLE_PLUGINS + (binding if stage.concludes else ()), stage=stage))
    items.append(item("job", options.full_name(PIPELINE_JOB), "pipeline_job.xml.j2", _PIPELINE_PLUGINS))
    items.append(item("view", options.full_name(VIEW), "view.xml.j2", _VIEW_PLUGINS, first_job=stages[0].job))
    plugins = tuple(sorted({p for i in items for p in i.plugins}))
    return Rendering(env.get_template("Jenkinsfile.j2").render(context), tuple(items), plugins)


@dataclass(frozen=True)
class StageGroup:
    """Consecutive stages of the Jenkinsfile: in one tools container, or the fan-out stage on its own.

    Why the fan-out stage stands apart: its parallel branches each take an agent and a tools
    container of their own; nested in the other stages' container they would inherit it.
    """

    name: str
    stages: tuple[StagePlan, ...]
    fan_out: bool


def _groups(stages: tuple[StagePlan, ...]) -> tuple[StageGroup, ...]:
    """The stages before the fan-out (supervised) stage, the fan-out stage, the stages after it."""
    index = next(i for i, s in enumerate(stages) if s.supervised)
    return (StageGroup("mlops", stages[:index], False), StageGroup(stages[index].spec.title, stages[index:index + 1], True),
            StageGroup("mlops: supervise", stages[index + 1:], False))


def _exit_codes() -> tuple[dict[int, str], int]:
    """Exit status → meaning (for Jenkins messages), and the status that means UNSTABLE.

    Read from the documented table beside the errors so the Jenkinsfile cannot drift from it.
    """
    return dict(EXIT_MEANINGS), EXIT_CODES["budget_spent"]


def _parameters(options: RenderOptions) -> list[tuple[str, str, str]]:
    """The Pipeline job's parameters: how seed-time options reach the (option-free) Jenkinsfile."""
    return [
        ("MLOPS_NOTIFY_TO", options.notify, "Who gets the e-mails (comma-separated addresses)."),
        ("MLOPS_SMTP_CREDENTIALS_ID", options.smtp_credentials_id,
         "Jenkins username/password credentials id of the SMTP login; empty when the server needs none."),
        ("MLOPS_SCRIPT", "", "The script to train, relative to the repository root, when the repository "
                             "holds several model scripts; empty: the only one."),
        ("MLOPS_RUN_ARGS", "", "Run settings as mlops run flags, e.g. --time-budget 300 --max-trials 8 --target 0.9 "
                               "(split on spaces; empty: the defaults)."),
        ("MLOPS_AGENT_LABEL", options.agent_label, "Label of the agents that train the candidates of a batch, one "
                                                   "parallel branch per candidate."),
        ("MLOPS_GPU_LABEL", options.gpu_label, "Label of GPU agents for Keras candidates (their sandbox gets "
                                               "--gpus all); empty: none."),
        ("MLOPS_SHARED_DIR", options.shared_dir, "A folder mounted at the same path on every training agent; the "
                                                 "runs live under it. Empty: the build's workspace."),
    ]


def write_rendering(rendering: Rendering, out: Path) -> list[Path]:
    """Write every file under ``out`` and delete stale ``seed_jobs/**/*.xml``; returns what changed."""
    changed = []
    wanted = rendering.files()
    for relative, text in sorted(wanted.items()):
        path = out / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, text)
            changed.append(path)
    for stale in _stale_files(out, wanted):
        stale.unlink()
        changed.append(stale)
    return changed


def _stale_files(out: Path, wanted: dict[str, str]) -> list[Path]:
    seed = out / SEED_DIR
    return sorted(p for p in seed.rglob("*.xml") if p.relative_to(out).as_posix() not in wanted) \
        if seed.is_dir() else []


def check_rendering(rendering: Rendering, out: Path) -> str:
    """A readable report of how the files under ``out`` differ from ``rendering`` ("" when equal)."""
    report = []
    for relative, text in sorted(rendering.files().items()):
        path = out / relative
        if not path.is_file():
            report.append(f"missing: {relative}\n")
            continue
        current = path.read_text(encoding="utf-8")
        if current != text:
            report.extend(difflib.unified_diff(current.splitlines(keepends=True), text.splitlines(keepends=True),
                                               fromfile=f"{relative} (committed)", tofile=f"{relative} (rendered)"))
    for stale in _stale_files(out, rendering.files()):
        report.append(f"stale (no longer rendered): {stale.relative_to(out).as_posix()}\n")
    return "".join(report)
