"""The command line's summaries, on a small database built for the test."""
from __future__ import annotations

from click.testing import CliRunner

from tests.vnlegal.test_renders import record
from vnlegal.cli import cli
from vnlegal.store import build_database


def test_stats_counts_a_decision_once_and_names_the_preferred_file(tmp_path):
    db = tmp_path / "d.sqlite"
    build_database(db, [("seed.pdf", record("pdf", ocr=True, sha="1")), ("seed.txt", record("txt", sha="2")),
                        ("other.docx", record("docx", number="13/QĐ-UBND", sha="3"))])
    result = CliRunner().invoke(cli, ["stats", "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    by_locality = next(line for line in lines if "Thái Bình" in line and "Hưng Yên" in line)
    assert by_locality.split("│")[-2].strip() == "2"  # two decisions, not three files
    several = next(line for line in lines if "seed.txt" in line)
    assert "seed.pdf" in several and "born-digital text over OCR" in several
