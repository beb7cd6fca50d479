"""The demo hook: the demo documents land in the right units' registries, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan.documents.demo import DEMO_DIR, import_demo_documents
from danvan.documents.models import Citation, Document, DocumentStatus
from danvan.documents.tests.registry_support import stored_files
from danvan.orgs.models import OrgUnitKind
from danvan.testing.factories import OrgUnitFactory

pytestmark = pytest.mark.skipif(
    not any(DEMO_DIR.glob("*.txt")), reason="the demo documents are not written yet"
)


@pytest.mark.django_db
def test_demo_documents_are_imported_confirmed_and_only_once(media: Path) -> None:
    province = OrgUnitFactory(
        name="Ủy ban nhân dân tỉnh Cao Bằng", kind=OrgUnitKind.PROVINCE, key="p04"
    )
    department = OrgUnitFactory(
        name="Sở Nội vụ", kind=OrgUnitKind.DEPARTMENT, key="p04.so-noi-vu", parent=province
    )
    ward = OrgUnitFactory(name="Ủy ban nhân dân phường Thục Phán", key="w01273", parent=province)

    documents = import_demo_documents()

    owners = {d.number: d.owner for d in documents}
    assert owners["512/KH-UBND"] == province
    assert owners["02/CT-UBND"] == province
    assert owners["45/KH-SNV"] == department
    assert owners["18/KH-UBND"] == ward
    assert all(d.status == DocumentStatus.CONFIRMED for d in documents)
    # The province plan was cited before it was imported: its stub was filled in.
    plan = Document.objects.get(number="512/KH-UBND")
    assert set(Citation.objects.filter(cited=plan).values_list("citing__number", flat=True)) >= {
        "45/KH-SNV",
        "18/KH-UBND",
    }
    rows, files = Document.objects.count(), len(stored_files(media))

    again = import_demo_documents()

    assert [d.pk for d in again] == [d.pk for d in documents]
    assert Document.objects.count() == rows
    assert len(stored_files(media)) == files


@pytest.mark.django_db
def test_demo_import_skips_units_that_are_not_loaded() -> None:
    assert import_demo_documents() == []
