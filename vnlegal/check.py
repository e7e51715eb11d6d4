"""`vnlegal check`: a record's budget as a readable table, its checks recomputed
from the record itself, and the cells the pipeline corrected or doubted."""
from __future__ import annotations

from dataclasses import dataclass

from vnlegal.normalize import reconcile as rc


@dataclass
class Check:
    name: str
    where: str
    ok: bool
    detail: str


def _money(v, mult: int) -> str:
    if v is None:
        return ""
    x = v / mult
    return f"{x:,.0f}".replace(",", ".") if float(x).is_integer() else f"{x:,.3f}"


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def budget_checks(record: dict) -> list[Check]:
    """Every arithmetic check of the budget, recomputed from the record."""
    out: list[Check] = []
    b = record.get("budget") or {}
    t = b.get("table")
    if t:
        years = [str(y) for y in t["years"]]
        for it in t["items"]:
            where = ".".join(x for x in (it.get("group"), it.get("code")) if x)
            price = it.get("unit_price_vnd")
            for y in years:
                c = it["by_year"].get(y) or {}
                if c.get("qty") and price is not None:
                    want = round(c["qty"] * price)
                    out.append(Check(rc.QTY_PRICE, f"{where} {y}", want == c["amount_vnd"],
                                     f"{c['qty']} × {price} = {want}, amount {c['amount_vnd']}"))
            s = sum((it["by_year"].get(y) or {}).get("amount_vnd") or 0 for y in years)
            out.append(Check(rc.ROW_TOTAL, where, s == it.get("total_vnd"), f"years {s}, total {it.get('total_vnd')}"))
        for g in t["groups"]:
            items = [i for i in t["items"] if i.get("group") == g["code"]]
            for y in years:
                s = sum((i["by_year"].get(y) or {}).get("amount_vnd") or 0 for i in items)
                out.append(Check(rc.ITEMS_VS_GROUP, f"{g['code']} {y}", s == g["by_year"].get(y), f"items {s}, group {g['by_year'].get(y)}"))
            s = sum(g["by_year"].get(y) or 0 for y in years)
            out.append(Check(rc.ROW_TOTAL, g["code"], s == g.get("total_vnd"), f"years {s}, total {g.get('total_vnd')}"))
        codes = [g["code"] for g in t["groups"]]
        for n, code in enumerate(codes, start=1):
            out.append(Check(rc.GROUP_SEQUENCE, code, code == _roman(n), f"group {n} numbered {code!r}"))
        cats = [c for c in b.get("categories") or [] if c.get("amount_vnd") is not None]
        if cats and len(cats) == len(t["groups"]):
            for c, g in zip(cats, t["groups"]):
                if g.get("total_vnd") is not None:
                    out.append(Check(rc.CATEGORIES_VS_GROUPS, g["code"], c["amount_vnd"] == g["total_vnd"],
                                     f"category {c['label']!r} {c['amount_vnd']}, group {g['total_vnd']}"))
        gt = t.get("grand_total")
        if gt:
            s = sum(gt["by_year"].get(y) or 0 for y in years)
            if gt.get("total_vnd") is not None:
                out.append(Check(rc.YEARS_VS_TOTAL, "grand total", s == gt["total_vnd"],
                                 f"years {s}, total {gt['total_vnd']}"))
            for y in years:
                s = sum(g["by_year"].get(y) or 0 for g in t["groups"]) if t["groups"] else \
                    sum((i["by_year"].get(y) or {}).get("amount_vnd") or 0 for i in t["items"])
                out.append(Check(rc.GROUPS_VS_GRAND_TOTAL, f"grand total {y}", s == gt["by_year"].get(y), f"sum {s}, printed {gt['by_year'].get(y)}"))
            if b.get("total_vnd") is not None:
                out.append(Check(rc.GRAND_TOTAL_VS_TEXT, "grand total", b["total_vnd"] == gt.get("total_vnd"),
                                 f"table {gt.get('total_vnd')}, text {b['total_vnd']}"))
            words = (b.get("in_words") or {}).get("amount_vnd")
            if words is not None:
                out.append(Check(rc.GRAND_TOTAL_VS_WORDS, "grand total", words == gt.get("total_vnd"),
                                 f"table {gt.get('total_vnd')}, words {words}"))
    elif b.get("total_vnd") is not None:
        words = (b.get("in_words") or {}).get("amount_vnd")
        if words is not None:
            out.append(Check(rc.TOTAL_VS_WORDS, "total", words == b["total_vnd"], f"total {b['total_vnd']}, words {words}"))
    srcs = [s.get("amount_vnd") for s in b.get("sources") or []]
    if b.get("total_vnd") is not None and srcs and None not in srcs:
        out.append(Check(rc.SOURCES_VS_TOTAL, "total", sum(srcs) == b["total_vnd"], f"sources {sum(srcs)}, total {b['total_vnd']}"))
    return out


