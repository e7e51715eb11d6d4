"""The dataset built from ../shared/corpus and corpus-real, once per session,
and a Datasette started on it in-process with the metadata vnlegal writes."""
from __future__ import annotations

import asyncio
import json
import shutil

import pytest

from tests.conftest import CORPUS, SHARED


@pytest.fixture(scope="session")
def real_dataset(tmp_path_factory):
    from vnlegal.dataset import build

    if not (SHARED / "corpus-real").exists():
        pytest.skip("../shared/corpus-real is not beside the project")
    src = tmp_path_factory.mktemp("in")
    for folder in (CORPUS, SHARED / "corpus-real"):
        for f in folder.glob("*.txt"):
            shutil.copy(f, src / f.name)
    out = tmp_path_factory.mktemp("out")
    summary = build([src], out, workers=2)
    assert summary.failed == 0 and summary.documents >= 20
    return out


def datasette_get(out, *requests, metadata=None):
    """Each (path, params) asked of a Datasette started on the built files:
    the JSON for a .json path, else the page's HTML."""
    app = pytest.importorskip("datasette.app")

    async def run():
        meta = metadata or json.loads((out / "datasette.json").read_text(encoding="utf-8"))
        ds = app.Datasette([str(out / "vnlegal.sqlite")], metadata=meta)
        await ds.invoke_startup()
        answers = []
        for path, params in requests:
            r = await ds.client.get(path, params=params)
            assert r.status_code == 200, (path, params, r.text[:300])
            answers.append(r.json() if path.endswith(".json") else r.text)
        return answers
    return asyncio.run(run())
