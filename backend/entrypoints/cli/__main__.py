"""`python -m backend.entrypoints.cli …`: the same as the `avisa` console script."""

import sys

from backend.entrypoints.cli.main import main

sys.exit(main())
