#!/usr/bin/python3
"""A real SMTP server for booklet's mail tests (aiosmtpd, run with Debian's
/usr/bin/python3 which has python3-aiosmtpd).

    smtp_server.py --dir DIR --port-file FILE [--faults JSON]

Listens on 127.0.0.1 on a free port, written to FILE once the server
accepts connections. Each accepted message is written as DIR/NNNNNN.eml
(the bytes as received, after dot-unstuffing), after its envelope
DIR/NNNNNN.env ("from ADDR", "to ADDR", "tls yes|no", "auth USER|-").
Every fault that fires is logged as a line of DIR/events.log
("rcpt-451 ADDR", "rcpt-550 ADDR", "data-451 ADDR", "drop-at-mail",
"drop-after-data ADDR").
Stops on SIGTERM or SIGINT, when its parent process goes away, or after
--max-seconds (300 by default).

Faults (a JSON object, every key optional):
  rcpt_temp        {"addr": N}  reply 451 to RCPT TO:<addr> the first N times
  rcpt_perm        ["addr"]     reply 550 to RCPT TO:<addr>, always
  data_temp        {"addr": N}  reply 451 at the end of DATA the first N times
  drop_after       K            once K messages were accepted, cut the
                                connection at the next MAIL FROM (once)
  mail_perm        true         reply 553 to every MAIL FROM (sender refused)
  drop_after_data  ["addr"]     store the message, then cut the connection
                                without replying (once per address): the
                                client cannot know it was delivered
  tls_cert, tls_key             PEM files: offer STARTTLS with them
  implicit_tls     true         TLS from the first byte (with tls_cert/key)
  fake_starttls    true         list STARTTLS in EHLO without being able to
                                do it (STARTTLS gets 454)
  auth             {"user": U, "password": P}  accept AUTH PLAIN/LOGIN with
                                these only (over TLS, or in clear when
                                auth_in_clear is true); require it for MAIL
  auth_in_clear    true
"""

import argparse
import json
import os
import signal
import socket
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


class Handler:
    def __init__(self, outdir, faults):
        self.outdir = outdir
        self.faults = faults
        self.accepted = 0
        self.rcpt_temp = dict(faults.get("rcpt_temp", {}))
        self.rcpt_perm = set(faults.get("rcpt_perm", []))
        self.data_temp = dict(faults.get("data_temp", {}))
        self.drop_after = faults.get("drop_after")
        self.dropped = False
        self.drop_after_data = set(faults.get("drop_after_data", []))

    def event(self, text):
        with open(os.path.join(self.outdir, "events.log"), "a") as f:
            f.write(text + "\n")

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.faults.get("fake_starttls") and "250-STARTTLS" not in responses:
            responses.insert(1, "250-STARTTLS")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.drop_after is not None and not self.dropped and self.accepted >= self.drop_after:
            self.dropped = True
            self.event("drop-at-mail")
            server.transport.abort()
            return "421 4.3.2 going away"  # never arrives: the connection is gone
        if self.faults.get("mail_perm"):
            self.event("mail-553 " + address)
            return "553 5.7.1 <%s>: sender address rejected" % address
        if "auth" in self.faults and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.rcpt_perm:
            self.event("rcpt-550 " + address)
            return "550 5.1.1 <%s>: no such mailbox" % address
        if self.rcpt_temp.get(address, 0) > 0:
            self.rcpt_temp[address] -= 1
            self.event("rcpt-451 " + address)
            return "451 4.3.0 <%s>: try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        first = envelope.rcpt_tos[0] if envelope.rcpt_tos else ""
        if self.data_temp.get(first, 0) > 0:
            self.data_temp[first] -= 1
            self.event("data-451 " + first)
            return "451 4.3.0 message not accepted for now"
        self.accepted += 1
        base = os.path.join(self.outdir, "%06d" % self.accepted)
        # session.ssl is only set by STARTTLS; implicit TLS shows on the transport.
        tls = session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None
        env = "from %s\n" % envelope.mail_from
        env += "".join("to %s\n" % r for r in envelope.rcpt_tos)
        env += "tls %s\n" % ("yes" if tls else "no")
        login = session.auth_data if session.authenticated else None
        env += "auth %s\n" % (login.decode() if isinstance(login, bytes) else "-")
        write_atomically(base + ".env", env.encode())
        write_atomically(base + ".eml", envelope.original_content)
        if first in self.drop_after_data:
            self.drop_after_data.discard(first)
            self.event("drop-after-data " + first)
            server.transport.abort()
        return "250 2.0.0 OK queued as %06d" % self.accepted


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password:
            return AuthResult(success=True, auth_data=auth_data.login)
        return AuthResult(success=False, handled=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--faults", default="{}")
    parser.add_argument("--max-seconds", type=float, default=300)
    args = parser.parse_args()
    parent = os.getppid()
    faults = json.loads(args.faults)
    os.makedirs(args.dir, exist_ok=True)

    kwargs = {"server_hostname": "booklet-test-smtp"}
    context = None
    if faults.get("tls_cert"):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(faults["tls_cert"], faults["tls_key"])
    if context and faults.get("implicit_tls"):
        kwargs["ssl_context"] = context
    elif context:
        kwargs["tls_context"] = context
    if "auth" in faults:
        kwargs["authenticator"] = Authenticator(faults["auth"]["user"], faults["auth"]["password"])
        kwargs["auth_require_tls"] = not faults.get("auth_in_clear", False)

    handler = Handler(args.dir, faults)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    write_atomically(args.port_file, str(port).encode())

    # Stop on SIGTERM/SIGINT, and never outlive the test that started the
    # server (its parent) nor --max-seconds, whatever happens to the test.
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    deadline = time.monotonic() + args.max_seconds
    while not done.wait(0.2):
        if os.getppid() != parent or time.monotonic() > deadline:
            break
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
