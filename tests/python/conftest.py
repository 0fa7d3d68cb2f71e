"""Shared by tests/python: the source tree, the `alliance` executable (ALLIANCE_CLI) and the module."""
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def cli() -> str:
    path = os.environ.get("ALLIANCE_CLI")
    if not path:
        pytest.skip("ALLIANCE_CLI (the alliance executable) not set")
    return path


@pytest.fixture(scope="session")
def alliance():
    import alliance as module
    return module


def run_cli(cli, *args, cwd=None):
    return subprocess.run([cli, "-q", *map(str, args)], capture_output=True, text=True, cwd=cwd)
