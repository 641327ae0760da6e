"""From the scanner's files to the drafted facts: the company from the business licence (and the
filled application form), one contract per contract document, and the settlement sheets,
invoices and payment proofs matched to their contracts.

Nothing is guessed: a record that matches no contract, or more than one, a duplicate, a value the
scanner could not read, a value read by OCR or from a file whose type is a weak guess is listed
(``Draft.to_check``) and, where it is written, marked for checking.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Callable

from ..messages import Text, type_text
from ..scan.normalise import compact
from .facts import Draft, DraftContract, Fact, Source

WEAK_TYPE = 0.75        # a type guessed from the name or folder only: its facts are checked

# A contract's kind from its title, the specific first (profile kinds: docs/profile.md).
KIND_BY_TITLE = (("一体机", "model-appliance"), ("私有化", "model-private"), ("云化", "model-cloud"),
                 ("API", "model-api"), ("接口", "model-api"), ("大模型", "model-private"), ("算力", "compute"),
                 ("GPU", "compute"), ("租赁", "lease"), ("物业", "operating"), ("运维", "operating"),
                 ("运营", "operating"))
# Accelerator cards made in China (自主算力); any other printed card is taken as not.
DOMESTIC_CARDS = ("昇腾", "910", "寒武纪", "思元", "海光", "深算", "昆仑", "燧原", "沐曦", "天数", "壁仞", "摩尔线程")
DATE_KEYS = {"signed_on", "start", "end", "registered_on", "date"}
MONEY_KEYS = {"amount", "compute_amount", "model_amount", "hardware_amount"}
# contract key <- scanner field, in the order a [[contracts]] block is written
CONTRACT_FIELDS = (("signed_on", "signed_on"), ("start", "start"), ("end", "end"), ("amount", "amount"),
                   ("compute_amount", "compute_amount"), ("model_amount", "model_amount"),
                   ("hardware_amount", "hardware_amount"), ("other_services", "other_services"),
                   ("scale_p", "scale_p"), ("accelerator", "accelerator"), ("location", "location"),
                   ("purpose", "purpose"), ("model_name", "model_name"), ("model_filed", "model_filed"),
                   ("area_m2", "area_m2"))
LICENCE_FIELDS = (("name", "name"), ("credit_code", "credit_code"), ("company_type", "company_type"),
                  ("legal_representative", "legal_representative"), ("registered_capital", "registered_capital"),
                  ("registered_on", "registered_on"), ("registered_address", "address"))


def draft_dossier(root: Path, *, overrides: dict[str, str] | None = None, jobs: int | None = None,
                  cache: bool = True, progress: Callable[[int, int], None] | None = None) -> Draft:
    """Scan ``root`` (the scanner ``subsidy scan`` and ``check`` use, and its cache) and draft."""
    from ..scan import scan_dossier
    files = scan_dossier(root, overrides=overrides, jobs=jobs, cache=cache, progress=progress)
    return draft_from(files, str(root))


def _value(key: str, raw):
    if key in DATE_KEYS:
        return dt.date.fromisoformat(raw)
    if key in MONEY_KEYS:
        return Decimal(raw)
    if key in ("scale_p", "area_m2"):
        d = Decimal(raw)
        return int(d) if d == d.to_integral() else d
    if key == "other_services":
        return [s for s in raw.split("、") if s]
    return raw


class _Reader:
    """Facts of one scanned file, each with its page and the file's own doubt (OCR, weak type)."""

    def __init__(self, f, draft: Draft):
        self.f = f
        self.doubt = "draft.ocr" if f.ocr == "done" else "draft.weak_type" if f.confidence < WEAK_TYPE else None
        self._pages: list[dict] | None = None
        if self.doubt:
            draft.checked(self.doubt, Source(f.path), type=type_text(f.type), confidence=f"{f.confidence:.2f}")

    def page(self, key: str) -> int | None:
        """The page whose text alone gives the field (PDFs); the first when only one was read."""
        starts = self.f.page_starts
        if not starts:
            return None
        if len(starts) == 1:
            return 1
        if self._pages is None:
            from ..scan.extract import extract_fields
            text = self.f.text
            bounds = list(starts) + [len(text) + 1]
            self._pages = [extract_fields(self.f.type, text[bounds[i]:bounds[i + 1]])[0] for i in range(len(starts))]
        whole = self.f.fields.get(key)
        for i, fields in enumerate(self._pages):
            if fields.get(key) == whole:
                return i + 1
        return None

    def fact(self, key: str, field: str | None = None, check: str | None = None) -> Fact | None:
        raw = self.f.fields.get(field or key)
        if raw in (None, ""):
            return None
        return Fact(_value(key, raw), Source(self.f.path, self.page(field or key)), check or self.doubt)


