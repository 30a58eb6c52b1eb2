"""Rasa graph component: adds the entity ``language`` (``es``/``en``) when sure.

The detection itself is the gateway's (``detect``, imported below: plain Python, tested on
its own); this module only adapts it to Rasa's NLU graph.  The entity spans the
whole message and is emitted only when the detector is confident, so "ok",
"1" or "SN-48213" leave the conversation's language slot untouched.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from channels.core.language import detect

ENTITY_NAME = "language"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)
class LanguageDetector(GraphComponent, EntityExtractorMixin):
    """Detects Spanish vs English per message (see the module's docstring)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"entity_name": ENTITY_NAME}

    def __init__(self, config: dict[str, Any]) -> None:
        self._entity = config.get("entity_name", ENTITY_NAME)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        return cls({**cls.get_default_config(), **config})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            entity = self._entity_for(message.get(TEXT))
            if entity is None:
                continue
            message.set(
                ENTITIES,
                message.get(ENTITIES, []) + self.add_extractor_name([entity]),
                add_to_output=True,
            )
        return messages

    def _entity_for(self, text: str | None) -> dict[str, Any] | None:
        if not text or text.startswith("/"):
            return None  # button payloads carry no language
        language = detect(text)
        if language is None:
            return None
        return {
            "entity": self._entity,
            "value": language,
            "start": 0,
            "end": len(text),
            "confidence": 1.0,
        }
