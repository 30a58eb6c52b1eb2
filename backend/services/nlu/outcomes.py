"""What a training changed, in messages rather than scores: of the messages the admins
labelled since the active model, how many the candidate understands (and the active model
understood), and which held-out messages the active model understood that the candidate
now misreads. Read from `rasa test nlu`'s intent_errors.json (one entry per misread
example: text, intent, predicted intent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from backend.adapters.orm import Message
from backend.adapters.orm.nlu import NluLabel
from backend.services.platform.uow import UnitOfWorkFactory

MAX_EXAMPLES = 10


def misread(out: Path) -> list[dict[str, str]]:
    """The misread examples of one `rasa test nlu --out` folder."""
    path = out / "intent_errors.json"
    errors = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    return [{"text": e["text"], "intent": e["intent"],
             "predicted": (e.get("intent_prediction") or {}).get("name") or ""}
            for e in errors]


def _key(example: dict[str, str]) -> tuple[str, str]:
    return example["text"], example["intent"]


def got_worse(candidate: list[dict[str, str]],
              active: list[dict[str, str]]) -> dict[str, Any]:
    """Held-out messages understood before and misread now (examples side by side), and
    how many go the other way."""
    before = {_key(e) for e in active}
    now = {_key(e) for e in candidate}
    worse = [{"text": e["text"], "intent": e["intent"], "candidate": e["predicted"]}
             for e in candidate if _key(e) not in before]
    return {"count": len(worse), "examples": worse[:MAX_EXAMPLES],
            "fixed": len(before - now)}


def labelled(examples: list[dict[str, str]], candidate: list[dict[str, str]],
             active: list[dict[str, str]]) -> dict[str, Any]:
    """Of the labelled messages: how many each model understands, each one side by side."""
    cand = {_key(e): e["predicted"] for e in candidate}
    act = {_key(e): e["predicted"] for e in active}
    rows = [{"text": e["text"], "intent": e["intent"],
             "candidate": cand.get(_key(e), e["intent"]), "active": act.get(_key(e), e["intent"])}
            for e in examples]
    return {"total": len(rows),
            "understood": sum(r["candidate"] == r["intent"] for r in rows),
            "understood_before": sum(r["active"] == r["intent"] for r in rows),
            "examples": rows[:50]}


async def labelled_examples(uows: UnitOfWorkFactory, path: Path) -> list[dict[str, str]]:
    """Writes every labelled message (as the customer wrote it) as a Rasa NLU test file
    under var/results (never in bot/); returns them (none: no file is written)."""
    async with uows() as uow:
        rows = (await uow.session.execute(
            select(Message.text, NluLabel.intent).join(NluLabel, NluLabel.message_id == Message.id)
            .where(NluLabel.action == "label", NluLabel.intent.is_not(None))
            .order_by(NluLabel.labelled_at))).tuples().all()
    examples = [{"text": " ".join(text.split()), "intent": str(intent)}
                for text, intent in rows if text.strip()]
    if examples:
        by_intent: dict[str, list[str]] = {}
        for e in examples:
            by_intent.setdefault(e["intent"], []).append(e["text"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump({"version": "3.1", "nlu": [
            {"intent": i, "examples": "".join(f"- {t}\n" for t in texts)}
            for i, texts in by_intent.items()]}, allow_unicode=True), encoding="utf-8")
    return examples
