"""A real SMTP server (aiosmtpd) on 127.0.0.1 for tests that send e-mail."""

from __future__ import annotations

import email
import email.policy
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import Envelope

__all__ = ["Inbox", "free_port"]


@dataclass
class Inbox:
    """What the test SMTP server received."""

    envelopes: list[Envelope] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 OK"

    def only_message(self) -> EmailMessage:
        assert len(self.envelopes) == 1
        content = self.envelopes[0].original_content or b""
        message = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        return message


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
