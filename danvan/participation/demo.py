"""Demo data of grassroots democracy (filled in below)."""


def seed_participation_demo(*args: object, **kwargs: object) -> None:
    return None
