"""The demo province: Cao Bằng with its real communes and departments, and demo officials.

Idempotent: a second run finds everything in place and returns quickly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from danvan.accounts.models import RoleCode, User
from danvan.accounts.services import assign_role, create_official
from danvan.core.audit import SYSTEM
from danvan.orgs.history import load_history
from danvan.orgs.loading import find_province, load_divisions
from danvan.orgs.models import OrgUnit

from .registry import loaders

DEMO_PASSWORD = "danvan-demo-2026"
PROVINCE_CODENAME = "cao_bang"
#: Loaders registered below this order run before the demo officials exist (see registry.py).
OFFICIALS_ORDER = 30
HISTORY_FILE = Path(__file__).parent / "cao_bang_districts.csv"

# (username prefix, unit key, where the official works when that differs from the scope)
LEVELS = [
    ("tinh", "p04", "Ủy ban nhân dân tỉnh"),
    ("sonoivu", "p04.so-noi-vu", "Sở Nội vụ"),
    ("thucphan", "w01273", "UBND phường Thục Phán"),
]
ROLE_SUFFIX = {
    RoleCode.SYSTEM_ADMIN: "quantri",
    RoleCode.LEADER: "lanhdao",
    RoleCode.OFFICER: "congchuc",
    RoleCode.RECEPTION_OFFICER: "tiepdan",
    RoleCode.INSPECTOR: "thanhtra",
    RoleCode.FRONT_SUPERVISOR: "mttq",
    RoleCode.VIEWER: "xem",
}


#: Officials of a body acting for another (orgs.Mandate): the provincial inspectorate receives
#: citizens and settles complaints for the province's People's Committee.
MANDATES = [
    (
        "p04.thanh-tra",
        "p04",
        "complaints",
        "Luật Thanh tra số 11/2022/QH15, Điều 5; Luật Khiếu nại số 02/2011/QH13, Điều 21",
    ),
]
ACTING_PERSONAS = [("thanhtratinh.tiepdan", RoleCode.RECEPTION_OFFICER, "p04.thanh-tra")]


def persona_usernames() -> list[str]:
    """Every demo login seed_demo() creates: the superuser, each level × role, and the officials
    acting for another body. The link crawl test and the page-crawl benchmark walk as each."""
    return [
        "admin",
        *(
            f"{prefix}.{suffix}"
            for prefix, _key, _label in LEVELS
            for suffix in ROLE_SUFFIX.values()
        ),
        *(username for username, _role, _unit in ACTING_PERSONAS),
    ]


@dataclass
class DemoLogin:
    username: str
    role: str
    unit: str


def seed_demo() -> list[DemoLogin]:
    """Load the demo province and its officials; returns the logins to print."""
    province = find_province(PROVINCE_CODENAME)
    if (
        not OrgUnit.objects.filter(key="p04").exists()
        or not OrgUnit.objects.filter(key="w01273.mttq").exists()
    ):
        load_divisions([province], actor=SYSTEM)
    if not OrgUnit.objects.filter(key="d040").exists():
        load_history(HISTORY_FILE, actor=SYSTEM)
    pending = loaders()
    for loader in [item for item in pending if item.order < OFFICIALS_ORDER]:
        loader.load()
    logins: list[DemoLogin] = []
    with transaction.atomic():
        if not User.objects.filter(username="admin").exists():
            admin = create_official(
                username="admin", password=DEMO_PASSWORD, org_unit=None,
                full_name="Quản trị viên", check_password=False, actor=SYSTEM,
            )  # fmt: skip
            admin.is_staff = admin.is_superuser = True
            admin.save(update_fields=["is_staff", "is_superuser"])
        logins.append(
            DemoLogin(
                "admin",
                "Quản trị tối cao (superuser; lần đầu đăng nhập cài ứng dụng xác thực)",
                "toàn hệ thống",
            )
        )
        for prefix, unit_key, _label in LEVELS:
            unit = OrgUnit.objects.get(key=unit_key)
            for role, suffix in ROLE_SUFFIX.items():
                username = f"{prefix}.{suffix}"
                # The Front's supervisors sit in the Front committee but watch the whole area.
                home = (
                    OrgUnit.objects.filter(key=f"{unit_key}.mttq").first()
                    if role == RoleCode.FRONT_SUPERVISOR
                    else None
                )
                user = User.objects.filter(username=username).first()
                if user is None:
                    user = create_official(
                        username=username,
                        password=DEMO_PASSWORD,
                        org_unit=home or unit,
                        full_name=f"{role.label} ({unit.display_name})",
                        position=str(role.label),
                        check_password=False,
                        actor=SYSTEM,
                    )
                    if role == RoleCode.SYSTEM_ADMIN:
                        user.is_staff = True
                        user.save(update_fields=["is_staff"])
                    assign_role(user, role.value, unit, include_subtree=True, actor=SYSTEM)
                logins.append(DemoLogin(username, str(role.label), unit.display_name))
        logins.extend(_acting_for_others())
    for loader in [item for item in pending if item.order >= OFFICIALS_ORDER]:
        loader.load()
    return logins


def _acting_for_others() -> list[DemoLogin]:
    from danvan.orgs.mandates import grant_mandate
    from danvan.orgs.models import Mandate

    for agent_key, principal_key, function, basis in MANDATES:
        agent = OrgUnit.objects.filter(key=agent_key).first()
        principal = OrgUnit.objects.filter(key=principal_key).first()
        if agent is None or principal is None:
            continue
        if not Mandate.objects.filter(agent=agent, principal=principal, function=function):
            grant_mandate(
                principal=principal, agent=agent, function=function, legal_basis=basis,
                actor=SYSTEM,
            )  # fmt: skip
    logins = []
    for username, role, unit_key in ACTING_PERSONAS:
        unit = OrgUnit.objects.filter(key=unit_key).first()
        if unit is None:
            continue
        if not User.objects.filter(username=username).exists():
            user = create_official(
                username=username, password=DEMO_PASSWORD, org_unit=unit,
                full_name=f"{role.label} ({unit.display_name})", position=str(role.label),
                check_password=False, actor=SYSTEM,
            )  # fmt: skip
            assign_role(user, role.value, unit, include_subtree=True, actor=SYSTEM)
        logins.append(
            DemoLogin(
                username, f"{role.label} (thay UBND tỉnh về khiếu nại, tố cáo)", unit.display_name
            )
        )
    return logins
