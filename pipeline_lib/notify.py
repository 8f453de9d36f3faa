"""Tell the admin how a run ended: an e-mail over SMTP, or a ``.eml`` file when none is set up.

Why a file sink: the embedded default (``mlops run``) has no mail server, and a newcomer
should still see exactly what would have been sent. Why settings only from the
environment: the password must never be in a file the pipeline renders or archives, and
Jenkins injects credentials as environment variables. Every SMTP failure becomes one
:class:`RemoteError` that names ``host:port``, the step that failed and what to change;
the message is also written to the file sink first, so a mail outage loses nothing.
"""

from __future__ import annotations

import email.utils
import ipaddress
import os
import smtplib
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import TypeVar

from pipeline_lib.errors import RemoteError, UserInputError
from pipeline_lib.report import (
    format_trial_table,
    headline,
    kmeans_sentence,
    model_path,
    problems,
    redact,
    run_facts,
    secret_values,
)
from pipeline_lib.store import RunRecord, atomic_write_text

__all__ = ["DEFAULT_SENDER", "NotifyResult", "SmtpSettings", "build_message", "notify"]

DEFAULT_SENDER = "mlops@localhost"
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
_N = TypeVar("_N", int, float)
_PORTS_HINT = "587 is STARTTLS, 465 is SMTPS (MLOPS_SMTP_SSL=1), 25 is plain"


@dataclass
class SmtpSettings:
    """How to reach the mail server; build it with :meth:`from_env`.

    Attributes:
        host, port: the server (587, the submission port, by default).
        starttls: upgrade the plain connection with STARTTLS before logging in.
        ssl: connect with TLS from the first byte (SMTPS, usually port 465).
        user, password: login; the password is kept out of ``repr`` so it never reaches a log.
        sender, recipients: the envelope and header addresses.
        timeout: seconds for connecting and for each server reply.
        cafile: a private CA bundle to verify the server's certificate against.
    """

    host: str
    port: int = 587
    starttls: bool = False
    ssl: bool = False
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = DEFAULT_SENDER
    recipients: list[str] = field(default_factory=list)
    timeout: float = 30.0
    cafile: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> SmtpSettings | None:
        """Read ``MLOPS_SMTP_*`` and ``MLOPS_NOTIFY_TO``; None when ``MLOPS_SMTP_HOST`` is unset.

        STARTTLS defaults to on for port 587 (what that port means) and off otherwise.

        Raises:
            UserInputError: a value is malformed or the combination cannot work; the message
                names the variable and never shows the password.
        """
        host = env.get("MLOPS_SMTP_HOST", "").strip()
        if not host:
            return None
        use_ssl = _flag(env, "MLOPS_SMTP_SSL", False)
        port = _number(env, "MLOPS_SMTP_PORT", 465 if use_ssl else 587, int)
        if not 0 < port < 65536:
            raise UserInputError(f"MLOPS_SMTP_PORT={port} is not a TCP port", hint=_PORTS_HINT + ".")
        starttls = _flag(env, "MLOPS_SMTP_STARTTLS", port == 587 and not use_ssl)
        if use_ssl and starttls:
            raise UserInputError("MLOPS_SMTP_SSL=1 and MLOPS_SMTP_STARTTLS=1 are both set",
                                 hint=f"choose one: {_PORTS_HINT}.")
        user = env.get("MLOPS_SMTP_USER", "").strip() or None
        password = env.get("MLOPS_SMTP_PASSWORD") or None
        if user and not password:
            raise UserInputError("MLOPS_SMTP_USER is set but MLOPS_SMTP_PASSWORD is empty",
                                 hint="export MLOPS_SMTP_PASSWORD (a Jenkins credential), or unset the user.")
        if user and not (use_ssl or starttls or _is_loopback(host)):
            raise UserInputError(f"MLOPS_SMTP_USER is set but the connection to {host}:{port} is not "
                                 "encrypted: the password would cross the network in clear text",
                                 hint="set MLOPS_SMTP_STARTTLS=1 (port 587) or MLOPS_SMTP_SSL=1 (port 465).")
        recipients = [r.strip() for r in env.get("MLOPS_NOTIFY_TO", "").split(",") if r.strip()]
        if not recipients:
            raise UserInputError(f"MLOPS_SMTP_HOST={host} is set but MLOPS_NOTIFY_TO is empty",
                                 hint="set MLOPS_NOTIFY_TO to comma-separated addresses, e.g. admin@example.com.")
        bad = [r for r in recipients if "@" not in r]
        if bad:
            raise UserInputError(f"MLOPS_NOTIFY_TO: {', '.join(bad)} is not an e-mail address",
                                 hint="use comma-separated addresses like admin@example.com.")
        cafile = env.get("MLOPS_SMTP_CAFILE", "").strip() or None
        if cafile and not Path(cafile).is_file():
            raise UserInputError(f"MLOPS_SMTP_CAFILE={cafile}: no such file",
                                 hint="point it at the PEM bundle of your mail server's CA, or unset it.")
        sender = env.get("MLOPS_SMTP_FROM", "").strip() or (user if user and "@" in user else DEFAULT_SENDER)
        return cls(host=host, port=port, starttls=starttls, ssl=use_ssl, user=user, password=password,
                   sender=sender, recipients=recipients, cafile=cafile,
                   timeout=_number(env, "MLOPS_SMTP_TIMEOUT", 30.0, float))

    @property
    def address(self) -> str:
        """``host:port``, how every message about this server names it."""
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class NotifyResult:
    """What :func:`notify` did: sent (to whom) or written to ``path``, in one sentence."""

    sent: bool
    path: Path | None
    recipients: list[str]
    detail: str


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    raise UserInputError(f"{name}={raw!r} is not a yes/no value", hint=f"set {name} to 1/0 or true/false.")


