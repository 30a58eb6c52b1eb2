"""Three speed fixes for the Rasa process, loaded through its PYTHONPATH: tools/stack.py
(`make run`, tests/e2e, the bench) and tools/stack_scaled.py put deploy/rasa_patches first
unless AVISA_RASA_VALIDATOR_CACHE=0. Measured in docs/performance.md.

* Model load without tracing a training step, and TensorFlow imported without jax (off with
  AVISA_RASA_FAST_LOAD=0; see _fast_model_load and the end of this file): TED's load fell
  from most of Rasa's start-up to a few seconds, same weights and same predictions
  (checked bit for bit, docs/performance.md).

* Validator built once. Rasa 3.6 validates every action-server answer with
  ``jsonschema.validate``, which checks the (constant) schema against the metaschema and
  builds a new validator on every call (~10-100 ms on these cores, a fifth to a third of
  Rasa's CPU per message). This builds the same validator (same class, same schema) once:
  ~1.4 ms a call. An invalid answer still goes through Rasa's own check, so the error is
  unchanged.
* SQLite tracker store in WAL mode with ``synchronous=NORMAL`` (off with
  AVISA_RASA_SQLITE_WAL=0). Rasa's SQL tracker store runs its queries synchronously on its
  event loop and opens a new connection for every session (SQLAlchemy 1.4's NullPool for
  SQLite files): in the default rollback-journal mode a message costs 4 fdatasync calls
  (measured with strace), each blocking the whole Rasa process (~15-18 ms per commit on
  this VM's disk). In WAL mode a commit appends to the log without waiting for a sync (the
  database stays consistent; a power cut, not a process crash, may lose the last commits)
  and readers never wait for the writer (Sanic workers, a model switch's second engine).
  One idle connection per file is kept open for the life of the process, else every
  session's close would checkpoint and delete the log (4 fdatasync a message again).
  Only SQLite connections are touched (PostgreSQL in the scaled stack is not).

And, for the scaled stack (tools/stack_scaled.py, which always loads this file and leaves the
validator cache to AVISA_RASA_VALIDATOR_CACHE): read-only actions asked again. Rasa 3.6 calls
the action server once; when that call fails (the action server replica died with the call
in flight: nginx answers 502 and does not resend a POST it had sent), Rasa logs the error and
carries on without the action's events or messages, so the customer's message would get no
answer. The actions named in AVISA_RASA_RETRY_ACTIONS (comma-separated; tools/stack_scaled.py
READ_ONLY_ACTIONS: they only read from the backend) are asked again, up to
RETRY_ATTEMPTS times, one second apart (nginx meanwhile sends them to the other replica).
An action the action server rejected (ActionExecutionRejection) is not asked again, nor any
action outside that list: those write to the backend without an idempotency key.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import Any

RETRY_ATTEMPTS = 3
RETRY_PAUSE_S = 1.0


def _validator_cache() -> None:
    try:
        from jsonschema import Draft202012Validator as Validator
        from jsonschema import ValidationError
        from rasa.core.actions import action
    except ImportError:
        return
    original = action.RemoteAction._validate_action_result
    cache: dict[int, Any] = {}

    def validate(self: Any, result: dict[str, Any]) -> bool:
        validator = cache.get(0)
        if validator is None:
            validator = cache[0] = Validator(self.action_response_format_spec())
        try:
            validator.validate(result)
        except ValidationError:  # Rasa's own check raises it with its usual message
            return bool(original(self, result))
        return True

    action.RemoteAction._validate_action_result = validate  # type: ignore[method-assign]


def _fast_model_load() -> None:
    """Rasa builds a loaded model's variables by fitting it on one example, then reads the
    trained weights over them. That fit traces the whole training step — the forward pass
    and loss, which create the model's variables, but also their gradients and the
    optimiser's update, graphs thrown away at once: most of `make run`'s start-up
    (docs/performance.md). While a model is loaded for serving, its training step is the
    forward pass and loss alone (same graph mode, same variables); the weights are then read
    from the model file as before, and the prediction warm-up traces the same prediction
    graph. Only the optimiser's slots, which prediction never reads, are left unbuilt (so
    the model file's copies are not read). Fine-tuning (`rasa train --finetune`) keeps
    Rasa's own load."""
    try:
        from rasa.utils.tensorflow import models
    except ImportError:
        return
    original = models.RasaModel.load.__func__  # type: ignore[attr-defined]

    def build_step(self: Any, batch_in: Any) -> Any:
        self._training = True
        self.batch_loss(batch_in)
        self._training = None
        return self._get_metric_results()

    def load(cls: Any, model_file_name: str, model_data_example: Any,
             predict_data_example: Any = None, finetune_mode: bool = False, *args: Any,
             **kwargs: Any) -> Any:
        if finetune_mode:
            return original(cls, model_file_name, model_data_example, predict_data_example,
                            finetune_mode, *args, **kwargs)
        own = {name: cls.__dict__.get(name) for name in ("train_step", "load_weights")}
        keras_load_weights = cls.load_weights

        def load_weights(self: Any, *args: Any, **kwargs: Any) -> Any:
            status = keras_load_weights(self, *args, **kwargs)
            try:
                status.assert_existing_objects_matched()  # every variable built was read
            except AssertionError as exc:  # stock Rasa would only warn too
                logging.getLogger("avisa.rasa_patches").warning(
                    "%s: a variable was not in the model file: %s", cls.__name__, exc)
            return status.expect_partial()  # the optimiser's slots were not built

        cls.train_step, cls.load_weights = build_step, load_weights
        try:
            return original(cls, model_file_name, model_data_example, predict_data_example,
                            finetune_mode, *args, **kwargs)
        finally:
            for name, value in own.items():
                if value is None:
                    delattr(cls, name)
                else:
                    setattr(cls, name, value)

    models.RasaModel.load = classmethod(load)  # type: ignore[assignment]


