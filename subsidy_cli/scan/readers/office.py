"""DOCX and XLSX: paragraphs, table cells, the first rows; a zip bomb or a renamed file is
refused before python-docx or openpyxl opens it."""

from __future__ import annotations

from .content import TEXT_CHARS, content, fail

MAX_UNZIPPED = 100 * 2**20          # declared uncompressed size of a DOCX/XLSX package
MAX_RATIO = 200                     # compression ratio of one large member
MAX_MEMBERS = 10_000
XLSX_SHEETS, XLSX_ROWS, XLSX_COLS = 3, 200, 30


def _zip_guard(path: str, required: str, what: str) -> dict | None:
    """A DOCX/XLSX is a zip: refuse a renamed file and a zip bomb before any library opens it."""
    import zipfile

    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return fail("file.wrong_type", f"not a {what} package but an OLE file: a legacy .doc/.xls "
                                        "renamed, or a password-protected document")
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            return fail("file.corrupt", f"damaged {what} package (a truncated ZIP archive?)")
        return fail("file.wrong_type", f"not a {what} package (not a ZIP archive): probably another "
                                        "kind of file renamed")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        return fail("file.corrupt", f"damaged {what} package ({exc})")
    if len(infos) > MAX_MEMBERS:
        return fail("file.too_large", f"the package has {len(infos)} parts (limit {MAX_MEMBERS}); not opened")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        return fail("file.too_large", f"the package unpacks to {total // 2**20} MB (limit "
                                       f"{MAX_UNZIPPED // 2**20} MB): a zip bomb? not opened")
    for i in infos:
        if i.file_size > 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return fail("file.too_large", f"part {i.filename} is compressed {i.file_size // max(i.compress_size, 1)}:1 "
                                           "(a zip bomb?); not opened")
    names = {i.filename for i in infos}
    if required not in names:
        return fail("file.wrong_type", f"a ZIP archive but not a {what} package (no {required})")
    if any(i.flag_bits & 0x1 for i in infos):
        return fail("file.encrypted", f"the {what} package is encrypted")
    # Size headers can lie: count the bytes as they are decompressed (one guard for scan, fill, ledger).
    from ...safezip import ZipProblem, check_zip
    try:
        check_zip(path, max_bytes=MAX_UNZIPPED, max_members=MAX_MEMBERS)
    except ZipProblem as exc:
        if exc.code == "zip.unreadable":
            return fail("file.corrupt", f"damaged {what} package ({exc.params.get('error')})")
        return fail("file.too_large", f"the package unpacks to more than {MAX_UNZIPPED // 2**20} MB "
                                       "(a zip bomb?); not opened")
    return None


def read_docx(path: str) -> dict:
    """Paragraphs and table cells (each merged cell once); images from the package's parts."""
    if bad := _zip_guard(path, "word/document.xml", "Word (.docx)"):
        return bad
    import docx

    try:
        doc = docx.Document(path)
    except Exception as exc:  # noqa: BLE001
        return fail("file.corrupt", f"not a readable Word document ({type(exc).__name__}: {exc})")
    lines, size = [], 0
    for p in doc.paragraphs:
        lines.append(p.text)
        size += len(p.text)
        if size > TEXT_CHARS:
            break
    for table in doc.tables:
        if size > TEXT_CHARS:
            break
        for row in table.rows:
            seen, cells = set(), []
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
            lines.append("  ".join(cells))
            size += len(lines[-1])
    has_image = any(part.content_type.startswith("image/") for part in doc.part.package.iter_parts())
    return content("\n".join(lines), None, has_image, True)


def read_xlsx(path: str) -> dict:
    """The first rows of the first sheets, read-only."""
    if bad := _zip_guard(path, "xl/workbook.xml", "Excel (.xlsx)"):
        return bad
    import zipfile

    import openpyxl

    with zipfile.ZipFile(path) as z:
        has_image = any(n.startswith("xl/media/") for n in z.namelist())
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001
        return fail("file.corrupt", f"not a readable workbook ({type(exc).__name__}: {exc})")
    lines = []
    try:
        for ws in wb.worksheets[:XLSX_SHEETS]:
            lines.append(ws.title)
            for row in ws.iter_rows(max_row=XLSX_ROWS, max_col=XLSX_COLS, values_only=True):
                cells = ["" if v is None else str(v) for v in row]
                if any(cells):
                    lines.append("  ".join(cells).rstrip())
    finally:
        wb.close()
    return content("\n".join(lines), None, has_image, True)
