"""Issue 15 §4: the text analysis stored with each report gives the scoring exactly the
numbers it would work out from the text, and one made by other code is not used."""

from dataclasses import replace
from typing import Any

from backend.domain.dedupe import DedupeConfig, IncidentView, Report, decide
from backend.domain.dedupe.analysis import TextAnalysis, analyse, analyses_of
from backend.services.dedupe import analyses
from tests.dedupe.helpers import FLEET, T0, incident

TEXTS = (
    "El compresor CMP-2291-X no arranca, saltan las protecciones",
    "la fotocopiadora de la línea 2 da el error E-42 y se para, lo de Nervión",
    "Pedimos presupuesto para la revisión anual del compresor",
    "copier KM-448812 still jams on every sheet, same problem as INC-00003",
    "",
)
REPORTS = (
    "el compresor sigue sin arrancar, venid xfa",
    "además la fotocopiadora de la línea 3 saca rayas negras (E-42)",
    "Any news about the compressor in Nervión? otra vez sin aire",
    "ok",
)


def _views(stored: bool) -> list[IncidentView]:
    out = []
    for n, text in enumerate(TEXTS):
        view = incident(iid=f"INC-{n:05d}", text=text, hours_ago=2.0 + n)
        found: tuple[TextAnalysis | None, ...] = (
            (analyses.parsed(analyses.stored(text)),) if stored else ())
        out.append(replace(view, texts=(text, TEXTS[0]), analyses=found + (None,)))
    return out


def test_stored_analysis_reads_back_as_the_text_analysed() -> None:
    for text in TEXTS + REPORTS:
        assert analyses.parsed(analyses.stored(text)) == analyse(text)


def test_scores_with_stored_analyses_are_those_worked_out_from_the_texts(
    config: DedupeConfig,
) -> None:
    for text in REPORTS:
        report = Report("C-1042", text, T0, "sms", "+34976123456")
        with_stored = decide(report, FLEET, _views(stored=True), config)
        from_texts = decide(report, FLEET, _views(stored=False), config)
        assert with_stored == from_texts
        assert with_stored.ranked == from_texts.ranked and len(with_stored.ranked) == len(TEXTS)


def test_an_analysis_made_by_other_code_or_missing_is_not_used() -> None:
    made: dict[str, Any] = analyses.stored(TEXTS[1])
    assert analyses.parsed({**made, "v": "another"}) is None
    assert analyses.parsed(None) is None and analyses.parsed([]) is None
    wrong = analyses.parsed({**made, "words": "nothing alike"})
    view = replace(incident(text=TEXTS[1]), analyses=(wrong,))
    assert wrong is not None and wrong != analyse(TEXTS[1])
    # a stored analysis with the current fingerprint is read as it is; none, analysed
    assert analyses_of(view) == (wrong,)
    assert analyses_of(replace(view, analyses=(None,))) == (analyse(TEXTS[1]),)