def _retry_read_only_actions() -> None:
    names = {n.strip() for n in os.environ.get("AVISA_RASA_RETRY_ACTIONS", "").split(",")
             if n.strip()}
    if not names:
        return
    try:
        from rasa.core.actions import action
        from rasa.shared.exceptions import RasaException
    except ImportError:
        return
    logger = logging.getLogger("avisa.rasa_patches")
    original = action.RemoteAction.run

    async def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.name() not in names:
            return await original(self, *args, **kwargs)
        for attempt in range(1, RETRY_ATTEMPTS + 1):
            try:
                return await original(self, *args, **kwargs)
            except action.ActionExecutionRejection:
                raise
            except RasaException as exc:
                if attempt == RETRY_ATTEMPTS:
                    raise
                logger.warning("read-only action %s failed (attempt %d: %s); asking again",
                               self.name(), attempt, exc)
                await asyncio.sleep(RETRY_PAUSE_S)
        raise AssertionError("unreachable")

    action.RemoteAction.run = run  # type: ignore[method-assign]


def _sqlite_wal() -> None:
    if os.environ.get("AVISA_RASA_SQLITE_WAL") == "0":
        return
    try:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
    except ImportError:
        return

    import sqlite3

    keepers: dict[tuple[int, str], sqlite3.Connection] = {}

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        if not isinstance(dbapi_connection, sqlite3.Connection):
            return
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            path = next((row[2] for row in cursor.execute("PRAGMA database_list")
                         if row[1] == "main"), "")
        finally:
            cursor.close()
        key = (os.getpid(), path)  # per process: a forked Sanic worker opens its own
        if path and key not in keepers:
            keeper = sqlite3.connect(path, check_same_thread=False)
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()  # attach the log
            keepers[key] = keeper

    event.listen(Engine, "connect", on_connect)


if os.environ.get("AVISA_RASA_FAST_LOAD") != "0":
    # TensorFlow 2.12 imports jax (for its TFLite converter, which Rasa never runs) if it is
    # installed, as it is beside it: importing TensorFlow took 10.5 s of CPU with jax, 8.5
    # without (docs/performance.md). A None in sys.modules makes that import fail the way
    # TensorFlow expects (ImportError) when jax is absent.
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]
if os.environ.get("AVISA_RASA_VALIDATOR_CACHE") != "0":
    _validator_cache()
_sqlite_wal()
if os.environ.get("AVISA_RASA_FAST_LOAD") != "0":
    _fast_model_load()
_retry_read_only_actions()
