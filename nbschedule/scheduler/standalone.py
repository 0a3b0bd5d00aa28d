"""The scheduler without a Jupyter server: ``python -m nbschedule.scheduler.standalone ROOT``.

The same service as ``nbschedule scheduler ROOT`` (see daemon.py), with the same options.
"""

from __future__ import annotations

import sys

from ..cli import main

if __name__ == "__main__":
    sys.exit(main(["scheduler", *sys.argv[1:]]))
