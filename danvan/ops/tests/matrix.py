"""Rows of the permission matrix for the ops app (see accounts/tests/test_permission_matrix.py)."""

from __future__ import annotations

from django.db import models

from danvan.ops.models import GeneratedPart

# The generator's own bookkeeping: read and written by ``danvan generate`` only.
INTERNAL: set[type[models.Model]] = {GeneratedPart}
