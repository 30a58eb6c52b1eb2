"""Plain-words rendering of reasons in Spanish and English (one table per language)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from backend.domain.coverage.reasons import Reason, ReasonCode
from backend.domain.coverage.vocabulary import Language
from backend.domain.coverage.wording import WORDS
from backend.domain.language import language as pick_language

R = ReasonCode
_WORD_PARAMS = frozenset({"type", "service", "incident"})

MESSAGES: Mapping[Language, Mapping[ReasonCode, str]] = {
    Language.EN: {
        R.NO_COVERAGE_ON_FILE: "Equipment {equipment} has no warranty or contract on file.",
        R.WARRANTY_VALID: "Equipment {equipment} is under warranty until {until}.",
        R.WARRANTY_EXPIRED: "The warranty of equipment {equipment} ended on {until}.",
        R.CONTRACT_APPLIES: "Contract {contract} ({type}) applies, terms valid from {valid_from}.",
        R.CONTRACT_DRAFT: "Contract {contract} is still a draft and does not cover yet.",
        R.CONTRACT_SUSPENDED: "Contract {contract} is suspended and does not cover.",
        R.CONTRACT_CANCELLED: "Contract {contract} is cancelled and does not cover.",
        R.CONTRACT_EXPIRED: "Contract {contract} has expired and does not cover.",
        R.CONTRACT_NOT_STARTED: "Contract {contract} only starts on {start}.",
        R.CONTRACT_ENDED: "Contract {contract} ended on {end}.",
        R.NO_TERMS_AT_MOMENT: "Contract {contract} has no terms in force on {date}.",
        R.CONTINUOUS_SERVICE: "Contract {contract} is a continuous service: everything is covered.",
        R.SERVICE_TYPE_NOT_COVERED: "Contract {contract} does not include {service} service.",
        R.INCIDENT_TYPE_NOT_COVERED: "Contract {contract} does not cover {incident} faults.",
        R.PREVENTIVE_COVERED: "Preventive maintenance is included in contract {contract}.",
        R.LABOUR_NOT_COVERED: "Contract {contract} covers parts only: labour is billable.",
        R.PARTS_NOT_COVERED: "Contract {contract} covers labour only: parts are billable.",
        R.TRAVEL_NOT_COVERED: "Contract {contract} does not include travel: it is billable.",
        R.COVERED_24X7: "Contract {contract} covers 24 hours a day, 7 days a week.",
        R.OUTSIDE_COVERED_HOURS: "{moment} is outside the covered hours ({schedule}).",
        R.HOLIDAY: "{date} is a public holiday in calendar {calendar}.",
        R.OUT_OF_HOURS_SURCHARGE: "The out-of-hours surcharge is billable.",
        R.OUT_OF_HOURS_LABOUR_BILLABLE: "Labour outside the covered hours is billable, "
        "with the out-of-hours surcharge.",
        R.OUT_OF_HOURS_NOT_COVERED: "Contract {contract} covers nothing outside its hours.",
        R.VISITS_EXHAUSTED: "All {allowance} visits of this contract year are used ({used}).",
        R.HOURS_EXHAUSTED: "All {allowance} hours of this contract year are used ({used}).",
        R.HOURS_EXHAUSTED_MID_JOB: "Only {remaining} of {allowance} hours were left: "
        "{covered} h covered, {billable} h billable.",
        R.PAST_ALLOWANCE_NOT_COVERED: "Past its allowance, contract {contract} covers nothing.",
        R.MORE_FAVOURABLE: "{chosen} is more favourable than {other}, so {chosen} applies.",
    },
    Language.ES: {
        R.NO_COVERAGE_ON_FILE: "El equipo {equipment} no tiene garantía ni contrato registrados.",
        R.WARRANTY_VALID: "El equipo {equipment} está en garantía hasta el {until}.",
        R.WARRANTY_EXPIRED: "La garantía del equipo {equipment} terminó el {until}.",
        R.CONTRACT_APPLIES: "Se aplica el contrato {contract} ({type}), condiciones vigentes "
        "desde el {valid_from}.",
        R.CONTRACT_DRAFT: "El contrato {contract} es todavía un borrador y aún no cubre.",
        R.CONTRACT_SUSPENDED: "El contrato {contract} está suspendido y no cubre.",
        R.CONTRACT_CANCELLED: "El contrato {contract} está cancelado y no cubre.",
        R.CONTRACT_EXPIRED: "El contrato {contract} ha vencido y no cubre.",
        R.CONTRACT_NOT_STARTED: "El contrato {contract} no empieza hasta el {start}.",
        R.CONTRACT_ENDED: "El contrato {contract} terminó el {end}.",
        R.NO_TERMS_AT_MOMENT: "El contrato {contract} no tiene condiciones vigentes el {date}.",
        R.CONTINUOUS_SERVICE: "El contrato {contract} es de servicio continuo: todo está cubierto.",
        R.SERVICE_TYPE_NOT_COVERED: "El contrato {contract} no incluye el servicio {service}.",
        R.INCIDENT_TYPE_NOT_COVERED: "El contrato {contract} no cubre averías de tipo {incident}.",
        R.PREVENTIVE_COVERED: "El mantenimiento preventivo está incluido en el contrato "
        "{contract}.",
        R.LABOUR_NOT_COVERED: "El contrato {contract} solo cubre piezas: la mano de obra se "
        "factura.",
        R.PARTS_NOT_COVERED: "El contrato {contract} solo cubre mano de obra: las piezas se "
        "facturan.",
        R.TRAVEL_NOT_COVERED: "El contrato {contract} no incluye el desplazamiento: se factura.",
        R.COVERED_24X7: "El contrato {contract} cubre las 24 horas, los 7 días de la semana.",
        R.OUTSIDE_COVERED_HOURS: "{moment} está fuera del horario cubierto ({schedule}).",
        R.HOLIDAY: "El {date} es festivo en el calendario {calendar}.",
        R.OUT_OF_HOURS_SURCHARGE: "Se factura el recargo por trabajo fuera de horario.",
        R.OUT_OF_HOURS_LABOUR_BILLABLE: "La mano de obra fuera del horario cubierto se factura, "
        "con el recargo correspondiente.",
        R.OUT_OF_HOURS_NOT_COVERED: "Fuera de su horario, el contrato {contract} no cubre nada.",
        R.VISITS_EXHAUSTED: "Ya se han usado las {allowance} visitas de este año de contrato "
        "({used}).",
        R.HOURS_EXHAUSTED: "Ya se han usado las {allowance} horas de este año de contrato "
        "({used}).",
        R.HOURS_EXHAUSTED_MID_JOB: "Solo quedaban {remaining} de {allowance} horas: "
        "{covered} h cubiertas y {billable} h facturables.",
        R.PAST_ALLOWANCE_NOT_COVERED: "Superada la bolsa, el contrato {contract} no cubre nada.",
        R.MORE_FAVOURABLE: "{chosen} es más favorable que {other}, así que se aplica {chosen}.",
    },
}


def render(reason: Reason, language: Language | str) -> str:
    """The reason in plain words, in the customer's language else the company's default."""
    lang = Language(pick_language(str(language)))
    words = WORDS[lang]
    params = {
        key: words.get(value, value) if key in _WORD_PARAMS else value
        for key, value in reason.values.items()
    }
    return MESSAGES[lang][reason.code].format(**params)


def render_all(reasons: Iterable[Reason], language: Language | str) -> tuple[str, ...]:
    return tuple(render(reason, language) for reason in reasons)
