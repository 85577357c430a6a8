"""The Dask runner on a real LocalCluster: order, bounded memory, dead workers, identical bundles."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import dask
import pytest
from conftest import EXAMPLES, ROOT, make_article
from distributed import Client, LocalCluster

from storyline.errors import E, StorylineError
from storyline.model import Article, ArticleAnalysis, Problem
from storyline.runner.dask import MESSAGE_LOG, analyze_stream_dask, check_workers, connect, parse_target
from storyline.runner.local import Result
from storyline.settings import Settings

pytestmark = pytest.mark.slow


def _fake_batch(batch: Sequence[Article], settings: Settings) -> list[Result]:
    """Analysis without the model: one empty analysis per article, in order."""
    return [ArticleAnalysis(article=a.id) for a in batch]


def _crashing_batch(batch: Sequence[Article], settings: Settings) -> list[Result]:
    """Kills its worker process outright (as a segfault would) when an article asks for it."""
    if any("KILL-THE-WORKER" in a.text for a in batch):
        os._exit(1)
    return [ArticleAnalysis(article=a.id) for a in batch]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    # a worker death fails its task at once (the default retries it on three more workers)
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                     silence_logs=50) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.mark.parametrize(
    ("target", "parsed"),
    [("local", ("local", None)), ("local:3", ("local", 3)), (" tcp://10.0.0.5:8786 ", ("tcp://10.0.0.5:8786", None))],
)
def test_targets_parse(target: str, parsed: tuple[str, int | None]) -> None:
    assert parse_target(target) == parsed


@pytest.mark.parametrize("target", ["", "local:0", "local:two", "cluster", "tcp://"])
def test_bad_targets_are_refused_with_the_option_named(target: str) -> None:
    with pytest.raises(StorylineError, match="--dask") as info:
        parse_target(target)
    assert info.value.error is E.BAD_OPTION


def test_results_come_back_in_input_order(client: Client) -> None:
    articles = [make_article(f"Article number {i} of the run.") for i in range(23)]
    results = list(analyze_stream_dask(articles, Settings(batch_size=4), client, batch_fn=_fake_batch))
    assert [a.id for a, _ in results] == [a.id for a in articles]
    assert all(isinstance(r, ArticleAnalysis) and r.article == a.id for a, r in results)


def test_only_a_bounded_number_of_batches_is_in_flight(client: Client) -> None:
    consumed = 0

    def articles() -> Iterator[Article]:
        nonlocal consumed
        for i in range(200):
            consumed += 1
            yield make_article(f"Streamed article {i}.")

    stream = analyze_stream_dask(articles(), Settings(batch_size=5), client, batch_fn=_fake_batch)
    next(stream)
    # 2 workers x 1 thread -> a window of 4 batches of 5: the client never read far ahead
    assert consumed <= 5 * 5
    assert len(list(stream)) == 199


def test_an_article_that_kills_its_worker_is_reported_and_the_rest_analysed(client: Client) -> None:
    articles = [make_article(f"Fine article {i}.", source=f"fine{i}.txt") for i in range(5)]
    articles.insert(2, make_article("This one has KILL-THE-WORKER in it.", source="poison.txt"))
    results = dict((a.source, r) for a, r in analyze_stream_dask(
        articles, Settings(batch_size=3), client, batch_fn=_crashing_batch
    ))
    bad = results.pop("poison.txt")
    assert isinstance(bad, Problem) and bad.code == E.ANALYSIS_FAILED.code
    assert "killed a Dask worker" in bad.message
    assert all(isinstance(r, ArticleAnalysis) for r in results.values())
    assert len(results) == 5


@pytest.mark.model
def test_bundle_is_byte_identical_with_and_without_dask(tmp_path: Path) -> None:
    bundles = []
    for name, extra in [("plain", []), ("one", ["--dask", "local:1"]), ("two", ["--dask", "local:2"])]:
        bundle = tmp_path / f"{name}.json"
        done = subprocess.run(
            [sys.executable, "-m", "storyline.cli", "build", str(EXAMPLES), "--db", str(tmp_path / f"{name}.db"),
             "--bundle", str(bundle), "--quiet", "--batch-size", "2", *extra],
            cwd=ROOT, capture_output=True, text=True, timeout=240,
        )
        assert done.returncode == 0, done.stderr
        bundles.append(bundle.read_bytes())
    assert bundles[0] == bundles[1] == bundles[2]


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "build", str(EXAMPLES), "--db", str(tmp_path / "x.db"),
         "--quiet", "--dask", "tcp://127.0.0.1:9"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 3
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert lines[-1].startswith("error: [E105] --dask: cannot reach tcp://127.0.0.1:9"), done.stderr


def test_workers_that_analyse_like_the_client_pass(client: Client) -> None:
    check_workers(client, Settings())


def test_a_worker_with_another_analyser_is_refused(client: Client) -> None:
    with pytest.raises(StorylineError, match="analyses as") as info:
        check_workers(client, Settings(), expected="an older storyline")
    assert info.value.error is E.BAD_OPTION
    assert "tcp://" in str(info.value)


def test_message_logs_keep_a_few_batches_not_a_thousand(tmp_path: Path) -> None:
    """Each task message carries a batch of articles: Dask's debugging logs of them stay short."""
    with connect("local:1", Settings(quiet=True)) as c:
        scheduler = c.cluster.scheduler
        logs = [c.scheduler_comm.recent_message_log, scheduler.transition_log]
        logs += [stream.recent_message_log for stream in scheduler.stream_comms.values()]
        assert len(logs) >= 3
        assert {log.maxlen for log in logs} == {MESSAGE_LOG}
        articles = [make_article(f"article {i}. " + "word " * 2000) for i in range(3 * MESSAGE_LOG)]
        done = list(analyze_stream_dask(articles, Settings(quiet=True, batch_size=1), c, batch_fn=_fake_batch))
        assert len(done) == len(articles)
        assert 0 < len(c.scheduler_comm.recent_message_log) <= MESSAGE_LOG
    # the setting is this runner's, not left behind for the rest of the process
    assert dask.config.get("distributed.admin.low-level-log-length") != MESSAGE_LOG
