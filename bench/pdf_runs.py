"""Text runs with positions from a PDF page by three libraries, for bench_pdf_text.py.

Each function returns, per page read, a list of layout.Run (points, origin top left). Only
``pypdf_runs`` is used by the scanner (readers/pdf.py); the other two are here to measure.
"""

from __future__ import annotations

from subsidy_cli.scan.readers.layout import Run


def _merge_chars(chars: list[tuple[str, float, float, float, float]]) -> list[Run]:
    """Characters (text, x0, top, x1, bottom) in content order into runs: a character joins
    the previous run when it sits right after it on the same line."""
    runs: list[Run] = []
    cur: list = []
    for c in chars:
        if cur:
            t, x0, top, x1, bottom = cur
            h = max(bottom - top, 1.0)
            if abs((c[2] + c[4]) / 2 - (top + bottom) / 2) < h * 0.4 and -0.2 * h <= c[1] - x1 <= 0.3 * h:
                cur = [t + c[0], x0, min(top, c[2]), c[3], max(bottom, c[4])]
                continue
            runs.append(Run(*cur))
        cur = list(c)
    if cur:
        runs.append(Run(*cur))
    return [r for r in runs if r.text.strip()]


def pdfium_runs(path: str, pages: int = 3) -> list[list[Run]]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    out = []
    try:
        for i in range(min(pages, len(pdf))):
            page = pdf[i]
            height = page.get_height()
            tp = page.get_textpage()
            chars = []
            for k in range(tp.count_chars()):
                ch = tp.get_text_range(k, 1)
                if not ch or ch in "\r\n":
                    continue
                left, bottom, right, top = tp.get_charbox(k, loose=True)
                chars.append((ch, left, height - top, right, height - bottom))
            out.append(_merge_chars(chars))
            tp.close()
            page.close()
    finally:
        pdf.close()
    return out


def plumber_runs(path: str, pages: int = 3) -> list[list[Run]]:
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:pages]:
            chars = [(c["text"], c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.chars]
            out.append(_merge_chars(chars))
    return out


def pypdf_runs(path: str, pages: int = 3) -> list[list[Run]]:
    """What the scanner uses (readers/pdf.py)."""
    from pypdf import PdfReader

    from subsidy_cli.scan.readers.pdf import page_runs

    return [page_runs(p)[0] for p in PdfReader(path, strict=False).pages[:pages]]
