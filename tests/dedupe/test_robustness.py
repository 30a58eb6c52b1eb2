"""The evaluator and the detector take cases as people write them: serials in any typed
form, serials of no listed machine, and files with broken cases."""

import json
from pathlib import Path
from typing import Any

import pytest

from backend.dedupe.evaluate import main
from backend.dedupe.train import main as train_main
from backend.domain.dedupe import Machine, infer_equipment
from backend.domain.dedupe.fleet import named_by_serial

FLEET = (
    Machine("EQ-1", "copier", "SN-50331", "HQ"),
    Machine("EQ-2", "copier", "SN-50872", "Almacén"),
)


@pytest.mark.parametrize("text", [
    "la impresora sn50331 atasca el papel",
    "printer SN 50331 jams",
    "copier s/n: sn-50331 jamming",
    "Fotocopiadora Sn_50331, atasco",
])
def test_serial_in_any_typed_form(text: str) -> None:
    assert named_by_serial(text, FLEET) == {"EQ-1"}
    assert infer_equipment(text, FLEET) == {"EQ-1"}


def test_serial_field_in_any_form_and_unknown_serial() -> None:
    assert infer_equipment("atasco", FLEET, serial="sn 50872") == {"EQ-2"}
    assert named_by_serial("atasco", FLEET, serial="ZZ-99999") == frozenset()
    assert infer_equipment("atasco", FLEET, serial="ZZ-99999") == {"EQ-1", "EQ-2"}


def _report(rid: str, minute: int, text: str, serial: str | None, truth: str) -> dict[str, Any]:
    return {"rid": rid, "channel": "sms", "at": f"2026-01-01T10:{minute:02d}:00Z",
            "sender": "+34600000000", "text": text, "serial_mentioned": serial,
            "truth_incident": truth}


def _case(name: str, reports: list[dict[str, Any]]) -> dict[str, Any]:
    return {"case": name, "customer": "C-9",
            "equipment": [{"id": "EQ-1", "type": "copier", "serial": "SN-50331", "site": "HQ"}],
            "reports": reports}


