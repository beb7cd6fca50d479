"""404, 403, 400, 500 and a refused form are Vietnamese pages in the site's layout."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import loader
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("danvan.core.tests.error_urls")]


def _page(response: Any) -> str:
    return response.content.decode()


def test_not_found_is_a_vietnamese_page_in_the_layout(client: Client) -> None:
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    page = _page(response)
    assert "Không tìm thấy trang" in page
    assert 'class="topbar"' in page and 'lang="vi"' in page
    assert "Not Found" not in page


def test_forbidden_is_a_vietnamese_page_in_the_layout(client: Client) -> None:
    response = client.get("/__test__/403/")
    assert response.status_code == 403
    assert "Không có quyền" in _page(response) and 'class="topbar"' in _page(response)


def test_bad_request_is_a_vietnamese_page_in_the_layout(client: Client) -> None:
    response = client.get("/__test__/400/")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in _page(response) and 'class="topbar"' in _page(response)


def test_server_error_is_a_vietnamese_page(client: Client) -> None:
    client.raise_request_exception = False
    response = client.get("/__test__/500/")
    assert response.status_code == 500
    assert "Lỗi máy chủ" in _page(response) and 'class="topbar"' in _page(response)


def test_the_server_error_page_needs_no_request_and_no_database(
    django_assert_num_queries: Any,
) -> None:
    # Django renders 500.html with an empty context: no request, no context processors, and
    # the database may be what failed.
    with django_assert_num_queries(0):
        page = loader.get_template("500.html").render()
    assert "Lỗi máy chủ" in page


def test_a_refused_form_is_a_vietnamese_page_in_the_layout() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = _page(response)
    assert "Biểu mẫu đã hết hạn" in page and 'class="topbar"' in page
    assert "CSRF verification failed" not in page


@override_settings(LANGUAGE_CODE="vi")
def test_error_pages_follow_the_chosen_language(client: Client) -> None:
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Page not found" in _page(client.get("/khong-co-trang-nay/"))
