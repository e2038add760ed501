"""Print HTML to PDF with headless Chromium, where it is installed.

The pack is written to a temporary folder and printed from there with the
network switched off, exactly as a reader would open the downloaded file.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_PATH = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
PRINT_TIMEOUT_SECONDS = 120
#: Time the page's scripts get to draw the charts before printing (virtual milliseconds).
SCRIPT_BUDGET_MS = 10_000


class PdfUnavailableError(RuntimeError):
    """No PDF can be made here (no Chromium), or Chromium failed to print."""


def pdf_unavailable_reason() -> str | None:
    """Why no PDF can be made here, or None when Chromium is installed."""
    if CHROMIUM_PATH.is_file() and os.access(CHROMIUM_PATH, os.X_OK):
        return None
    return (
        f"The PDF needs Chromium, which is not installed at {CHROMIUM_PATH} on the server "
        "(set CHROMIUM_PATH to its location). Open the HTML pack and print it to PDF from your browser instead."
    )


def _command(source: Path, target: Path) -> list[str]:
    flags = [
        "--headless", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--no-pdf-header-footer",
        "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",  # no network: the pack is self-contained
        f"--virtual-time-budget={SCRIPT_BUDGET_MS}", f"--print-to-pdf={target}",
    ]
    if os.geteuid() == 0:  # Chromium's sandbox refuses to run as root (containers)
        flags.append("--no-sandbox")
    return [str(CHROMIUM_PATH), *flags, source.as_uri()]


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page, printed by headless Chromium.

    Raises:
        PdfUnavailableError: Chromium is missing, failed, or took longer than PRINT_TIMEOUT_SECONDS.
    """
    reason = pdf_unavailable_reason()
    if reason:
        raise PdfUnavailableError(reason)
    with tempfile.TemporaryDirectory(prefix="pack-pdf-") as folder:
        source, target = Path(folder) / "pack.html", Path(folder) / "pack.pdf"
        source.write_text(html, encoding="utf-8")
        try:
            finished = subprocess.run(
                _command(source, target), capture_output=True, text=True, timeout=PRINT_TIMEOUT_SECONDS,
                env={**os.environ, "HOME": folder},
            )
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailableError(f"Chromium took longer than {PRINT_TIMEOUT_SECONDS} s to print the pack.") from error
        if finished.returncode != 0 or not target.exists():
            detail = (finished.stderr or "").strip().splitlines()[-1:] or ["no message"]
            raise PdfUnavailableError(f"Chromium could not print the pack (exit {finished.returncode}: {detail[0]}).")
        return target.read_bytes()
