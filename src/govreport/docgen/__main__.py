"""``python -m govreport.docgen docs/ [--check]``: write (or compare) the generated pages."""

import sys

from .pages import main

sys.exit(main())
