from backend.domain.dedupe import (
    DedupeConfig,
    IncidentStatus,
    Outcome,
    Report,
    decide,
    find_candidates,
    infer_equipment,
)
from tests.dedupe.helpers import FLEET, T0, incident


def report(text: str, serial: str | None = None, customer: str = "C-1042") -> Report:
    return Report(customer, text, T0, "sms", "+34976123456", serial)


def test_equipment_inferred_from_serial_family_and_site() -> None:
    assert infer_equipment("CMP-2291-X no arranca", FLEET) == {"EQ-1"}
    assert infer_equipment("el compresor de Huesca pierde aceite", FLEET) == {"EQ-2"}
    assert infer_equipment("the compressor is leaking", FLEET) == {"EQ-1", "EQ-2"}
    assert infer_equipment("la fotocopiadora se atasca", FLEET) == {"EQ-3"}
    assert infer_equipment("algo va mal", FLEET) == {"EQ-1", "EQ-2", "EQ-3"}


def test_clear_duplicate_is_merged(config: DedupeConfig) -> None:
    d = decide(
        report("el compresor sigue sin arrancar, venid xfa", "CMP-2291-X"),
        FLEET,
        [incident()],
        config,
    )
    assert d.outcome is Outcome.MERGE and d.incident_id == "INC-00001"
    assert d.reasons and 0.0 <= d.score <= 1.0


def test_other_machine_is_new(config: DedupeConfig) -> None:
    d = decide(report("el compresor no arranca", "CMP-3310-B"), FLEET, [incident()], config)
    assert d.outcome is Outcome.NEW and d.incident_id is None


def test_different_fault_same_machine_is_not_merged(config: DedupeConfig) -> None:
    d = decide(
        report("además la fotocopiadora saca rayas negras en las copias"),
        FLEET,
        [incident(text="la fotocopiadora se atasca con cada hoja", equipment=frozenset({"EQ-3"}))],
        config,
    )
    assert d.outcome is not Outcome.MERGE


def test_naming_the_incident_id_wins(config: DedupeConfig) -> None:
    d = decide(report("about INC-00001: any news?"), FLEET, [incident(hours_ago=48)], config)
    assert d.outcome is Outcome.MERGE and d.score == 1.0


def test_similar_text_scores_higher(config: DedupeConfig) -> None:
    near = decide(report("compresor CMP-2291-X no arranca"), FLEET, [incident()], config).score
    far = decide(
        report("compresor CMP-2291-X hace ruido metálico"), FLEET, [incident()], config
    ).score
    assert near > far


def test_other_customer_is_never_a_candidate(config: DedupeConfig) -> None:
    other = incident(customer="C-9999")
    found = find_candidates(report("el compresor no arranca"), frozenset({"EQ-1"}), [other], config)
    assert found.open == () and found.resolved == ()
    assert (
        decide(report("el compresor CMP-2291-X no arranca"), FLEET, [other], config).outcome
        is Outcome.NEW
    )


def test_resolved_incident_is_recurrence_only(config: DedupeConfig) -> None:
    resolved = incident(status=IncidentStatus.RESOLVED, hours_ago=48)
    d = decide(
        report("el compresor CMP-2291-X otra vez no arranca, saltan las protecciones"),
        FLEET,
        [resolved],
        config,
    )
    assert d.outcome is Outcome.NEW
    assert d.recurrence_of == "INC-00001"


def test_old_resolved_incident_is_forgotten(config: DedupeConfig) -> None:
    resolved = incident(
        status=IncidentStatus.RESOLVED, hours_ago=config.recurrence_window_hours + 24
    )
    d = decide(report("el compresor CMP-2291-X no arranca"), FLEET, [resolved], config)
    assert d.outcome is Outcome.NEW and d.recurrence_of is None


def test_only_a_firmly_named_machine_rules_out_another_machines_incident(
    config: DedupeConfig,
) -> None:
    """A machine inferred from words ("Huesca", "the compressor") may be wrong: the
    incident about another machine stays a candidate (its clash is a feature); a serial
    of another machine rules it out."""
    assert config.model is not None
    inferred = report("el compresor de Huesca sigue sin arrancar")
    ranked = decide(inferred, FLEET, [incident()], config).ranked
    assert [s.incident_id for s in ranked] == ["INC-00001"]
    firm = report("el compresor CMP-3310-B sigue sin arrancar")
    assert decide(firm, FLEET, [incident()], config).ranked == ()
    assert find_candidates(inferred, frozenset({"EQ-2"}), [incident()], config,
                           frozenset()).open != ()
    assert find_candidates(inferred, frozenset({"EQ-2"}), [incident()], config).open == ()
