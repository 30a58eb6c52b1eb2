"""Reading that a message lodges a complaint, in either language, as people type it."""

from __future__ import annotations

import pytest

from backend.domain.complaint import lodges_complaint


@pytest.mark.parametrize(("text", "lodged"), [
    ("Quiero que conste una queja formal por la reparacion mal hecha", True),
    ("quiero poner una queja, es la 3a vez", True),
    ("Me gustaría presentar una reclamación por el retraso", True),
    ("dejo constancia de mi queja: no vino nadie", True),
    ("I'd like this logged as a formal complaint.", True),
    ("Please register this as a complaint about the engineer", True),
    ("I want to complain about the last visit", True),
    ("we'd like to make a complaint about the invoice", True),
    ("the guests are complaining about the heat", False),
    ("los clientes se quejan del ruido", False),
    ("no hay quejas, todo bien", False),
    ("complaints coming in from the 3rd floor", False),
])
def test_lodges_complaint(text: str, lodged: bool) -> None:
    assert lodges_complaint(text) is lodged
