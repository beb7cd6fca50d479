"""`python -m danvan.documents.parsing FILE [--json]`."""

import sys

from .cli import main

sys.exit(main())
