"""Scripts and helpers that run Avisa (``make run``, the stack launcher of tests and bench).

A package so that everything imports them one way, as ``tools.<module>``, with the
repository root on ``sys.path``."""
