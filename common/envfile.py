"""The one reader of ``KEY=value`` files (``var/tokens.env``) for every process: lines as
python-dotenv reads them (quotes, ``export``, comments), with no ``${VAR}`` expansion, since a
secret is taken as written. A missing file reads as empty."""

from __future__ import annotations

from pathlib import Path

from dotenv import dotenv_values


def read_env_file(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    values = dotenv_values(path, interpolate=False, encoding="utf-8")
    return {key: value for key, value in values.items() if value is not None}
