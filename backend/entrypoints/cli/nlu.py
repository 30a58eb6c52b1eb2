"""`avisa nlu review|label|export|train|evaluate|activate|rollback` (docs/admin.md)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from backend.config import Settings
from backend.domain.errors import AvisaError
from backend.entrypoints.cli.common import run_job


def _with_nlu(work: Callable[[Any, Any, Any], Awaitable[Any]]) -> Any:
    """Run ``work(uows, nlu_config, rasa)`` against DATABASE_URL and the configured Rasa."""
    from backend.adapters.rasa import RasaClient
    from backend.services.nlu.config import NluConfig

    settings = Settings.from_env()
    cfg = NluConfig.from_env(settings.rasa_url, settings.rasa_token)
    return run_job(lambda uows: work(uows, cfg, RasaClient(cfg.rasa_urls, cfg.rasa_token)))


def _run(work: Callable[[Any, Any, Any], Awaitable[Any]]) -> int:
    try:
        result = _with_nlu(work)
    except AvisaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if result is not None:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def _review(a: argparse.Namespace) -> int:
    from backend.domain.handoff_errors import RasaUnavailable
    from backend.services.nlu import capture as nlu_capture
    from backend.services.nlu import review as nlu_review

    async def work(uows: Any, cfg: Any, api: Any) -> Any:
        try:
            await nlu_capture.capture(uows, api)
        except RasaUnavailable as exc:
            print(f"warning: {exc}", file=sys.stderr)
        items = await nlu_review.review_list(uows, cfg.low_confidence, nlu_review.ReviewFilter(
            a.channel, a.language, a.intent))
        for i in items:
            conf = "-" if i["confidence"] is None else f"{i['confidence']:.2f}"
            print(f"{i['message_id']}  {i['channel']:8} {i['intent'] or '?':22} {conf}  "
                  f"{','.join(i['reasons']):24} {i['text'][:60]}")
        return None

    return _run(work)


def _label(a: argparse.Namespace) -> int:
    from backend.services.nlu import labels as nlu_labels

    entities = json.loads(a.entities) if a.entities else []
    return _run(lambda u, c, r: nlu_labels.label(u, a.who, a.message_id, a.intent, entities,
                                                 a.discard))


def _export(a: argparse.Namespace) -> int:
    from backend.services.nlu import export as nlu_export

    return _run(lambda u, c, r: nlu_export.export(u, c.bot_dir, write=not a.dry_run))


def _train(a: argparse.Namespace) -> int:
    from backend.services.nlu import train as nlu_train

    async def work(uows: Any, cfg: Any, api: Any) -> Any:
        run_id = await nlu_train.create_run(uows, a.who)
        job = asyncio.create_task(nlu_train.run(uows, cfg, run_id))
        while not job.done():
            r = await nlu_train.get_run(uows, run_id)
            bar = "#" * int(30 * r["progress"])
            print(f"\r[{bar:30}] {100 * r['progress']:5.1f}% {r['phase'][:40]:40}", end="",
                  file=sys.stderr, flush=True)
            await asyncio.sleep(1)
        print(file=sys.stderr)
        r = await nlu_train.get_run(uows, run_id)
        return {k: r[k] for k in ("id", "state", "model_path", "worse", "error")} | {
            "macro_f1": {k: (r["report"].get(k) or {}).get("macro_f1")
                         for k in ("candidate", "active")}}

    return _run(work)


def _evaluate(a: argparse.Namespace) -> int:
    from backend.services.nlu import evaluate as nlu_evaluate

    return _run(lambda u, c, r: nlu_evaluate.evaluate(c, Path(a.model)))


def _activate(a: argparse.Namespace) -> int:
    from backend.services.nlu import activate as nlu_activate

    return _run(lambda u, c, r: nlu_activate.activate(u, r, c, a.who, a.run_id))


def _rollback(a: argparse.Namespace) -> int:
    from backend.services.nlu import activate as nlu_activate

    return _run(lambda u, c, r: nlu_activate.rollback(u, r, c, a.who))


def add_parser(groups: Any) -> None:
    nlu = groups.add_parser("nlu", help="improve the bot").add_subparsers(dest="action",
                                                                         required=True)
    review = nlu.add_parser("review", help="messages worth a look")
    for name in ("channel", "language", "intent"):
        review.add_argument(f"--{name}")
    review.set_defaults(run=_review)
    label = nlu.add_parser("label", help="the right intent (or --discard)")
    label.add_argument("message_id")
    label.add_argument("intent", nargs="?")
    label.add_argument("--entities", help='JSON: [{"start":0,"end":4,"entity":"x"}]')
    label.add_argument("--discard", action="store_true")
    export = nlu.add_parser("export", help="write bot/data/nlu/labelled_*.yml")
    export.add_argument("--dry-run", action="store_true",
                        help="only report which files would change; write nothing")
    export.set_defaults(run=_export)
    nlu.add_parser("train", help="train + evaluate a candidate").set_defaults(run=_train)
    evaluate = nlu.add_parser("evaluate", help="holdout + conversation tests of a model")
    evaluate.add_argument("model")
    evaluate.set_defaults(run=_evaluate)
    activate = nlu.add_parser("activate", help="load a run's model on every replica")
    activate.add_argument("run_id", type=int)
    activate.set_defaults(run=_activate)
    nlu.add_parser("rollback", help="back to the previous model").set_defaults(run=_rollback)
    label.set_defaults(run=_label)
    for sub in (label, activate, nlu.choices["train"], nlu.choices["rollback"]):
        sub.add_argument("--who", default="cli")
