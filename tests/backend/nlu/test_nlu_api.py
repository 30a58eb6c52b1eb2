"""Review → label → export → activate/rollback over the admin API (SQLite and PostgreSQL),
with Rasa replaced by a fake that answers trackers and PUT /model."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from backend.adapters.db import create_engine, session_factory
from backend.adapters.orm import Conversation, Message
from backend.adapters.orm.nlu import NluModel
from backend.api.routes_admin_nlu import NLU_CONFIG, NLU_RASA
from backend.services.nlu.config import NluConfig
from backend.services.nlu.export import example
from backend.services.nlu.progress import Progress

AT = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)


class FakeRasa:
    def __init__(self) -> None:
        self.loaded: list[tuple[str, str]] = []

    async def tracker(self, conversation_id: str) -> dict[str, Any]:
        return {"events": [
            {"event": "user", "text": "hola",
             "parse_data": {"intent": {"name": "greet", "confidence": 0.99},
                            "intent_ranking": [], "entities": []}},
            {"event": "user", "text": "la máquina hace clac clac, llamad al 612 345 678",
             "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.31},
                            "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.31},
                                               {"name": "report_problem", "confidence": 0.3}],
                            "entities": []}}]}

    async def load_model(self, url: str, model_path: str) -> None:
        self.loaded.append((url, model_path))


async def _seed(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        async with session_factory(engine)() as s:
            s.add(Conversation(id="C-1", channel="web", address="w1", language="es", created_at=AT))
            await s.flush()
            texts = ["hola", "la máquina hace clac clac, llamad al 612 345 678"]
            for seq, text in enumerate(texts):
                s.add(Message(id=f"M-{seq}", seq=seq, conversation_id="C-1", direction="in",
                              channel="web", text=text, created_at=AT))
            s.add(NluModel(id=7, state="ready", phase="ready", progress=1.0,
                           model_path="/m/7.tar.gz", report={}, worse=False, started_by="t",
                           created_at=AT))
            await s.commit()
    finally:
        await engine.dispose()


async def test_review_label_export_activate_and_rollback(
        backend_client: Any, db_url: str, tokens: dict[str, str], tmp_path: Path) -> None:
    await _seed(db_url)
    app = backend_client.server.app
    fake = FakeRasa()
    app[NLU_RASA] = fake
    bot = tmp_path / "bot"
    (bot / "data" / "nlu").mkdir(parents=True)
    (bot / "domain").mkdir()
    (bot / "data" / "nlu" / "problems.yml").write_text("nlu:\n- intent: report_problem\n")
    (bot / "domain" / "core.yml").write_text(
        "intents:\n- report_problem\nentities:\n- serial_number\n")
    app[NLU_CONFIG] = NluConfig(("http://r1", "http://r2"), "tok", root=tmp_path)
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    agents = {"Authorization": f"Bearer {tokens['agents']}"}

    assert (await backend_client.get("/api/admin/nlu/review", headers=agents)).status == 403
    r = await backend_client.get("/api/admin/nlu/review", headers=admin)
    items = (await r.json())["items"]
    assert [i["message_id"] for i in items] == ["M-1"]
    assert items[0]["reasons"] == ["fallback"] and items[0]["confidence"] == 0.31
    flagged = await backend_client.post("/api/nlu/messages/M-0/flag", headers=agents,
                                        json={"reason": "bot misunderstood"})
    assert flagged.status == 200
    r = await backend_client.get("/api/admin/nlu/review?channel=web", headers=admin)
    assert {i["message_id"] for i in (await r.json())["items"]} == {"M-0", "M-1"}
    r = await backend_client.post("/api/admin/nlu/messages/M-1/label", headers=admin,
                                  json={"intent": "report_problem", "entities": []})
    assert (await r.json())["by"] == "admin-token"
    await backend_client.post("/api/admin/nlu/messages/M-0/label", headers=admin,
                              json={"discard": True})
    review = await backend_client.get("/api/admin/nlu/review", headers=admin)
    assert (await review.json())["items"] == []
    r = await backend_client.post("/api/admin/nlu/export", headers=admin, json={})
    assert (await r.json())["files"] == {"labelled_problems.yml": 1}
    written = (bot / "data" / "nlu" / "labelled_problems.yml").read_text()
    assert "612 345 678" not in written and "600 000 000" in written
    r = await backend_client.post("/api/admin/nlu/runs/7/activate", headers=admin, json={})
    assert r.status == 200
    assert fake.loaded == [("http://r1", "/m/7.tar.gz"), ("http://r2", "/m/7.tar.gz")]
    r = await backend_client.post("/api/admin/nlu/rollback", headers=admin, json={})
    assert (await r.json())["kind"] == "rollback"
    assert fake.loaded[-1][1].endswith("current.tar.gz")


def test_example_scrubs_personal_data_and_keeps_domain_entities() -> None:
    text = "soy Marta García, marta@acme.es, la SN-48213 falla"
    line = example(text, [{"start": 36, "end": 44, "entity": "serial_number"}], {"serial_number"})
    assert "Marta" not in line and "marta@acme.es" not in line
    assert "[SN-00000](serial_number)" in line and "cliente@example.com" in line


def test_progress_follows_components_and_epochs_as_rasa_logs_them() -> None:
    log = "2026-12-07 06:50:01 INFO     rasa.engine.training.hooks  - "
    p = Progress(components=4)
    assert p.phase == "preparing" and p.fraction == 0.0
    assert p.feed(log + "Restored component 'RegexEntityExtractor' from cache.")
    assert p.fraction == 0.25 and p.phase == "1/4 components ready"
    assert p.feed(log + "Starting to train component 'LinearIntentClassifier'.")
    assert p.phase == "training LinearIntentClassifier" and p.fraction == 0.25
    assert p.feed(log + "Finished training component 'LinearIntentClassifier'.")
    assert p.feed(log + "Starting to train component 'TEDPolicy'.")
    assert not p.feed("some other line")
    assert p.feed("Epochs:  50%|#####     | 5/10 [00:05<00:05, 1.01it/s, t_loss=3.1]")
    assert p.phase == "training TEDPolicy, epoch 5/10" and p.fraction == 0.625
    assert not p.feed("Epochs:  50%|#####     | 5/10 [00:06<00:05, 1.00it/s, t_loss=3.0]")
    p.feed(log + "Finished training component 'TEDPolicy'.")
    p.feed(log + "Finished training component 'MemoizationPolicy'.")
    p.feed(log + "Finished training component 'RulePolicy'.")  # more than configured
    assert p.fraction == 1.0 and p.phase == "4/4 components ready"
