import pytest

from kalm.empathy import engine, model


@pytest.fixture(scope="session")
def analyse():
    """The engine with its models loaded once for the whole test session."""
    model.get()
    return engine.analyse