def same_party(name: str | None, code: str | None, other_name: str | None, other_code: str | None) -> bool:
    if code and other_code:
        return code == other_code
    return bool(name and other_name and compact(name) == compact(other_name))


def kind_of(title: str | None) -> str | None:
    for word, kind in KIND_BY_TITLE:
        if title and word in title:
            return kind
    return None


def draft_from(files: list, dossier: str) -> Draft:
    draft = Draft(dossier, files=files)
    wanted = [f for f in files if f.type in ("business_license", "application_form", "contract", "settlement_sheet",
                                             "invoice", "payment_proof")]
    readers = {}
    for f in wanted:
        if broken := _unreadable(f):
            # A corrupt, encrypted or empty file gives nothing: named, never read as a record of nothing.
            draft.checked("draft.unreadable", Source(f.path), problem=broken)
        else:
            readers[f.path] = _Reader(f, draft)
    by_type: dict[str, list] = {}
    for f in files:
        if f.path in readers:
            by_type.setdefault(f.type, []).append(readers[f.path])
    _company(draft, by_type.get("business_license", []))
    _applicant(draft, by_type.get("contract", []))
    from .form import company_from_forms
    company_from_forms(draft, by_type.get("application_form", []))
    _districts(draft)
    for r in by_type.get("contract", []):
        _contract(draft, r)
    draft.contracts.sort(key=lambda c: (_when(c), c.id))     # in the order they were signed
    from .match import match_entries
    match_entries(draft, by_type)
    make_loadable(draft)
    return draft


_PATH = re.compile(r"^(company|contracts\[(\d+)\])\.(\w+)(?:\[(\d+)\])?")


def make_loadable(draft: Draft) -> None:
    """Every drafted value the profile loader refuses (an end before the start, an in-scope part
    over the amount, a negative red-letter invoice …) is taken out and listed: the draft loads."""
    from ..errors import InputError
    from ..messages import render
    from ..profile import profile_from_dict
    for _ in range(200):
        raw = {"schema": 1, "company": {k: f.value for k, f in draft.company.items()},
               "contracts": [c.plain() for c in draft.contracts]}
        try:
            profile_from_dict(raw)
            return
        except InputError as exc:
            m = _PATH.match(exc.key or "")
            if not m:
                return
            if m.group(1) == "company":
                gone, where = draft.company.pop(m.group(3), None), f"[company] {m.group(3)}"
            elif m.group(4) is not None:
                c = draft.contracts[int(m.group(2))]
                gone, where = c.entries[m.group(3)].pop(int(m.group(4)))["date"], f"{c.id} {m.group(3)}"
            else:
                c = draft.contracts[int(m.group(2))]
                gone, where = c.facts.pop(m.group(3), None), f"{c.id} {m.group(3)}"
            if gone is None:
                return
            draft.checked("draft.refused", gone.source, key=where,
                          reason_zh=render(exc.message, exc.params, "zh"), reason_en=render(exc.message, exc.params, "en"))


def _unreadable(f):
    """The scanner's reason a file could not be read at all (corrupt, encrypted, empty …), or None."""
    p = f.read_failure()
    return Text(p.code, **p.text_params()) if p else None


def _when(c: DraftContract) -> dt.date:
    fact = c.facts.get("signed_on") or c.facts.get("start")
    return fact.value if fact else dt.date.max


def _company(draft: Draft, licences: list[_Reader]) -> None:
    named = [r for r in licences if r.f.fields.get("name")]
    if not named:
        draft.checked("draft.no_licence")
        return
    if len({compact(r.f.fields["name"]) for r in named}) > 1:
        draft.checked("draft.licences_differ", None, names=[r.f.fields["name"] for r in named])
    r = named[0]
    for key, field in LICENCE_FIELDS:
        if fact := r.fact(key, field):
            draft.company[key] = fact


# The district an address lies in: the one after 北京市 (a 区, or the economic-technological zone).
_DISTRICT = re.compile(r"北京市?\s*(北京经济技术开发区|经济技术开发区|[\u4e00-\u9fff]{1,3}?区)")


