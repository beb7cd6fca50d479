"""``danvan periods KIND YEAR``: the periods of a year with their data windows and due dates."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.reporting.periods import parse_kind, parse_year, periods_of_year


class Command(BaseCommand):
    help = (
        "In các kỳ báo cáo của một năm theo Nghị định 09/2019/NĐ-CP: mỗi dòng «mã_kỳ ngày_bắt_đầu "
        "ngày_kết_thúc hạn_gửi» (YYYY-MM-DD). KIND: monthly, quarterly, semiannual, nine_months, "
        "annual."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="monthly, quarterly, semiannual, nine_months, annual")
        parser.add_argument("year", help="năm, ví dụ 2026")

    def handle(self, *args: Any, **options: Any) -> None:
        period_type = parse_kind(options["kind"])
        year = parse_year(options["year"])
        for period in periods_of_year(period_type, year):
            self.stdout.write(
                f"{period.code} {period.start.isoformat()} {period.end.isoformat()} "
                f"{period.due.isoformat()}"
            )
