from django.db import migrations

from danvan.accounts.role_grants import grant_patterns, revoke_patterns

# Leaders and dân vận officers register and review models; others read (*.view_*). Additive.
PATTERNS = {"leader": ["exemplars.*"], "officer": ["exemplars.*"]}

# The national default criteria (province empty); a province may add its own in the admin, which
# then replace these for it. Basis as published in provincial guidance on «Dân vận khéo»
# (checked in Quảng Ngãi's and Lâm Đồng's published guidance; Ban Dân vận Trung ương's own text
# not verified).
BASIS = (
    "Hướng dẫn xây dựng mô hình «Dân vận khéo» (4 lĩnh vực; tiêu chí theo hướng dẫn của Ban "
    "Dân vận các tỉnh, ví dụ Quảng Ngãi) — chưa đối chiếu văn bản Ban Dân vận Trung ương"
)
CRITERIA = [
    "Có tên, địa chỉ cụ thể, rõ ràng",
    "Nội dung thuộc một trong bốn lĩnh vực: kinh tế; văn hóa – xã hội; quốc phòng – an ninh; "
    "xây dựng hệ thống chính trị",
    "Gắn với sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền; đăng ký với cơ quan phát động",
    "Có sự phối hợp, huy động nhiều lực lượng cùng tham gia",
    "Được các tầng lớp Nhân dân đồng tình, hưởng ứng tham gia",
    "Giải quyết được khó khăn, nhiệm vụ cấp bách của cơ quan, đơn vị, địa phương",
    "Thiết thực, hiệu quả, bền vững, có khả năng nhân rộng",
]
# Review cycles: yearly review, sơ kết after 2–3 years, tổng kết after five (as provinces'
# plans for the movement schedule them; no national text verified).
CYCLES = [
    ("hang-nam", "Đánh giá hằng năm", 1),
    ("so-ket", "Sơ kết (2–3 năm)", 3),
    ("tong-ket", "Tổng kết (5 năm)", 5),
]
CYCLE_BASIS = "Kế hoạch thực hiện phong trào thi đua «Dân vận khéo» của các tỉnh (chưa đối chiếu)"


def load(apps, schema_editor):
    grant_patterns(apps, PATTERNS)
    Criterion = apps.get_model("exemplars", "Criterion")
    if not Criterion.objects.filter(province__isnull=True).exists():
        for n, text in enumerate(CRITERIA, start=1):
            Criterion.objects.create(province=None, position=n, text=text, basis=BASIS)
    ReviewCycle = apps.get_model("exemplars", "ReviewCycle")
    for code, name, years in CYCLES:
        ReviewCycle.objects.get_or_create(
            code=code, defaults={"name": name, "years": years, "basis": CYCLE_BASIS}
        )


def unload(apps, schema_editor):
    revoke_patterns(apps, PATTERNS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_default_roles"),
        ("exemplars", "0001_models_reviews_commendations"),
    ]

    operations = [migrations.RunPython(load, unload)]
