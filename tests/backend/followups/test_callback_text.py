"""Call-back number and window read from free text, as people type them."""

import pytest

from backend.domain.callback import find_number, find_window, read_callback


@pytest.mark.parametrize(("text", "number", "window"), [
    ("porfa llamadme al 699 12 34 56 antes d las 13h", "699123456", "before 13:00"),
    ("give me a ring on 07700 900456 after 2pm thanks", "07700900456", "after 14:00"),
    ("mi movil es el 612.345.678, estoy de 10 a 12", "612345678", "10:00-12:00"),
    ("call back pls 0161 496 0000 between 3 and 5pm", "01614960000", "15:00-17:00"),
    ("llámenme al +34 976 55 44 33 entre las 4 y las 6", "+34976554433", "16:00-18:00"),
    ("ring me 020 7946 0018 from 9:30 to 11", "02079460018", "09:30-11:00"),
    ("a partir de las 17:30 al 633112233", "633112233", "after 17:30"),
    ("toque al 644 900 112 d 10 a 12 porfa", "644900112", "10:00-12:00"),
    ("ring me on 07700 900789 frm 2 to 4 pls", "07700900789", "14:00-16:00"),
    ("llamame x la tarde", None, "afternoon"),
    ("can someone call me this morning", None, "morning"),
    ("llamadme cuando podais", None, None),
])
def test_number_and_window(text, number, window):
    found = read_callback(text)
    assert (found.number, found.window) == (number, window)


def test_times_and_short_numbers_are_not_phone_numbers():
    assert find_number("de 9 a 11, el codigo es 4021") is None
    assert find_number("at 14:30 on 12/12") is None


def test_a_window_that_runs_backwards_is_not_a_window():
    assert find_window("between 6pm and 4pm") is None


@pytest.mark.parametrize(("text", "window"), [
    (("La cámara tiene que estar entre 2 y 5 grados y marca 12. Llamadme al 611 222 333 de "
     "9 a 11 para cuadrar la visita."), "09:00-11:00"),
    (("The display should read between 4 and 7 bar, it reads 2. Please call me back on 07700 "
     "900654 between 1 and 3pm."), "13:00-15:00"),
    ("Sale a 20-25 piezas por minuto en vez de 40; dadme un toque al 622 111 000",
     None),
])
def test_hours_said_about_something_else_are_no_window(text, window):
    """Hours or ranges said earlier about the fault are not when to ring: the window is the
    one said with the request, and none when it gives none."""
    assert find_window(text) == window
