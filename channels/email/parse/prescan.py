"""Checks on the raw bytes, run before the MIME parser sees anything.

The stdlib parser is not bounded, so size, header count and MIME nesting are
measured here first with one linear scan: boundary declarations and delimiter
lines are matched by a single regular expression and a stack of open
boundaries gives the nesting depth.
"""

from __future__ import annotations

import re

from channels.email.errors import (
    HeadersTooLarge,
    MailTooLarge,
    NestingTooDeep,
    NotAnEmail,
    TooManyParts,
)
from channels.email.limits import Limits

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_HEADER_NAME = re.compile(rb"^[!-9;-~]{1,100}[ \t]*:", re.MULTILINE)
_TOKENS = re.compile(
    rb"^--([^\r\n]{0,200}?)[ \t]*\r?$"
    rb'|boundary[ \t]*=[ \t]*(?:"([^"\r\n]{0,200})"|([^\s;"]{1,200}))',
    re.IGNORECASE | re.MULTILINE,
)
_RFC822 = re.compile(
    rb"^content-type:[ \t]*message/(?:rfc822|global)", re.IGNORECASE | re.MULTILINE
)


def header_block(raw: bytes) -> bytes:
    match = _HEADER_END.search(raw)
    return raw if match is None else raw[: match.start()]


def prescan(raw: bytes, limits: Limits) -> None:
    """Raise a ``MailRejected`` subclass when ``raw`` breaks a limit."""
    if len(raw) > limits.max_bytes:
        raise MailTooLarge(f"{len(raw)} bytes, limit {limits.max_bytes}")
    if not raw.strip():
        raise NotAnEmail("empty input")
    head = header_block(raw.lstrip(b"\r\n"))
    if len(head) > limits.max_header_bytes:
        raise HeadersTooLarge(f"header block of {len(head)} bytes")
    names = len(_HEADER_NAME.findall(head))
    if names == 0:
        raise NotAnEmail("no header lines found")
    if names > limits.max_header_lines:
        raise HeadersTooLarge(f"{names} header lines, limit {limits.max_header_lines}")
    _check_structure(raw, limits)


def _check_structure(raw: bytes, limits: Limits) -> None:
    declared: set[bytes] = set()
    stack: list[bytes] = []
    delimiters = 0
    for match in _TOKENS.finditer(raw):
        line, quoted, bare = match.groups()
        if line is None:
            declared.add(quoted if quoted is not None else bare)
            if len(declared) > limits.max_parts:
                raise TooManyParts(f"more than {limits.max_parts} multipart boundaries")
            continue
        delimiters += _delimiter(line, declared, stack, limits)
        if delimiters > limits.max_parts:
            raise TooManyParts(f"more than {limits.max_parts} MIME parts")
    nested = len(_RFC822.findall(raw))
    if nested > limits.max_depth:
        raise NestingTooDeep(f"{nested} message/rfc822 parts, limit {limits.max_depth}")


def _delimiter(line: bytes, declared: set[bytes], stack: list[bytes], limits: Limits) -> int:
    """Update the stack for one ``--…`` line; return 1 when it opens a part."""
    closing = line.endswith(b"--") and line[:-2] in declared
    name = line[:-2] if closing else line
    if name not in declared:
        return 0
    if name in stack:
        del stack[stack.index(name) + 1 :]
        if closing:
            stack.pop()
        return 0 if closing else 1
    if closing:
        return 0
    stack.append(name)
    if len(stack) > limits.max_depth:
        raise NestingTooDeep(f"MIME nesting deeper than {limits.max_depth}")
    return 1
