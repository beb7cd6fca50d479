"""Take the user guide's screenshots from a fresh demo: `make screenshots`.

A throw-away SQLite database under a temporary directory is migrated and seeded with the demo,
a development server is started on it, and Debian's Chromium (through Playwright) signs in as the
demo officials and photographs the pages the guide shows. The consolidated report is downloaded
and rendered to an image with LibreOffice and pdftoppm, as a reader would see it printed.

Nothing here touches `var/`: the officials' real database is never used. Two-factor sign-in is
switched off in the throw-away database only, because a script cannot read an authenticator app.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "danvan-demo-2026"  # the demo's (danvan.core.demo.seed.DEMO_PASSWORD)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _wait(url: str, seconds: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 (our own local server)
            return
        except Exception:
            time.sleep(0.5)
    raise SystemExit(f"Máy chủ thử không chạy sau {seconds:.0f} giây: {url}")


def _sign_in(page: object, base: str, username: str) -> None:
    page.context.clear_cookies()  # type: ignore[attr-defined]
    page.goto(base + "/")  # type: ignore[attr-defined]
    page.get_by_label("Tên đăng nhập").fill(username)  # type: ignore[attr-defined]
    page.get_by_label("Mật khẩu").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Đăng nhập").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/dashboard/")  # type: ignore[attr-defined]


def _docx_to_png(docx: Path, target: Path) -> None:
    work = docx.parent
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = docx.with_suffix(".pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(work / "page")],
        check=True,
        timeout=120,
    )
    first = sorted(work.glob("page*.png"))[0]
    shutil.copyfile(first, target)


def main() -> int:
    if not CHROMIUM.exists():
        print("Cần Chromium của Debian (/usr/bin/chromium) để chụp màn hình.", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="danvan-shots-") as tmp:
        env = dict(os.environ)
        env.update(
            DANVAN_VAR_DIR=tmp,
            DATABASE_URL=f"sqlite:///{tmp}/demo.sqlite3",
            MEDIA_ROOT=f"{tmp}/media",
            DEBUG="0",
            ALLOWED_HOSTS="127.0.0.1,localhost",
        )
        _manage(env, "migrate", "--no-input", "-v", "0")
        # Without DEBUG the pages' CSS is served from the collected files only.
        _manage(env, "collectstatic", "--no-input", "-v", "0")
        _manage(env, "demo")
        _manage(
            env,
            "shell",
            "-c",
            "from danvan.accounts.models import Role; "
            "Role.objects.update(require_two_factor=False)",
        )
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                "--insecure",
                f"127.0.0.1:{port}",
            ],  # noqa: E501
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait(base + "/healthz")
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
                )
                desk = browser.new_context(
                    locale="vi-VN", viewport={"width": 1280, "height": 900}, accept_downloads=True
                )
                page = desk.new_page()
                _sign_in(page, base, "tinh.congchuc")
                page.screenshot(path=str(OUT / "bang-dieu-khien.png"), full_page=False)
                _sign_in(page, base, "sonoivu.congchuc")
                page.goto(base + "/reporting/review/")
                page.screenshot(path=str(OUT / "hang-cho-tham-dinh.png"), full_page=False)
                page.goto(base + "/reporting/")
                link = page.locator("a[href*='/consolidated/']").first
                if link.count():
                    page.goto(base + str(link.get_attribute("href")))
                    with page.expect_download() as info:
                        page.locator("a[href*='.docx']").first.click()
                    docx = Path(tmp) / "bao-cao.docx"
                    info.value.save_as(docx)
                    _docx_to_png(docx, OUT / "bao-cao-tong-hop.png")
                phone = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
                portal = phone.new_page()
                portal.goto(base + "/portal/")
                portal.screenshot(path=str(OUT / "cong-thong-tin-dien-thoai.png"), full_page=True)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    for shot in sorted(OUT.glob("*.png")):
        print(f"{shot.relative_to(ROOT)}  {shot.stat().st_size:,} B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
