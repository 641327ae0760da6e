"""The console script (``subsidy``, ``python -m subsidy_cli``): a recorded re-check of an unchanged
dossier is answered at once (replay.py); anything else goes to the command line (cli.py)."""

from __future__ import annotations

import sys


def main() -> None:
    from . import replay

    argv = sys.argv[1:]
    code = replay.replay(argv)
    if code is not None:
        sys.exit(code)
    replay.ARGV = argv
    from .cli import main as cli_main
    cli_main()
