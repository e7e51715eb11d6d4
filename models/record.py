"""The decision record (contract v1, ../shared/spec/record.md).

Field names are the contract. Extra fields beyond the contract (``text``,
``evidence``) keep every emitted number next to the words it was read from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union

from pydantic import ConfigDict
from typing_extensions import TypedDict

from .document import SourceInfo
from .kinds import SectionKind, SourceKind

SCHEMA_VERSION = "1"


@dataclass
class Signer:
    name: str
    position: Optional[str] = None


@dataclass
class Period:
    from_: Optional[int] = None
    to: Optional[int] = None

    def to_json(self) -> dict:
        return {"from": self.from_, "to": self.to}


# field docstrings become the descriptions of the JSON Schema and of the dataset's columns
_DOCUMENTED = ConfigDict(use_attribute_docstrings=True)


@dataclass
class Provenance:
    """Where a fact was read: a span of the record's ``document.blocks``."""
    block: int
    """Index in ``document.blocks`` of the block where the fact starts."""
    start: int
    """Character offset in that block's text (a table's text is its rows, cells joined by tabs)."""
    end: int
    """Character offset where the fact ends, in the text of ``block_end`` when it runs over several blocks."""
    block_end: Optional[int] = None
    """The block where the fact ends, when not ``block``."""
    page: Optional[int] = None
    """Page of the block (PDF pages, DOCX page breaks, OCR'd scans)."""
    row: Optional[int] = None
    """Row of the table, for a fact read from a table row."""


@dataclass
class LegalBasis:
    __pydantic_config__ = _DOCUMENTED

    doc_type: Optional[str]
    number: Optional[str]
    date: Optional[str]
    issuer: Optional[str]
    title: Optional[str] = None
    text: str = ""
    key: Optional[str] = None
    """One key per instrument, the same in every decision that cites it: the number ("1419/QĐ-TTg"), or
    for an instrument cited without one, its name and date of adoption
    ("Luật tổ chức chính quyền địa phương 2015-06-19")."""
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


@dataclass
class Meta:
    __pydantic_config__ = _DOCUMENTED

    doc_type: Optional[str] = None
    """Tên loại: Quyết định, Kế hoạch, Chương trình, Nghị quyết, Chỉ thị, …"""
    number: Optional[str] = None
    """Số và ký hiệu as printed, stray spaces removed: "5768/QĐ-UBND"."""
    issued_date: Optional[str] = None
    """Date of issue, ISO YYYY-MM-DD."""
    issuer: Optional[str] = None
    """Issuing body in full, abbreviations expanded: "Ủy ban nhân dân thành phố Hà Nội"."""
    issuer_level: Optional[str] = None
    """central, province, district or commune."""
    locality: Optional[str] = None
    """The issuer's province, city, district or commune; null when it is not a known place."""
    province_at_issue: Optional[str] = None
    """The province or centrally-run city the issuer belonged to on the date of issue (the 63 of before
    1 July 2025 or the 34 since); null when the gazetteer cannot tell (a district name several provinces have)."""
    province_today: Optional[str] = None
    """The province or centrally-run city that holds the issuer's place on the map since 1 July 2025
    (Resolution 202/2025/QH15): Thái Bình 2016 is Hưng Yên today."""
    title: Optional[str] = None
    """Trích yếu: what the document is about, without the doc type word."""
    signer: Optional[Signer] = None
    """Who signed, from the signature block (never from "Nơi nhận")."""
    period: Optional[Period] = None
    """The plan's time span in years."""
    legal_bases: list[LegalBasis] = field(default_factory=list)
    """Instruments cited on the "Căn cứ" lines (or the opening "Thực hiện …" sentence)."""
    provenance: dict[str, Provenance] = field(default_factory=dict)
    """Where each field above was read, by field name (doc_type, number, issued_date, issuer, locality, title, signer)."""


@dataclass
class Section:
    kind: SectionKind
    heading: str
    number: Optional[str]
    level: int
    text: str = ""
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""
    children: list["Section"] = field(default_factory=list)


@dataclass
class Target:
    text: str
    value: Optional[float]
    value_max: Optional[float] = None
    unit: Optional[str] = None
    metric: Optional[str] = None
    deadline: Optional[int] = None
    relative: bool = False
    baseline_year: Optional[int] = None
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


