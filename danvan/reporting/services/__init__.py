"""Domain operations of reporting: define forms, fill in, submit, review, unlock.

Every write runs in one transaction as the acting user (audited) and raises
:class:`~danvan.core.errors.UserError` with a Vietnamese message for bad input, writing nothing.
Submissions carry a ``version``: a save or a review sends the version it read and a stale one is
refused, so two officials editing one report never silently overwrite each other.

* :mod:`.access` — who may fill in, review and unlock;
* :mod:`.definition` — defining a form;
* :mod:`.values` — reading and checking typed values;
* :mod:`.submissions` — a report's life from draft to approval;
* :mod:`.figures` — figures taken from the platform's own records;
* :mod:`.rows` — the locked row and value writes every write shares.
"""

from .access import can_fill, can_review, can_unlock, covers, receives, unit_of_form
from .definition import ElementSpec, FormSpec, define_form
from .figures import refresh_from_sources, system_figures
from .submissions import (
    approve,
    open_submission,
    preview_submission,
    return_submission,
    save_draft,
    submit,
    submit_values,
    unlock,
)
from .values import MAX_VALUE, NO, YES, ValuesInvalid, check_rules, parse_value, validate

__all__ = [
    "MAX_VALUE",
    "NO",
    "YES",
    "ElementSpec",
    "FormSpec",
    "ValuesInvalid",
    "approve",
    "can_fill",
    "can_review",
    "can_unlock",
    "check_rules",
    "covers",
    "define_form",
    "open_submission",
    "preview_submission",
    "receives",
    "parse_value",
    "refresh_from_sources",
    "return_submission",
    "save_draft",
    "submit",
    "submit_values",
    "system_figures",
    "unit_of_form",
    "unlock",
    "validate",
]
