"""One root exception whose subclasses say how a caller should handle them.

Why a hierarchy instead of ad-hoc exceptions: the CLI maps each class to an exit code and
the monitor decides from the class alone whether a failure deserves a restart.
"""

from __future__ import annotations

__all__ = [
    "FatalError",
    "PipelineError",
    "RemoteError",
    "RetryableError",
    "UserInputError",
]


class PipelineError(Exception):
    """Root of every error the pipeline raises on purpose.

    Attributes:
        exit_code: process exit status the CLI uses for this error.
        hint: what the user should do about it (printed after the message).
    """

    exit_code: int = 1

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

    exit_code = 2


class RetryableError(PipelineError):
    """A transient failure (a crashed training process): the monitor restarts and resumes."""

    exit_code = 3


class FatalError(PipelineError):
    """An internal or environmental failure that a restart cannot fix."""

    exit_code = 1


class RemoteError(PipelineError):
    """A remote service (Jenkins, SMTP, Docker engine) refused or could not be reached."""

    exit_code = 4
