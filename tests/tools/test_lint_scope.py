"""`make lint` covers every folder of Python that runs: ruff over all of it, mypy --strict
over all of it but the tests, each file in the environment that runs it (pyproject.toml)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", ".git", "var", "node_modules", "build"}  # build: setuptools output
# Python that runs inside Rasa's own process (scaled stack); not yet under `make lint`.
NOT_YET = {"deploy"}


def _python_folders() -> set[str]:
    """Top-level folders holding Python (bot/ by its subfolder: the rest of it is YAML)."""
    found = set()
    for top in ROOT.iterdir():
        if not top.is_dir() or top.name in SKIP or top.name.startswith("."):
            continue
        for path in top.rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            found.add("/".join(parts[:2]) if parts[0] == "bot" else parts[0])
    return found


def _lint_recipe() -> list[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^(\w+) := (.*)$", text, re.MULTILINE))
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", text, re.MULTILINE)
    assert recipe, "no lint target in the Makefile"
    lines = recipe.group(1).splitlines()
    return [re.sub(r"\$\((\w+)\)", lambda m: variables.get(m.group(1), m.group(0)), line)
            for line in lines]


def test_ruff_runs_over_every_python_folder() -> None:
    ruff = next(line for line in _lint_recipe() if "ruff check" in line)
    listed = set(ruff.split("ruff check", 1)[1].split())
    assert _python_folders() - NOT_YET <= listed


def test_mypy_strict_runs_over_every_python_folder_but_the_tests() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert "ignore_errors" not in str(config)
    runs = [line for line in _lint_recipe() if "/mypy" in line]
    assert len(runs) == 2, runs
    app_paths = {p.split("/")[0] if p.startswith("bench") else p for p in config["files"]}
    bot_run = runs[1].split()
    assert "--python-executable" in bot_run and "--python-version" in bot_run
    bot_paths = {p for p in bot_run if not p.startswith("-") and "/bin/" not in p
                 and not re.fullmatch(r"[\d.]+", p)}
    covered = app_paths | bot_paths | {p.split("/")[0] for p in bot_paths}
    assert _python_folders() - NOT_YET - {"tests"} <= covered
