"""Legal thresholds as data: ``threshold("petitions.crowd_size")`` → 5.

Read on every intake, changed when a law changes: kept per process under the legal stamp
(:mod:`danvan.core.stamps`), so an administrator's edit is seen by every process at once.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from danvan.core.errors import UserError
from danvan.core.stamps import LEGAL, StampedCache

from .models import Threshold

_values: StampedCache[int | None] = StampedCache(LEGAL, maxsize=256)

#: The number of people from which a group coming with one matter is a crowd (đoàn đông người)
#: and must send representatives.
CROWD_SIZE = "petitions.crowd_size"


def threshold(code: str) -> int:
    """The value of the legal threshold ``code``; a clear message when it is not configured."""

    def load() -> int | None:
        return Threshold.objects.filter(code=code).values_list("value", flat=True).first()

    value = _values.get(code, load)
    if value is None:
        raise UserError(
            _(
                "The threshold «%(code)s» is not declared in the catalogue of legal "
                "thresholds; ask an administrator to add it."
            )
            % {"code": code}
        )
    return value
