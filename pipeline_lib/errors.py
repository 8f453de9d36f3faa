"""One root exception whose subclasses say how a caller should handle them, and the exit codes.

Why a hierarchy instead of ad-hoc exceptions: the CLI maps each class to an exit code
(:data:`EXIT_CODES`, documented in the README), so a script calling ``mlops`` can tell bad
input from a remote outage from a crash.

Restart policy (what ``pipeline_lib.stages.monitor.supervise`` really does): the monitor sees
only the worker's exit status, never the exception. 0 (stopped on purpose) and 2 (bad input:
:class:`UserInputError`) are final and never restarted; so is any status once the run record
is finished. Every other status — a signal, an uncaught exception (1), a :class:`FatalError`
(1), a :class:`RemoteError` (4), a :class:`RetryableError` (75) — counts as a crash: the
worker is restarted after an exponential backoff (``restart_backoff`` × 2^(n-1) seconds) and
resumes from the store, until ``max_restarts`` is exceeded and the run fails. A worker the
monitor killed because a trial overran its time limit is started again without counting a crash.
"""

from __future__ import annotations

__all__ = [
    "EXIT_CODES",
    "EXIT_MEANINGS",
    "RETRY_EXIT_CODE",
    "FatalError",
    "PipelineError",
    "RemoteError",
    "RetryableError",
    "UserInputError",
]


#: Exit statuses of `mlops run` and `mlops stage` (README "Exit status"); one number per meaning.
EXIT_CODES: dict[str, int] = {
    "target_met": 0,
    "failed": 1,
    "bad_input": 2,
    "budget_spent": 3,
    "remote_error": 4,
}

#: What each exit status means, in words (Jenkins messages, the CLI help). Status 3 is one
#: outcome for every kind: the run worked but hands back no model that meets its goal. For
#: ann/cnn the trial or time budget ran out below the target; for KMeans the data support no
#: k (no clear cluster structure), so the script's own k and model are kept.
EXIT_MEANINGS: dict[int, str] = {
    EXIT_CODES["target_met"]: "target met",
    EXIT_CODES["failed"]: "failed",
    EXIT_CODES["bad_input"]: "bad input",
    EXIT_CODES["budget_spent"]: "budget spent (KMeans: no k the data support)",
    EXIT_CODES["remote_error"]: "remote error",
}

#: The exit status of a :class:`RetryableError`: not a run outcome, so none of the numbers above
#: (EX_TEMPFAIL of sysexits.h); only the monitor sees it, and restarts the worker.
RETRY_EXIT_CODE = 75


class PipelineError(Exception):
    """Root of every error the pipeline raises on purpose.

    Attributes:
        exit_code: process exit status the CLI uses for this error.
        hint: what the user should do about it (printed after the message).
    """

    exit_code: int = EXIT_CODES["failed"]

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n  hint: {self.hint}"
        return self.message


class UserInputError(PipelineError):
    """Bad input from the user (file, setting, script): exit 2, nothing is lost or retried."""

    exit_code = EXIT_CODES["bad_input"]


class RetryableError(PipelineError):
    """A transient failure the worker may raise to ask for a restart (the monitor resumes it).

    Its exit status (75) is its own: 3 means "budget spent" (KMeans: no k the data
    support) to the CLI's callers.
    """

    exit_code = RETRY_EXIT_CODE


class FatalError(PipelineError):
    """An internal or environmental failure that a restart is not expected to fix.

    In the worker it is still restarted like any crash (see the module docstring): the
    monitor cannot tell it from one, and a bounded number of restarts costs little.
    """

    exit_code = EXIT_CODES["failed"]


class RemoteError(PipelineError):
    """A remote service (Jenkins, SMTP, Docker engine) refused or could not be reached."""

    exit_code = EXIT_CODES["remote_error"]
