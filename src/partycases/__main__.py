"""``python -m partycases``: the same as the ``partycases`` command."""

import sys

from partycases.cli import main

sys.exit(main())
