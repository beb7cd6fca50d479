"""The one router of the package and the schemas every concept shares."""

from ninja import Router, Schema

router = Router(tags=["participation"])


class UnitRef(Schema):
    id: int
    key: str
    name: str
