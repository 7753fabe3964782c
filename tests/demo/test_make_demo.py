"""`make demo` serves on port 8000, or on the port given: `make demo PORT=8200`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]


def demo_commands(*arguments: str) -> str:
    """What `make demo` would run, without running it (make -n)."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    return subprocess.run(
        [make, "--dry-run", "demo", *arguments],
        cwd=CHECKOUT,
        env={k: v for k, v in os.environ.items() if k != "PORT"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_demo_serves_on_port_8000_unless_told_otherwise() -> None:
    commands = demo_commands()
    assert "Living Well is at http://127.0.0.1:8000 " in commands
    assert "runserver 127.0.0.1:8000" in commands


def test_the_demo_serves_on_the_port_given_and_says_so() -> None:
    commands = demo_commands("PORT=8200")
    assert "Living Well is at http://127.0.0.1:8200 " in commands
    assert "runserver 127.0.0.1:8200" in commands
    assert "8000" not in commands
