"""Hostile and careless input to `vnlegal extract` and `build`: every input is
one record or one named failure, nothing blocks, a bound set by option ends
an expensive file in one line, and a killed batch leaves no worker and no
temporary file behind. Each input is made here by a small generator; the slow
cases get small limits by option so that they are fast."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CORPUS, FIXTURES

DECISION = CORPUS / "003_8818a6dd09bafe72.txt"


def vnlegal(*args, timeout=300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "vnlegal.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, **kw)


def errors(stderr: str) -> dict[str, str]:
    """File name → reason, from the failure lines."""
    out = {}
    for line in stderr.splitlines():
        if line.startswith("vnlegal: error: "):
            where, _, reason = line[len("vnlegal: error: "):].partition(": ")
            out[Path(where).name] = reason
    return out


def summary(stderr: str) -> str:
    return stderr.strip().splitlines()[-1].split(" in ")[0]


# ---- PDFs written by hand: a few hundred bytes each -------------------------

def pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF of numbered object bodies (1: the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for n in sorted(objects):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objects[n] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for n in range(1, size):
        out += (b"%010d 00000 n \n" % offsets[n]) if n in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pages_pdf(n: int, lines: int = 0, size: tuple[int, int] = (595, 842)) -> bytes:
    """``n`` pages sharing one content stream of ``lines`` lines of text (0: blank pages)."""
    content = b" ".join(b"BT /F1 8 Tf 30 %d Td (QUYET DINH Dieu %d Can cu Luat To chuc chinh quyen dia phuong) Tj ET"
                        % (800 - 8 * i, i) for i in range(lines))
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: FONT, 4: stream(content)}
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d]" % size
    page += b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>" if lines else b" >>"
    for i in range(n):
        objs[10 + i] = page
    objs[2] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (10 + i) for i in range(n)) + b"] /Count %d >>" % n
    return pdf(objs)


def huge_scan_pdf(side: int = 14400) -> bytes:
    """One image-only page ``side`` points square (200 inches): 3,600 megapixels at 300 DPI."""
    return pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /XObject << /Im0 5 0 R >> >> "
                   b"/Contents 4 0 R >>" % (side, side),
                4: stream(b"q %d 0 0 %d 0 0 cm /Im0 Do Q" % (side, side)),
                5: stream(b"\x80", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                                   b"/BitsPerComponent 8")})


def looped_tree_pdf() -> bytes:
    """A page tree whose second branch holds the root again: pdfium gives page 1 three times."""
    return pdf({1: b"<< /Type /Catalog /Pages 2 0 R >>",
                2: b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 3 >>",
                3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> "
                   b"/Contents 4 0 R >>",
                4: stream(b"BT /F1 12 Tf 72 720 Td (QUYET DINH) Tj ET"),
                5: b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 2 0 R] /Count 2 >>",
                6: FONT})


def docx_bomb(path: Path, inflated: int) -> None:
    """A real DOCX whose document.xml is followed by ``inflated`` bytes of zeros:
    zeros deflate about a thousandfold, so the file stays small."""
    src = zipfile.ZipFile(FIXTURES / "docx" / "003_8818a6dd09bafe72.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                with out.open(item.filename, "w", force_zip64=True) as w:
                    w.write(data)
                    for _ in range(inflated >> 20):
                        w.write(bytes(1 << 20))
            else:
                out.writestr(item, data)


# ---- every input is one record or one named failure -------------------------

def test_two_inputs_of_one_name_are_two_records(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        shutil.copy(DECISION, tmp_path / d / "x.txt")
    r = vnlegal("extract", tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", "-o", tmp_path / "out", "-j", 1)
    assert r.returncode == 0, r.stderr
    assert summary(r.stderr) == "2 done, 0 failed, 0 skipped"
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.json")) == \
        ["a/x.json", "b/x.json"]


def test_a_record_never_overwrites_a_file_among_the_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DECISION, folder / "003.txt")
    gold = folder / "003.json"
    gold.write_text('{"document": "003", "meta": {}}')  # the user's own file, no record
    r = vnlegal("extract", folder, "-o", folder, "-j", 1)
    assert r.returncode == 1
    assert "is not a vnlegal record" in errors(r.stderr)["003.txt"]
    assert gold.read_text() == '{"document": "003", "meta": {}}'


def test_a_record_of_an_earlier_run_is_replaced(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DECISION, folder / "003.txt")
    assert vnlegal("extract", folder, "-o", folder, "-j", 1).returncode == 0
    r = vnlegal("extract", folder, "-o", folder, "-j", 1)
    assert r.returncode == 0, r.stderr
    assert summary(r.stderr) == "1 done, 0 failed, 1 skipped"  # its own record is no input
    assert json.loads((folder / "003.json").read_text())["source"]["file"] == "003.txt"


def test_outputs_that_would_clash_are_suffixed_and_said(tmp_path):
    from vnlegal.batch import plan
    for name in ("x.txt", "x.pdf", "x.txt.docx"):  # x.txt and x.pdf → x.txt.json, x.pdf.json; x.txt.docx → x.txt.json
        (tmp_path / name).write_bytes(b"-")
    found = plan([tmp_path], tmp_path / "out")
    outputs = sorted(j.output.name for j in found.jobs)
    assert outputs == ["x.pdf.json", "x.txt-2.json", "x.txt.json"]
    assert len(found.notes) == 1 and "x.txt-2.json" in found.notes[0]


def test_special_files_are_named_and_counted_and_never_block(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DECISION, folder / "good.txt")
    os.mkfifo(folder / "x.txt")
    os.symlink("loop", folder / "loop")          # a link to itself
    (folder / "sub").mkdir()
    os.symlink(folder, folder / "sub" / "back")  # a folder reached twice
    os.symlink("gone.txt", folder / "broken.txt")
    lone_fifo = tmp_path / "lone.txt"
    os.mkfifo(lone_fifo)
    r = vnlegal("extract", folder, lone_fifo, "-o", tmp_path / "out", "-j", 2, timeout=120)
    assert r.returncode == 1
    got = errors(r.stderr)
    assert got["x.txt"].startswith("a named pipe (FIFO)")
    assert got["lone.txt"].startswith("a named pipe (FIFO)")
    assert got["loop"] == "symbolic link loop"
    assert got["broken.txt"] == "broken symbolic link"
    assert "reached twice" in got["back"]
    assert summary(r.stderr) == "1 done, 5 failed, 0 skipped"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_files_and_folders_are_named(tmp_path):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(DECISION, folder / "secret.txt")
    (folder / "secret.txt").chmod(0)
    (folder / "locked").chmod(0)
    try:
        r = vnlegal("extract", folder, "-o", tmp_path / "out")
    finally:
        (folder / "locked").chmod(0o755)
    assert errors(r.stderr) == {"secret.txt": "cannot read file (Permission denied)",
                                "locked": "cannot read folder (Permission denied)"}
    assert r.returncode == 1


def test_a_file_name_that_is_not_utf8_gives_a_record_with_a_safe_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/quy\xe9t-\xff.txt"  # Latin-1 bytes, no UTF-8
    shutil.copy(DECISION, raw)
    r = vnlegal("extract", folder, "-o", tmp_path / "out", "-j", 1)
    assert r.returncode == 0, r.stderr
    [record] = list((tmp_path / "out").glob("*.json"))
    assert record.name == "quy%E9t-%FF.json"
    rec = json.loads(record.read_text(encoding="utf-8"))
    assert rec["source"]["file"] == "quy\ufffdt-\ufffd.txt"


# ---- limits -----------------------------------------------------------------

def test_a_file_over_the_time_limit_is_stopped_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "endless.pdf").write_bytes(pages_pdf(5000, lines=95))  # some 25 s of reading here
    shutil.copy(DECISION, folder / "good.txt")
    shutil.copy(DECISION, folder / "good2.txt")
    r = vnlegal("extract", folder, "-o", tmp_path / "out", "-j", 1, "--timeout", 5, "--max-pages", 0, timeout=120)
    assert r.returncode == 1
    assert "over the time limit of 5 s (--timeout)" in errors(r.stderr)["endless.pdf"]
    assert summary(r.stderr) == "2 done, 1 failed, 0 skipped"  # the worker was replaced
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.json", "good2.json"]


def test_an_input_over_the_size_bound_is_not_read(tmp_path):
    shutil.copy(DECISION, tmp_path / "big.txt")
    r = vnlegal("extract", tmp_path / "big.txt", "-o", tmp_path / "out", "--max-size", "4k")
    assert errors(r.stderr) == {"big.txt": "file of 8.1 KB is over the size limit of 4.0 KB (--max-size)"}
    assert r.returncode == 1


def test_bombs_and_damaged_page_trees_name_the_file_and_the_bound(tmp_path):
    docx_bomb(tmp_path / "bomb.docx", 3 << 20)
    (tmp_path / "long.pdf").write_bytes(pages_pdf(30, lines=1))
    (tmp_path / "huge.pdf").write_bytes(huge_scan_pdf())
    (tmp_path / "looped.pdf").write_bytes(looped_tree_pdf())
    r = vnlegal("extract", *sorted(tmp_path.glob("*.*")), "-o", tmp_path / "out", "-j", 2,
                "--max-part-size", "1M", "--max-pages", 20, timeout=300)
    got = errors(r.stderr)
    assert got["bomb.docx"] == ("DOCX part word/document.xml would expand to 3.0 MB, over the limit of "
                                "1.0 MB (--max-part-size)")
    assert got["long.pdf"] == "PDF of 30 pages is over the page limit of 20 (--max-pages)"
    assert "over the OCR limit of 80 (--max-ocr-megapixels); not rendered" in got["huge.pdf"]
    assert "page tree loops" in got["looped.pdf"]
    assert r.returncode == 1 and summary(r.stderr) == "0 done, 4 failed, 0 skipped"


def test_a_huge_scanned_page_among_text_pages_is_left_out_and_said(tmp_path):
    """The record is kept; the page that was not rendered is an issue, not a silent gap."""
    import io

    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(FIXTURES / "pdf" / "003_8818a6dd09bafe72.pdf")
    page = pdf.new_page(14400, 14400)
    image = pdfium.PdfImage.new(pdf)
    image.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("L", (2, 2), 128)))
    image.set_matrix(pdfium.PdfMatrix().scale(14400, 14400))
    page.insert_obj(image)
    page.gen_content()
    buf = io.BytesIO()
    pdf.save(buf)
    (tmp_path / "mixed.pdf").write_bytes(buf.getvalue())
    r = vnlegal("extract", tmp_path / "mixed.pdf", "-o", tmp_path / "out", "-j", 1)
    assert r.returncode == 0, r.stderr
    rec = json.loads((tmp_path / "out" / "mixed.json").read_text(encoding="utf-8"))
    assert rec["meta"]["number"] == "108/KH-UBND" and rec["source"]["pages"] == 5
    [issue] = [i for i in rec["issues"] if i["code"] == "read.page_too_large"]
    assert issue["where"] == "page 5" and "not rendered" in issue["detail"]


def test_a_huge_scan_image_is_refused_before_it_is_decoded(tmp_path):
    from PIL import Image
    Image.new("1", (12000, 12000), 1).save(tmp_path / "scan.png")  # 144 megapixels in some 40 KB
    r = vnlegal("extract", tmp_path / "scan.png", "-o", tmp_path / "out", "-j", 1)
    assert r.stderr.splitlines()[0] == (f"vnlegal: error: {tmp_path / 'scan.png'}: page 1: an image of 12000×12000 "
                                        f"pixels (144 megapixels) is over the OCR limit of 80 (--max-ocr-megapixels)")
    assert r.returncode == 1


def test_blank_pages_are_not_read_by_ocr(tmp_path):
    (tmp_path / "blank.pdf").write_bytes(pages_pdf(2000))
    r = vnlegal("extract", tmp_path / "blank.pdf", "-o", tmp_path / "out", "-j", 1, timeout=120)
    assert errors(r.stderr)["blank.pdf"] == "PDF has no text and nothing drawn to read by OCR (2000 blank pages)"


# ---- text -------------------------------------------------------------------

def test_control_characters_are_dropped_at_reading(tmp_path):
    text = DECISION.read_text(encoding="utf-8")
    # a few stray bytes, as a damaged copy has them (a text full of NULs is refused as binary)
    dirty = text.replace("Số: 108", "Số:\x00 108", 1).replace("KẾ HOẠCH", "KẾ\x00 HOẠCH\x07", 1) \
        .replace("Mê Linh, ngày", "Mê\x1b Linh, ngày", 1)
    assert dirty.count("\x00") == 2 and "\x1b" in dirty
    (tmp_path / "dirty.txt").write_text(dirty, encoding="utf-8")
    r = vnlegal("extract", tmp_path / "dirty.txt", "-o", tmp_path / "out", "-j", 1)
    assert r.returncode == 0, r.stderr
    raw = (tmp_path / "out" / "dirty.json").read_text(encoding="utf-8")
    assert "\\u0000" not in raw and "\\u0007" not in raw
    clean = json.loads((tmp_path / "out" / "dirty.json").read_text(encoding="utf-8"))
    ref = json.loads(vnlegal_record(tmp_path, DECISION))
    for field in ("doc_type", "number", "issued_date", "title", "locality"):
        assert clean["meta"][field] == ref["meta"][field], field
    assert clean["meta"]["number"] == "108/KH-UBND"


def vnlegal_record(tmp_path: Path, source: Path) -> str:
    out = tmp_path / "ref"
    assert vnlegal("extract", source, "-o", out, "-j", 1).returncode == 0
    return (out / f"{source.stem}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("depth", [300, 5000])
def test_html_nested_deeper_than_the_parser_limit_keeps_its_text(depth):
    from vnlegal.extract.html import read_html
    page = ("<html><body><p>ỦY BAN NHÂN DÂN TỈNH</p>" + "<div>" * depth + "<p>Điều 1. Phê duyệt Kế hoạch</p>"
            + "</div>" * depth + "<p>Nơi nhận: &amp; lưu</p></body></html>")
    doc = read_html(Path("deep.html"), page.encode("utf-8"))
    assert [b.text for b in doc.blocks] == ["ỦY BAN NHÂN DÂN TỈNH", "Điều 1. Phê duyệt Kế hoạch", "Nơi nhận: & lưu"]


# ---- process hygiene --------------------------------------------------------

def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(d.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left


def _busy_batch(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """A `-j 2` batch of slow PDFs, started; its parent and worker pids once both workers run."""
    folder = tmp_path / "in"
    folder.mkdir()
    slow = pages_pdf(5000, lines=95)
    for k in range(4):
        (folder / f"slow{k}.pdf").write_bytes(slow)
    p = subprocess.Popen([sys.executable, "-m", "vnlegal.cli", "extract", str(folder), "-o", str(tmp_path / "out"),
                          "-j", "2", "--timeout", "0", "--max-pages", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline:
        # the spawn context also starts a resource tracker: the workers are the two that run Python's spawn_main
        workers = [c for c in _children(p.pid) if b"spawn_main" in _cmdline(c)]
        if len(workers) == 2:
            break
        time.sleep(0.2)
    assert len(workers) == 2, "the batch did not start its two workers"
    time.sleep(1.5)  # inside their first file
    return p, workers


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_sigterm_to_the_parent_leaves_no_worker(tmp_path):
    p, workers = _busy_batch(tmp_path)
    p.send_signal(signal.SIGTERM)
    _, stderr = p.communicate(timeout=30)
    time.sleep(5)
    assert [w for w in workers if _alive(w)] == []
    assert p.returncode == 128 + signal.SIGTERM
    assert "stopped by SIGTERM" in stderr.decode()
    assert [f.name for f in (tmp_path / "out").glob(".*.tmp")] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_sigkill_to_the_parent_closes_the_pipe_and_the_workers(tmp_path):
    p, workers = _busy_batch(tmp_path)
    p.kill()
    p.wait(timeout=10)
    # `vnlegal extract -j 2 | cat` returns: no worker holds the pipe open
    t0 = time.monotonic()
    assert p.stdout.read() == b"" and p.stderr.read() is not None
    assert time.monotonic() - t0 < 10
    time.sleep(5)
    assert [w for w in workers if _alive(w)] == []


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".003_8818a6dd09bafe72.json.k2j4_x9a.tmp"
    stale.write_bytes(b'{"half": ')
    other = out / ".notes.txt.tmp"  # not ours: kept
    other.write_bytes(b"")
    r = vnlegal("extract", DECISION, "-o", out, "-j", 1)
    assert r.returncode == 0, r.stderr
    assert not stale.exists() and other.exists()
    assert (out / "003_8818a6dd09bafe72.json").exists()


# ---- build ------------------------------------------------------------------

def test_build_counts_every_input_and_refuses_special_files(tmp_path):
    for d in ("a", "b"):
        (tmp_path / "in" / d).mkdir(parents=True)
        shutil.copy(DECISION, tmp_path / "in" / d / "x.txt")
    shutil.copy(DECISION, os.fsencode(tmp_path / "in" / "b") + b"/quy\xe9t.txt")  # no UTF-8 name
    os.mkfifo(tmp_path / "in" / "b" / "pipe.txt")
    r = vnlegal("build", tmp_path / "in" / "a", tmp_path / "in" / "b", "-o", tmp_path / "ds", "-j", 1, timeout=600)
    assert r.returncode == 1
    assert errors(r.stderr)["pipe.txt"].startswith("a named pipe (FIFO)")
    assert summary(r.stderr).startswith("3 extracted, 0 unchanged, 0 removed, 1 failed, 0 skipped; 3 documents")
    state = json.loads((tmp_path / "ds" / "state.json").read_text(encoding="utf-8"))
    assert sorted(state) == ["a/x.json", "b/quy%E9t.json", "b/x.json"]
