"""The per-document stage on a Dask cluster (two worker processes on 127.0.0.1) gives
the record a local run gives, and the store receives every batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.errors import PresswatchError
from presswatch.pipeline import run_analysis
from presswatch.settings import Settings
from presswatch.store import Store

pytest.importorskip("distributed")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORTS = sorted(str(p) for p in EXAMPLES.iterdir() if p.name != "README.md")


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_record_of_a_local_run(tmp_path: Path) -> None:
    settings = Settings(batch_size=2)
    local, _ = run_analysis(REPORTS, settings=settings, db=tmp_path / "local.db")
    on_dask, summary = run_analysis(
        REPORTS, settings=settings, db=tmp_path / "dask.db", cluster="local:2"
    )
    assert summary.analysed == len(local.documents) > 4  # several batches in flight
    assert on_dask == local
    with Store.open(tmp_path / "local.db") as one, Store.open(tmp_path / "dask.db") as two:
        assert two.counts() == one.counts()
        assert two.load_record() == one.load_record()


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(PresswatchError, match="cannot reach the scheduler"):
        run_analysis(
            REPORTS[:1], settings=Settings(), db=tmp_path / "p.db", cluster="tcp://127.0.0.1:9"
        )
