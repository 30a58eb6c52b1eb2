"""Switching the model every Rasa replica serves (PUT /model: the agent is swapped
in-process, conversations keep flowing) and rolling back to the one before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from backend.adapters.orm.nlu import NluActivation, NluModel
from backend.adapters.rasa import RasaApi
from backend.services.nlu.config import NluConfig
from backend.services.nlu.errors import NluBusy, NluNotFound
from backend.services.platform.uow import UnitOfWorkFactory


async def history(uows: UnitOfWorkFactory) -> list[dict[str, Any]]:
    async with uows() as uow:
        rows = (await uow.session.scalars(
            select(NluActivation).order_by(NluActivation.id.desc()))).all()
        return [{"id": r.id, "model_id": r.model_id, "model_path": r.model_path, "kind": r.kind,
                 "actor": r.actor, "replicas": r.replicas, "at": r.at.isoformat()} for r in rows]


async def active_model(uows: UnitOfWorkFactory, cfg: NluConfig) -> tuple[int | None, Path]:
    done = await history(uows)
    if not done:
        return None, cfg.default_model
    return done[0]["model_id"], Path(done[0]["model_path"])


async def _switch(uows: UnitOfWorkFactory, api: RasaApi, cfg: NluConfig, who: str,
                  model_id: int | None, path: Path, kind: str) -> dict[str, Any]:
    for url in cfg.rasa_urls:  # all replicas, one after the other
        await api.load_model(url, str(path.resolve()))
    async with uows() as uow:
        row = NluActivation(model_id=model_id, model_path=str(path), kind=kind, actor=who,
                            replicas=list(cfg.rasa_urls), at=uow.clock())
        uow.session.add(row)
        await uow.commit()
    return {"model_id": model_id, "model_path": str(path), "kind": kind,
            "replicas": list(cfg.rasa_urls)}


async def activate(uows: UnitOfWorkFactory, api: RasaApi, cfg: NluConfig, who: str,
                   model_id: int) -> dict[str, Any]:
    async with uows() as uow:
        model = await uow.session.get(NluModel, model_id)
        if model is None:
            raise NluNotFound(f"no model {model_id}")
        if model.state != "ready" or not model.model_path:
            raise NluBusy(f"model {model_id} is {model.state}, not ready")
        path = Path(model.model_path)
    return await _switch(uows, api, cfg, who, model_id, path, "activate")


async def rollback(uows: UnitOfWorkFactory, api: RasaApi, cfg: NluConfig,
                   who: str) -> dict[str, Any]:
    """Back to the model active before the current one (the default model at first)."""
    done = await history(uows)
    if not done:
        raise NluBusy("nothing to roll back: the default model is active")
    current = done[0]["model_path"]
    previous = next((a for a in done[1:] if a["model_path"] != current), None)
    if previous is None:
        return await _switch(uows, api, cfg, who, None, cfg.default_model, "rollback")
    return await _switch(uows, api, cfg, who, previous["model_id"],
                         Path(previous["model_path"]), "rollback")
