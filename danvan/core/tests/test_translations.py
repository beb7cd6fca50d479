"""The Vietnamese catalogue: complete, consistent, and what officials see by default."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.functional import Promise

VI_PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
# Apps worked on side by side keep their own catalogue in danvan/<app>/locale/vi.
ALL_VI_PO = [
    VI_PO,
    *sorted(Path(settings.BASE_DIR).glob("danvan/*/locale/vi/LC_MESSAGES/django.po")),
]
REFRESH = (
    "Run `python scripts/make_messages.py [APP]`, translate the new entries, then "
    "`python scripts/compile_messages.py`."
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")


@pytest.fixture(scope="module", params=ALL_VI_PO, ids=lambda p: str(p.parent.parent.parent))
def catalogue(request: pytest.FixtureRequest) -> polib.POFile:
    return polib.pofile(str(request.param))


def test_vietnamese_catalogue_has_no_untranslated_or_fuzzy_entries(
    catalogue: polib.POFile,
) -> None:
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == [], REFRESH
    assert fuzzy == [], "Review the fuzzy entries and remove the fuzzy flag."
    assert catalogue.metadata["Plural-Forms"] == "nplurals=1; plural=0;"


def test_translations_keep_every_placeholder(catalogue: polib.POFile) -> None:
    # A lost %(name)s renders a sentence without its value; an extra one crashes the page.
    broken = []
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid)):
                broken.append((entry.msgid, text))
    assert broken == []


@pytest.mark.parametrize("po", ALL_VI_PO, ids=str)
def test_compiled_catalogue_is_up_to_date(po: Path) -> None:
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, (
        f"{mo} is missing or older than the .po: run `python scripts/compile_messages.py`."
    )


def _lazy_strings_of_models() -> list[tuple[str, Promise]]:
    """Model names, field labels, help texts and choice labels marked for translation."""
    found: list[tuple[str, object]] = []
    for model in apps.get_models():
        if not model.__module__.startswith("danvan."):
            continue
        meta = model._meta
        found.append((meta.label, meta.verbose_name))
        found.append((meta.label, meta.verbose_name_plural))
        for field in meta.get_fields():
            where = f"{meta.label}.{field.name}"
            found.append((where, getattr(field, "verbose_name", None)))
            found.append((where, getattr(field, "help_text", None)))
            for _value, label in getattr(field, "flatchoices", None) or []:
                found.append((where, label))
    lazy: list[tuple[str, Promise]] = []
    for where, text in found:
        if isinstance(text, Promise):
            lazy.append((where, text))
    return lazy


def test_every_model_label_of_the_project_is_in_the_catalogue() -> None:
    msgids = {e.msgid for po in ALL_VI_PO for e in polib.pofile(str(po)) if e.translated()}
    missing = []
    for where, text in _lazy_strings_of_models():
        with translation.override("en"):
            english = str(text)
        with translation.override("vi"):
            vietnamese = str(text)
        # Strings from Django itself ("username", "active") come translated in Django's own
        # catalogue; ours must be in locale/vi.
        if english and english not in msgids and vietnamese == english:
            missing.append((where, english))
    assert missing == [], REFRESH


@pytest.mark.django_db
def test_sign_in_page_is_in_vietnamese_by_default(client: Client) -> None:
    page = client.get("/").content.decode()
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page and "Mật khẩu" in page
    assert "Sign in" not in page


@pytest.mark.django_db
def test_sign_in_page_is_in_english_with_the_language_cookie(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Sign in" in page
    assert "Đăng nhập" not in page


@pytest.mark.django_db
def test_role_and_unit_kind_names_read_as_officials_say_them(client: Client) -> None:
    from danvan.accounts.models import RoleCode
    from danvan.orgs.models import OrgUnitKind

    with translation.override("vi"):
        assert str(RoleCode.OFFICER.label) == "Công chức theo dõi công tác dân vận"
        assert str(OrgUnitKind.COMMUNE.label) == "UBND xã, phường, đặc khu"
    portal = client.get("/portal/").content.decode()
    assert "Cổng thông tin cho người dân" in portal


def conflicting_translations(paths: list[Path]) -> dict[tuple[str | None, str], set[str]]:
    """(context, msgid) pairs translated differently by two catalogues.

    Django merges every catalogue into one lookup table, the first found winning; a msgid that
    two apps translate differently shows one app's word on the other's pages (a task's
    «thứ tự» read as «chức vụ»). A word with two meanings takes a ``pgettext`` context.
    """
    seen: dict[tuple[str | None, str], set[str]] = {}
    for path in paths:
        for entry in polib.pofile(str(path)):
            if entry.translated() and not entry.obsolete:
                seen.setdefault((entry.msgctxt, entry.msgid), set()).add(entry.msgstr)
    return {key: texts for key, texts in seen.items() if len(texts) > 1}


def test_one_msgid_has_one_translation_across_catalogues() -> None:
    assert conflicting_translations(ALL_VI_PO) == {}


def test_the_check_finds_a_msgid_translated_two_ways(tmp_path: Path) -> None:
    for name, text in (("a", "thứ tự"), ("b", "chức vụ")):
        po = polib.POFile()
        po.append(polib.POEntry(msgid="position", msgstr=text))
        po.append(polib.POEntry(msgctxt="job title", msgid="position", msgstr="chức vụ"))
        po.save(str(tmp_path / f"{name}.po"))
    found = conflicting_translations([tmp_path / "a.po", tmp_path / "b.po"])
    assert found == {(None, "position"): {"thứ tự", "chức vụ"}}


def test_words_with_two_meanings_read_right_in_each_place() -> None:
    from danvan.accounts.models import User
    from danvan.dialogues.models import Dialogue
    from danvan.petitions.models import Petition
    from danvan.plans.models import Task

    def label(model: type, field: str) -> str:
        return str(model._meta.get_field(field).verbose_name)  # type: ignore[attr-defined]

    # Aliases keep makemessages from collecting these test strings into a catalogue.
    in_context, plain = translation.pgettext, translation.gettext
    with translation.override("vi"):
        assert label(Task, "position") == "thứ tự"
        assert label(User, "position") == "chức vụ"
        assert label(Petition, "place") == "nơi phát sinh (xã)"
        assert label(Dialogue, "place") == "địa điểm"
        assert in_context("petition", "Place") == "Nơi phát sinh"
        assert in_context("document", "Place") == "Địa danh"
        assert plain("Place") == "Địa điểm"
