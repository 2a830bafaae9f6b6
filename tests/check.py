"""The whole suite: tests, lint, format, types and import contracts. Exit non-zero on any failure.

Run it with the project's virtual environment: ``.venv/bin/python tests/check.py``.
Extra arguments go to pytest (e.g. ``-k providers``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    candidate = BIN / name
    return str(candidate) if candidate.exists() else name


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    steps = [
        ("pytest", [sys.executable, "-m", "pytest", "-q", *sys.argv[1:]]),
        ("ruff check", [tool("ruff"), "check", "."]),
        ("ruff format", [tool("ruff"), "format", "--check", "."]),
        ("mypy", [tool("mypy")]),
        ("import contracts", [tool("lint-imports")]),
    ]
    failed = []
    for name, command in steps:
        print(f"\n=== {name} ===", flush=True)
        if subprocess.call(command, cwd=ROOT, env=env) != 0:
            failed.append(name)
    print()
    if failed:
        print("FAILED: " + ", ".join(failed))
        return 1
    print("All checks passed: " + ", ".join(name for name, _ in steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
