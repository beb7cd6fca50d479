"""factory_boy factories for the foundation's models; later apps add theirs beside them."""

from __future__ import annotations

import factory

from danvan.accounts.models import User
from danvan.accounts.services import assign_role
from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.orgs.services import create_unit


class OrgUnitFactory(factory.Factory):
    """Creates units through the service, so paths and audit entries are real."""

    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Đơn vị thử {n}")
    kind = OrgUnitKind.COMMUNE
    key = factory.Sequence(lambda n: f"test-{n}")
    parent = None

    @classmethod
    def _create(cls, model_class: type[OrgUnit], **kwargs: object) -> OrgUnit:
        return create_unit(**kwargs, actor=SYSTEM)  # type: ignore[arg-type]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem")

    @factory.post_generation
    def roles(
        obj: User, create: bool, extracted: list[tuple[str, OrgUnit, bool]] | None, **kwargs: object
    ) -> None:
        obj.save()
        for role, unit, subtree in extracted or []:
            assign_role(obj, role, unit, include_subtree=subtree, actor=SYSTEM)
