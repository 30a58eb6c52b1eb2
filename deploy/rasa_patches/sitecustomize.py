"""Loaded into the Rasa process through PYTHONPATH (tools/stack_scaled.py by default, off with
AVISA_RASA_VALIDATOR_CACHE=0; bench experiments with ``--env AVISA_BENCH_RASA_PATCH=1``;
``make run`` does not use it). Rasa 3.6 validates every action-server answer with ``jsonschema.validate``,
which checks the (constant) schema against the metaschema and builds a new validator on
every call (~50-100 ms on these cores); the profile shows it as a third of Rasa's CPU time
under load. This builds the same validator (same class, same schema) once: ~1.4 ms a call.
An invalid answer still goes through Rasa's own check, so the error is unchanged.
See docs/performance.md.
"""

from __future__ import annotations

from typing import Any


def _patch() -> None:
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

    action.RemoteAction._validate_action_result = validate


_patch()
