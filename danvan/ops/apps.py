from django.apps import AppConfig


class OpsConfig(AppConfig):
    """No models and no pages: only the ``backup``, ``restore`` and ``checksum`` commands."""

    name = "danvan.ops"
    label = "ops"
