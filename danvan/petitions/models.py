"""Models of the petitions app; each part lives in its own package and is registered here."""

from .casework.models import (
    FINISHED_STATES,
    Competence,
    IdentityAccess,
    Open311Key,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionExtension,
    PetitionKind,
    PetitionSource,
    PetitionState,
    Topic,
)
from .reception.models import (
    Frequency,
    HostRole,
    ReceptionEntry,
    ReceptionHandling,
    ReceptionPlace,
    ReceptionRequirement,
    ReceptionSchedule,
    RefusalGround,
)

__all__ = [
    "FINISHED_STATES",
    "Competence",
    "Frequency",
    "HostRole",
    "IdentityAccess",
    "Open311Key",
    "Petition",
    "PetitionAttachment",
    "PetitionEvent",
    "PetitionExtension",
    "PetitionKind",
    "PetitionSource",
    "PetitionState",
    "ReceptionEntry",
    "ReceptionHandling",
    "ReceptionPlace",
    "ReceptionRequirement",
    "ReceptionSchedule",
    "RefusalGround",
    "Topic",
]
