"""Attachments: what a file is (sniffed from its bytes), whether it may be kept and how it
may be shown. Pure: bytes in, decisions out."""
