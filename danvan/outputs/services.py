"""Writes of the outputs app: uploading and switching Word templates."""

from __future__ import annotations

import hashlib
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.uploads import check_upload

from .models import OutputTemplate
from .templating import _PURPOSES, TEMPLATE_UPLOAD, check_template


def save_template(
    template: OutputTemplate | None,
    *,
    actor: Any,
    purpose: str,
    name: str,
    basis: str,
    note: str = "",
    is_active: bool = True,
    upload_name: str = "",
    upload: IO[bytes] | bytes | None = None,
) -> OutputTemplate:
    """Create or change a template; a new file is checked (a real .docx that renders every
    placeholder) before anything is written. Turning one on turns off the other of its purpose."""
    if purpose not in _PURPOSES:
        raise UserError(_("Choose which document this template is for."))
    if not name.strip():
        raise UserError(_("Give the template a name."))
    checked = None
    if upload is not None:
        checked = check_upload(TEMPLATE_UPLOAD, upload_name, upload)
        check_template(name, checked.data)
    elif template is None:
        raise UserError(_("Choose the .docx file of the template."))
    with transaction.atomic(), acting_as(actor):
        row = template or OutputTemplate()
        row.purpose, row.name, row.basis, row.note = purpose, name.strip(), basis, note
        row.is_active = is_active
        if checked is not None:
            row.content = checked.data
            row.filename = checked.name
            row.sha256 = hashlib.sha256(checked.data).hexdigest()
        if is_active:
            others = OutputTemplate.objects.filter(purpose=purpose, is_active=True)
            if row.pk:
                others = others.exclude(pk=row.pk)
            for other in others:
                other.is_active = False
                other.save(update_fields=["is_active", "updated_at"])
        row.save()
    return row
