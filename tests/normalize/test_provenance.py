"""Every fact points to the words it was read from: the span's text holds the
value (compared without spaces, case or diacritics)."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS, FIXTURES, STEMS
from vnlegal.lang.numbers import parse_date
from vnlegal.models.document import Block, Table
from vnlegal.normalize.provenance import TextIndex, comparable
from vnlegal.pipeline import process_file


def span_text(record: dict, p: dict) -> str:
    blocks = record["document"]["blocks"]
    text = lambda i: blocks[i].get("text", "")  # noqa: E731
    if p["block_end"] is None:
        return text(p["block"])[p["start"]:p["end"]]
    middle = [text(i) for i in range(p["block"] + 1, p["block_end"])]
    return "\n".join([text(p["block"])[p["start"]:], *middle, text(p["block_end"])[:p["end"]]])


def holds(record, p, value: str) -> bool:
    """The span holds the value: whole, or (a long value joined from several
    lines) its first and last words."""
    got, want = comparable(span_text(record, p)), comparable(value)
    if value.startswith("Căn cứ ") and comparable(value[7:]) in got:
        return True  # a basis of an opening "Thực hiện …" sentence is written "Căn cứ …"
    return want in got or (len(want) >= 72 and got.startswith(want[:24]) and got.endswith(want[-24:]))


def _facts(r):
    """(kind, value, provenance) for every fact of a record."""
    m = r["meta"]
    for field in ("number", "title", "locality", "doc_type"):
        if m.get(field):
            yield f"meta.{field}", m[field], m["provenance"].get(field)
    if m.get("signer"):
        yield "meta.signer", m["signer"]["name"], m["provenance"].get("signer")
    for b in m["legal_bases"]:
        yield "legal_basis", b["text"], b["provenance"]
    for t in r["targets"]:
        yield "target", t["text"], t["provenance"]
    for a in r["agencies"]:
        for task, p in zip(a["tasks"], a["tasks_provenance"]):
            yield "task", task, p
    for a in r["assignments"]:
        yield "assignment", a["task"], a["provenance"]
    table = (r.get("budget") or {}).get("table")
    if table:
        for it in table["items"]:
            # a row's numbers; its description may sit in a merged cell above
            yield "budget_item", "\t".join(c for c in it["printed"] if c), it["provenance"]
        for g in table["groups"]:
            yield "budget_group", g["label"], g["provenance"]


SEEDS = [CORPUS / f"{s}.txt" for s in STEMS] + sorted((FIXTURES / "docx").glob("*.docx")) \
    + sorted((FIXTURES / "pdf").glob("*.pdf"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fact_of_the_seeds_points_to_text_that_holds_it(path):
    r = process_file(path)
    unplaced = []
    for kind, value, p in _facts(r):
        if p is None:
            unplaced.append((kind, value[:60]))
            continue
        assert holds(r, p, value), (kind, value[:80], span_text(r, p)[:120])
    # everything is placed but what the reader joined from several printed places
    assert not [u for u in unplaced if u[0] not in ("task",)], unplaced
    assert len(unplaced) <= 1, unplaced
    date = r["meta"]["provenance"].get("issued_date")
    if r["meta"]["issued_date"]:
        assert date is not None and parse_date(span_text(r, date)) == r["meta"]["issued_date"]
    for a in r["agencies"]:
        if a["provenance"]:
            assert comparable(a["name"]).endswith(comparable(span_text(r, a["provenance"]))[-8:]) \
                or comparable(span_text(r, a["provenance"])) in comparable(a["name"]).replace("uybannhandan", "ubnd")


def test_budget_rows_point_to_their_table_row():
    r = process_file(FIXTURES / "pdf" / "001_96d3c82f377dc371.pdf")
    table = r["budget"]["table"]
    block = r["document"]["blocks"][table["provenance"]["block"]]
    for it in table["items"]:
        p = it["provenance"]
        assert p["block"] == table["provenance"]["block"] and p["row"] == it["row"]
        assert span_text(r, p).split("\t") == block["table"]["rows"][it["row"]]
    assert r["budget"]["table"]["grand_total"]["provenance"]["page"] == 9  # the table ran onto the last page


def test_issues_with_a_place_point_to_it():
    r = process_file(FIXTURES / "pdf" / "001_96d3c82f377dc371.pdf")
    number = next(i for i in r["issues"] if i["code"] == "meta.number_normalised")
    assert "26/2014/TTLT" in span_text(r, number["provenance"])


def test_a_fact_over_wrapped_lines_and_odd_spacing_is_found():
    blocks = [Block(kind="paragraph", text="a) Đến năm 2020, 90% cơ sở sản xuất"),
              Block(kind="paragraph", text="công  nghiệp áp dụng sản xuất sạch hơn.", page=2),
              Block(kind="table", text="TT\tNội dung\n1\tHoá đơn", table=Table(rows=[["TT", "Nội dung"], ["1", "Hoá đơn"]]))]
    index = TextIndex(blocks)
    p = index.locate("90% cơ sở sản xuất công nghiệp áp dụng")
    assert (p.block, p.block_end, p.page) == (0, 1, None)
    assert blocks[0].text[p.start:] == "90% cơ sở sản xuất" and blocks[1].text[:p.end] == "công  nghiệp áp dụng"
    cell = index.locate("hóa đơn")  # the tone placed the new way
    assert (cell.block, cell.row, blocks[2].text[cell.start:cell.end]) == (2, 1, "Hoá đơn")
    assert index.locate("không có") is None
