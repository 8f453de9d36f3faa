"""The engine and image fixtures of the container tests, for the rnn kind's Docker run (skips without an engine)."""

from tests.containers.conftest import engine, images  # noqa: F401  (pytest finds fixtures by name)
