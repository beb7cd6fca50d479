"""Word templates an administrator can replace, rendered with docxtpl.

Every document that leaves the platform has a *purpose* («reporting.consolidated», «plans.draft»
…), declared once in the ``ready()`` of the app that writes it with :func:`register_purpose`.
The template used for a purpose is, in this order: the active
:class:`~danvan.outputs.models.OutputTemplate` uploaded for that purpose, the active one uploaded
for the generic purpose ``nd30`` (one upload restyles every document), the packaged default
``docx/nd30.docx``.

A template is a .docx with Jinja placeholders (docxtpl): ``{{ superior }}``, ``{{ agency }}``,
``{{ number_line }}``, ``{{ place_date }}``, ``{{ kind_word }}``, ``{{ subject }}``, ``{{p body }}``
(the body, built by the code), ``{% for item in recipients %}`` and ``{% for line in authority
%}``, ``{{ signer }}``. Rendering runs in a sandboxed Jinja environment with autoescaping (text
typed by officials or citizens can hold ``<`` or ``&``), and any failure of an uploaded template
— not a .docx, a Jinja syntax error, a placeholder missing — is a :class:`UserError` in
Vietnamese naming the template, never a 500.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from danvan.core.errors import UserError
from danvan.core.uploads import UploadPurpose

from .default_templates import PACKAGED

log = logging.getLogger(__name__)

GENERIC = "nd30"

#: What an uploaded template must let through: the texts a document cannot go out without.
PLACEHOLDERS = (
    "superior",
    "agency",
    "number_line",
    "place_date",
    "kind_word",
    "subject",
    "body",
    "recipients",
    "authority",
    "signer",
)

TEMPLATE_UPLOAD = UploadPurpose(
    "outputs.template",
    exts=(".docx",),
    size_setting="OUTPUTS_MAX_TEMPLATE_BYTES",
    noun=pgettext_lazy("upload", "Word document template"),
)


@dataclass(frozen=True)
class Purpose:
    code: str
    label: str | Promise


_PURPOSES: dict[str, Purpose] = {}


def register_purpose(code: str, label: str | Promise) -> Purpose:
    """Declare a kind of document (idempotent: ``ready()`` may run twice in tests)."""
    purpose = Purpose(code, label)
    _PURPOSES[code] = purpose
    return purpose


register_purpose(
    GENERIC, pgettext_lazy("template", "Any document under Decree 30/2020/NĐ-CP (general template)")
)


def purposes() -> list[Purpose]:
    return sorted(_PURPOSES.values(), key=lambda p: (p.code != GENERIC, p.code))


def label_of(code: str) -> str:
    purpose = _PURPOSES.get(code)
    return str(purpose.label) if purpose else code


@dataclass(frozen=True)
class Source:
    """The bytes of the template chosen for a purpose, and how to name it in messages."""

    data: bytes
    name: str
    uploaded: bool


def packaged_default() -> bytes:
    return (PACKAGED / "nd30.docx").read_bytes()


def source_for(purpose: str) -> Source:
    from .models import OutputTemplate

    for code in (purpose, GENERIC):
        row = OutputTemplate.objects.filter(purpose=code, is_active=True).order_by("-pk").first()
        if row is not None:
            return Source(bytes(row.content), row.name, uploaded=True)
    return Source(packaged_default(), pgettext("template", "default template"), uploaded=False)


def _broken(name: str, error: object) -> UserError:
    return UserError(
        _(
            "The Word template «%(name)s» cannot be used: %(error)s. An administrator must "
            "fix it or turn it off (Administration › Word templates)."
        )
        % {"name": name, "error": error}
    )


def load(source: Source) -> Any:
    """A :class:`docxtpl.DocxTemplate` of ``source``; UserError when it is not a Word file."""
    from docxtpl import DocxTemplate

    try:
        template = DocxTemplate(io.BytesIO(source.data))
        template.get_docx()  # parses the package now, not halfway through a render
    except Exception as exc:  # noqa: BLE001 - any parse failure is the template's fault
        log.warning("output template %s unreadable: %s", source.name, exc)
        raise _broken(source.name, _("it is not a readable .docx file")) from None
    return template


def _environment() -> Any:
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed: an uploaded template can format what it is given, never reach Python objects'
    # internals; autoescape: the XML stays valid whatever «<», «&» an official typed.
    return SandboxedEnvironment(autoescape=True)


def render(template: Any, context: dict[str, Any], *, name: str) -> Any:
    """Render ``template`` in place with ``context``; UserError naming ``name`` on failure."""
    from jinja2 import TemplateError

    try:
        template.render(context, jinja_env=_environment(), autoescape=True)
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        detail = f"{exc.message or exc}"
        if line:
            detail += " " + _("(line %(line)s of the XML)") % {"line": line}
        raise _broken(name, detail) from None
    except Exception as exc:  # noqa: BLE001 - a broken template never answers 500
        log.warning("output template %s failed to render: %r", name, exc)
        raise _broken(name, exc.__class__.__name__) from None
    return template


SAMPLE_MARKS = {
    "superior": "KIỂM-TRA-CẤP-TRÊN",
    "agency": "KIỂM-TRA-CƠ-QUAN",
    "number_line": "Số: KIỂM-TRA-SỐ",
    "place_date": "KIỂM-TRA-NGÀY",
    "kind_word": "KIỂM-TRA-LOẠI",
    "subject": "KIỂM-TRA-TRÍCH-YẾU",
    "recipients": ["KIỂM-TRA-NƠI-NHẬN"],
    "authority": ["KIỂM-TRA-THẨM-QUYỀN"],
    "signer": "KIỂM-TRA-NGƯỜI-KÝ",
}
BODY_MARK = "KIỂM-TRA-NỘI-DUNG"


def check_template(name: str, data: bytes) -> None:
    """Refuse an uploaded template that cannot render a document with every placeholder.

    Renders it with marked sample texts and reads the result back: a placeholder that was left
    out would silently drop the agency, the number or the body from every document.
    """
    from docx import Document

    template = load(Source(data, name, uploaded=True))
    body = template.new_subdoc()
    body.add_paragraph(BODY_MARK)
    render(template, {**SAMPLE_MARKS, "body": body}, name=name)
    try:
        buffer = io.BytesIO()
        template.save(buffer)
        text = all_text(Document(io.BytesIO(buffer.getvalue())))
    except Exception:  # noqa: BLE001 - e.g. «{{ body }}» inside a sentence: broken XML
        raise _broken(
            name, _("the result is not a valid document (write the body as {{p body }} alone)")
        ) from None
    missing = [key for key, mark in SAMPLE_MARKS.items() if _mark(mark) not in text]
    if BODY_MARK not in text:
        missing.insert(0, "body")
    if missing:
        # The body is a sub-document: a paragraph of its own written «{{p body }}».
        fields = ", ".join(
            "{{p body }}" if key == "body" else "{{ %s }}" % key  # noqa: UP031 - braces in text
            for key in missing
        )
        raise _broken(name, _("these placeholders are missing: %(fields)s") % {"fields": fields})


def _mark(value: Any) -> str:
    return value[0] if isinstance(value, list) else value


def all_text(document: Any) -> str:
    """Every paragraph of a python-docx document in reading order, tables included."""
    from docx.table import Table

    lines: list[str] = []

    def walk(container: Any) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    for cell in row.cells:
                        walk(cell)
            else:
                lines.append(block.text)

    walk(document)
    return "\n".join(lines)