@pytest.mark.parametrize("sink", ["db", "memory"])
def test_typed_and_unknown_serials_run_through_the_product(
    sink: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = [
        _case("T1", [_report("T1-r1", 0, "la fotocopiadora sn50331 atasca el papel", "sn50331",
                             "A"),
                     _report("T1-r2", 5, "sigue atascada la sn 50331", "SN 50331", "A")]),
        _case("T2", [_report("T2-r1", 0, "la copiadora KM-0000 no enciende", "KM-0000", "A")]),
    ]
    path = tmp_path / "typed.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    assert main([str(path), "--json", "--sink", sink]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["cases"], out["reports"], out["errors"]) == (2, 3, [])


def test_broken_cases_become_per_case_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _case("G1", [_report("G1-r1", 0, "la copiadora no enciende", None, "A")])
    no_truth = _case("B1", [_report("B1-r1", 0, "atasco", None, "A")])
    del no_truth["reports"][0]["truth_incident"]
    no_customer = {k: v for k, v in good.items() if k != "customer"} | {"case": "B2"}
    bad_time = _case("B3", [_report("B3-r1", 0, "atasco", None, "A")])
    bad_time["reports"][0]["at"] = "yesterday"
    lines = [json.dumps(good), json.dumps(no_truth), json.dumps(no_customer),
             json.dumps(bad_time), "{not json"]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main([str(path), "--json", "--sink", "memory"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cases"] == 1
    errors = {e["line"]: (e["case"], e["error"]) for e in out["errors"]}
    assert set(errors) == {2, 3, 4, 5}
    assert errors[2] == ("B1", "missing field 'reports[0].truth_incident'")
    assert errors[3] == ("B2", "missing field 'customer'")
    assert errors[4][0] == "B3" and "yesterday" in errors[4][1]
    assert errors[5][0] == "?"


_ODD_VALUES: tuple[object, ...] = (
    "<missing>", None, "", 0, 3.5, True, [], {}, ["x"], {"x": 1}, "sn 50331"
)
# the product's service on SQLite takes most of a second a case: fewer kinds there
_ODD_FOR_SINK = {"memory": _ODD_VALUES, "db": ("<missing>", 0, ["x"])}


_OPTIONAL = {"channel", "sender", "serial_mentioned", "equipment", "type", "serial", "site"}
_BASE = _case("V", [_report("V-r1", 0, "la copiadora SN-50331 atasca", "SN-50331", "A"),
                    _report("V-r2", 5, "sigue atascada", None, "A")])


def _changes(odd: tuple[object, ...]) -> list[tuple[tuple[str, ...], object]]:
    """(field, value) of each variant, in order."""
    places: list[tuple[str, ...]] = [(k,) for k in _BASE]
    places += [("reports", k) for k in _BASE["reports"][0]]
    places += [("equipment", k) for k in _BASE["equipment"][0]]
    return [(place, value) for place in places for value in odd]


def _variants(odd: tuple[object, ...]) -> list[dict[str, Any]]:
    """One valid two-report case with every field, at every level, missing or replaced by a
    value of another kind (`odd`): what a file written by hand may hold."""
    out: list[dict[str, Any]] = []
    for place, value in _changes(odd):
        case = json.loads(json.dumps(_BASE))
        holders = [case] if len(place) == 1 else case[place[0]][:1]  # the first report/machine
        for holder in holders:
            if value == "<missing>":
                holder.pop(place[-1], None)
            else:
                holder[place[-1]] = value
        case["case"] = case.get("case") or None
        out.append(case)
    return out


@pytest.mark.parametrize("sink", ["memory", "db"])
def test_any_case_runs_or_becomes_a_per_case_error(
    sink: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Point 4 of issue 14: every case of any file in the documented format runs without
    an exception; what cannot run is one error naming its line and why."""
    variants = _variants(_ODD_FOR_SINK[sink])
    path = tmp_path / "odd.jsonl"
    lines = [json.dumps(v) for v in variants] + ["[1, 2]", '"text"', "{", "null"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main([str(path), "--json", "--sink", sink]) == 0
    out = json.loads(capsys.readouterr().out)
    lines_with_error = [e["line"] for e in out["errors"]]
    assert len(set(lines_with_error)) == len(lines_with_error)  # one error per bad case
    assert out["cases"] + len(lines_with_error) == len(lines)  # every line accounted for
    assert all(e["error"] and e["source"] == "odd.jsonl" for e in out["errors"])
    assert {len(variants) + n for n in range(1, 5)} <= set(lines_with_error)
    assert out["cases"] > len(variants) // 3  # many oddities still run
    # a field the format lets go missing may be missing, null or empty: the case runs
    for n, (place, value) in enumerate(_changes(_ODD_FOR_SINK[sink]), start=1):
        if place[-1] in _OPTIONAL and value in ("<missing>", None, "", [], {}):
            assert n not in lines_with_error, f"{place} = {value!r} refused"


def test_errors_name_the_field_and_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twins = _case("E1", [_report("E1-r1", 0, "atasco", None, "A")])
    twins["equipment"] *= 2  # the same machine id twice: refused when read, not by the database
    typed = _case("E2", [_report("E2-r1", 0, "atasco", None, "A")])
    typed["reports"][0]["sender"] = {"name": "Ana"}
    numbers = _case("E3", [_report("E3-r1", 0, "atasco", None, "A")])
    numbers["reports"][0]["serial_mentioned"] = 50331  # a serial typed as a number is read
    not_list = _case("E4", [_report("E4-r1", 0, "atasco", None, "A")])
    not_list["equipment"] = "SN-50331"
    path = tmp_path / "typed.jsonl"
    path.write_text("".join(json.dumps(c) + "\n" for c in (twins, typed, numbers, not_list)),
                    encoding="utf-8")
    assert main([str(path), "--json", "--sink", "db"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cases"] == 1
    assert {e["case"]: e["error"] for e in out["errors"]} == {
        "E1": "two machines share an id",
        "E2": "reports[0].sender is not a text: {'name': 'Ana'}",
        "E4": "equipment is not a list",
    }


def test_a_file_that_cannot_be_read_is_an_error_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(_BASE) + "\n", encoding="utf-8")
    assert main([str(tmp_path / "missing.jsonl"), str(good), "--json", "--sink", "memory"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["cases"] == 1
    assert out["errors"] == [{"source": "missing.jsonl", "line": 0, "case": "?",
                              "error": "cannot read the file: No such file or directory"}]


def test_too_few_cases_to_learn_from_is_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "few.jsonl"
    path.write_text(json.dumps(_BASE) + "\n", encoding="utf-8")
    assert main([str(path), "--cv", "5"]) == 2
    assert "at least 10 cases (1 read)" in capsys.readouterr().err
    lone = json.loads(json.dumps(_BASE))
    lone["reports"] = lone["reports"][:1]  # no report has an earlier incident to compare with
    path.write_text(json.dumps(lone) + "\n", encoding="utf-8")
    assert train_main([str(path), "--l2", "1"]) == 2
    assert "nothing to learn from" in capsys.readouterr().err
