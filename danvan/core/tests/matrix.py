"""Rows of the permission matrix for the core app (see accounts/tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.db import models

from danvan.core.models import ChangeStamp, RateHit

# Bookkeeping of the platform itself, never shown on a page or through the API.
INTERNAL: set[type[models.Model]] = {ChangeStamp, RateHit}
