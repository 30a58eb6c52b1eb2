"""`python -m backend.dedupe.train FILE.jsonl… [--write data/dedupe_model.json]`

Learns the duplicate scorer from labelled cases (docs/duplicates.md): a logistic
regression over pair features (`backend.domain.dedupe.features`), its L2 penalty and
the merge/ask bands chosen for precision first on inner folds of the same cases
(`backend.dedupe.learn`). Writes a small JSON file the product reads through the
`model_file` key of data/dedupe.yml. Measure with `evaluate --cv 5`, never on the
cases trained on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from backend.dedupe.cases import Case, read_cases
from backend.dedupe.learn import TooFewCases, add_policy_arguments, learn, policy_from
from backend.services.dedupe.config import DEFAULT_PATH, load_config


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.dedupe.train", description=__doc__)
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--config", type=Path, default=DEFAULT_PATH, help="windows (YAML)")
    add_policy_arguments(parser)
    parser.add_argument("--write", type=Path, help="write the model here (JSON)")
    args = parser.parse_args(argv)
    cases: list[Case] = []
    for path in args.files:
        got, errors = read_cases(path)
        cases += got
        for e in errors:
            print(f"skipped {e.source}:{e.line} case {e.case}: {e.error}")
    try:
        model = learn(cases, load_config(args.config, learned=False), policy_from(args))
    except TooFewCases as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    text = json.dumps(model.as_dict(), indent=1, sort_keys=True) + "\n"
    if args.write:
        args.write.write_text(text, encoding="utf-8")
        print(f"wrote {args.write}: merge ≥ {model.merge}, ask ≥ {model.ask}, {model.meta}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
