"""Rows of the permission matrix for the core app (see accounts/tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.db import models

from danvan.core.models import ChangeStamp, ContactCode, RateHit

# Bookkeeping of the platform itself, never shown on a page or through the API (a one-time code
# holds only keyed hashes and is read by core.verification alone).
INTERNAL: set[type[models.Model]] = {ChangeStamp, RateHit, ContactCode}
