"""Hostile messages too big to commit, built at test time."""

from __future__ import annotations

import base64

HEAD = b"From: Big <big@client.example>\r\nTo: soporte@avisa-servicios.es\r\nSubject: big\r\n"


def with_attachment(size: int) -> bytes:
    blob = base64.encodebytes(b"\xa5" * size)
    return (
        HEAD + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="big"\r\n\r\n'
        b"--big\r\nContent-Type: text/plain\r\n\r\nThe plan of the plant is attached.\r\n"
        b"--big\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="plan.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n" + blob + b"--big--\r\n"
    )


def many_headers(count: int) -> bytes:
    extra = b"".join(b"X-Trace-%d: hop %d\r\n" % (i, i) for i in range(count))
    return HEAD + extra + b"\r\nbody\r\n"


def huge_header(size: int) -> bytes:
    return HEAD + b"X-Huge: " + b"a" * size + b"\r\n\r\nbody\r\n"


def deep_multipart(levels: int) -> bytes:
    body = b"Content-Type: text/plain\r\n\r\ndeep\r\n"
    for level in range(levels, 0, -1):
        b = b"b%d" % level
        body = (
            b'Content-Type: multipart/mixed; boundary="' + b + b'"\r\n\r\n--' + b + b"\r\n" + body
        )
        body += b"--" + b + b"--\r\n"
    return HEAD + b"MIME-Version: 1.0\r\n" + body


def deep_rfc822(levels: int) -> bytes:
    inner = b"From: x@y.example\r\nSubject: inner\r\n\r\ndeep\r\n"
    for _ in range(levels):
        inner = b"From: x@y.example\r\nContent-Type: message/rfc822\r\n\r\n" + inner
    return HEAD + b"Content-Type: message/rfc822\r\n\r\n" + inner


def many_parts(count: int) -> bytes:
    parts = b"".join(
        b"--p\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % i for i in range(count)
    )
    return HEAD + b'Content-Type: multipart/mixed; boundary="p"\r\n\r\n' + parts + b"--p--\r\n"
