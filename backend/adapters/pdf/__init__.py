"""PDF rendering of billing documents (fpdf2)."""

from backend.adapters.pdf.document import render_pdf

__all__ = ["render_pdf"]
