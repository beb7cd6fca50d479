from django.apps import AppConfig


class OpsConfig(AppConfig):
    """No pages: the ``backup``, ``restore``, ``checksum`` and ``generate`` commands (the last one
    keeps what it finished in :class:`~danvan.ops.models.GeneratedPart`)."""

    name = "danvan.ops"
    label = "ops"