def render(record: dict, console) -> bool:
    """Print the budget of ``record``; True when every check holds."""
    from rich.table import Table

    b = record.get("budget")
    name = (record.get("source") or {}).get("file", "record")
    if not b:
        console.print(f"{name}: no budget")
        return True
    checks = budget_checks(record)
    flagged = {}
    for i in record.get("issues") or []:
        if i.get("code", "").startswith("budget."):
            flagged.setdefault(i["where"], []).append(i)
    failed = {c.where for c in checks if not c.ok}
    console.print(f"[bold]{name}[/bold]  total {_money(b.get('total_vnd'), 1) or '—'} đồng"
                  + (f"  (in words: {b['in_words']['text']})" if b.get("in_words") else ""))
    for s in b.get("sources") or []:
        console.print(f"  source {s['kind']}: {s['label']}  {_money(s.get('amount_vnd'), 1) or '(no amount)'}")
    t = b.get("table")
    if t:
        mult = t["multiplier"]
        years = [str(y) for y in t["years"]]
        table = Table(title=f"Budget table ({t.get('unit_label')}; ! = corrected or doubted, ✗ = check fails)")
        for col in ["TT", "Nội dung", "ĐVT", "Đơn giá", *years, "Tổng", "Nguồn"]:
            table.add_column(col, justify="right" if col not in ("Nội dung", "ĐVT", "Nguồn") else "left", overflow="fold")

        def mark(where: str, text: str) -> str:
            if where in failed:
                return f"[red]{text} ✗[/red]"
            if where in flagged:
                return f"[yellow]{text} ![/yellow]"
            return text

        items_by_group: dict = {}
        for it in t["items"]:
            items_by_group.setdefault(it.get("group"), []).append(it)
        groups = t["groups"] or [{"code": None, "label": "", "by_year": {}, "total_vnd": None}]
        for g in groups:
            if g["code"] is not None:
                table.add_row(f"[bold]{g['code']}[/bold]", f"[bold]{g['label'][:60]}[/bold]", "", "",
                              *[mark(f"{g['code']} {y}", _money(g["by_year"].get(y), mult)) for y in years],
                              mark(g["code"], _money(g.get("total_vnd"), mult)), "")
            for it in items_by_group.get(g["code"], []):
                where = ".".join(x for x in (it.get("group"), it.get("code")) if x)
                cells = []
                for y in years:
                    c = it["by_year"].get(y) or {}
                    q = c.get("qty")
                    text = f"{q:g}×" if q else ""
                    cells.append(mark(f"{where} {y}", text + _money(c.get("amount_vnd"), mult)))
                table.add_row(it.get("code") or "", (it.get("description") or "")[:60], it.get("unit") or "",
                              _money(it.get("unit_price_vnd"), mult), *cells,
                              mark(where, _money(it.get("total_vnd"), mult)), it.get("source") or "")
        gt = t.get("grand_total")
        if gt:
            table.add_row("", "[bold]Tổng cộng[/bold]", "", "",
                          *[mark(f"grand total {y}", _money(gt["by_year"].get(y), mult)) for y in years],
                          mark("grand total", _money(gt.get("total_vnd"), mult)), "")
        console.print(table)
    ok = sum(1 for c in checks if c.ok)
    console.print(f"{ok} of {len(checks)} checks hold")
    for c in checks:
        if not c.ok:
            console.print(f"  [red]✗ {c.name} at {c.where}: {c.detail}[/red]")
    for where, issues in flagged.items():
        for i in issues:
            console.print(f"  [yellow]! {i['code']} at {where}: {i.get('detail', '')}[/yellow]")
    return ok == len(checks)
