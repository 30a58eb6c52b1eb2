"""Local-disk blob store: one file per SHA-256 under ``root/store`` (served) or
``root/quarantine`` (never served), directories 0700, files 0600, written atomically."""

from __future__ import annotations

import os
import re
from pathlib import Path

SHA256 = re.compile(r"[0-9a-f]{64}")


class LocalBlobs:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str, quarantined: bool) -> Path:
        if not SHA256.fullmatch(sha256):
            raise ValueError("not a sha256 digest")
        area = "quarantine" if quarantined else "store"
        return self.root / area / sha256[:2] / sha256

    def put(self, sha256: str, data: bytes, *, quarantined: bool = False) -> None:
        """Write once: the same bytes are never stored twice."""
        path = self._path(sha256, quarantined)
        if path.exists():
            return
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{sha256}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    def get(self, sha256: str) -> bytes:
        return self._path(sha256, False).read_bytes()

    def has(self, sha256: str, *, quarantined: bool = False) -> bool:
        return self._path(sha256, quarantined).exists()
