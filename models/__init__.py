"""The types every stage shares: the Document that ingestors produce and the
Record that normalizers produce. The JSON Schema is generated from these."""
from .document import Block, Document, SourceInfo, Table
from .record import (
    SCHEMA_VERSION,
    Agency,
    Assignment,
    Budget,
    BudgetCategory,
    BudgetGroup,
    BudgetItem,
    BudgetSource,
    BudgetTable,
    GrandTotal,
    InWords,
    Issue,
    LegalBasis,
    Meta,
    Period,
    Record,
    Section,
    Signer,
    Target,
    YearCell,
    record_json_schema,
)

__all__ = [
    "Block", "Document", "Table", "SourceInfo", "Agency", "Assignment", "Budget",
    "BudgetCategory", "BudgetGroup", "BudgetItem", "BudgetSource", "BudgetTable",
    "GrandTotal", "InWords", "Issue", "LegalBasis", "Meta", "Period", "Record",
    "Section", "Signer", "Target", "YearCell", "SCHEMA_VERSION", "record_json_schema",
]
