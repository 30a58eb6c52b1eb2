"""The Unicode font embedded in every PDF: DejaVu Sans, as shipped by Debian's
`fonts-dejavu-core` package (installed by tools/setup_env.sh and the deploy notes).

Found by package, not by a machine path: the files `dpkg-query -L fonts-dejavu-core` lists,
else what fontconfig (`fc-match`) answers for the family; `AVISA_PDF_FONT_DIR` (a folder
holding DejaVuSans.ttf and DejaVuSans-Bold.ttf) overrides both where neither exists.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

PACKAGE = "fonts-dejavu-core"
FAMILY = "DejaVu"
FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FC_STYLES = {"": "DejaVu Sans:style=Book", "B": "DejaVu Sans:style=Bold"}


class FontMissing(RuntimeError):
    def __init__(self) -> None:
        super().__init__(f"no DejaVu Sans font: install the Debian package {PACKAGE} "
                         "(apt-get install fonts-dejavu-core) or set AVISA_PDF_FONT_DIR")


def _run(*argv: str) -> str:
    if shutil.which(argv[0]) is None:
        return ""
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=10)
    return done.stdout if done.returncode == 0 else ""


def _from_dir(folder: str) -> dict[str, Path]:
    found = {style: Path(folder) / name for style, name in FILES.items()}
    return found if all(p.is_file() for p in found.values()) else {}


def _from_package() -> dict[str, Path]:
    listed = {Path(line).name: Path(line) for line in _run("dpkg-query", "-L", PACKAGE).split()}
    found = {style: listed[name] for style, name in FILES.items() if name in listed}
    return found if len(found) == len(FILES) and all(p.is_file() for p in found.values()) else {}


def _from_fontconfig() -> dict[str, Path]:
    found = {style: Path(_run("fc-match", "-f", "%{file}", pattern).strip())
             for style, pattern in FC_STYLES.items()}
    ok = all(p.name == FILES[style] and p.is_file() for style, p in found.items())
    return found if ok else {}


@lru_cache(maxsize=1)
def font_files() -> dict[str, Path]:
    """style ("" regular, "B" bold) → TTF file; FontMissing when none is installed."""
    folder = os.environ.get("AVISA_PDF_FONT_DIR", "")
    found = (_from_dir(folder) if folder else {}) or _from_package() or _from_fontconfig()
    if not found:
        raise FontMissing()
    return found
