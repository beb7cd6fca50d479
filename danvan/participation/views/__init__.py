"""Officer pages of grassroots democracy (one module per concept)."""

from .annual import annual
from .boards import board_detail, board_new, boards, coordination
from .common import home
from .consultation import (
    comment_action,
    consultation_detail,
    consultation_new,
    consultations,
    synthesis,
)
from .critique import critique_detail, critique_new, critiques
from .decisions import decision_detail, decision_new, decisions
from .disclosure import compliance, disclosure_detail, disclosure_new, disclosures, quarter_list
from .supervision import recommendation_detail, round_detail, round_new, supervision

__all__ = [
    "annual", "critique_detail", "critique_new", "critiques",
    "board_detail", "board_new", "boards", "comment_action", "compliance", "consultation_detail",
    "consultation_new", "consultations", "coordination", "decision_detail", "decision_new",
    "decisions", "disclosure_detail", "disclosure_new", "disclosures", "home", "quarter_list",
    "recommendation_detail", "round_detail", "round_new", "supervision", "synthesis",
]  # fmt: skip
