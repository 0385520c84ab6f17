"""A real SMTP server on the loopback interface (aiosmtpd), for tests of mail delivery through Django's SMTP backend:
STARTTLS with a certificate from a throw-away authority (trustme), AUTH LOGIN/PLAIN, and addresses it refuses for good."""

from __future__ import annotations

import contextlib
import socket
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Mailbox:
    """What the server received and how it answers."""

    refuse: set[str] = field(default_factory=set)  # addresses answered with 550 (a permanent refusal)
    messages: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    host: str
    port: int
    mailbox: Mailbox
    ca_pem: str  # path of the authority's certificate, for the client to trust


class _Authenticator:
    def __init__(self, username: str, password: str):
        self.expected = (username.encode(), password.encode())

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == self.expected
        return AuthResult(success=ok, handled=False)


@contextlib.contextmanager
def smtp_server(tmp_path, *, username: str, password: str, refuse: set[str] | None = None):
    """An SMTP server on 127.0.0.1 that requires STARTTLS before AUTH, and AUTH before mail."""
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(tls)
    ca_pem = tmp_path / "smtp-ca.pem"
    authority.cert_pem.write_to_path(str(ca_pem))

    mailbox = Mailbox(refuse=set(refuse or ()))
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=_free_port(),
        tls_context=tls,
        require_starttls=True,
        auth_require_tls=True,
        auth_required=True,
        authenticator=_Authenticator(username, password),
        ready_timeout=10,
    )
    controller.start()
    try:
        yield SmtpServer(controller.hostname, controller.port, mailbox, str(ca_pem))
    finally:
        controller.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
