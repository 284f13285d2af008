"""`python -m epistola` runs the command line."""

import sys

from epistola.cli import main

sys.exit(main())
