"""A private Dovecot IMAP server on a loopback port, one user, Maildir in a temp folder.

Runs as the current user, or, as root, with the ``dovecot`` system user owning the
mail (Dovecot refuses uid 0 for mail). ``DOVECOT_BIN`` overrides the binary.
"""

from __future__ import annotations

import email
import imaplib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.stack_launch import free_port

USER = "desk@avisa.test"
PASSWORD = "desk-password"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
{users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
{extra}
"""


def dovecot_binary() -> str | None:
    found = os.environ.get("DOVECOT_BIN") or shutil.which("dovecot")
    if found is None and Path("/usr/sbin/dovecot").exists():
        found = "/usr/sbin/dovecot"
    return found


@dataclass
class Dovecot:
    root: Path
    port: int
    process: subprocess.Popen[bytes]
    user: str = USER
    password: str = PASSWORD
    _clients: list[imaplib.IMAP4] = field(default_factory=list)

    @classmethod
    def start(cls, extra: str = "") -> Dovecot:
        binary = dovecot_binary()
        if binary is None:
            raise FileNotFoundError("dovecot is not installed (tools/setup_env.sh installs it)")
        root = Path(tempfile.mkdtemp(prefix="avisa-dovecot-"))
        if os.geteuid() == 0:
            owner = pwd.getpwnam("dovecot")
            uid, gid, users = owner.pw_uid, owner.pw_gid, ""
            os.chown(root, uid, gid)
        else:
            uid, gid = os.getuid(), os.getgid()
            name = pwd.getpwuid(uid).pw_name
            users = f"default_login_user = {name}\ndefault_internal_user = {name}"
        root.chmod(0o755)
        for sub in ("run", "state"):
            (root / sub).mkdir()
        (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        port = free_port()
        config = CONFIG.format(root=root, uid=uid, gid=gid, port=port, users=users, extra=extra)
        (root / "dovecot.conf").write_text(config)
        process = subprocess.Popen(
            [binary, "-F", "-c", str(root / "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=open(root / "stderr.log", "wb"),  # noqa: SIM115 - closed with the process
        )
        server = cls(root, port, process)
        server._wait_ready()
        return server

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self.log()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"dovecot did not listen on {self.port}: {self.log()}")

    def log(self) -> str:
        parts = [self.root / "stderr.log", self.root / "dovecot.log"]
        return "\n".join(p.read_text(errors="replace") for p in parts if p.exists())[-4000:]

    def client(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        imap.login(self.user, self.password)
        return imap

    def append(self, raws: list[bytes], mailbox: str = "INBOX") -> None:
        """APPEND the mails in order (blocking; call through ``asyncio.to_thread``)."""
        imap = self.client()
        try:
            for raw in raws:
                status, detail = imap.append(mailbox, None, None, raw)
                assert status == "OK", detail
        finally:
            imap.logout()

    def append_each(self, raws: list[bytes], mailbox: str = "INBOX") -> list[int | None]:
        """APPEND one by one; the UID of each, or ``None`` when the server refused it."""
        imap = self.client()
        uids: list[int | None] = []
        try:
            for raw in raws:
                try:
                    status, detail = imap.append(mailbox, None, None, raw)
                except imaplib.IMAP4.error:
                    status, detail = "NO", []
                found = re.search(rb"APPENDUID \d+ (\d+)", b" ".join(detail or [b""]))
                if status == "OK" and found is None:  # stored, its UID not in the answer
                    uids.append(self._uid_of(imap, mailbox, raw))
                    continue
                uids.append(int(found.group(1)) if status == "OK" and found else None)
        finally:
            imap.logout()
        return uids

    def append_surely(self, raw: bytes, mailbox: str, tries: int = 50) -> int:
        """APPEND ``raw`` until it is stored once, as right after the mailbox was re-created
        (Dovecot may refuse a moment, "deleted under us"); its UID. A refusal is checked
        against the mailbox before trying again, so a mail is never stored twice."""
        for _ in range(tries):
            uid = self.append_each([raw], mailbox)[0]
            if uid is None:
                imap = self.client()
                try:
                    uid = self._uid_of(imap, mailbox, raw)
                except imaplib.IMAP4.error:
                    uid = None
                finally:
                    imap.logout()
            if uid is not None:
                return uid
            time.sleep(0.2)
        raise AssertionError(f"{mailbox}: the mail was refused {tries} times")

    @staticmethod
    def _uid_of(imap: imaplib.IMAP4, mailbox: str, raw: bytes) -> int | None:
        """The UID of the stored mail ``raw``, found by its Message-ID."""
        message_id = email.message_from_bytes(raw)["Message-ID"]
        imap.select(mailbox)
        _, found = imap.uid("SEARCH", "HEADER", "Message-ID", f'"{message_id}"')
        uids = (found[0] or b"").split() if found else []
        return int(uids[-1]) if uids else None

    def uidvalidity(self, mailbox: str = "INBOX") -> int:
        imap = self.client()
        try:
            imap.select(mailbox)
            return int(imap.response("UIDVALIDITY")[1][0] or 0)
        finally:
            imap.logout()

    def recreate(self, mailbox: str = "INBOX") -> None:
        """Give the mailbox a new UIDVALIDITY: Maildir's uidlist is removed (mail stays)."""
        for path in (self.root / "mail").rglob("dovecot-uidlist"):
            path.unlink()
        for path in (self.root / "mail").rglob("dovecot.index*"):
            path.unlink()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        shutil.rmtree(self.root, ignore_errors=True)
