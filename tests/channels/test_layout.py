"""The gateway's layout holds: small modules, core below everything, no cycle between
folders, and providers that look alike (in, parse, render, send)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CHANNELS = Path(__file__).resolve().parents[2] / "channels"


def _modules() -> dict[str, Path]:
    found = {}
    for path in CHANNELS.rglob("*.py"):
        parts = path.relative_to(CHANNELS.parent).with_suffix("").parts
        found[".".join(p for p in parts if p != "__init__")] = path
    return found


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name for name in names if name.startswith("channels.")}


def _folder(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def _folder_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in _modules().items():
        node = graph.setdefault(_folder(module), set())
        node.update(_folder(name) for name in _imports(path) if _folder(name) != _folder(module))
    return graph


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), list(graph.get(start, ()))
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return False


def test_no_module_is_over_300_lines() -> None:
    long = {m: n for m, p in _modules().items()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}


def test_core_imports_nothing_of_the_gateway_outside_core() -> None:
    outside = {(m, name) for m, p in _modules().items() if _folder(m) == "core"
               for name in _imports(p) if _folder(name) != "core"}
    assert outside == set()


def test_no_cycle_between_folders() -> None:
    graph = _folder_graph()
    assert graph["core"] == set()
    cyclic = sorted(f for f in graph if _reaches(graph, f, f))
    assert cyclic == []


@pytest.mark.parametrize(("provider", "inbound"), [
    ("telegram", "webhook"), ("sms", "webhook"), ("web", "socket"),
])
def test_providers_look_alike(provider: str, inbound: str) -> None:
    names = {p.stem for p in (CHANNELS / provider).glob("*.py")}
    assert {inbound, "parse", "render", "send"} <= names


def test_email_has_the_same_parts_as_folders() -> None:
    assert {"imap", "parse", "render", "smtp", "ingest"} <= {
        p.name for p in (CHANNELS / "email").iterdir() if (p / "__init__.py").exists()
    }
