"""Shared pytest options and fixtures for the whole suite."""
from __future__ import annotations

import pytest

from golden import Golden


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden files from the current output (make goldens)")


@pytest.fixture
def golden(request) -> Golden:
    return Golden(request.config.getoption("--update-goldens"))
