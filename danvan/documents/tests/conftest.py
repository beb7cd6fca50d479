from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from danvan.documents.models import Document
from danvan.testing.fixtures import Tree

from .registry_support import (
    COMMUNE_PLAN,
    PROVINCE_DIRECTIVE,
    PROVINCE_PLAN,
    import_sample,
    temporary_media,
)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Stored originals go to a temporary MEDIA_ROOT, so tests can count the files left."""
    return temporary_media(settings, tmp_path)


@pytest.fixture
def registry(tree: Tree, media: Path) -> dict[str, Document]:
    """The commune's plan, then the province's plan and directive that it cites."""
    return {
        "commune": import_sample(COMMUNE_PLAN, tree.commune).document,
        "plan": import_sample(PROVINCE_PLAN, tree.province).document,
        "directive": import_sample(PROVINCE_DIRECTIVE, tree.province).document,
    }
