"""Two-factor sign-in: required per role by an administrator, optional for everyone else."""

from __future__ import annotations

import base64

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.models import Role, User
from danvan.accounts.services import pending_totp_device
from danvan.accounts.views import PENDING_TOTP_KEY
from danvan.testing.fixtures import Tree, official


def _code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(
        device.digits
    )


def test_role_requiring_two_factor_sends_the_official_to_set_it_up(
    client: Client, tree: Tree
) -> None:
    Role.objects.filter(code="officer").update(require_two_factor=True)
    officer = official("officer", tree.commune)
    client.force_login(officer)
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")
    setup = client.get("/accounts/two-factor/")
    assert setup.status_code == 200
    assert not TOTPDevice.objects.filter(user=officer).exists()  # opening the page writes nothing
    device = pending_totp_device(officer, client.session[PENDING_TOTP_KEY])
    wrong = client.post(
        "/accounts/two-factor/", {"code": "000000" if _code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert "không đúng" in wrong.content.decode() or "not correct" in wrong.content.decode()
    # The secret the official scanned is still the one the page shows after a wrong code.
    assert base64.b32encode(device.bin_key).decode() in wrong.content.decode()
    done = client.post("/accounts/two-factor/", {"code": _code(device)})
    assert done.status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_official_with_an_authenticator_must_enter_a_code_after_the_password(
    client: Client, tree: Tree
) -> None:
    officer: User = official("viewer", tree.commune)
    device = TOTPDevice.objects.create(user=officer, confirmed=True, name="điện thoại")
    client.force_login(officer)
    response = client.get("/orgs/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/verify/")
    assert client.get("/api/v1/org-units/").status_code == 401  # the session is not enough yet
    assert client.post("/accounts/verify/?next=/orgs/", {"code": _code(device)}).status_code == 302
    assert client.get("/orgs/").status_code == 200
    assert client.get("/api/v1/org-units/").status_code == 200


def test_two_factor_cannot_be_turned_off_when_the_role_requires_it(
    client: Client, tree: Tree
) -> None:
    Role.objects.filter(code="viewer").update(require_two_factor=True)
    officer = official("viewer", tree.commune)
    device = TOTPDevice.objects.create(user=officer, confirmed=True)
    client.force_login(officer)
    client.post("/accounts/verify/", {"code": _code(device)})
    client.post("/accounts/two-factor/remove/")
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_a_superuser_must_set_up_two_factor(client: Client, tree: Tree) -> None:
    root = User.objects.create(username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


def test_reloading_the_setup_page_keeps_the_secret(client: Client, tree: Tree) -> None:
    officer = official("officer", tree.commune)
    client.force_login(officer)
    first = client.get("/accounts/two-factor/").content.decode()
    key = client.session[PENDING_TOTP_KEY]
    again = client.get("/accounts/two-factor/").content.decode()
    secret = base64.b32encode(pending_totp_device(officer, key).bin_key).decode()
    assert secret in first and secret in again
