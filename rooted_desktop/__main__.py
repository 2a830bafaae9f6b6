"""`rooted-desktop` and `python -m rooted_desktop`: a command runs headless, none opens the app."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from rooted_desktop import cli

    args = cli.build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:  # a temporary store of its own: --data-dir and commands do not apply
        from rooted_desktop.self_test import run_self_test

        return run_self_test()
    if args.command is None:
        from rooted_desktop.app import run_app

        return run_app(args)
    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
