"""Search as a researcher meets it, on the dataset built from the corpus and
corpus-real: Datasette's own ``?_search=`` (run in-process with the metadata
and plugin vnlegal ships), its canned ranked search, datasette-search-all and
the CLI agree: "đầu tư" = "dau tu", "Đồng Tháp" = "dong thap", exact accents
first, and "Đồng Tháp" never finds "hành động … thu thập"."""
from __future__ import annotations

import pytest
import regex
from click.testing import CliRunner

from tests.vnlegal.conftest import datasette_get
from vnlegal.cli import cli
from vnlegal.fts import folded
from vnlegal.search import search


@pytest.fixture(scope="module")
def out(real_dataset):
    return real_dataset


def _datasette(out, *requests):
    return datasette_get(out, *requests)


def _searched(out, *queries):
    answers = _datasette(out, *[("/vnlegal/sections.json", {"_search": q, "_shape": "objects", "_size": "max"})
                                for q in queries])
    return [{row["id"]: row for row in a["rows"]} for a in answers]


def _text(row):
    return f"{row['heading'] or ''}\n{row['text'] or ''}"


def test_datasettes_own_search_folds_both_ways(out):
    dau_tu, dau_tu_plain, dong_thap, dong_thap_plain = _searched(out, "đầu tư", "dau tu", "Đồng Tháp", "dong thap")
    assert len(dau_tu) > 100 and set(dau_tu) == set(dau_tu_plain)
    assert dong_thap and set(dong_thap) == set(dong_thap_plain)
    assert all(regex.search(r"\bdau\W+tu\b", folded(_text(r))) for r in dau_tu.values())
    assert all(regex.search(r"\bdong\W+thap\b", folded(_text(r))) for r in dong_thap.values())


def test_dong_thap_is_a_phrase_not_two_syllables_anywhere(out):
    # sections that hold both syllables apart ('hành động', 'thu thập', 'tháp')
    (every,) = _datasette(out, ("/vnlegal/sections.json", {"_shape": "objects", "_size": "max"}))
    apart = {r["id"] for r in every["rows"]
             if regex.search(r"\bdong\b", folded(_text(r))) and regex.search(r"\bthap\b", folded(_text(r)))
             and not regex.search(r"\bdong\W+thap\b", folded(_text(r)))}
    assert len(apart) > 10
    (dong_thap,) = _searched(out, "Đồng Tháp")
    assert not apart & set(dong_thap)
    assert {r["doc_id"].split("_")[1] for r in dong_thap.values()} == {"DongThap"}
    quoted, either = _searched(out, '"đồng tháp" "kế hoạch"', "Đồng Tháp OR Cần Thơ")
    assert set(quoted) <= set(dong_thap) and set(dong_thap) < set(either)


def test_the_ranked_search_puts_exact_accents_first(out):
    (ranked,) = _datasette(out, ("/vnlegal/search_sections.json", {"q": "đầu tư", "_shape": "objects"}))
    exact = [bool(regex.search(r"(?i)\bđầu\W+tư\b", _text(r))) for r in ranked["rows"]]
    assert exact[0] and False in exact  # a section with the phrase only folded ('đầu tự', …) exists
    assert exact == sorted(exact, reverse=True)
    hits = search(out / "vnlegal.sqlite", "đầu tư", limit=1000)
    flags = [h.exact for h in hits]
    assert flags[0] and flags == sorted(flags, reverse=True)


def test_search_all_lists_the_searchable_tables(out):
    (page,) = _datasette(out, ("/-/search", {"q": "dong thap"}))
    for table in ("sections", "documents", "targets", "agency_tasks"):
        assert f"/vnlegal/{table}" in page
    (docs,) = _datasette(out, ("/vnlegal/documents.json", {"_search": "dong thap", "_shape": "objects"}))
    assert docs["rows"] and all("Đồng Tháp" in (r["title"] or "") + (r["issuer"] or "") for r in docs["rows"])


def test_the_cli_finds_what_datasette_finds_and_marks_it_when_piped(out):
    (dong_thap,) = _searched(out, "Đồng Tháp")
    hits = search(out / "vnlegal.sqlite", "dong thap", limit=1000)
    assert {h.doc_id for h in hits} == {r["doc_id"] for r in dong_thap.values()}
    assert all(h.snippet[a:b] == "Đồng Tháp" for h in hits for a, b in h.spans)
    shown = CliRunner().invoke(cli, ["search", "dong thap", "--db", str(out / "vnlegal.sqlite"), "-n", "3"])
    assert shown.exit_code == 0 and shown.output.count("[Đồng Tháp]") >= 3
    bad = CliRunner().invoke(cli, ["search", "NOT dong thap", "--db", str(out / "vnlegal.sqlite")])
    assert bad.exit_code == 2 and bad.output.strip().splitlines() == ["vnlegal: error: NOT needs a search before it, e.g. 'a NOT b'"]


def test_a_search_of_too_many_words_is_one_line_and_a_repeated_phrase_is_marked_once(tmp_path):
    from vnlegal.fts import MAX_WORDS, SearchSyntaxError, phrases, to_match, to_match_lenient
    from vnlegal.search import _snippet
    with pytest.raises(SearchSyntaxError, match="over the limit"):
        to_match(" OR ".join(f"tu{i}" for i in range(MAX_WORDS + 1)))
    assert to_match_lenient(" ".join(f"tu{i}" for i in range(5 * MAX_WORDS))).count("tu") <= 2 * MAX_WORDS
    snippet, spans = _snippet("từng bước đầu tư đổi mới công nghệ", phrases(" OR ".join(['"đầu tư"'] * 50)))
    assert [snippet[a:b] for a, b in spans] == ["đầu tư"]
    r = CliRunner().invoke(cli, ["search", " ".join(["dau"] * 500), "--db", str(tmp_path / "none.sqlite")])
    assert r.exit_code == 2 and r.output.count("\n") == 1 and "over the limit" in r.output
