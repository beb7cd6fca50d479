"""Rows of the permission matrix for the core app (see accounts/tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.db import models

from danvan.core.models import ChangeStamp

INTERNAL: set[type[models.Model]] = {ChangeStamp}
