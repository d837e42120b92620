"""The fixture inventory every output format is tested on, and how to run it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import Result

from tests.conftest import TODAY, cli

FIXTURE = Path(__file__).parent / "fixtures" / "formats" / "inventory.yaml"
FORMATS = ("table", "json", "sarif", "github", "junit", "markdown")
MACHINE_FORMATS = FORMATS[1:]


def place(root: Path, name: str = "inventory.yaml") -> Path:
    """Copy the formats fixture to ``root / name``; the path written."""
    target = root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def check(*args: str, env: dict[str, str] | None = None) -> Result:
    """``nhiown check --today <TODAY> ARGS...``."""
    return cli("check", "--today", TODAY.isoformat(), *args, env=env)
