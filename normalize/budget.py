"""Budget from the text: total, total in words, funding sources, categories.
Every amount keeps the words it was read from (``text``)."""
from __future__ import annotations

import json
from pathlib import Path

import regex

from ..lang.numbers import MONEY, parse_money, words_to_int
from ..lang.patterns import rx
from ..models.record import Budget, BudgetCategory, BudgetSource, InWords, Issue
from .reconcile import SourcesVsTotal, TotalVsWords, issue

# label wording → kind of funding, in the order tried: data/funding_sources.json
SOURCE_KINDS = [(regex.compile("(?i)" + "|".join(patterns)), kind) for kind, patterns in
                json.loads((Path(__file__).parent / "data" / "funding_sources.json").read_text(encoding="utf-8"))["kinds"]]


def source_kind(text: str | None) -> str | None:
    """The kind of funding a label names ("Ngân sách Trung ương" → central); "other" when it names none."""
    if not text:
        return None
    text = " ".join(text.split())  # "Ngân sách\nTrung\nương" in a narrow cell
    for pattern, kind in SOURCE_KINDS:
        if pattern.search(text):
            return kind
    return "other"


# each word ends at a space or comma: "[\p{L}]+[ ,]*" would let a word split anywhere (exponential backtracking)
_WORDS = regex.compile(r"(?i)(?:bằng\s*chữ\s*:?\s*|\()\s*((?:[\p{L}]+[ ,]+){1,30}?đồng(?:\s*chẵn)?)")
# the total in the section's first lines, group 3: "… giai đoạn 2016- 2020, dự kiến 8.360 triệu đồng (Trong đó …"
_TOTAL = rx(r"(?i)(dự kiến|tổng (kinh phí|cộng)|là)\s*:?\s*(\d[\d.,]*\s*(?:tỷ|triệu|nghìn|ngàn)?\s*đồng)")
# a category's line, group 1 its letter, group 2 the rest with its amount:
# "a) Kinh phí truyền thông, nâng cao nhận thức về SXSH là 1.820 triệu đồng."
_CATEGORY = rx(r"^([a-zđ])\)\s*(.+)$")
# the first category's letter ends the list of sources above it
_CATEGORY_START = rx(r"^[a-zđ]\)")
# the amount just after a source's name, group 1: "Ngân sách Trung ương" + ": 170 triệu đồng."
_SOURCE_AMOUNT = rx(r"\s*(?:là|:)?\s*(\d[\d.,]*\s*(?:tỷ|triệu|nghìn|ngàn)?\s*đồng)")
# the sources after a category's amount, one a part: "… là 620 triệu đồng. Trong đó: Ngân sách địa phương: 620 …",
# "…, ngân sách Trung ương 1.080 triệu đồng, ngân sách địa phương …"
_SOURCE_PARTS = rx(r"[;.]\s+|,\s+(?=ngân sách)")
# the total line of an annex's table, group 1: "Tổng cộng = 1.820 triệu đồng", "TỔNG KINH PHÍ: 8.360 triệu đồng"
_TOTAL_LINE = rx(r"(?i)(?:tổng cộng|tổng kinh phí)[^\n]{0,40}?=?\s*(\d[\d.,]*\s*(?:tỷ|triệu|nghìn)?\s*đồng)")


def _category_source(category: BudgetCategory, text: str) -> None:
    for pattern, kind in SOURCE_KINDS:
        sm = pattern.search(text)
        if sm:
            money = parse_money(text[sm.end():])
            if money:
                category.sources.append(BudgetSource(kind=kind, label=sm.group(0), amount_vnd=money[0], text=text.strip()))
            return


# an amount stated in the articles with its words: "24.480.000 đồng (Hai mươi bốn triệu bốn trăm tám mươi nghìn
# đồng)"; group 1 the figure, group 2 the words
_STATED = rx(r"(\d{1,3}(?:[.,]\d{3})+\s*đồng)\s*\(\s*((?:[\p{L}]+[ ,]+){1,30}?đồng(?:\s*chẵn)?)\s*\)")


