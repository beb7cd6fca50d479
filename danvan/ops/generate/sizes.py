"""How much ``danvan generate`` writes at each scale: the one table of sizes, which the benchmarks
(``bench/scales.py``) read too.

* ``tiny``: a handful of rows on a few communes of Cao Bằng, for the tests;
* ``small``: the units of one small province (Cao Bằng), a few thousand rows per module, enough
  to run every code path and query shape in minutes (CI runs the benchmarks on it);
* ``province``: the province with the most communes (Hồ Chí Minh) at national density;
* ``national``: the whole country (34 provinces, 3,321 communes) as the issues state their goals:
  ≈ 12 million report values, 2.5 million petitions, 500,000 tasks.

Pure data, no Django import: ``bench/scales.py`` reads it before Django is set up.
"""

from __future__ import annotations

from dataclasses import dataclass

SCALES = ("small", "province", "national")
#: Scales the command accepts; ``tiny`` is for the tests and not advertised.
ALL_SCALES = ("tiny", *SCALES)
DEFAULT_SEED = 2026


@dataclass(frozen=True)
class Size:
    name: str
    #: ``vietnam-provinces`` codename of the one province loaded; None: all 34.
    province: str | None
    #: Communes the generated rows are spread over (None: every commune loaded).
    communes: int | None
    petitions: int
    #: Report form: integer elements reported monthly by communes and departments, and years.
    report_elements: int
    report_years: tuple[int, ...]
    #: Tasks in all: the cascaded 2026 plan's tasks plus each unit's yearly plans' tasks.
    tasks: int
    #: Years of each commune's and department's own yearly plan, dialogues, disclosures …
    years: tuple[int, ...]
    dialogues_per_commune_year: int
    disclosures_per_commune_year: int
    consultations_per_commune_year: int
    comments_per_consultation: int
    #: One unit in ``survey_every`` runs a satisfaction survey each year, with this many responses.
    survey_every: int
    survey_responses: int
    hotspots_per_commune_year: int
    #: One commune in ``hotspot_case_every`` has a confirmed hot spot a year (resolved but the
    #: last year's).
    hotspot_case_every: int
    #: «Dân vận khéo» models started per commune a year (a tenth of them at provincial level).
    exemplars_per_commune_year: int
    #: Officials in citizen-facing positions per commune (the training's trainees), and the
    #: training classes a province holds a year for them (each official attends one in most
    #: years).
    officials_per_commune: int
    trainings_per_province_year: int
    #: Inspection rounds a province runs a year (each inspects a few communes, with findings).
    inspections_per_province_year: int


FIVE_YEARS = (2022, 2023, 2024, 2025, 2026)

SIZES: dict[str, Size] = {
    "tiny": Size(
        name="tiny", province="cao_bang", communes=3, petitions=40, report_elements=3,
        report_years=(2026,), tasks=60, years=(2025, 2026), dialogues_per_commune_year=1,
        disclosures_per_commune_year=2, consultations_per_commune_year=1,
        comments_per_consultation=3, survey_every=3, survey_responses=4,
        hotspots_per_commune_year=1,
        hotspot_case_every=2, exemplars_per_commune_year=1, officials_per_commune=2,
        trainings_per_province_year=1, inspections_per_province_year=1,
    ),
    "small": Size(
        name="small", province="cao_bang", communes=50, petitions=5_000, report_elements=10,
        report_years=(2026,), tasks=3_000, years=(2025, 2026), dialogues_per_commune_year=2,
        disclosures_per_commune_year=6, consultations_per_commune_year=1,
        comments_per_consultation=10, survey_every=10, survey_responses=20,
        hotspots_per_commune_year=1,
        hotspot_case_every=10, exemplars_per_commune_year=1, officials_per_commune=3,
        trainings_per_province_year=4, inspections_per_province_year=4,
    ),
    "province": Size(
        name="province", province="ho_chi_minh", communes=None, petitions=140_000,
        report_elements=50, report_years=FIVE_YEARS, tasks=25_000, years=FIVE_YEARS,
        dialogues_per_commune_year=2, disclosures_per_commune_year=10,
        consultations_per_commune_year=1, comments_per_consultation=30, survey_every=10,
        survey_responses=20, hotspots_per_commune_year=2,
        hotspot_case_every=10, exemplars_per_commune_year=2, officials_per_commune=4,
        trainings_per_province_year=12, inspections_per_province_year=12,
    ),
    # 56 elements: the ≈ 216,800 submissions of five years × 56 = 12.1 million values (the issue's
    # 12 M; 50 elements gave 10.84 M). The province scale keeps 50 (≈ 530,000 values).
    "national": Size(
        name="national", province=None, communes=None, petitions=2_500_000,
        report_elements=56, report_years=FIVE_YEARS, tasks=500_000, years=FIVE_YEARS,
        dialogues_per_commune_year=2, disclosures_per_commune_year=10,
        consultations_per_commune_year=1, comments_per_consultation=30, survey_every=10,
        survey_responses=20, hotspots_per_commune_year=2,
        hotspot_case_every=10, exemplars_per_commune_year=2, officials_per_commune=4,
        trainings_per_province_year=12, inspections_per_province_year=12,
    ),
}  # fmt: skip
