"""Printed words of documents, per language (English default)."""

from __future__ import annotations

from collections.abc import Mapping

from backend.domain.language import pick

LABELS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "delivery_note": "DELIVERY NOTE", "contract_invoice": "INVOICE", "number": "Number",
        "date": "Date", "state": "State", "customer": "Customer", "tax_id": "Tax id",
        "code": "Customer code", "incident": "Incident", "service_order": "Service order",
        "contract": "Contract", "period": "Period", "description": "Description",
        "quantity": "Qty", "unit_price": "Unit price", "vat_pct": "VAT %", "net": "Amount",
        "covered": "covered", "base": "Taxable base", "vat": "VAT", "total": "TOTAL",
        "covered_total": "Value covered by your contract or warranty",
        "footer": "Issued with Avisa. Amounts in {currency}.", "page": "Page",
        "draft": "draft", "issued": "issued", "exported": "exported",
        "annex": "Annex: photos", "taken": "received",
    },
    "es": {
        "delivery_note": "ALBARÁN", "contract_invoice": "FACTURA", "number": "Número",
        "date": "Fecha", "state": "Estado", "customer": "Cliente", "tax_id": "NIF",
        "code": "Código de cliente", "incident": "Incidencia", "service_order": "Orden de servicio",
        "contract": "Contrato", "period": "Periodo", "description": "Concepto",
        "quantity": "Cant.", "unit_price": "Precio unit.", "vat_pct": "IVA %", "net": "Importe",
        "covered": "cubierto", "base": "Base imponible", "vat": "IVA", "total": "TOTAL",
        "covered_total": "Valor cubierto por su contrato o garantía",
        "footer": "Emitido con Avisa. Importes en {currency}.", "page": "Página",
        "draft": "borrador", "issued": "emitido", "exported": "exportado",
        "annex": "Anexo: fotos", "taken": "recibida",
    },
}


def labels(language: str) -> Mapping[str, str]:
    return pick(LABELS, language)
