import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read English messages (see kalm.core.testing.english)."""
