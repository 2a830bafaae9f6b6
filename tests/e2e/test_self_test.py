"""``--self-test`` from the source tree: one line, exit 0, nothing left in the user's folders."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from rooted_desktop import self_test


def test_self_test_passes_and_leaves_no_trace(tmp_path: Path) -> None:
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ROOTED_DESKTOP"))}
    env.update(HOME=str(home), TMPDIR=str(temp))
    env.pop("QT_QPA_PLATFORM", None)  # the self-test chooses offscreen by itself
    result = subprocess.run(
        [sys.executable, "-m", "rooted_desktop", "--self-test", "--data-dir", tmp_path / "data"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith("self-test ok: Rooted Desktop ")
    assert "6 documents" in line and "backup verified" in line and "store checked" in line
    # Its own temporary store only: not the user's data folder, not --data-dir.
    assert not (tmp_path / "data").exists()
    assert not [p for p in home.rglob("*") if "Rooted" in p.name or "rooted" in p.name]
    assert list(temp.iterdir()) == []


def test_a_failing_step_is_named_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(self: self_test.SelfTest) -> None:
        raise RuntimeError("the demo could not be built")

    monkeypatch.setattr(self_test.SelfTest, "demo_data", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    out = io.StringIO()
    assert self_test.run_self_test(out) == 1
    assert out.getvalue() == "self-test failed at demo data: the demo could not be built\n"
    assert "RuntimeError" in capsys.readouterr().err  # the traceback, for whoever fixes it
    assert list(tmp_path.iterdir()) == []  # the temporary store is gone, failed or not


def test_a_file_that_is_not_what_it_should_be_fails(tmp_path: Path) -> None:
    half = tmp_path / "agendas.pdf"
    half.write_bytes(b"%PDF-1.4\n1 0 obj")  # cut short: no end-of-file marker
    with pytest.raises(self_test.SelfTestFailure, match=r"agendas\.pdf is not a PDF"):
        self_test._check_pdf(half)
