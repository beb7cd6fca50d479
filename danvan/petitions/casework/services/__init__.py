"""Domain operations on petitions: intake, classification, transitions, extensions, answers.

Every write runs in one ``transaction.atomic`` block, checks the actor's scope, validates all
input before writing anything, records a :class:`PetitionEvent` for each state change and is
audited by django-auditlog (identity fields masked). Bad input raises :class:`UserError` with a
Vietnamese message.

* :mod:`.receipt` — receiving a petition, its attachments and tracking code;
* :mod:`.cases` — similar earlier petitions and one case per matter;
* :mod:`.workflow` — classification, transitions, extensions;
* :mod:`.citizen` — what a citizen does with a tracking code;
* :mod:`.common` — scope, version and date checks shared by all.
"""

from ..workflow import ALLOWED
from .cases import link_case, similar_petitions
from .citizen import find_by_tracking_code, rate_answer
from .common import can_act_at, units_for
from .receipt import (
    ATTACHMENT_UPLOAD,
    MAX_ATTACHMENTS,
    MAX_CROWD_SIZE,
    PetitionInput,
    Upload,
    intake,
    new_tracking_code,
    read_upload,
    validate_attachments,
)
from .workflow import ANONYMOUS_DENUNCIATION_REASON, Classification, classify, extend, transition

__all__ = [
    "ALLOWED",
    "ANONYMOUS_DENUNCIATION_REASON",
    "ATTACHMENT_UPLOAD",
    "MAX_CROWD_SIZE",
    "MAX_ATTACHMENTS",
    "Classification",
    "PetitionInput",
    "Upload",
    "can_act_at",
    "classify",
    "extend",
    "find_by_tracking_code",
    "intake",
    "link_case",
    "new_tracking_code",
    "rate_answer",
    "read_upload",
    "similar_petitions",
    "transition",
    "units_for",
    "validate_attachments",
]
