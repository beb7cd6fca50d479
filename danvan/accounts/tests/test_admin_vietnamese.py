"""The back office reads in Vietnamese, the two-factor, lockout and audit sections included."""

from __future__ import annotations

import pytest

from danvan.accounts.models import User
from danvan.testing.fixtures import signed_in

pytestmark = pytest.mark.django_db

# What the packages show in English when nothing translates them.
ENGLISH = [
    "Static devices",
    "TOTP devices",
    "Access attempts",
    "Access failures",
    "Audit log",
    ">Identity<",
    ">Throttling<",
    ">Timestamps<",
    "QR Code",
    "Toggle theme",
    "Is this device ready for use",
    "Correlation ID",
    "Skip to main content",
]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/", ["Xác thực hai lớp: ứng dụng xác thực", "Lượt đăng nhập", "Nhật ký thay đổi"]),
        ("/admin/otp_totp/totpdevice/", ["Mã QR", "lần dùng gần nhất"]),
        ("/admin/otp_totp/totpdevice/add/", ["Định danh", "Nhập sai mã", "khóa bí mật"]),
        ("/admin/otp_static/staticdevice/add/", ["Thiết bị đã sẵn sàng để dùng chưa?"]),
        ("/admin/axes/accessattempt/", ["các lần đăng nhập sai"]),
        ("/admin/auditlog/logentry/", ["Mã liên kết"]),
    ],
)
def test_vendor_admin_pages_are_vietnamese(url: str, expected: list[str]) -> None:
    root = User.objects.create_superuser("root", "root@example.vn", "mat-khau-rat-dai-123")
    page = signed_in(root).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    for word in expected:
        assert word.lower() in text.lower(), word
    for word in ENGLISH:
        assert word not in text, word
