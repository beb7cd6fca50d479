""".doc and .odt go through LibreOffice when it is installed (CI installs it with apt-get)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from danvan.documents.parsing import parse_file

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")

LINES = [
    "ỦY BAN NHÂN DÂN",
    "XÃ BẢN THỬ",
    "Số: 27/KH-UBND",
    "Bản Thử, ngày 03 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "Thực hiện công tác dân vận chính quyền năm 2026",
    "Thực hiện Kế hoạch số 512/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh Cao Bằng.",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Các thôn báo cáo kết quả 6 tháng trước ngày 10/6/2026.",
    "CHỦ TỊCH",
    "Nông Văn Thử",
]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lo")
    source = folder / "ke-hoach.docx"
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    document.save(str(source))
    out: dict[str, Path] = {}
    for target in ("odt", "doc"):
        subprocess.run(
            [str(SOFFICE), f"-env:UserInstallation=file://{folder}/profile", "--headless",
             "--convert-to", target, "--outdir", str(folder), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        out[target] = folder / f"ke-hoach.{target}"
    return out


@pytest.mark.parametrize("kind", ["odt", "doc"])
def test_word_97_and_opendocument_files_are_read(converted: dict[str, Path], kind: str) -> None:
    result = parse_file(converted[kind])
    assert result["doc"]["number"] == "27/KH-UBND"
    assert result["doc"]["issued_on"] == "2026-03-03"
    assert result["doc"]["signer"] == "Nông Văn Thử"
    assert [r["number"] for r in result["references"]] == ["512/KH-UBND"]
