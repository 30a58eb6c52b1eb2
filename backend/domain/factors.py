"""What a typed second factor can be (pure): the e-mail addresses in the text, and the
serials it may spell, as people copy them off a plate ("sn50331", "SN 50331", "PKL 3350 W"
all spell ``SN-50331`` / ``PKL-3350-W``)."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
NOT_ALNUM = re.compile(r"[^0-9A-Z]")
MIN_SERIAL = 4  # characters once separators are gone
MAX_RUN = 3  # a serial typed with spaces spans at most three words


def serial_key(typed: str) -> str:
    """A serial for comparison: case, spaces, dashes, dots and slashes do not matter."""
    return NOT_ALNUM.sub("", typed.upper())


def emails(text: str) -> set[str]:
    return {found.strip(".").lower() for found in EMAIL.findall(text)}


def serial_candidates(text: str) -> set[str]:
    """Every run of one to three consecutive words, joined, that could be a serial (at least
    four letters and digits, one digit at least); e-mail addresses are not serials."""
    words = [serial_key(w) for w in EMAIL.sub(" ", text).split()]
    found: set[str] = set()
    for start in range(len(words)):
        for end in range(start + 1, min(start + MAX_RUN, len(words)) + 1):
            run = words[start:end]
            if not all(run):
                break
            joined = "".join(run)
            if len(joined) >= MIN_SERIAL and any(ch.isdigit() for ch in joined):
                found.add(joined)
    return found