@dataclass
class Agency:
    name: str
    role: Literal["lead", "coordinate", "support"]
    tasks: list[str] = field(default_factory=list)
    provenance: Optional[Provenance] = None
    """Where the body is first named with its role."""
    tasks_provenance: list[Optional[Provenance]] = field(default_factory=list)
    """Where each of ``tasks`` was read, in the same order."""


@dataclass
class Assignment:
    task: str
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    timeline: Optional[str] = None
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


@dataclass
class BudgetSource:
    kind: SourceKind
    label: str
    amount_vnd: Optional[int] = None
    text: str = ""
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


@dataclass
class BudgetCategory:
    label: str
    amount_vnd: Optional[int]
    sources: list[BudgetSource] = field(default_factory=list)
    text: str = ""
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


@dataclass
class InWords:
    text: str
    amount_vnd: Optional[int]
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


@dataclass
class YearCell:
    qty: Optional[float]
    amount_vnd: int


@dataclass
class BudgetGroup:
    code: str
    label: str
    by_year: dict[str, int]
    total_vnd: Optional[int]
    row: Optional[int] = None  # row index in the source table
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


@dataclass
class BudgetItem:
    group: Optional[str]
    code: Optional[str]
    description: str
    unit: Optional[str]
    unit_price_vnd: Optional[int]
    by_year: dict[str, YearCell]
    total_vnd: Optional[int]
    source: Optional[SourceKind] = None
    row: Optional[int] = None
    printed: list[str] = field(default_factory=list)  # the row's cells as printed
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


@dataclass
class GrandTotal:
    by_year: dict[str, int]
    total_vnd: Optional[int]
    row: Optional[int] = None
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


@dataclass
class BudgetTable:
    unit_label: Optional[str]
    multiplier: int
    years: list[int]
    groups: list[BudgetGroup] = field(default_factory=list)
    items: list[BudgetItem] = field(default_factory=list)
    grand_total: Optional[GrandTotal] = None
    page: Optional[int] = None
    provenance: Optional[Provenance] = None
    """The table block it was read from."""


@dataclass
class Budget:
    total_vnd: Optional[int] = None
    total_text: Optional[str] = None
    in_words: Optional[InWords] = None
    sources: list[BudgetSource] = field(default_factory=list)
    categories: list[BudgetCategory] = field(default_factory=list)
    table: Optional[BudgetTable] = None
    provenance: Optional[Provenance] = None
    """Where ``total_text`` was read."""


@dataclass
class Issue:
    code: str
    where: str
    detail: str
    severity: Literal["info", "warning", "error"] = "warning"
    printed: Optional[str] = None
    value: Optional[Union[int, float, str]] = None
    """The value kept (VND for money, the number as normalised for a document number)."""
    checks: list[str] = field(default_factory=list)
    provenance: Optional[Provenance] = None
    """Where it was read (None when it could not be placed)."""


class DocumentBlocks(TypedDict):
    """The blocks as read (models.document.Block as JSON, empty fields left out)."""
    blocks: list[dict[str, Any]]


@dataclass
class Record:
    __pydantic_config__ = _DOCUMENTED

    source: SourceInfo
    """The input file: name, sha256, format, pages, whether OCR read it, text encoding."""
    meta: Meta = field(default_factory=Meta)
    sections: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    budget: Optional[Budget] = None
    issues: list[Issue] = field(default_factory=list)
    document: Optional[DocumentBlocks] = None
    """The blocks as read, for users and later stages."""
    schema_version: str = SCHEMA_VERSION
    pipeline_version: Optional[str] = None
    """The vnlegal pipeline that made the record; a new one re-extracts in dataset builds."""

    def to_json(self) -> dict:
        from .plain import plain
        d = plain(self)
        out = {"schema_version": d.pop("schema_version")}
        out.update(d)
        period = out["meta"].get("period")
        if period is not None:
            out["meta"]["period"] = {"from": period["from_"], "to": period["to"]}
        return out


def record_json_schema() -> dict:
    """JSON Schema of the record, generated from the dataclasses above."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(Record).json_schema()
    # Period is serialised with "from" (a Python keyword), see Record.to_json.
    period = schema.get("$defs", {}).get("Period")
    if period:
        props = period["properties"]
        props["from"] = props.pop("from_")
    return schema