def _districts(draft: Draft) -> None:
    """registered_district from the licence's address, operating_districts from the operating
    address (the form's), each citing the address it was read from: the district decides the
    district programmes' eligibility, so it is not left for a person to type again."""
    for key, address_key, as_list in (("registered_district", "registered_address", False),
                                      ("operating_districts", "operating_address", True)):
        address = draft.company.get(address_key) or (draft.company.get("registered_address") if as_list else None)
        if key in draft.company or address is None or not (m := _DISTRICT.search(str(address.value))):
            continue
        draft.company[key] = Fact([m.group(1)] if as_list else m.group(1), address.source, address.check)


def _applicant(draft: Draft, contracts: list[_Reader]) -> None:
    """The licence should be the company that signs the contracts as 甲方. When no contract names
    it and the contracts agree on another 甲方, that one is the applicant the invoices and slips
    are matched against, and every licence value is marked for checking."""
    from collections import Counter
    buyers = Counter(compact(a) for r in contracts if (a := r.f.fields.get("party_a")))
    name = draft.company.get("name")
    if not buyers or name is None or compact(name.value) in buyers:
        return
    top, count = buyers.most_common(1)[0]
    if count * 2 <= sum(buyers.values()):
        return                                  # no clear majority: keep the licence
    signer = next(r.f.fields["party_a"] for r in contracts if compact(r.f.fields.get("party_a")) == top)
    draft.applicant = (signer, None)
    draft.checked("draft.licence_other_company", name.source, licence=name.value, signer=signer)
    for fact in draft.company.values():
        fact.check = "draft.licence_other_company"


def applicant_of(draft: Draft) -> tuple[str | None, str | None]:
    if draft.applicant:
        return draft.applicant
    name, code = draft.company.get("name"), draft.company.get("credit_code")
    return (name.value if name else None), (code.value if code else None)


def _contract(draft: Draft, r: _Reader) -> None:
    f = r.f
    source = Source(f.path, r.page("contract_number"))
    number = r.fact("id", "contract_number")
    if number is None:
        number = Fact(Path(f.path).stem, source, "draft.no_number")
        draft.checked("draft.no_number", source)
    if any(c.id == number.value for c in draft.contracts):
        draft.checked("draft.duplicate_contract", source, id=number.value)
        return
    facts: dict[str, Fact] = {"id": number}
    kind = kind_of(f.fields.get("title"))
    if kind:
        facts["kind"] = Fact(kind, Source(f.path, r.page("title")), r.doubt)
    else:
        facts["kind"] = Fact("compute", source, "draft.kind_unknown")
        draft.checked("draft.kind_unknown", source, id=number.value, title=f.fields.get("title", ""))
    company, company_code = applicant_of(draft)
    a, b = f.fields.get("party_a"), f.fields.get("party_b")
    if company and b and compact(b) == compact(company) and a:
        facts["supplier"] = r.fact("supplier", "party_a")      # the company is 乙方: 甲方 supplies
    elif b:
        facts["supplier"] = r.fact("supplier", "party_b")
        if company and a and compact(a) != compact(company):
            facts["supplier"].check = "draft.party_unknown"
            draft.checked("draft.party_unknown", source, id=number.value, party_a=a, company=company)
        if code := r.fact("supplier_credit_code", "party_b_credit_code"):
            facts["supplier_credit_code"] = code
    for key, field in CONTRACT_FIELDS:
        if fact := r.fact(key, field):
            facts[key] = fact
    if "accelerator" in facts:
        card = facts["accelerator"]
        domestic = any(word in card.value for word in DOMESTIC_CARDS)
        facts["accelerator_domestic"] = Fact(domestic, card.source, "draft.card_guess")
        draft.checked("draft.card_guess", card.source, id=number.value, card=card.value,
                      domestic="true" if domestic else "false",
                      judged=Text("draft.card_domestic" if domestic else "draft.card_foreign"))
    for key in ("supplier", "signed_on", "start", "end"):
        if key not in facts:
            draft.checked("draft.not_read", source, id=number.value, key=Text(f"draft.key.{key}"))
    if "amount" not in facts:
        draft.checked("draft.no_amount", source, id=number.value)
    draft.contracts.append(DraftContract(facts))


def contract_ids_in(text: str, ids: list[str]) -> list[str]:
    """The known contract numbers a text names (a bank slip's 用途: 支付合同HT-2024-001款项)."""
    found = []
    for cid in ids:
        if re.search(rf"(?<![A-Za-z0-9]){re.escape(cid)}(?![A-Za-z0-9])", text):
            found.append(cid)
    return found
