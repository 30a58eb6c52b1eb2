"""Finding where a signature, a mobile footer or a legal disclaimer starts.

Tables, not branches: ``CUT_ANYWHERE`` lines end the message wherever they are
(after some content); ``VALEDICTIONS`` end it only near the bottom; a trailing
block that is mostly contact details is a signature too.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
DELIMITER = re.compile(r"^--\s*$")
CUT_ANYWHERE: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"^(?:sent|enviado|envoyé|gesendet)\s+(?:from|desde|de|von)\s+(?:my|mi|mon|meinem)\b", _I
    ),
    re.compile(
        r"^(?:sent|enviado)\s+(?:from|desde)\s+(?:outlook|yahoo|mail|correo|samsung|"
        r"huawei|xiaomi|proton|gmail)\b",
        _I,
    ),
    re.compile(r"^(?:get|obtener|descargar?)\s+outlook\s+(?:for|para)\b", _I),
    re.compile(r"^(?:sent with|enviado con)\s+\w+", _I),
    re.compile(
        r"^(?:confidentiality notice|disclaimer|aviso legal|aviso de confidencialidad|"
        r"cláusula de confidencialidad|clausula de confidencialidad|"
        r"protección de datos|proteccion de datos|información confidencial)\b",
        _I,
    ),
    re.compile(
        r"^(?:this (?:e-?mail|message)(?: and any attachments?)?|"
        r"este (?:correo|mensaje|e-?mail)(?: electrónico)?(?: y sus (?:archivos )?adjuntos)?)"
        r"\b.{0,60}\b(?:confidential|confidencial|privileged|intended|dirigido|destinado)",
        _I,
    ),
    re.compile(
        r"^(?:antes de imprimir|please consider the environment|piense en el medio ambiente|"
        r"en cumplimiento de(?: lo (?:dispuesto|establecido))?|le informamos que sus datos|"
        r"de conformidad con (?:el|la) (?:reglamento|rgpd|lopd))",
        _I,
    ),
)
VALEDICTIONS = re.compile(
    r"^(?:un saludo|saludos(?: cordiales)?|un cordial saludo|reciba un cordial saludo|"
    r"cordiales saludos|"
    r"cordialmente|atentamente|muchas gracias|gracias(?: de antemano)?|gracias y (?:un )?saludos?|"
    r"un abrazo|besos|regards|best regards|kind regards|warm regards|best wishes|best|thanks|"
    r"thank you|many thanks|thanks in advance|thanks again|cheers|sincerely|yours sincerely|"
    r"yours faithfully|br|rgds|thx)[ \t]*[,.!]*"
    r"(?:[ \t]+[A-ZÁÉÍÓÚÑ][\w.'\-]*(?:[ \t]+[A-ZÁÉÍÓÚÑ][\w.'\-]*){0,3})?[ \t]*$",
    _I,
)
CONTACT = re.compile(
    r"(?:\+?\d[\d .()\-]{7,}\d|@|www\.|https?://|^(?:tel|tlf|telf|teléfono|telefono|phone|"
    r"m[oó]vil|mobile|cell|fax|dpto|departamento|dept|direcci[oó]n|address)\b|"
    r"\b(?:s\.l\.u?|s\.a\.u?|sl|sa|ltd|llc|inc|gmbh)\.?\s*$)",
    _I,
)
MAX_TAIL_LINES = 8


def _content_before(lines: list[str], index: int) -> bool:
    return any(line.strip() for line in lines[:index])


def strip_signature(lines: list[str]) -> list[str]:
    """``lines`` without the signature; the first content line is never cut."""
    for index, line in enumerate(lines):
        text = line.strip()
        if not _content_before(lines, index):
            continue
        if DELIMITER.match(text) or any(p.match(text) for p in CUT_ANYWHERE):
            lines = lines[:index]
            break
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    for index in nonblank[-MAX_TAIL_LINES:]:
        if VALEDICTIONS.match(lines[index].strip()) and _content_before(lines, index):
            return lines[:index]
    return _strip_contact_block(lines)


def _strip_contact_block(lines: list[str]) -> list[str]:
    blanks = [i for i, line in enumerate(lines) if not line.strip() and _content_before(lines, i)]
    if not blanks:
        return lines
    start = blanks[-1]
    block = [line.strip() for line in lines[start:] if line.strip()]
    if len(block) < 2 or len(block) > MAX_TAIL_LINES or max(map(len, block)) > 80:
        return lines
    contacts = sum(1 for line in block if CONTACT.search(line))
    return lines[:start] if contacts * 2 >= len(block) and contacts >= 2 else lines
