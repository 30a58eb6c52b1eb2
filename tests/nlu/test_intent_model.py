"""The intent model's sentence embeddings (bot/components/sentence_encoder.py, intent_model.py).

The model runs in the bot environment (.venv/bot: scikit-learn, the encoder's wheel), so each
check runs there as a child process and prints JSON. Checked:
- embeddings are one unit-length 512-dimension row per text, blank texts included, and an
  unknown embedding name is a clear error before any training;
- meaning across languages: trained on English sentences only, the model with embeddings
  places Spanish sentences that share no word with the training data, where n-grams alone
  cannot;
- the pool of the two models: the log-linear pool of the n-gram and the embedding model's
  confidences, temperature-scaled by a factor fitted at training (rows sum to 1); at
  embedding_share 0 it ranks as the n-grams, at 1 as the embedding model;
- the n-gram matrix computed without the FeatureUnion's overhead is sklearn's;
- a model pickled before embeddings existed (no `embedding` in its settings) still loads and
  classifies with its n-grams.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOT_PYTHON = ROOT / ".venv/bot/bin/python"

pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")

TRAIN = {
    "broken": ["the printer is broken", "my machine stopped working", "the fridge is not cooling",
               "the copier shows an error", "the compressor makes a strange noise",
               "the device does not turn on"],
    "cancel": ["cancel my request", "I want to cancel the visit", "please call off the appointment",
               "forget the repair, I do not need it", "drop my service request",
               "cancel the technician visit"],
    "thanks": ["thank you very much", "thanks a lot", "many thanks for your help",
               "great, thank you", "I appreciate it", "cheers, thanks"],
}
SPANISH = {"broken": ["la impresora está rota", "mi máquina dejó de funcionar",
                      "el frigorífico no enfría"],
           "cancel": ["quiero anular la cita", "anulen mi solicitud", "ya no necesito la visita"],
           "thanks": ["muchas gracias", "te lo agradezco mucho", "mil gracias por la ayuda"]}

SCRIPT = """
import json, pickle, sys
sys.path[:0] = ["bot"]
import numpy as np
from components.intent_model import IntentModel, Settings
from components.sentence_encoder import embed
train, spanish = json.loads(sys.argv[1]), json.loads(sys.argv[2])
texts = [t for i in train for t in train[i]]
labels = [i for i in train for _ in train[i]]
out = {}
vectors = embed("use", ["hola", "", "   ", "la impresora no imprime"])
out["shape"] = list(vectors.shape)
out["norms"] = [float(n) for n in np.linalg.norm(vectors, axis=1)]
try:
    IntentModel(Settings(embedding="bert")).fit(texts, labels)
    out["unknown"] = "accepted"
except ValueError as error:
    out["unknown"] = str(error)
tests = [t for i in spanish for t in spanish[i]]
gold = [i for i in spanish for _ in spanish[i]]
for name in ("use", "none"):
    model = IntentModel(Settings(embedding=name)).fit(texts, labels)
    got = [r[0][0] for r in model.rank(tests, 1)]
    out[name] = sum(g == p for g, p in zip(gold, got))
from components.text_normalise import normalise
pool = {}
for share in (0.0, 0.4, 1.0):
    model = IntentModel(Settings(embedding="use", embedding_share=share)).fit(texts, labels)
    m = model._by_class(model._embedding, embed("use", tests))
    grams = model._by_class(model._members[0], model._features.transform(
        [normalise(t) for t in tests]))
    f = model.pool_factor
    expected = np.exp(f * ((1 - share) * np.log(grams + 1e-12) + share * np.log(m + 1e-12)))
    got = model.probabilities(tests)
    pool[str(share)] = {
        "factor": f, "rows_sum_to_1": bool(np.allclose(got.sum(1), 1.0)),
        "log_linear": bool(np.allclose(got, expected / expected.sum(1, keepdims=True))),
        "ranks_as": "ngrams" if (got.argmax(1) == grams.argmax(1)).all() else
                    "embedding" if (got.argmax(1) == m.argmax(1)).all() else "neither"}
out["pool"] = pool
full = model._features.transform([normalise(t) for t in tests + texts])
out["grams_as_sklearn"] = float(abs(full - model._grams(tests + texts)).max())
old = IntentModel(Settings(embedding="none")).fit(texts, labels)
object.__delattr__(old.settings, "embedding")
old = pickle.loads(pickle.dumps(old))
out["old"] = [r[0][0] for r in old.rank(["cancel my request", "thanks a lot"], 1)]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    done = subprocess.run([str(BOT_PYTHON), "-c", SCRIPT, json.dumps(TRAIN), json.dumps(SPANISH)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_embeddings_are_unit_rows_of_512(result: dict[str, Any]) -> None:
    assert result["shape"] == [4, 512]
    assert all(abs(n - 1.0) < 1e-3 for n in result["norms"])


def test_unknown_embedding_is_a_clear_error(result: dict[str, Any]) -> None:
    assert "unknown sentence embedding 'bert'" in result["unknown"]


def test_embeddings_carry_meaning_across_languages(result: dict[str, Any]) -> None:
    total = sum(len(v) for v in SPANISH.values())
    assert result["use"] >= total - 2, result
    assert result["use"] > result["none"], result


def test_pool_of_the_two_models(result: dict[str, Any]) -> None:
    pool = result["pool"]
    assert all(p["log_linear"] and p["rows_sum_to_1"] and p["factor"] > 0
               for p in pool.values()), pool
    assert pool["0.0"]["ranks_as"] == "ngrams" and pool["1.0"]["ranks_as"] == "embedding", pool


def test_lean_ngram_transform_is_sklearns(result: dict[str, Any]) -> None:
    assert result["grams_as_sklearn"] < 1e-12, result


def test_model_saved_before_embeddings_still_classifies(result: dict[str, Any]) -> None:
    assert result["old"] == ["cancel", "thanks"]