def _number(env: Mapping[str, str], name: str, default: _N, kind: Callable[[str], _N]) -> _N:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise UserInputError(f"{name}={raw!r} is not a number", hint=f"set {name} to a plain number, "
                             f"e.g. {default}.") from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# --------------------------------------------------------------------------- the message


def _body(run: RunRecord, run_dir: Path) -> str:
    facts = run_facts(run)
    width = max(len(key) for key, _ in facts) + 1
    lines = [f"{run.script or run.id}: {headline(run)}", ""]
    lines += [f"{key + ':':<{width}} {value}" for key, value in facts]
    lines += ["", format_trial_table(run)]
    issues = problems(run)
    if issues:
        lines += ["", "Problems:", *(f"  - {line}" for line in issues)]
    sentence = kmeans_sentence(run)
    if sentence:
        lines += ["", f"KMeans: {sentence}"]
    model = model_path(run, run_dir)
    lines += ["", f"Run folder: {run_dir}",
              f"Report:     {run_dir / 'report' / 'summary.md'} (plot accuracy.png, JUnit junit.xml)",
              f"Model:      {run_dir / model if model else 'none saved'}"]
    return "\n".join(lines) + "\n"


def _attachments(run: RunRecord, run_dir: Path) -> list[Path]:
    report = run_dir / "report"
    candidates = [report / "summary.md", report / "accuracy.png"]
    if run.kmeans.get("plot"):
        candidates.append(run_dir / str(run.kmeans["plot"]))
    return [path for path in candidates if path.is_file()]


def build_message(run: RunRecord, run_dir: Path, sender: str, recipients: list[str]) -> EmailMessage:
    """The notification e-mail, deterministic for a given run (no Date or Message-ID yet).

    The body is plain text (verdict, facts, the trial table, where the report and model
    are); ``summary.md``, ``accuracy.png`` and the KMeans k plot (elbow.png) are attached when present.
    """
    secrets = secret_values(os.environ)
    message = EmailMessage()
    message["Subject"] = redact(f"[mlops] {run.script or run.id}: {headline(run)}", secrets)
    message["From"] = sender
    if recipients:
        message["To"] = ", ".join(recipients)
    message.set_content(redact(_body(run, run_dir), secrets))
    for path in _attachments(run, run_dir):
        if path.suffix == ".png":
            message.add_attachment(path.read_bytes(), maintype="image", subtype="png", filename=path.name)
        else:
            message.add_attachment(redact(path.read_text(encoding="utf-8"), secrets),
                                   subtype="markdown", filename=path.name)
    return message


# --------------------------------------------------------------------------- sending


