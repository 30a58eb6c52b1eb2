"""The learned scorer: the regression, the model file, folds by case, and the product
reading the shipped model."""

import json
from pathlib import Path

import pytest

from backend.dedupe.cases import load_cases
from backend.dedupe.folds import folds, rest
from backend.dedupe.logreg import fit
from backend.dedupe.train import main as train
from backend.domain.dedupe import DedupeConfig, Outcome, decide
from backend.domain.dedupe.features import FEATURES
from backend.domain.dedupe.learned import ModelError, ScoringModel
from backend.services.dedupe.config import load_config
from tests.dedupe.helpers import FLEET, incident
from tests.dedupe.test_decide import report

DATA = Path(__file__).resolve().parents[1] / "data"


def test_regression_learns_which_feature_matters() -> None:
    rows = [[x / 10, (x * 7 % 10) / 10] for x in range(11)] * 3
    labels = [int(r[0] > 0.45) for r in rows]
    bias, (useful, noise) = fit(rows, labels, l2=0.1)
    assert useful > 5 and abs(noise) < useful / 5 and bias < 0


def test_model_round_trips_and_refuses_bad_files() -> None:
    model = ScoringModel({"ts": 2.0}, -1.0, 0.9, 0.5)
    again = ScoringModel.from_dict(json.loads(json.dumps(model.as_dict())))
    assert again == model and again.probability({"ts": 0.5}) == pytest.approx(0.5)
    with pytest.raises(ModelError):
        ScoringModel.from_dict({"bias": 0, "weights": {}, "bands": {"merge": 0.3, "ask": 0.6}})
    with pytest.raises(ModelError):
        ScoringModel.from_dict({"weights": {"ts": "much"}, "bias": 0, "bands": {}})


def test_folds_keep_cases_whole_and_disjoint() -> None:
    cases = load_cases(DATA / "duplicates.jsonl")
    parts = folds(cases, 5)
    names = [c.case for part in parts for c in part]
    assert sorted(names) == sorted(c.case for c in cases) and len(set(names)) == len(names)
    assert {c.case for c in rest(parts, 0)}.isdisjoint({c.case for c in parts[0]})
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_shipped_model_is_what_the_product_reads(config: DedupeConfig) -> None:
    assert config.model is not None
    assert set(config.model.weights) == set(FEATURES)
    assert 0.0 < config.model.ask <= config.model.merge < 1.0
    follow_up = report("el compresor CMP-2291-X sigue sin arrancar, saltan las protecciones")
    assert decide(follow_up, FLEET, [incident()], config).outcome is Outcome.MERGE
    other = report("la fotocopiadora KM-448812 atasca el papel en la bandeja 2")
    assert decide(other, FLEET, [incident()], config).outcome is Outcome.NEW


def test_train_writes_a_model_the_loader_reads(tmp_path: Path) -> None:
    lines = (DATA / "duplicates.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    cases = tmp_path / "cases.jsonl"
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "model.json"
    assert train([str(cases), "--write", str(out)]) == 0
    yml = tmp_path / "dedupe.yml"
    yml.write_text("model_file: model.json\nmargin: 0.03\n", encoding="utf-8")
    config = load_config(yml)
    assert config.model is not None and config.merge_band == config.model.merge
    assert load_config(yml, learned=False).model is None
