"""Permission-matrix rows of the outputs app: Word templates are national data (superusers)."""

from __future__ import annotations

from django.db import models

from danvan.outputs.models import OutputTemplate

NATIONAL_DATA: dict[type[models.Model], str] = {OutputTemplate: "/admin/outputs/outputtemplate/"}