def stated_total(text: str) -> Budget | None:
    """A decision with no budget section (an award, an allocation) states the
    sum it grants in its articles: the figure, the same sum in words, and where
    it is paid from ("được cấp từ ngân sách tỉnh"). All three must be there and
    the figure and the words agree; otherwise there is no total to read."""
    for m in _STATED.finditer(text):
        parsed = parse_money(m.group(1))
        if not parsed or words_to_int(m.group(2)) != parsed[0]:
            continue
        sentence_end = text.find(".", m.end())
        after = text[m.end(): sentence_end if sentence_end != -1 else m.end() + 160][:160]
        for pattern, kind in SOURCE_KINDS:
            sm = pattern.search(after)
            if sm:
                return Budget(total_vnd=parsed[0], total_text=parsed[1],
                              in_words=InWords(text=m.group(2).strip(), amount_vnd=parsed[0]),
                              sources=[BudgetSource(kind=kind, label=sm.group(0), amount_vnd=parsed[0],
                                                    text=(m.group(0) + after[: sm.end()]).strip())])
    return None


def extract_budget(section_texts: list[str], all_text: str) -> tuple[Budget | None, list[Issue]]:
    issues: list[Issue] = []
    text = "\n".join(section_texts)
    if not text.strip():
        return None, issues
    budget = Budget()
    lines = text.split("\n")
    # total: the first amount of the section, when the sentence speaks of the whole
    for line in lines[:4]:
        m = _TOTAL.search(line)
        if m:
            parsed = parse_money(m.group(3))
            if parsed:
                budget.total_vnd, budget.total_text = parsed
            break
    # sources: named in the section, with an amount when one follows the name
    seen = set()
    for line in lines:
        if _CATEGORY_START.match(line):
            break  # categories follow
        for pattern, kind in SOURCE_KINDS:
            for m in pattern.finditer(line):
                after = line[m.end(): m.end() + 40]
                mm = _SOURCE_AMOUNT.match(after)
                amount = parse_money(mm.group(1))[0] if mm and parse_money(mm.group(1)) else None
                if (kind, amount) in seen or amount is None and any(k == kind for k, _ in seen):
                    continue
                if amount is not None and (kind, None) in seen:
                    budget.sources = [s for s in budget.sources if not (s.kind == kind and s.amount_vnd is None)]
                seen.add((kind, amount))
                budget.sources.append(BudgetSource(kind=kind, label=m.group(0), amount_vnd=amount, text=(m.group(0) + after).strip()))
    # categories: a) … là X đồng, then "- Ngân sách …: Y" lines
    current = None
    for line in lines:
        m = _CATEGORY.match(line)
        if m:
            money = parse_money(m.group(2))
            current = BudgetCategory(label=m.group(2), amount_vnd=money[0] if money else None, text=line) if money else None
            if current:
                budget.categories.append(current)
                # "… là 620 triệu đồng. Trong đó: Ngân sách địa phương: 620 triệu đồng." on one line
                rest = m.group(2)[MONEY.search(m.group(2)).end():]
                for part in _SOURCE_PARTS.split(rest):
                    _category_source(current, part)
            continue
        if current is not None:
            _category_source(current, line)
    # total in words, anywhere in the budget section or the annex total line
    for source in (text, all_text):
        wm = _WORDS.search(source)
        if wm:
            amount = words_to_int(wm.group(1))
            if amount:
                budget.in_words = InWords(text=wm.group(1).strip(), amount_vnd=amount)
                break
    if budget.in_words is None:
        m = _TOTAL_LINE.search(all_text)
        if m and budget.total_vnd is None:
            parsed = parse_money(m.group(1))
            if parsed:
                budget.total_vnd, budget.total_text = parsed
    if budget.total_vnd and budget.in_words and budget.in_words.amount_vnd != budget.total_vnd:
        issues.append(issue(TotalVsWords("total", budget.total_text, budget.in_words.text, budget.total_vnd)))
    if budget.total_vnd and budget.sources and all(s.amount_vnd is not None for s in budget.sources):
        s = sum(x.amount_vnd for x in budget.sources)
        if s != budget.total_vnd:
            issues.append(issue(SourcesVsTotal("total", s, budget.total_vnd)))
    return budget, issues
