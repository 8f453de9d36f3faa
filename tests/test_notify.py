"""E-mail notification against a real SMTP server (aiosmtpd on 127.0.0.1), plus the file sink.

Nothing is mocked: the server is aiosmtpd in a thread, STARTTLS/SMTPS use a self-signed
certificate made with ``cryptography`` for 127.0.0.1, and AUTH goes through an aiosmtpd
authenticator. The e-mail text is checked against golden files (``tests/golden/email``).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword

from pipeline_lib.errors import RemoteError, UserInputError
from pipeline_lib.notify import DEFAULT_SENDER, SmtpSettings, build_message, notify
from pipeline_lib.report import format_trial_table, write_report
from pipeline_lib.store import RunRecord
from tests.golden_helper import GoldenCase, assert_golden, discover, params, stale
from tests.test_report import PNG_SIGNATURE, load_run
from tests.smtp_helpers import free_port

EMAIL = "email/{name}.txt"
CASES = discover(EMAIL, inputs="runs/*.json")
USER, PASSWORD = "ci-bot", "correct horse battery"


def check_login(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ssl.SSLContext]:
    """A self-signed certificate for 127.0.0.1 (the client's CA file) and a server TLS context."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(dt.datetime(2020, 1, 1)).not_valid_after(dt.datetime(2100, 1, 1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return cert_file, context


def settings_for(port: int, **env: str) -> SmtpSettings:
    values = {"MLOPS_SMTP_HOST": "127.0.0.1", "MLOPS_SMTP_PORT": str(port), "MLOPS_SMTP_STARTTLS": "0",
              "MLOPS_NOTIFY_TO": "admin@example.com, lead@example.com", "MLOPS_SMTP_FROM": "mlops@example.com"}
    settings = SmtpSettings.from_env({**values, **env})
    assert settings is not None
    return settings


def reported_run(name: str, tmp_path: Path) -> tuple[RunRecord, Path]:
    """A fixture run whose report (summary.md, accuracy.png, junit.xml) is already written."""
    run, run_dir = load_run(name, tmp_path)
    write_report(run, run_dir)
    return run, run_dir


def readable(message: EmailMessage, run_dir: Path) -> str:
    """Headers, attachment list and body: the deterministic parts of the e-mail, for goldens."""
    parts = [f"{p.get_filename()} ({p.get_content_type()})" for p in message.iter_attachments()]
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace(str(run_dir), "$RUN_DIR")
    return (f"Subject: {message['Subject']}\nFrom: {message['From']}\nTo: {message['To']}\n"
            f"Attachments: {', '.join(parts) or 'none'}\n\n{text}")


@pytest.mark.parametrize("case", params(CASES))
def test_email_matches_golden(case: GoldenCase, tmp_path: Path) -> None:
    run, run_dir = reported_run(case.name, tmp_path)
    message = build_message(run, run_dir, "mlops@example.com", ["admin@example.com"])
    assert message["Date"] is None and message["Message-ID"] is None
    assert_golden(case.expected, readable(message, run_dir))


def test_no_stale_email_goldens() -> None:
    assert stale(EMAIL, CASES) == []


def test_message_is_deterministic(tmp_path: Path) -> None:
    run, run_dir = reported_run("kmeans_elbow", tmp_path)
    first, second = (readable(build_message(run, run_dir, "a@b.c", ["d@e.f"]), run_dir) for _ in range(2))
    assert first == second


def test_real_smtp_server_receives_the_report(smtp_server: Any, tmp_path: Path) -> None:
    inbox, port = smtp_server()
    run, run_dir = reported_run("ann_target_met", tmp_path)
    result = notify(run, run_dir, settings_for(port))
    assert result.sent and result.path is None
    assert result.recipients == ["admin@example.com", "lead@example.com"]
    assert f"127.0.0.1:{port}" in result.detail
    envelope = inbox.envelopes[0]
    assert envelope.mail_from == "mlops@example.com"
    assert envelope.rcpt_tos == ["admin@example.com", "lead@example.com"]
    message = inbox.only_message()
    assert message["Subject"] == "[mlops] ann.py: target met — val_accuracy 0.86 ≥ 0.80 (trial 3 of 3)"
    assert message["Date"] and message["Message-ID"]
    body = message.get_body(("plain",))
    assert body is not None  # SMTP delivers CRLF line ends
    assert format_trial_table(run) in body.get_content().replace("\r\n", "\n")
    attachments = {p.get_filename(): p for p in message.iter_attachments()}
    assert sorted(attachments) == ["accuracy.png", "summary.md"]
    png = attachments["accuracy.png"].get_content()
    assert isinstance(png, bytes) and png == (run_dir / "report" / "accuracy.png").read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    assert attachments["summary.md"].get_content().startswith("# ann.py: target met")


def test_kmeans_mail_attaches_the_elbow_plot(smtp_server: Any, tmp_path: Path) -> None:
    inbox, port = smtp_server()
    run, run_dir = reported_run("kmeans_elbow", tmp_path)
    notify(run, run_dir, settings_for(port))
    names = [p.get_filename() for p in inbox.only_message().iter_attachments()]
    assert names == ["summary.md", "accuracy.png", "elbow.png"]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_with_the_right_password_is_accepted(smtp_server: Any, tmp_path: Path) -> None:
    inbox, port = smtp_server(authenticator=check_login, auth_require_tls=False, auth_required=True)
    run, run_dir = reported_run("ann_budget_spent", tmp_path)
    result = notify(run, run_dir, settings_for(port, MLOPS_SMTP_USER=USER, MLOPS_SMTP_PASSWORD=PASSWORD))
    assert result.sent
    assert "budget spent" in str(inbox.only_message()["Subject"])


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_wrong_password_is_a_remote_error_without_the_password(smtp_server: Any, tmp_path: Path) -> None:
    inbox, port = smtp_server(authenticator=check_login, auth_require_tls=False, auth_required=True)
    run, run_dir = reported_run("ann_budget_spent", tmp_path)
    settings = settings_for(port, MLOPS_SMTP_USER=USER, MLOPS_SMTP_PASSWORD="wrong-Pa55word")
    with pytest.raises(RemoteError) as caught:
        notify(run, run_dir, settings)
    text = str(caught.value)
    assert f"SMTP 127.0.0.1:{port}: auth failed during login" in text and "MLOPS_SMTP_PASSWORD" in text
    assert "wrong-Pa55word" not in text and "wrong-Pa55word" not in repr(settings)
    assert caught.value.exit_code == 4 and inbox.envelopes == []
    assert (run_dir / "report" / "notification.eml").is_file()  # nothing is lost


def test_closed_port_says_connection_refused(tmp_path: Path) -> None:
    run, run_dir = reported_run("cnn_failed", tmp_path)
    port = free_port()
    with pytest.raises(RemoteError) as caught:
        notify(run, run_dir, settings_for(port))
    text = str(caught.value)
    assert f"SMTP 127.0.0.1:{port}: connection refused during connect" in text
    assert "hint:" in text and "MLOPS_SMTP_PORT" in text
    saved = email.message_from_bytes((run_dir / "report" / "notification.eml").read_bytes(),
                                     policy=email.policy.default)
    assert str(saved["Subject"]).startswith("[mlops] cnn.py: failed")


def test_starttls_with_a_private_ca_and_login(smtp_server: Any, certificate: tuple[Path, ssl.SSLContext],
                                              tmp_path: Path) -> None:
    cafile, server_tls = certificate
    inbox, port = smtp_server(tls_context=server_tls, require_starttls=True, authenticator=check_login,
                              auth_required=True)
    run, run_dir = reported_run("ann_target_met", tmp_path)
    settings = settings_for(port, MLOPS_SMTP_STARTTLS="1", MLOPS_SMTP_CAFILE=str(cafile),
                            MLOPS_SMTP_USER=USER, MLOPS_SMTP_PASSWORD=PASSWORD)
    assert notify(run, run_dir, settings).sent
    assert len(inbox.envelopes) == 1


def test_starttls_with_an_untrusted_certificate_is_a_tls_failure(
        smtp_server: Any, certificate: tuple[Path, ssl.SSLContext], tmp_path: Path) -> None:
    _, server_tls = certificate
    inbox, port = smtp_server(tls_context=server_tls, require_starttls=True)
    run, run_dir = reported_run("ann_target_met", tmp_path)
    with pytest.raises(RemoteError, match=rf"127\.0\.0\.1:{port}: TLS failed during starttls") as caught:
        notify(run, run_dir, settings_for(port, MLOPS_SMTP_STARTTLS="1"))
    assert "MLOPS_SMTP_CAFILE" in str(caught.value) and inbox.envelopes == []


def test_starttls_asked_but_not_offered(smtp_server: Any, tmp_path: Path) -> None:
    _, port = smtp_server()
    run, run_dir = reported_run("ann_target_met", tmp_path)
    with pytest.raises(RemoteError, match="TLS failed .STARTTLS refused. during starttls"):
        notify(run, run_dir, settings_for(port, MLOPS_SMTP_STARTTLS="1"))


def test_smtps_implicit_tls(smtp_server: Any, certificate: tuple[Path, ssl.SSLContext], tmp_path: Path) -> None:
    cafile, server_tls = certificate
    inbox, port = smtp_server(ssl_context=server_tls)
    run, run_dir = reported_run("kmeans_elbow", tmp_path)
    settings = settings_for(port, MLOPS_SMTP_STARTTLS="0", MLOPS_SMTP_SSL="1", MLOPS_SMTP_CAFILE=str(cafile))
    assert settings.ssl and not settings.starttls
    assert notify(run, run_dir, settings).sent and len(inbox.envelopes) == 1


def test_file_sink_when_no_server_is_configured(tmp_path: Path) -> None:
    run, run_dir = reported_run("ann_target_met", tmp_path)
    assert SmtpSettings.from_env({"MLOPS_NOTIFY_TO": "admin@example.com"}) is None
    result = notify(run, run_dir, None)
    assert not result.sent and result.path == run_dir / "report" / "notification.eml"
    assert str(result.path) in result.detail and "MLOPS_SMTP_HOST" in result.detail
    saved = email.message_from_bytes(result.path.read_bytes(), policy=email.policy.default)
    assert saved["From"] == DEFAULT_SENDER
    assert saved["Subject"] == "[mlops] ann.py: target met — val_accuracy 0.86 ≥ 0.80 (trial 3 of 3)"
    assert [p.get_filename() for p in saved.iter_attachments()] == ["summary.md", "accuracy.png"]


def test_from_env_defaults() -> None:
    base = {"MLOPS_SMTP_HOST": "smtp.example.com", "MLOPS_NOTIFY_TO": "a@example.com,b@example.com"}
    submission = SmtpSettings.from_env(base)
    assert submission is not None
    assert (submission.port, submission.starttls, submission.ssl) == (587, True, False)
    assert submission.recipients == ["a@example.com", "b@example.com"] and submission.sender == DEFAULT_SENDER
    smtps = SmtpSettings.from_env({**base, "MLOPS_SMTP_SSL": "true", "MLOPS_SMTP_USER": "bot@example.com",
                                   "MLOPS_SMTP_PASSWORD": "pw-1234"})
    assert smtps is not None
    assert (smtps.port, smtps.starttls, smtps.ssl, smtps.sender) == (465, False, True, "bot@example.com")
    assert "pw-1234" not in repr(smtps)


@pytest.mark.parametrize(("env", "names"), [
    ({"MLOPS_SMTP_PORT": "smtp"}, "MLOPS_SMTP_PORT='smtp' is not a number"),
    ({"MLOPS_SMTP_PORT": "70000"}, "MLOPS_SMTP_PORT=70000 is not a TCP port"),
    ({"MLOPS_NOTIFY_TO": " , "}, "MLOPS_NOTIFY_TO is empty"),
    ({"MLOPS_NOTIFY_TO": "admin"}, "MLOPS_NOTIFY_TO: admin is not an e-mail address"),
    ({"MLOPS_SMTP_STARTTLS": "maybe"}, "MLOPS_SMTP_STARTTLS='maybe' is not a yes/no value"),
    ({"MLOPS_SMTP_SSL": "1", "MLOPS_SMTP_STARTTLS": "1"}, "MLOPS_SMTP_SSL=1 and MLOPS_SMTP_STARTTLS=1"),
    ({"MLOPS_SMTP_USER": "bot"}, "MLOPS_SMTP_USER is set but MLOPS_SMTP_PASSWORD is empty"),
    ({"MLOPS_SMTP_STARTTLS": "0", "MLOPS_SMTP_USER": "bot", "MLOPS_SMTP_PASSWORD": "hunter22"},
     "the password would cross the network in clear text"),
    ({"MLOPS_SMTP_TIMEOUT": "soon"}, "MLOPS_SMTP_TIMEOUT='soon' is not a number"),
    ({"MLOPS_SMTP_CAFILE": "/nonexistent/ca.pem"}, "MLOPS_SMTP_CAFILE=/nonexistent/ca.pem: no such file"),
])
def test_from_env_rejects_bad_values_naming_the_variable(env: dict[str, str], names: str) -> None:
    base = {"MLOPS_SMTP_HOST": "smtp.example.com", "MLOPS_NOTIFY_TO": "admin@example.com"}
    with pytest.raises(UserInputError) as caught:
        SmtpSettings.from_env({**base, **env})
    assert names in str(caught.value) and caught.value.hint
    assert "hunter22" not in str(caught.value)
