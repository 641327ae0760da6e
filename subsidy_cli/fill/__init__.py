"""Fill a programme's Word forms from a company profile (``subsidy fill``).

The core: no typer, no rich. python-docx is imported only when a form is filled (``docx_fill``), so
importing this package stays cheap. Which profile value goes beside which label is data:
``subsidy_cli/forms/<form-key>.toml`` (docs/fill.md).
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .maps import Context, FormMap, map_for, title_word

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"


@dataclass
class Output:
    form: str
    docx: Path
    pdf: Path | None = None


@dataclass
class FillResult:
    outputs: list[Output] = field(default_factory=list)
    warnings: list = field(default_factory=list)   # docx_fill.Warn
    pdf_missing: bool = False                       # --pdf asked, LibreOffice not found
    pdf_errors: list[str] = field(default_factory=list)


def safe_name(text: str) -> str:
    """A company name usable in a file name on every system."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_.") or "企业"


def _open_docx(path: Path):
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    if not path.is_file():
        raise InputError(path, "no such file")
    try:
        return Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(path, f"not a Word .docx file ({type(exc).__name__})") from None
    except Exception as exc:  # zipfile.BadZipFile and lxml errors on a broken file
        raise InputError(path, f"not a readable Word .docx file: {exc}") from None


def plan(programme, template: Path | None = None, templates_dir: Path | None = None):
    """[(form entry, FormMap, template path, opened Document)] to fill."""
    from .docx_fill import document_text, match_score

    forms = list(programme.forms)
    if not forms:
        raise InputError("--programme", f"{programme.id} has no form to fill (its forms are online or downloaded)")
    if template is not None:
        doc = _open_docx(template)
        text = document_text(doc)
        scored = [(match_score(text, map_for(f["template"])), f) for f in forms]
        score, best = max(scored, key=lambda s: s[0])
        if score == 0:
            names = ", ".join(f"{f['id']} {f['title']}" for f in forms)
            raise InputError(template, f"is none of the {programme.id} forms ({names})")
        return [(best, map_for(best["template"]), template, doc)]
    folder = templates_dir or TEMPLATES_DIR
    out = []
    for f in forms:
        path = folder / f["template"]
        if not path.is_file():
            raise InputError(path, "template not found: pass the downloaded form with --template")
        out.append((f, map_for(f["template"]), path, _open_docx(path)))
    return out


def output_name(form: dict, company: str) -> str:
    return f"{form['id']}_{title_word(form['template'])}_{safe_name(company)}.docx"


def fill(profile, programme, out_dir: Path, *, template: Path | None = None, force: bool = False,
         pdf: bool = False, templates_dir: Path | None = None) -> FillResult:
    """Fill the programme's forms (or the one --template) into out_dir."""
    from .docx_fill import Warn, fill_document

    result = FillResult()
    jobs = plan(programme, template, templates_dir)
    company = profile.get("company.name")
    if not company:
        result.warnings.append(Warn("missing", "", "企业名称", ("company.name",)))
    targets = [out_dir / output_name(f, company or "") for f, *_ in jobs]
    if not force:
        for t in targets:
            for path in (t, t.with_suffix(".pdf") if pdf else None):
                if path is not None and path.exists():
                    raise InputError(path, "exists: pass --force to overwrite")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(out_dir, "is a file, expected a folder for --out")
    out_dir.mkdir(parents=True, exist_ok=True)
    for (form, fmap, _path, doc), target in zip(jobs, targets):
        result.warnings += fill_document(doc, fmap, Context(profile, programme))
        _save(doc, target)
        result.outputs.append(Output(form["id"], target))
    if pdf:
        from .pdf import convert, find_soffice

        soffice = find_soffice()
        if soffice is None:
            result.pdf_missing = True
        else:
            for out in result.outputs:
                pdf_path, error = convert(soffice, out.docx, out_dir)
                out.pdf = pdf_path
                if error:
                    result.pdf_errors.append(error)
    return result


def _save(doc, target: Path) -> None:
    """Write next to the target, then rename: never a half-written file under the final name."""
    fd, tmp = tempfile.mkstemp(prefix=".fill-", suffix=".docx", dir=target.parent)
    os.close(fd)
    try:
        doc.save(tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


__all__ = ["FillResult", "FormMap", "Output", "fill", "plan", "output_name", "TEMPLATES_DIR"]
