from backend.domain.dedupe import (
    content_tokens,
    error_codes,
    families_in,
    fold,
    incident_ids,
    serials,
    symptom_categories,
)


def test_fold_lowers_strips_accents_and_keeps_codes() -> None:
    assert fold("¡El compresor CMP-2291-X NO arrancá!") == "el compresor cmp-2291-x no arranca"
    assert fold("walk-in freezer") == "walk in freezer"


def test_sms_spellings_and_stop_words() -> None:
    tokens = content_tokens("q alguien venga xfa, el compresor no arranca")
    assert tokens == ("venga", "compr", "no", "arran")
    assert "not" in content_tokens("it wont start")


def test_numbers_and_codes_are_kept() -> None:
    tokens = content_tokens("la cámara está a 12 grados, error E-42")
    assert "12" in tokens and "e-42" in tokens


def test_serials_in_both_languages() -> None:
    assert serials("El compresor CMP-2291-X no arranca") == {"CMP2291X"}
    assert "SN48213" in serials("serial number SN-48213 is dead")
    assert serials("cliente C-1042, equipo EQ-1, INC-00457") == frozenset()


def test_error_codes() -> None:
    assert error_codes("muestra el error E-042") == {"E42"}
    assert "34" in error_codes("heat pump showing fault code 34")
    assert error_codes("papel A4 atascado") == frozenset()


def test_incident_ids_are_normalised() -> None:
    assert incident_ids("Ver incidencia #457") == {"INC-00457"}
    assert incident_ids("about INC-457 please") == {"INC-00457"}
    assert incident_ids("the copier is jammed") == frozenset()


def test_symptoms_across_languages() -> None:
    assert "no_start" in symptom_categories("el compresor no arranca")
    assert "no_start" in symptom_categories("the compressor won't start")
    assert "leak" in symptom_categories("pierde aceite, hay un charco")
    assert "leak" in symptom_categories("dripping water onto the carpet")
    assert "not_cooling" in symptom_categories("la nevera no enfría")
    assert "jam" in symptom_categories("paper jammed in the finisher")


def test_families_from_free_text() -> None:
    assert families_in("la fotocopiadora de la planta 2") == {"copier"}
    assert families_in("walk-in freezer at -5") == {"refrigeration"}
    assert families_in("la carretilla no levanta") == {"forklift"}
    assert families_in("the screw compressor") == {"compressor"}
