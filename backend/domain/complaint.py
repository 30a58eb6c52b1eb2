"""Reading that a message lodges a complaint ("quiero que conste una queja formal", "I'd
like this logged as a formal complaint"), not one that only mentions complaints ("the
guests are complaining"). Pure: no I/O."""

from __future__ import annotations

import re

from backend.domain.callback import fold

_LODGES = re.compile(
    r"\b(?:queja formal|reclamacion formal|formal complaint|hoja de reclamaciones"
    r"|(?:quiero|quisiera|queremos|me gustaria|deseo|voy a|vamos a|conste|constancia de)"
    r"\s+(?:\w+\s+){0,3}(?:queja|reclamacion)"
    r"|(?:poner|presentar|dejar|hacer|formular|tramitar)\s+(?:\w+\s+){0,2}(?:queja|reclamacion)"
    r"|(?:make|file|lodge|raise|log|register|put in|submit)\w*\s+(?:\w+\s+){0,3}complaint"
    r"|(?:logged|recorded|registered|filed)\s+as\s+(?:a\s+)?(?:formal\s+)?complaint"
    r"|i\s+(?:want|wish|would like|'d like)\s+to\s+complain|this is a complaint)\b")


def lodges_complaint(text: str) -> bool:
    return bool(_LODGES.search(fold(text or "").replace("’", "'")))
