"""The Dask engine on a LocalCluster of two workers on loopback: the same
records as the local engine, a bad file reported and the batch finished."""
from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import CORPUS, FIXTURES
from vnlegal.batch import plan, run_dask

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    c = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                 dashboard_address=None)
    yield c
    c.close()


def _inputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for stem in ("000_7343a46bed8251c6", "003_8818a6dd09bafe72"):
        shutil.copy(CORPUS / f"{stem}.txt", src / f"{stem}.txt")
    shutil.copy(FIXTURES / "docx" / "004_9fca6763afc4146e.docx", src / "004.docx")
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 10)
    return src


@pytest.mark.parametrize("gather", [False, True])
def test_dask_engine_writes_records_and_reports_the_bad_file(cluster, tmp_path, gather, capsys):
    src = _inputs(tmp_path)
    out = tmp_path / "out"
    jobs, _ = plan([src], out)
    summary = run_dask(jobs, scheduler=cluster.scheduler_address, gather=gather)
    assert (summary.done, summary.failed) == (3, 1)
    assert "broken.pdf" in summary.errors[0] and "corrupt PDF" in summary.errors[0]
    assert "broken.pdf" in capsys.readouterr().err
    rec = json.loads((out / "000_7343a46bed8251c6.json").read_text(encoding="utf-8"))
    assert rec["budget"]["table"]["grand_total"]["total_vnd"] == 8_360_000_000
    assert json.loads((out / "004.json").read_text(encoding="utf-8"))["meta"]["number"]
    assert not (out / "broken.json").exists()
