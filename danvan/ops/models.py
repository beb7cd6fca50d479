"""What ``danvan generate`` has finished, so that a second run skips it and an interrupted one
resumes where its last committed chunk ended (see :mod:`danvan.ops.generate`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GeneratedPart(models.Model):
    """One finished chunk of a generated part (``chunk`` empty: the whole part is finished).

    A chunk's row is written in the transaction that wrote the chunk's data, so the two are
    committed or lost together: a run stopped half-way resumes after the last committed chunk,
    never doubling nor skipping rows. ``note`` keeps what a resumed run needs (the definition of
    an index dropped for a bulk load, to build it again).
    """

    part = models.CharField(_("part"), max_length=40)
    chunk = models.CharField(_("chunk"), max_length=80, blank=True)
    scale = models.CharField(_("scale"), max_length=16)
    seed = models.IntegerField(_("seed"))
    rows = models.BigIntegerField(_("rows"), default=0)
    seconds = models.FloatField(_("seconds"), default=0)
    note = models.TextField(_("note"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), auto_now_add=True)

    class Meta:
        verbose_name = _("generated part")
        verbose_name_plural = _("generated parts")
        constraints = [
            models.UniqueConstraint(fields=["part", "chunk"], name="ops_generated_part_chunk")
        ]

    def __str__(self) -> str:
        return f"{self.part} {self.chunk}".strip()
