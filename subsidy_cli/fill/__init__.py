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
from .maps import FillContext, FormMap, map_for, title_word

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "data" / "templates"   # shipped in the wheel


@dataclass
class Output:
    form: str
    docx: Path
    pdf: Path | None = None


@dataclass
class FillResult:
    outputs: list[Output] = field(default_factory=list)
    warnings: list = field(default_factory=list)   # docx_fill.Warn
    status: str | None = None                       # eligible | pending | ineligible | None (unknown)
    status_detail: str = ""                         # the criteria that fail or are undecided
    pdf_missing: bool = False                       # --pdf asked, LibreOffice not found
    pdf_errors: list[str] = field(default_factory=list)


def safe_name(text: str) -> str:
    """A company name usable in a file name on every system: no separators, no control characters,
    at most 40 characters (file names are limited to 255 bytes; a CJK character takes 3)."""
    name = re.sub(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+', "_", text).strip("_.")
    return name[:40].rstrip("_.") or "企业"


def _msg(code: str, lang: str, **params) -> str:
    from ..messages import render
    return render(code, params, lang)


def _open_docx(path: Path, lang: str = "zh"):
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    from ..safezip import ZipProblem, check_zip

    if not path.is_file():
        raise InputError(path, "file.no_such")
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(path, "file.cannot_read", reason=exc.strerror) from None
    if head.startswith(b"\xd0\xcf\x11\xe0") or path.suffix.lower() in (".doc", ".wps"):
        raise InputError(path, _msg("fill.doc_format", lang, name=path.name, stem=path.stem))
    try:
        check_zip(path)          # decompressed bytes counted: a lying zip never reaches python-docx
    except ZipProblem as exc:
        if exc.code != "zip.unreadable":
            raise InputError(path, exc.code, **exc.params) from None
    try:
        return Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise InputError(path, "fill.not_docx", error=type(exc).__name__) from None
    except Exception as exc:  # zipfile.BadZipFile and lxml errors on a broken file
        raise InputError(path, "fill.not_docx", error=type(exc).__name__) from None


def _other_forms(programme, text: str, number: str):
    """(programme id, form entry) of other programmes' forms the document is (best first)."""
    from ..rules import load_round
    from .identify import form_number, match_score

    found = []
    for pid, prog in load_round().items():
        if pid == programme.id:
            continue
        for f in prog.forms:
            if number and form_number(f["id"]) != number:
                continue
            score = match_score(text, map_for(f["template"]))
            if score:
                found.append((score, pid, f))
    found.sort(key=lambda s: -s[0])
    return [(pid, f) for _s, pid, f in found]


def recognise(programme, template: Path, lang: str = "zh"):
    """The programme's form the template is, or a one-line error naming what it is instead."""
    from .identify import document_text, form_number, match_score, printed_form_number

    doc = _open_docx(template, lang)
    text = document_text(doc)
    forms = list(programme.forms)
    number = printed_form_number(doc)
    scored = [(match_score(text, map_for(f["template"])), f) for f in forms]
    if number:   # the form number printed at the top decides between forms of the same text
        scored = [(s, f) for s, f in scored if form_number(f["id"]) == number] or \
            [(0, f) for _s, f in scored]
    score, best = max(scored, key=lambda s: s[0])
    if score:
        return best, doc
    names = "、".join(f"{f['id']} {f['title']}" for f in forms)
    others = _other_forms(programme, text, number)
    if others:
        pid, f = others[0]
        pid = "/".join(dict.fromkeys(p for p, g in others if g["template"] == f["template"]))
        raise InputError(template, _msg("fill.other_programme", lang, form=f"{f['id']} {f['title']}",
                                        other=pid, programme=programme.id, forms=names))
    if number:
        raise InputError(template, _msg("fill.other_number", lang, number=number, programme=programme.id,
                                        forms=names))
    raise InputError(template, _msg("fill.unknown_form", lang, programme=programme.id, forms=names))


def forms_to_fill(programme, template: Path | None = None, templates_dir: Path | None = None, lang: str = "zh"):
    """[(form entry, FormMap, template path, opened Document)] to fill."""
    forms = list(programme.forms)
    if not forms:
        raise InputError("--programme", "fill.no_forms", programme=programme.id)
    if template is not None:
        best, doc = recognise(programme, template, lang)
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


def eligibility(profile, programme, lang: str = "zh") -> tuple[str | None, str]:
    """The engine's status for the programme and the criteria behind it; (None, reason) if it cannot say."""
    try:
        from ..engine import evaluate_profile

        try:
            res = evaluate_profile(profile, [programme.id], lang=lang).programmes[0]
        except TypeError:           # the stable API is evaluate_profile(profile, [id])
            res = evaluate_profile(profile, [programme.id]).programmes[0]
        if res.status == "eligible":
            return res.status, ""
        want = "fail" if res.status == "ineligible" else "unknown"
        crits = [c for c in getattr(res, "criteria", []) if getattr(c, "status", None) == want]
        form = "{} ({})" if lang == "en" else "{}（{}）"
        parts = [form.format(c.label.render(lang), c.message.render(lang)) for c in crits[:4]]
        return res.status, ("; " if lang == "en" else "；").join(parts)
    except Exception as exc:  # noqa: BLE001 - the engine must never stop the forms being filled
        return None, f"{type(exc).__name__}: {exc}"


def fill(profile, programme, out_dir: Path, *, template: Path | None = None, force: bool = False,
         pdf: bool = False, templates_dir: Path | None = None, lang: str = "zh") -> FillResult:
    """Fill the programme's forms (or the one --template) into out_dir."""
    from .docx_fill import Warn, fill_document

    result = FillResult()
    jobs = forms_to_fill(programme, template, templates_dir, lang)
    result.status, result.status_detail = eligibility(profile, programme, lang)
    company = profile.get("company.name")
    if not company:
        result.warnings.append(Warn("missing", "", "企业名称", ("company.name",)))
    targets = [out_dir / output_name(f, company or "") for f, *_ in jobs]
    if not force:
        for t in targets:
            for path in (t, t.with_suffix(".pdf") if pdf else None):
                if path is not None and path.exists():
                    raise InputError(path, "output.exists")
    _output_folder(out_dir)
    for (form, fmap, _path, doc), target in zip(jobs, targets):
        warnings, data = fill_document(doc, fmap, FillContext(profile, programme))
        result.warnings += warnings
        try:
            _save(data, target)
        except OSError as exc:
            raise InputError(target, "output.cannot_write", reason=exc.strerror or type(exc).__name__) from None
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


def _output_folder(out_dir: Path) -> None:
    """--out as a folder the tool may write into, or one clear line saying why not."""
    if out_dir.is_symlink() and not out_dir.exists():
        raise InputError(out_dir, "output.dangling_link")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(out_dir, "output.not_folder")
    for parent in out_dir.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(parent, "output.not_folder")
            break
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(out_dir, "output.cannot_create", reason=exc.strerror or type(exc).__name__) from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise InputError(out_dir, "output.not_writable")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _save(data: bytes, target: Path) -> None:
    """Write next to the target, then rename: never a half-written file under the final name.

    The file gets the mode any file the user creates gets (0666 less the umask), not mkstemp's 0600.
    """
    fd, tmp = tempfile.mkstemp(prefix=".fill-", suffix=".docx", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


__all__ = ["FillResult", "FormMap", "Output", "fill", "forms_to_fill", "output_name", "TEMPLATES_DIR"]
