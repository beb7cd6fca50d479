from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .registry_support import temporary_media


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Stored originals go to a temporary MEDIA_ROOT, so tests can count the files left."""
    return temporary_media(settings, tmp_path)
