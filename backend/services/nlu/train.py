"""Training a candidate model as a background job: export the labels, `rasa train` in
the bot environment (a subprocess, never the serving Rasa) with its progress (components
trained, epochs) stored on the run, then the evaluation against the active model."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from backend.adapters.orm.nlu import NluModel
from backend.services.nlu import activate as nlu_activate
from backend.services.nlu import evaluate as nlu_evaluate
from backend.services.nlu import export as nlu_export
from backend.services.nlu import outcomes
from backend.services.nlu.config import NluConfig
from backend.services.nlu.errors import NluBusy, NluNotFound
from backend.services.nlu.progress import Progress, lines
from backend.services.platform.uow import UnitOfWorkFactory

RUNNING = ("queued", "training", "evaluating")
TRAIN_SHARE = 0.85  # of the bar; evaluation is the rest
_TASKS: set[asyncio.Task[None]] = set()


def view(m: NluModel) -> dict[str, Any]:
    return {"id": m.id, "state": m.state, "phase": m.phase, "progress": round(m.progress, 3),
            "model_path": m.model_path, "report": m.report, "worse": m.worse, "error": m.error,
            "started_by": m.started_by, "created_at": m.created_at.isoformat(),
            "finished_at": m.finished_at.isoformat() if m.finished_at else None}


async def runs(uows: UnitOfWorkFactory) -> list[dict[str, Any]]:
    async with uows() as uow:
        rows = (await uow.session.scalars(select(NluModel).order_by(NluModel.id.desc()))).all()
        return [view(r) for r in rows]


async def get_run(uows: UnitOfWorkFactory, model_id: int) -> dict[str, Any]:
    async with uows() as uow:
        row = await uow.session.get(NluModel, model_id)
        if row is None:
            raise NluNotFound(f"no training run {model_id}")
        return view(row)


async def _update(uows: UnitOfWorkFactory, model_id: int, **values: Any) -> None:
    async with uows() as uow:
        row = await uow.session.get(NluModel, model_id)
        assert row is not None
        for key, value in values.items():
            setattr(row, key, value)
        if values.get("state") in ("ready", "failed"):
            row.finished_at = uow.clock()
        await uow.commit()


async def create_run(uows: UnitOfWorkFactory, who: str) -> int:
    async with uows() as uow:
        busy = await uow.session.scalar(select(NluModel.id).where(NluModel.state.in_(RUNNING)))
        if busy is not None:
            raise NluBusy(f"training run {busy} is still going")
        row = NluModel(state="queued", phase="exporting labels", progress=0.0, report={},
                       worse=False, started_by=who, created_at=uow.clock())
        uow.session.add(row)
        await uow.commit()
        return row.id


def _components(config: Path) -> int:
    """How many components and policies the training configuration names."""
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return len(data.get("pipeline") or []) + len(data.get("policies") or [])


async def _train(uows: UnitOfWorkFactory, cfg: NluConfig, model_id: int) -> Path:
    cfg.models_dir.mkdir(parents=True, exist_ok=True)
    name = f"candidate-{model_id}-{int(time.time())}"
    proc = await asyncio.create_subprocess_exec(
        str(cfg.rasa_bin), "train", "--config", "config.yml", "--domain", "domain", "--data",
        "data", "--out", str(cfg.models_dir), "--fixed-model-name", name,
        cwd=cfg.bot_dir, env={**os.environ, "PYTHONPATH": f".:{cfg.root}"},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    assert proc.stdout is not None
    progress, rest, last = Progress(_components(cfg.bot_dir / "config.yml")), "", 0.0
    tail: list[str] = []
    while chunk := await proc.stdout.read(4096):
        done, rest = lines(rest + chunk.decode(errors="replace"))
        tail = (tail + [d for d in done if d.strip()])[-20:]
        shown = progress.phase
        moved = [progress.feed(d) for d in done]
        # A new component is always shown; epochs at most once a second.
        if progress.phase.split(",")[0] != shown.split(",")[0] or (
                any(moved) and time.monotonic() - last > 1):
            last = time.monotonic()
            await _update(uows, model_id, phase=progress.phase,
                          progress=progress.fraction * TRAIN_SHARE)
    if await proc.wait() != 0:
        raise RuntimeError("rasa train failed: " + " | ".join(tail[-5:]))
    return cfg.models_dir / f"{name}.tar.gz"


async def run(uows: UnitOfWorkFactory, cfg: NluConfig, model_id: int) -> None:
    """The whole job; failures end in state "failed" with the reason."""
    try:
        await nlu_export.export(uows, cfg.bot_dir)
        await _update(uows, model_id, state="training", phase="preparing")
        path = await _train(uows, cfg, model_id)
        await _update(uows, model_id, state="evaluating",
                      phase="evaluating the candidate (held-out set, conversation tests)",
                      progress=TRAIN_SHARE, model_path=str(path))
        candidate = await nlu_evaluate.evaluate(cfg, path)
        _, active = await nlu_activate.active_model(uows, cfg)
        await _update(uows, model_id, phase="evaluating the active model (cached per model)",
                      progress=(1 + TRAIN_SHARE) / 2)
        report = nlu_evaluate.compare(candidate, await nlu_evaluate.evaluate(cfg, active))
        report["labelled"] = await _labelled(uows, cfg, model_id, path, active)
        await _update(uows, model_id, state="ready", phase="ready", progress=1.0,
                      report=report, worse=report["worse"])
    except Exception as exc:  # noqa: BLE001 - the run records any failure
        await _update(uows, model_id, state="failed", phase="failed", error=str(exc)[:2000])


async def _labelled(uows: UnitOfWorkFactory, cfg: NluConfig, model_id: int, candidate: Path,
                    active: Path) -> dict[str, Any] | None:
    """How the candidate and the active model read the labelled messages (None: none)."""
    out = cfg.results_dir / f"labelled-{model_id}"
    examples = await outcomes.labelled_examples(uows, out / "labelled.yml")
    if not examples:
        return None
    await _update(uows, model_id, phase="reading the labelled messages with both models")
    return outcomes.labelled(
        examples, await nlu_evaluate.misread_on(cfg, candidate, out / "labelled.yml", out / "c"),
        await nlu_evaluate.misread_on(cfg, active, out / "labelled.yml", out / "a"))


def start(uows: UnitOfWorkFactory, cfg: NluConfig, model_id: int,
          job: Callable[..., Any] = run) -> None:
    """Runs the job in the background of the current event loop."""
    task = asyncio.get_running_loop().create_task(job(uows, cfg, model_id))
    _TASKS.add(task)
    task.add_done_callback(_TASKS.discard)
