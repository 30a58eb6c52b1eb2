"""Files that hold personal data or secrets stay private (issue 19).

SQLite databases (the backend's and Rasa's tracker store, with their -wal/-shm/-journal),
tokens files and logs are created 0600: ``tools/stack.py`` sets the umask 077 for the
four processes and tightens what is already there (:func:`protect`). :func:`problems`
is the check run by the tests after a conversation (tests/e2e/test_private_files.py): a
private file readable or writable by group or others, or a secret (a token, a widget
session token) written in a log line. Standard library only.
"""

from __future__ import annotations

import contextlib
import re
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

PRIVATE = ("*.db", "*.db-wal", "*.db-shm", "*.db-journal", "*.sqlite", "tokens.env", "*.env",
           "*.log")
LOGS = ("*.log",)
# a widget session token (``<session id>.<expiry>.<signature>``) or any token in a query
TOKEN_IN_URL = re.compile(r"[?&](?:token|auth_token|access_token)=[^\s&\"']{8,}")


def private_files(folders: Iterable[Path]) -> list[Path]:
    found: set[Path] = set()
    for folder in folders:
        if folder.is_dir():
            for pattern in PRIVATE:
                found.update(p for p in folder.rglob(pattern) if p.is_file())
    return sorted(found)


def protect(folders: Iterable[Path]) -> None:
    """chmod 0600 every private file under ``folders`` (those that exist)."""
    for path in private_files(folders):
        # not ours (another user's stack): left for problems() to report
        with contextlib.suppress(OSError):
            path.chmod(0o600)


def problems(folders: Iterable[Path], secrets: Iterable[str]) -> list[str]:
    """What is wrong: private files open to others, secrets in log lines."""
    folders = list(folders)
    found = []
    for path in private_files(folders):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            found.append(f"{path}: mode {mode:04o}, readable or writable by others")
    values = [s for s in secrets if len(s) >= 8]
    for folder in folders:
        for log in (p for pattern in LOGS for p in folder.rglob(pattern) if p.is_file()):
            with log.open(encoding="utf-8", errors="replace") as lines:
                for number, line in enumerate(lines, 1):
                    if any(value in line for value in values) or TOKEN_IN_URL.search(line):
                        found.append(f"{log}:{number}: a secret in a log line")
    return found


def main(argv: list[str]) -> int:
    """``python tools/private_files.py [folder…]`` (default var/): list the problems."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from common.envfile import read_env_file

    folders = [Path(a) for a in argv] or [Path("var")]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        print(f"no such folder: {', '.join(missing)}")
        return 2
    secrets = [v for f in folders for p in f.rglob("tokens.env")
               for v in read_env_file(p).values()]
    found = problems(folders, secrets)
    print("\n".join(found) or "private files: ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
