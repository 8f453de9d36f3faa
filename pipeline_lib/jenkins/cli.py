"""``mlops render`` and ``mlops seed``: the Jenkins commands, registered on the main CLI.

Why here and not in ``pipeline_lib.cli``: Jenkins is optional. python-jenkins is imported
only when ``seed`` runs, so ``render`` (and every other command) works without it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from pipeline_lib.console import say
from pipeline_lib.errors import UserInputError
from pipeline_lib.jenkins.render import JENKINSFILE, SEED_DIR, RenderOptions, check_rendering, render, write_rendering

__all__ = ["TOKEN_ENV", "add_commands", "cmd_render", "cmd_seed"]

#: Environment variable holding the Jenkins API token (never a command-line value).
TOKEN_ENV = "MLOPS_JENKINS_TOKEN"

# Seed options → RenderOptions fields; the defaults (placeholders) come from RenderOptions.
_OPTIONS = (
    ("--folder", "folder", "PATH", "Jenkins folder for everything, 'a/b' when nested (default: top level)"),
    ("--prefix", "prefix", "TEXT", "prepended to every job and view name (default: none)"),
    ("--repo-url", "repo_url", "URL", "the repository pushes go to (default: a placeholder)"),
    ("--branch", "branch", "NAME", "the branch to build (default: %(default)s)"),
    ("--credentials-id", "credentials_id", "ID", "Jenkins credentials id for the repository; '' for a public "
                                                 "one (default: %(default)s)"),
    ("--smtp-credentials-id", "smtp_credentials_id", "ID", "Jenkins username/password credentials id for the "
                                                           "SMTP login (default: none)"),
    ("--monitor-cron", "monitor_cron", "CRON", "when job6, the monitor, looks at the latest run "
                                               "(default: %(default)s)"),
    ("--notify", "notify", "EMAILS", "who gets the e-mails, comma-separated (default: %(default)s)"),
    ("--agent-label", "agent_label", "LABEL", "the Pipeline trains each candidate of a batch in a parallel branch "
                                              "on an agent with this label (default: %(default)s)"),
    ("--gpu-label", "gpu_label", "LABEL", "agents with a GPU: Keras candidates train there with --gpus all "
                                          "(default: none)"),
    ("--shared-dir", "shared_dir", "PATH", "a folder every training agent mounts at this same path; the runs "
                                           "live there (default: the build's workspace, for agents on one machine)"),
)


def add_commands(subparsers: Any) -> None:
    """Register ``render`` and ``seed`` on the main CLI's subparsers."""
    defaults = RenderOptions()
    render_cmd = subparsers.add_parser(
        "render", help=f"write {JENKINSFILE} and {SEED_DIR}/ from the stage declaration",
        description=f"Render {JENKINSFILE} and {SEED_DIR}/ (job1..job6, the Pipeline job, the Build Pipeline "
                    "view) with the default placeholders, as committed. Exit 1 with --check when they differ.")
    render_cmd.add_argument("--out", default=".", metavar="DIR", help="the repository root (default: .)")
    render_cmd.add_argument("--check", action="store_true",
                            help="change nothing; exit 1 with a diff when the files differ from a fresh render")
    render_cmd.set_defaults(func=cmd_render)

    seed_cmd = subparsers.add_parser(
        "seed", help="create or update the Jenkins jobs and the Build Pipeline view", allow_abbrev=False,
        description=f"Render with the options below and provision every job and the view: create what is "
                    f"missing, update what changed, skip the rest. The API token comes from ${TOKEN_ENV} "
                    "or --token-file, never from the command line.")
    seed_cmd.add_argument("--url", required=True, help="Jenkins base URL, e.g. https://jenkins.example.com/")
    seed_cmd.add_argument("--user", required=True, help="the Jenkins user the API token belongs to")
    seed_cmd.add_argument("--token-file", metavar="FILE", help=f"file holding the API token (default: ${TOKEN_ENV})")
    seed_cmd.add_argument("--dry-run", action="store_true", help="print the plan (create/update/skip); change nothing")
    seed_cmd.add_argument("--timeout", type=float, default=30.0, metavar="S",
                          help="seconds to wait for each answer (default: %(default)s)")
    for flag, name, metavar, text in _OPTIONS:
        seed_cmd.add_argument(flag, dest=name, metavar=metavar, default=getattr(defaults, name), help=text)
    seed_cmd.set_defaults(func=cmd_seed)


def cmd_render(args: argparse.Namespace) -> int:
    """Write (or, with --check, compare) the rendered files under ``--out``."""
    out = Path(args.out)
    if not out.is_dir():
        raise UserInputError(f"--out {out}: no such folder", hint="pass the repository root")
    rendering = render()
    if args.check:
        report = check_rendering(rendering, out)
        if report:
            sys.stdout.write(report)
            say(f"render: {JENKINSFILE} or {SEED_DIR}/ differ from a fresh render; run 'mlops render' and "
                  "commit the result", err=True)
            return 1
        say(f"render: {JENKINSFILE} and {SEED_DIR}/ are up to date")
        return 0
    changed = write_rendering(rendering, out)
    for path in changed:
        say(f"wrote {path}" if path.exists() else f"removed {path}")
    say(f"render: {len(rendering.files())} files, {len(changed)} changed")
    return 0


def _token(args: argparse.Namespace) -> str:
    if args.token_file:
        path = Path(args.token_file)
        try:
            token = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UserInputError(f"--token-file {path}: cannot read it ({exc.strerror})",
                                 hint="pass a file holding only the API token") from None
        if not token:
            raise UserInputError(f"--token-file {path}: the file is empty", hint="put the API token in it")
        return token
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise UserInputError(f"no Jenkins API token: set {TOKEN_ENV} or pass --token-file FILE",
                             hint="create a token under your Jenkins user > Security > API Token; it is never "
                                  "taken on the command line, where other users could read it")
    return token


def cmd_seed(args: argparse.Namespace) -> int:
    """Render with the seed options, then provision (or only plan, with --dry-run)."""
    from pipeline_lib.jenkins.client import JenkinsClient
    from pipeline_lib.jenkins.provision import format_plan, seed

    options = RenderOptions(**{name: getattr(args, name) for _, name, _, _ in _OPTIONS})
    client = JenkinsClient(args.url, args.user, _token(args), timeout=args.timeout)
    report = seed(client, render(options), dry_run=args.dry_run)
    say(format_plan(report))
    if report.missing_plugins:
        raise UserInputError(f"Jenkins at {report.url} lacks plugins the jobs need: "
                             f"{', '.join(report.missing_plugins)}",
                             hint="install them (Manage Jenkins > Plugins > Available plugins), then seed")
    return 0
