"""The layers of docs/architecture.md, checked on the source (AST, every module, every import,
including those inside functions):

- ``backend/domain`` imports no other backend layer, no SQLAlchemy, no aiohttp;
- ``backend/services`` imports neither ``backend.api`` nor ``backend.entrypoints``;
- ``backend/api`` never touches the ORM (``backend.adapters.orm``, SQLAlchemy);
- ``channels/``, ``actions/`` and ``bot/`` reach the backend over HTTP only;
- ``common/`` (plumbing shared by the backend and the gateway) imports neither;
- no import cycle between backend's top-level folders (and modules).

The checker itself is tested on small synthetic trees, so a broken checker cannot pass.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = ("backend/migrations/",)  # Alembic revisions: plain SQLAlchemy by design


@dataclass(frozen=True)
class Rule:
    scope: str  # modules under this dotted prefix…
    forbidden: tuple[str, ...]  # …may not import these prefixes
    why: str


RULES = (
    Rule("backend.domain",
         ("backend.services", "backend.adapters", "backend.api", "backend.entrypoints",
          "backend.bootstrap", "backend.dedupe", "sqlalchemy", "aiohttp"),
         "the domain is pure"),
    Rule("backend.services", ("backend.api", "backend.entrypoints", "backend.bootstrap",
                              "backend.dedupe"),
         "services never call up into the api, the entrypoints or the tooling"),
    Rule("backend.adapters", ("backend.services", "backend.api", "backend.entrypoints"),
         "adapters sit below the services"),
    Rule("backend.api", ("backend.adapters.orm", "sqlalchemy"), "the api never touches the ORM"),
    Rule("channels", ("backend",), "the gateway reaches the backend over HTTP"),
    Rule("common", ("backend", "channels", "actions", "bot"),
         "the plumbing both processes share serves them and knows neither"),
    Rule("actions", ("backend",), "the actions reach the backend over HTTP"),
    Rule("bot", ("backend",), "the bot reaches the backend over HTTP"),
)


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def modules(root: Path, tops: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
    for top in tops:
        for path in sorted((root / top).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if any(rel.startswith(s) for s in SKIPPED) or "/." in "/" + rel:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


def imports_of(module: str, path: Path) -> set[str]:
    """Dotted names imported anywhere in the module (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            found.add(origin)
            found.update(f"{origin}.{alias.name}" for alias in node.names)
    return found


def violations(root: Path,
               tops: tuple[str, ...] = ("backend", "channels", "common", "actions", "bot")
               ) -> list[str]:
    out = []
    for module, path in modules(root, tops):
        names = imports_of(module, path)
        for rule in RULES:
            if not _under(module, rule.scope):
                continue
            for name in sorted(names):
                hit = next((f for f in rule.forbidden if _under(name, f)), None)
                if hit is not None:
                    out.append(f"{module} imports {name} ({rule.why})")
    return out


def folder_graph(root: Path, package: str = "backend") -> dict[str, set[str]]:
    """Top-level folder (or module) of `package` → those its modules import."""
    graph: dict[str, set[str]] = {}
    for module, path in modules(root, (package,)):
        parts = module.split(".")
        if len(parts) < 2:
            continue
        node = graph.setdefault(parts[1], set())
        for name in imports_of(module, path):
            target = name.split(".")
            if target[0] == package and len(target) > 1 and target[1] != parts[1]:
                node.add(target[1])
    return {k: {t for t in v if t in graph} for k, v in graph.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# --- the product ---------------------------------------------------------------------------

def test_every_module_keeps_to_its_layer() -> None:
    assert violations(ROOT) == []


def test_no_import_cycle_between_backend_folders() -> None:
    graph = folder_graph(ROOT)
    assert {"domain", "services", "adapters", "api", "entrypoints"} <= set(graph)
    assert cycles(graph) == []


def test_services_has_at_most_a_dozen_entries() -> None:
    entries = [p.name for p in (ROOT / "backend" / "services").iterdir()
               if p.name != "__pycache__"]
    assert len(entries) <= 12, sorted(entries)


# --- the checker, on synthetic trees ---------------------------------------------------------

def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(root).parents:
            if parent.parts and parent.parts[0] in ("backend",):
                (root / parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return root


CLEAN = {
    "backend/domain/rules.py": "from backend.domain import ids\nimport decimal\n",
    "backend/domain/ids.py": "",
    "backend/adapters/orm.py": "import sqlalchemy\nfrom backend.domain import rules\n",
    "backend/services/handle.py": ("from backend.adapters import orm\n"
                                   "from backend.domain import rules\n"),
    "backend/api/routes.py": "import aiohttp\nfrom backend.services import handle\n",
    "backend/entrypoints/cli.py": "from backend.services import handle\n",
    "channels/app.py": "import aiohttp\n",
}


def test_a_clean_tree_passes(tmp_path: Path) -> None:
    root = _tree(tmp_path, CLEAN)
    assert violations(root) == []
    assert cycles(folder_graph(root)) == []


@pytest.mark.parametrize(("rel", "text", "expected"), [
    ("backend/domain/bad.py", "import sqlalchemy\n", "backend.domain.bad imports sqlalchemy"),
    ("backend/domain/bad.py", "from aiohttp import web\n", "imports aiohttp"),
    ("backend/domain/bad.py", "def f():\n    from backend.services import handle\n",
     "backend.domain.bad imports backend.services"),
    ("backend/domain/bad.py", "from ..adapters import orm\n",
     "backend.domain.bad imports backend.adapters"),
    ("backend/services/bad.py", "from backend.api.keys import UOWS\n",
     "backend.services.bad imports backend.api"),
    ("backend/services/bad.py", "import backend.entrypoints.cli\n", "imports backend.entrypoints"),
    ("backend/api/bad.py", "from backend.adapters.orm import Incident\n",
     "backend.api.bad imports backend.adapters.orm"),
    ("backend/api/bad.py", "from sqlalchemy import select\n", "backend.api.bad imports sqlalchemy"),
    ("channels/bad.py", "from backend.config import Settings\n", "channels.bad imports backend"),
    ("actions/bad.py", "import backend\n", "actions.bad imports backend"),
    ("common/bad.py", "from channels.core import errors\n", "common.bad imports channels.core"),
    ("bot/components/bad.py", "from backend.domain import ids\n", "imports backend.domain"),
])
def test_the_checker_finds_each_forbidden_import(tmp_path: Path, rel: str, text: str,
                                                 expected: str) -> None:
    root = _tree(tmp_path, {**CLEAN, rel: text})
    found = violations(root)
    assert any(expected in line for line in found), found


def test_the_checker_finds_a_cycle_between_folders(tmp_path: Path) -> None:
    root = _tree(tmp_path, {**CLEAN, "backend/dedupe/tool.py": "from backend.services import x\n",
                            "backend/services/x.py": "from backend.dedupe.tool import run\n"})
    assert cycles(folder_graph(root)) == [["dedupe", "services"]]
