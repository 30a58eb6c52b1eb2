"""How deeply a JSON text nests, read from its bytes before parsing, so that a body nested
past a limit is refused without handing ``json.loads`` a recursion to fail in."""

from __future__ import annotations


def nesting(raw: bytes) -> int:
    """The deepest level of ``[``/``{`` outside strings (escapes honoured)."""
    deepest = depth = 0
    in_string = escaped = False
    for byte in raw:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest
