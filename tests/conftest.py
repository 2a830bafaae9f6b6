"""Shared fixtures. Qt runs offscreen, and no test touches the real user data dir."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from rooted_desktop.paths import ENV_DATA_DIR, Paths

TODAY = date(2026, 12, 4)


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every default location at a temporary folder, in case code forgets --data-dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)


class NetworkAccessError(AssertionError):
    """Raised when code under test tries to reach the network: the app is offline, always."""


_INTERNET = (socket.AF_INET, socket.AF_INET6)


@pytest.fixture(autouse=True)
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail any test during which code tries to open an internet connection.

    The attempt raises at once, and is also recorded and reported at teardown, so code that
    swallows the exception still fails its test. Local (AF_UNIX) sockets stay allowed: Qt's
    single-instance channel may use them. A test may clear the list after proving the guard.
    """
    attempts: list[str] = []

    def refuse(family: int, address: object) -> None:
        if family in _INTERNET:
            attempts.append(repr(address))
            raise NetworkAccessError(f"a test tried to reach the network: {address!r}")

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto

    def connect(self: socket.socket, address: object) -> None:
        refuse(self.family, address)
        real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        refuse(self.family, address)
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    def sendto(self: socket.socket, data: bytes, *args: object) -> int:
        refuse(self.family, args[-1])
        return real_sendto(self, data, *args)  # type: ignore[call-overload, no-any-return]

    def create_connection(address: object, *args: object, **kwargs: object) -> socket.socket:
        # Refused before the name lookup, which would itself go out to the network.
        refuse(socket.AF_INET, address)
        raise AssertionError("unreachable")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", sendto)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    yield attempts
    if attempts:
        pytest.fail(f"the test tried to reach the network: {', '.join(attempts)}")


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    result = Paths.for_data_dir(tmp_path / "data")
    result.ensure()
    return result


@pytest.fixture
def services(paths: Paths) -> Iterator[object]:
    from rooted_desktop.services.container import Services

    opened = Services.open(paths.store_file, clock=lambda: TODAY)
    yield opened
    opened.close()
