#!/usr/bin/env python3
"""A real SMTP server for the mail tests (aiosmtpd), writing each message it
accepts as one JSON line: {"from", "to", "data", "subject", "body", "login",
"tls", "at"}, with the subject and the text as a mail client shows them.

  smtp_sink.py --port P --out FILE [--tls CERT KEY] [--login USER:PASSWORD]
               [--stall-first SECONDS] [--fail-first N]

--tls offers and requires STARTTLS; --login requires authentication (only
after STARTTLS); --stall-first holds the first message that long before
answering, and accepts it only if its sender is still connected (a sender
killed meanwhile delivered nothing); --fail-first answers 451 to the first N.
"""

import argparse
import asyncio
import email
import email.policy
import json
import ssl
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, args):
        self.out = args.out
        self.stall = args.stall_first
        self.failures = args.fail_first

    async def handle_DATA(self, server, session, envelope):
        if self.stall > 0:
            stall, self.stall = self.stall, 0
            await asyncio.sleep(stall)
            if server.transport is None or server.transport.is_closing():
                return "451 4.3.0 sender gone"
        if self.failures > 0:
            self.failures -= 1
            return "451 4.3.0 try again later"
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "data": envelope.content.decode("utf-8", "replace"),
            "subject": str(message["subject"]),
            "body": message.get_content(),
            "login": login,
            "tls": server._tls_protocol is not None,
            "at": time.time(),
        }
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--login")
    parser.add_argument("--stall-first", type=float, default=0)
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()

    options = {}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.tls)
        options.update(tls_context=context, require_starttls=True)
    if args.login:
        user, password = args.login.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
            return AuthResult(success=ok, auth_data=data)

        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.tls))
    controller = Controller(Sink(args), hostname="127.0.0.1", port=args.port, decode_data=False, **options)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        controller.stop()


if __name__ == "__main__":
    main()
