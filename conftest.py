"""Shared fixtures: factories and the named personas access tests are written with."""

pytest_plugins = ["danvan.testing.fixtures"]
