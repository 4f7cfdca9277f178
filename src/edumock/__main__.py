"""``python -m edumock``: the same entry point as the ``edumock`` command."""

from edumock.cli import main

raise SystemExit(main())
