"""Where the server listens: loopback by default, another address only when asked for explicitly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import storyline.cli.serve  # noqa: F401 - registers the command until storyline.cli imports it
from storyline.cli import app
from storyline.errors import StorylineError
from storyline.web import server
from storyline.web.server import bind_address, is_loopback

runner = CliRunner()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("example.org", False)],
    ids=["ipv4", "ipv4-net", "ipv6", "ipv6-bracketed", "localhost", "any-ipv4", "any-ipv6", "lan", "name"],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_default_is_loopback() -> None:
    assert bind_address(None, explicit=False) == "127.0.0.1"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"], ids=["any-ipv4", "lan", "any-ipv6"])
def test_non_loopback_is_refused_unless_explicit(host: str) -> None:
    with pytest.raises(StorylineError, match="not a loopback address"):
        bind_address(host, explicit=False)


def test_non_loopback_is_allowed_when_explicit() -> None:
    assert bind_address("0.0.0.0", explicit=True) == "0.0.0.0"


def test_run_refuses_a_non_loopback_host_not_asked_for(web_db: Path) -> None:
    with pytest.raises(StorylineError):
        server.run(web_db, host="0.0.0.0")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(server, "run", lambda db, **kw: seen.append({"db": db, **kw}))
    return seen


def test_serve_listens_on_loopback_by_default(web_db: Path, calls: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", str(web_db)])
    assert result.exit_code == 0, result.output
    assert (calls[0]["host"], calls[0]["port"], calls[0]["explicit_host"]) == ("127.0.0.1", 8000, False)


def test_serve_takes_an_explicit_host_and_port(web_db: Path, calls: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", str(web_db), "--host", "0.0.0.0", "--port", "9001"])
    assert result.exit_code == 0, result.output
    assert (calls[0]["host"], calls[0]["port"], calls[0]["explicit_host"]) == ("0.0.0.0", 9001, True)


def test_serve_refuses_a_missing_database(tmp_path: Path, calls: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", str(tmp_path / "none.db")])
    assert isinstance(result.exception, StorylineError) and calls == []