# (exception type, step it applies to or None for any, what failed, hint); first match wins,
# so subclasses come before their bases (every SMTPException and SSLError is an OSError).
_FAILURES: list[tuple[type[BaseException], str | None, str, str]] = [
    (ConnectionRefusedError, None, "connection refused",
     f"is the mail server running there? Check MLOPS_SMTP_HOST and MLOPS_SMTP_PORT ({_PORTS_HINT})."),
    (socket.gaierror, None, "host name not found", "check MLOPS_SMTP_HOST (DNS name or IP address)."),
    (TimeoutError, None, "no answer in time",
     "check the host, port and firewall, or raise MLOPS_SMTP_TIMEOUT."),
    (ssl.SSLError, None, "TLS failed",
     f"for a private CA set MLOPS_SMTP_CAFILE; match MLOPS_SMTP_SSL/STARTTLS to the port ({_PORTS_HINT})."),
    (smtplib.SMTPException, "starttls", "TLS failed (STARTTLS refused)",
     "the server offers no STARTTLS on this port: set MLOPS_SMTP_STARTTLS=0, or MLOPS_SMTP_SSL=1 for 465."),
    (smtplib.SMTPAuthenticationError, None, "auth failed",
     "check MLOPS_SMTP_USER and MLOPS_SMTP_PASSWORD (the Jenkins credential)."),
    (smtplib.SMTPNotSupportedError, "login", "auth failed (the server offers no AUTH here)",
     "most servers offer AUTH only after STARTTLS: set MLOPS_SMTP_STARTTLS=1, or unset MLOPS_SMTP_USER."),
    (smtplib.SMTPSenderRefused, None, "sender refused",
     "set MLOPS_SMTP_FROM to an address this server lets you send from."),
    (smtplib.SMTPRecipientsRefused, None, "every recipient refused", "check the addresses in MLOPS_NOTIFY_TO."),
    (smtplib.SMTPServerDisconnected, None, "the server closed the connection",
     "check the port and TLS settings; the server log says why."),
    (smtplib.SMTPException, None, "the server refused", "the server's reply above says why."),
    (OSError, None, "network error", "check MLOPS_SMTP_HOST and MLOPS_SMTP_PORT."),
]


def _remote_error(settings: SmtpSettings, step: str, exc: BaseException, saved: Path) -> RemoteError:
    what, hint = next((w, h) for kind, at, w, h in _FAILURES
                      if isinstance(exc, kind) and at in (None, step))
    secrets = [settings.password] if settings.password else []
    detail = redact(str(exc) or type(exc).__name__, secrets)
    return RemoteError(f"SMTP {settings.address}: {what} during {step} ({detail}); "
                       f"the message was saved to {saved}", hint=hint)


def _send(message: EmailMessage, settings: SmtpSettings, sink: Path) -> dict[str, tuple[int, bytes]]:
    """Deliver ``message``; returns the recipients the server refused (usually none).

    On failure the message goes to ``sink`` first (nothing is lost), then the error is
    raised with the step that failed: connect, starttls, login or send.
    """
    context = ssl.create_default_context(cafile=settings.cafile)
    step = "connect"
    try:
        client = (smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
                  if settings.ssl else smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout))
        with client:
            if settings.starttls:
                step = "starttls"
                client.starttls(context=context)
            if settings.user:
                step = "login"
                client.login(settings.user, settings.password or "")
            step = "send"
            return client.send_message(message, settings.sender, settings.recipients)
    except OSError as exc:  # smtplib.SMTPException and ssl.SSLError are OSErrors too
        atomic_write_text(sink, message.as_string())
        raise _remote_error(settings, step, exc, sink) from None


def notify(run: RunRecord, run_dir: Path, settings: SmtpSettings | None) -> NotifyResult:
    """E-mail the run's outcome, or write it to ``<run_dir>/report/notification.eml``.

    Args:
        run: the finished (or failed) run.
        run_dir: its folder; the report must already be written there for attachments.
        settings: from :meth:`SmtpSettings.from_env`; None selects the file sink.

    Raises:
        RemoteError: the server could not be reached or refused the message; the message
            says ``host:port``, what failed and what to change (never the password).
    """
    sink = run_dir / "report" / "notification.eml"
    if settings is None:
        message = build_message(run, run_dir, DEFAULT_SENDER, [])
        atomic_write_text(sink, message.as_string())
        return NotifyResult(False, sink, [], f"no SMTP server configured (MLOPS_SMTP_HOST unset): "
                                             f"wrote {sink}; set MLOPS_SMTP_HOST and MLOPS_NOTIFY_TO to e-mail it")
    message = build_message(run, run_dir, settings.sender, settings.recipients)
    message["Date"] = email.utils.formatdate(localtime=True)
    message["Message-ID"] = email.utils.make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    refused = _send(message, settings, sink)
    delivered = [r for r in settings.recipients if r not in refused]
    detail = f"e-mailed {', '.join(delivered)} via {settings.address}"
    if refused:
        detail += f"; refused by the server: {', '.join(sorted(refused))}"
    return NotifyResult(True, None, delivered, detail)
