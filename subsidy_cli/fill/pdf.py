"""PDF copies of the filled forms through LibreOffice (``soffice --headless --convert-to pdf``)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 180


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(soffice: str, docx: Path, out_dir: Path) -> tuple[Path | None, str | None]:
    """(the PDF, None) or (None, a one-line reason)."""
    # a private LibreOffice profile: a running LibreOffice (or a parallel run) would lock the shared one
    with tempfile.TemporaryDirectory(prefix="subsidy-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return None, f"{docx.name}: LibreOffice did not finish within {TIMEOUT_S} s"
        except OSError as exc:
            return None, f"{docx.name}: cannot run {soffice}: {exc.strerror}"
    pdf = out_dir / (docx.stem + ".pdf")
    if proc.returncode != 0 or not pdf.is_file():
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        return None, f"{docx.name}: LibreOffice failed (exit {proc.returncode}){': ' + detail[-1] if detail else ''}"
    return pdf, None
