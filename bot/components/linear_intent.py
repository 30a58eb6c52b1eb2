"""Rasa graph component: intent classification by :class:`components.intent_model.IntentModel`
(a LinearSVC over TF-IDF word + character n-grams of the normalised text and one over a
multilingual sentence embedding, calibrated confidences pooled log-linearly). Sets ``intent``
and ``intent_ranking``; needs no tokenizer or featurizer.

In bot/config.yml::

    - name: components.linear_intent.LinearIntentClassifier
      embedding: use          # or none (n-grams only)
      embedding_share: 0.35   # exponent of the embedding model's probabilities in the pool
      ranking_length: 10
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.intent_model import IntentModel, Settings


def _settings(config: dict[str, Any]) -> Settings:
    return Settings(word_ngrams=(int(config["word_ngrams"][0]), int(config["word_ngrams"][1])),
                    char_ngrams=(int(config["char_ngrams"][0]), int(config["char_ngrams"][1])),
                    svc_c=float(config["svc_c"]), lr_c=float(config["lr_c"]),
                    members=tuple(str(m) for m in config["members"]),
                    embedding=str(config["embedding"]),
                    embedding_share=float(config["embedding_share"]),
                    embedding_c=float(config["embedding_c"]))


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True
)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Linear models over word and character n-grams, with calibrated confidences."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        default = Settings()
        return {"word_ngrams": list(default.word_ngrams),
                "char_ngrams": list(default.char_ngrams), "svc_c": default.svc_c,
                "lr_c": default.lr_c, "members": list(default.members),
                "embedding": default.embedding, "embedding_share": default.embedding_share,
                "embedding_c": default.embedding_c,
                "ranking_length": 10}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage,
                 resource: Resource, model: IntentModel | None = None) -> None:
        self._config = config
        self._storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> LinearIntentClassifier:
        return cls({**cls.get_default_config(), **config}, model_storage, resource)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> LinearIntentClassifier:
        model: IntentModel | None = None
        try:
            with model_storage.read_from(resource) as directory:
                model = IntentModel.load(Path(directory))
        except ValueError:  # nothing persisted: trained without intents
            model = None
        return cls({**cls.get_default_config(), **config}, model_storage, resource, model)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(TEXT) and e.get(INTENT)]
        if not examples:
            return self._resource
        model = IntentModel(_settings(self._config))
        model.fit([str(e.get(TEXT)) for e in examples], [str(e.get(INTENT)) for e in examples])
        with self._storage.write_to(self._resource) as directory:
            model.save(Path(directory))
        self._model = model
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        if self._model is None or not messages:
            return messages
        texts = [str(m.get(TEXT) or "") for m in messages]
        rankings = self._model.rank(texts, int(self._config.get("ranking_length", 10)))
        for message, ranking in zip(messages, rankings, strict=True):
            listed = [{"name": name, "confidence": conf} for name, conf in ranking]
            message.set(INTENT, listed[0] if listed else {"name": None, "confidence": 0.0},
                        add_to_output=True)
            message.set(INTENT_RANKING_KEY, listed, add_to_output=True)
        return messages
