"""Importing into the registry: storage, duplicates, stubs, citations both ways, bad files."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.documents import citations as citations_module
from danvan.documents.citations import link_citations
from danvan.documents.doctypes import DocumentType, number_key
from danvan.documents.models import Citation, Document, DocumentStatus
from danvan.documents.services import (
    cited_by,
    cites,
    confirm_document,
    import_document,
    update_metadata,
)
from danvan.documents.tests.registry_support import (
    COMMUNE_PLAN,
    MALFORMED_IDS,
    PROVINCE_DIRECTIVE,
    PROVINCE_PLAN,
    import_sample,
    malformed_files,
    stored_files,
)
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.usefixtures("media")


def test_import_keeps_file_text_and_structure(
    tree: Tree, media: Path, province_officer: User
) -> None:
    result = import_sample(PROVINCE_PLAN, tree.province, actor=province_officer)

    document = result.document
    assert result.created
    assert document.status == DocumentStatus.DRAFT
    assert document.owner == tree.province
    assert document.number == "125/KH-UBND"
    assert document.doc_type == DocumentType.PLAN
    assert document.issued_on == dt.date(2025, 3, 15)
    assert document.issuer == "Ủy ban nhân dân tỉnh Thử Nghiệm"
    assert "công tác dân vận chính quyền" in document.title
    assert "Dân vận khéo" in document.text
    assert {r["number"] for r in document.parsed["references"]} >= {"23-QĐ/TW", "12/CT-UBND"}
    digest = hashlib.sha256(PROVINCE_PLAN.read_bytes()).hexdigest()
    assert document.sha256 == digest
    assert document.file.name == f"documents/{digest[:2]}/{digest}.txt"
    assert stored_files(media) == [media / document.file.name]
    assert document.imported_by == province_officer


def test_importing_the_same_file_twice_returns_the_existing_document(
    tree: Tree, media: Path
) -> None:
    first = import_sample(PROVINCE_PLAN, tree.province)
    second = import_sample(PROVINCE_PLAN, tree.province)

    assert not second.created
    assert second.document.pk == first.document.pk
    assert "đã có" in second.message
    assert Document.objects.registered().count() == 1
    assert len(stored_files(media)) == 1


def test_a_cited_document_becomes_a_stub_that_its_later_import_fills_in(
    tree: Tree, province_officer: User
) -> None:
    commune_plan = import_sample(COMMUNE_PLAN, tree.commune).document
    stub = Document.objects.get(number="125/KH-UBND")
    assert stub.status == DocumentStatus.STUB
    assert stub.doc_type == DocumentType.PLAN
    assert stub.owner == tree.commune  # owned by the unit that first cited it

    result = import_sample(PROVINCE_PLAN, tree.province)

    province_plan = result.document
    assert province_plan.pk == stub.pk
    assert province_plan.status == DocumentStatus.DRAFT
    assert province_plan.owner == tree.province
    assert province_plan.title
    assert Document.objects.filter(number_key=number_key("125/KH-UBND")).count() == 1
    # Both directions: the commune plan cites the province plan, which is cited by it.
    assert [c.cited_id for c in commune_plan.citations.all()] == [province_plan.pk]
    assert list(cited_by(province_plan, province_officer)) == [commune_plan]
    cited_numbers = {c.cited.number for c in province_plan.citations.select_related("cited")}
    assert cited_numbers == {"23-QĐ/TW", "12/CT-UBND"}


def test_documents_citing_the_same_text_share_one_stub(tree: Tree) -> None:
    plan = import_sample(PROVINCE_PLAN, tree.province).document
    directive_stub = Document.objects.get(number="12/CT-UBND")
    directive = import_sample(PROVINCE_DIRECTIVE, tree.province).document

    assert directive.pk == directive_stub.pk
    party_decisions = Document.objects.filter(number="23-QĐ/TW")
    assert party_decisions.count() == 1
    decision = party_decisions.get()
    assert decision.status == DocumentStatus.STUB
    assert set(Citation.objects.filter(cited=decision).values_list("citing", flat=True)) == {
        plan.pk,
        directive.pk,
    }
    raw = Citation.objects.get(citing=plan, cited=decision).raw_text
    assert "Quyết định số 23-QĐ/TW" in raw


def test_a_stub_with_another_date_is_not_filled_by_a_namesake(tree: Tree) -> None:
    citing = import_sample(PROVINCE_PLAN, tree.province).document
    link_citations(
        citing,
        [{"number": "07/KH-UBND", "type": "Kế hoạch", "issued_on": "2024-04-02", "issuer": None}],
    )
    old_stub = Document.objects.get(number="07/KH-UBND", status=DocumentStatus.STUB)

    commune_plan = import_sample(COMMUNE_PLAN, tree.commune).document

    assert commune_plan.pk != old_stub.pk
    old_stub.refresh_from_db()
    assert old_stub.status == DocumentStatus.STUB
    assert old_stub.issued_on == dt.date(2024, 4, 2)


def test_stubs_are_visible_to_whoever_sees_a_citing_document(
    tree: Tree, province_officer: User, commune_officer: User, outsider: User
) -> None:
    province_plan = import_sample(PROVINCE_PLAN, tree.province).document
    decision = Document.objects.get(number="23-QĐ/TW")
    assert decision.owner == tree.province
    assert not Document.objects.visible_to(commune_officer).filter(pk=decision.pk).exists()

    commune_text = (
        "ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\nSố: 15/KH-UBND\nHòa Bình, ngày 05 tháng 5 năm 2025\n\n"
        "KẾ HOẠCH\nTuyên truyền Quy chế công tác dân vận\n\n"
        "Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị, Ủy ban nhân dân xã "
        "ban hành Kế hoạch tuyên truyền.\n"
    )
    commune_doc = import_document(
        io.BytesIO(commune_text.encode()),
        filename="ke-hoach-15.txt",
        owner=tree.commune,
        actor=SYSTEM,
    ).document

    visible = Document.objects.visible_to(commune_officer)
    assert visible.filter(pk=decision.pk).exists()
    assert not visible.filter(pk=province_plan.pk).exists()
    assert not Document.objects.visible_to(outsider).filter(pk=decision.pk).exists()
    # "Cited by" shows only the citing documents the official may see.
    assert list(cited_by(decision, commune_officer)) == [commune_doc]
    assert set(cited_by(decision, province_officer)) == {commune_doc, province_plan}


def test_a_hidden_cited_document_is_listed_without_a_link(
    tree: Tree, commune_officer: User, province_officer: User
) -> None:
    commune_plan = import_sample(COMMUNE_PLAN, tree.commune).document
    province_plan = import_sample(PROVINCE_PLAN, tree.province).document

    [(citation, target)] = cites(commune_plan, commune_officer)
    assert target is None  # the province's draft is not the commune's to see
    assert "125/KH-UBND" in citation.raw_text
    [(_, target)] = cites(commune_plan, province_officer)
    assert target == province_plan


@pytest.mark.parametrize("case", MALFORMED_IDS)
def test_malformed_files_are_refused_and_leave_nothing(
    tree: Tree, media: Path, province_officer: User, case: str
) -> None:
    _, filename, content = next(c for c in malformed_files() if c[0] == case)

    with pytest.raises(UserError) as error:
        import_document(
            io.BytesIO(content), filename=filename, owner=tree.province, actor=province_officer
        )

    assert error.value.message
    assert any(ch in error.value.message for ch in "ệếờạảủ")  # written in Vietnamese
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_a_file_over_the_limit_is_refused(tree: Tree, media: Path, settings: object) -> None:
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 200  # type: ignore[attr-defined]

    with pytest.raises(UserError, match="quá lớn"):
        import_sample(PROVINCE_PLAN, tree.province)

    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_a_failure_after_storing_the_file_removes_it(
    tree: Tree, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("link failed")

    monkeypatch.setattr("danvan.documents.services.link_citations", broken)

    with pytest.raises(RuntimeError):
        import_sample(PROVINCE_PLAN, tree.province)

    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_only_officials_allowed_at_the_unit_may_import(tree: Tree, commune_officer: User) -> None:
    with pytest.raises(PermissionDenied):
        import_sample(PROVINCE_PLAN, tree.province, actor=commune_officer)
    viewer = official("viewer", tree.province)
    with pytest.raises(PermissionDenied):
        import_sample(PROVINCE_PLAN, tree.province, actor=viewer)
    assert not Document.objects.exists()


def test_review_corrects_fields_and_confirms_only_on_request(
    tree: Tree, province_officer: User
) -> None:
    document = import_sample(PROVINCE_PLAN, tree.province).document

    update_metadata(document, actor=province_officer, signer="Nguyễn Văn Thành (PCT)")
    document.refresh_from_db()
    assert document.signer == "Nguyễn Văn Thành (PCT)"
    assert document.status == DocumentStatus.DRAFT

    confirm_document(document, actor=province_officer, place="Tỉnh Thử Nghiệm")
    document.refresh_from_db()
    assert document.status == DocumentStatus.CONFIRMED
    assert document.confirmed_by == province_officer
    assert document.place == "Tỉnh Thử Nghiệm"

    with pytest.raises(UserError):
        update_metadata(document, issued_on="15/3/2025", actor=SYSTEM)
    stub = Document.objects.get(number="23-QĐ/TW")
    with pytest.raises(UserError):
        confirm_document(stub, actor=SYSTEM)


def test_a_corrected_number_takes_over_the_stub_of_that_number(tree: Tree) -> None:
    commune_plan = import_sample(COMMUNE_PLAN, tree.commune).document  # cites 125/KH-UBND
    text = PROVINCE_PLAN.read_text(encoding="utf-8").replace("Số: 125/KH-UBND", "Số: /KH-UBND")
    blank = import_document(
        io.BytesIO(text.encode()), filename="ke-hoach.txt", owner=tree.province, actor=SYSTEM
    ).document
    assert blank.number != "125/KH-UBND"

    update_metadata(blank, number="125/KH-UBND", doc_type=DocumentType.PLAN, actor=SYSTEM)

    assert not Document.objects.filter(status=DocumentStatus.STUB, number="125/KH-UBND").exists()
    assert [c.cited_id for c in commune_plan.citations.all()] == [blank.pk]


def test_citation_snippet_finds_the_clause() -> None:
    text = "Mở đầu.\nCăn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng; Kế hoạch số 5."
    snippet = citations_module.citation_snippet(text, "33/CT-TTg")
    assert snippet == "Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng"
