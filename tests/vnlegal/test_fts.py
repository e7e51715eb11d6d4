"""The search language and the doubled index text: phrases by default, accents
optional both ways, operators for those who want them."""
from __future__ import annotations

import sqlite3

import pytest

from vnlegal.fts import TOKENIZER, SearchSyntaxError, index_text, phrases, to_match, to_match_lenient


@pytest.fixture
def index():
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize=\"{TOKENIZER}\")")
    texts = {
        1: "Kế hoạch đầu tư công tỉnh Đồng Tháp giai đoạn 2021-2025",
        2: "Chương trình hành động; thu thập số liệu về đầu tư",  # both syllables of Đồng Tháp, apart
        3: "Dự án dầu tự nhiên",  # folds to 'dau tu' too
        4: "Quyết định số 5768/QĐ-UBND về dân số",
    }
    for rowid, text in texts.items():
        con.execute("INSERT INTO t (rowid, text) VALUES (?, ?)", (rowid, index_text(text)))
    return lambda q, exact=False: {r[0] for r in con.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_match(q, exact),))}


def test_accents_are_optional_both_ways_and_đ_is_d(index):
    assert index("đầu tư") == index("dau tu") == index("ĐẦU TƯ") == {1, 2, 3}
    assert index("Đồng Tháp") == index("dong thap") == {1}
    assert index("đầu tư", exact=True) == {1, 2}  # the hits that rank first


def test_syllables_typed_together_are_one_phrase(index):
    assert 2 not in index("Đồng Tháp")  # 'hành động … thu thập' is no Đồng Tháp
    assert index('"đầu tư" "dong thap"') == {1}
    assert index("dong thap OR dan so") == {1, 4}
    assert index("dau tu NOT dong thap") == {2, 3}
    assert index("(dong thap OR dan so) NOT ke hoach") == {4}
    assert index("5768/QĐ-UBND") == index("5768 qd ubnd") == {4}
    assert index("dong tha*") == {1} and index("dong th*") == {1, 2}  # 'động; thu' is adjacent


@pytest.mark.parametrize("query", ["NOT x", "a OR", "(a", "a)", "a AND OR b", "()"])
def test_an_operator_without_two_sides_is_an_error_or_plain_words(query):
    with pytest.raises(SearchSyntaxError):
        to_match(query)
    lenient = to_match_lenient(query)  # Datasette's search box: the words, as one phrase
    assert lenient == {"NOT x": '"NOT x"', "a OR": '"a OR"', "a AND OR b": '"a AND OR b"',
                       "()": '"\ue000"'}.get(query, '"a"')


def test_an_empty_search_box_finds_every_row_with_text():
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize=\"{TOKENIZER}\")")
    con.executemany("INSERT INTO t (rowid, a, b) VALUES (?, ?, ?)",
                    [(1, index_text("Kế hoạch"), ""), (2, "", index_text("x")), (3, "", "")])
    for query in ("", '"', "*", "( )"):
        assert {r[0] for r in con.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_match_lenient(query),))} == {1, 2}


def test_the_phrases_of_a_query_are_its_runs_of_words():
    assert phrases('đầu tư OR "Đồng Tháp" NOT (dan so)') == [["đầu", "tư"], ["Đồng", "Tháp"], ["dan", "so"]]
    assert to_match("   ") == ""


def test_index_text_keeps_the_printed_form_in_nfc():
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "Đồng Tháp")
    assert index_text(decomposed).split("\n")[0] == "Đồng Tháp" and index_text(None) == ""


def test_a_final_i_or_y_after_a_consonant_is_one_letter_when_folded():
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize=\"{TOKENIZER}\")")
    for rowid, text in enumerate(["Tỷ lệ hộ nghèo", "tỉ lệ che phủ rừng", "kĩ thuật số", "Yên Bái, công ty"], 1):
        con.execute("INSERT INTO t (rowid, text) VALUES (?, ?)", (rowid, index_text(text)))

    def hits(q, exact=False):
        return {r[0] for r in con.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_match(q, exact),))}
    assert hits("tỷ lệ") == hits("tỉ lệ") == hits("ty le") == {1, 2}
    assert hits("tỷ lệ", exact=True) == {1}
    assert hits("kỹ thuật") == {3} and hits("yen bai") == {4} and hits("cong ty") == {4}


def test_old_and_new_tone_placement_are_one_word_as_typed():
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize=\"{TOKENIZER}\")")
    con.executemany("INSERT INTO t (rowid, text) VALUES (?, ?)",
                    [(1, index_text("Uỷ ban nhân dân tỉnh Hoà Bình")), (2, index_text("Ủy ban nhân dân tỉnh Hòa Bình"))])
    for query in ("Ủy ban", "Uỷ ban", "hoà bình", "Hòa Bình"):
        assert {r[0] for r in con.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_match(query, exact_only=True),))} == {1, 2}
