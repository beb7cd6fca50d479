"""Demo loaders, registered by each module so that ``core`` imports no domain app.

An app registers its loader in ``AppConfig.ready``::

    from danvan.core.demo.registry import register_demo

    register_demo("dialogues", "danvan.dialogues.demo.seed_dialogues_demo", order=50)

``seed_demo`` runs the loaders by ``order`` (then name). Every loader must be idempotent: the
demo is seeded again on every ``make run``. The officials of the demo are created at order 30;
loaders that need them come after it, and loaders that read other modules' data (the report
figures, the yearly evaluation) come last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class DemoLoader:
    name: str
    path: str
    order: int

    def load(self) -> object:
        function: Callable[[], object] = import_string(self.path)
        return function()


_LOADERS: dict[str, DemoLoader] = {}


def register_demo(name: str, path: str, *, order: int) -> None:
    """Register ``path`` (a dotted function with no arguments) as the demo loader ``name``."""
    _LOADERS[name] = DemoLoader(name, path, order)


def loaders() -> list[DemoLoader]:
    return sorted(_LOADERS.values(), key=lambda loader: (loader.order, loader.name))
