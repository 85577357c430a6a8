"""Run ``analyze()`` on a Dask cluster: a LocalCluster on this machine, or any running scheduler.

``--dask local`` starts a :class:`~distributed.LocalCluster` with one single-threaded worker
process per core (``local:N`` for N), ``--dask tcp://host:8786`` connects to a running cluster
(dask-kubernetes, dask-jobqueue, Coiled, ``dask scheduler`` + ``dask worker``; every worker
needs storyline and the spaCy model installed).  Then:

- one task per batch of articles (:func:`~storyline.runner.local.analyze_batch`, the very
  function the local runner calls), so a result never depends on where it ran;
- the spaCy model is loaded once per worker process: a worker plugin loads it when the
  worker starts (or restarts), and the runner's per-process cache keeps it;
- at most ``2 x`` the cluster's worker threads batches are in flight, so the client holds
  a bounded number of articles whatever the corpus size;
- results come back in input order (the store, and so the bundle, is the same byte for
  byte with or without Dask, with any number of workers);
- the low-level logs of Dask's message streams keep :data:`MESSAGE_LOG` messages, not Dask's
  1,000: each message carries a batch of articles, and a LocalCluster's scheduler lives in the
  client process, where the default logs held some 90 MB of old batches;
- a task that fails is retried (``retries``); a batch whose worker dies (segfault, out of
  memory: Dask's ``KilledWorker``) is split and its articles sent one by one, and an article
  that kills its worker on its own is reported as bad input (``E.ANALYSIS_FAILED``) while the
  build goes on.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import dask
from distributed import Client, KilledWorker, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from storyline.analyze.version import analysis_version
from storyline.errors import E, StorylineError, problem
from storyline.model import Article
from storyline.runner.local import Result, _analyzer, analyze_batch, batched, in_order
from storyline.settings import Settings

__all__ = ["MESSAGE_LOG", "BatchFn", "ModelPlugin", "analyze_stream_dask", "check_workers", "connect", "parse_target"]

BatchFn = Callable[[Sequence[Article], Settings], list[Result]]
"""What a task runs: a batch of articles -> one result per article, in order."""

RETRIES = 2
"""Extra attempts Dask makes for a task that raised (analysis errors are caught inside the
task, so this covers transient failures: a lost connection, a worker shut down mid-task)."""


MESSAGE_LOG = 16
"""Messages that each of Dask's message streams (client to scheduler, scheduler to worker) and
the scheduler's transition log keep for debugging (``distributed.admin.low-level-log-length``).
A message of this runner carries a whole batch of articles: with the default of 1,000, a
LocalCluster build's client grew by about 90 MB over its first 8,000 articles, then stayed there."""


def parse_target(target: str) -> tuple[str, int | None]:
    """``"local"`` -> ("local", None); ``"local:3"`` -> ("local", 3); a scheduler address is kept.

    Raises :class:`StorylineError` (``E.BAD_OPTION``) for anything else.
    """
    text = target.strip()
    if text == "local":
        return "local", None
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if count.isdigit() and int(count) >= 1:
            return "local", int(count)
        raise StorylineError(E.BAD_OPTION, detail=f"--dask {target!r}: local:N needs N >= 1")
    if "://" in text and text.split("://", 1)[1]:
        return text, None
    raise StorylineError(
        E.BAD_OPTION, detail=f"--dask {target!r}: use local, local:N or a scheduler address like tcp://host:8786"
    )


class ModelPlugin(WorkerPlugin):
    """A Dask worker plugin that loads the spaCy model when a worker (re)starts.

    The model then lives in the process-wide cache of :mod:`storyline.runner.local`, which
    every task's :func:`analyze_batch` reuses: one load per worker process, not per task.
    """

    name = "storyline-model"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        _analyzer(self.settings)

    def teardown(self, worker: Any) -> None:
        """Nothing to release: the model goes with the process."""


@contextlib.contextmanager
def connect(target: str, settings: Settings) -> Iterator[Client]:
    """A :class:`distributed.Client` for ``target`` (closing the LocalCluster it started, if any),
    with the model plugin registered on every worker."""
    address, workers = parse_target(target)
    with contextlib.ExitStack() as stack:
        # read when the streams are made: set before the cluster and the client exist
        stack.enter_context(dask.config.set({"distributed.admin.low-level-log-length": MESSAGE_LOG}))
        if address == "local":
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: 8787 may be taken (another build, a notebook)
                    silence_logs=40,  # logging.ERROR: a worker restart is reported by the runner
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(address, timeout="20s"))
            except OSError as exc:
                raise StorylineError(E.BAD_OPTION, detail=f"--dask: cannot reach {address}: {exc}") from exc
        client.register_plugin(ModelPlugin(settings), name=ModelPlugin.name)
        check_workers(client, settings)
        yield client


def check_workers(client: Any, settings: Settings, expected: str | None = None) -> None:
    """Refuse a cluster whose workers would analyse differently from this client.

    Each analysis is stored with the client's :func:`~storyline.analyze.version.analysis_version`;
    a worker with another storyline, spaCy or model would store analyses under the wrong name
    (and break the promise of the same bundle with or without Dask).  Workers that join later
    are not checked.  ``expected`` defaults to this client's own version.
    """
    mine = expected if expected is not None else analysis_version(settings.model)
    for address, theirs in sorted(client.run(analysis_version, settings.model).items()):
        if theirs != mine:
            raise StorylineError(
                E.BAD_OPTION,
                detail=f"--dask: worker {address} analyses as {theirs!r}, this client as {mine!r}; "
                "install the same storyline, spaCy and model on every worker",
            )


def _threads(client: Any) -> int:
    info = client.scheduler_info()
    return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))


def analyze_stream_dask(
    articles: Iterable[Article],
    settings: Settings,
    client: Any,
    *,
    batch_fn: BatchFn = analyze_batch,
) -> Iterator[tuple[Article, Result]]:
    """Yield ``(article, result)`` in input order, each batch analysed as one task on ``client``."""
    def submit(batch: list[Article]) -> Any:
        return client.submit(batch_fn, batch, settings, pure=False, retries=RETRIES)

    def collect(batch: list[Article], future: Any) -> list[Result]:
        try:
            return list(future.result())
        except KilledWorker:
            if len(batch) == 1:
                return [problem(batch[0].source, E.ANALYSIS_FAILED, detail="its analysis killed a Dask worker")]
            # one article is likely the culprit: find it by sending each one alone, one after the
            # other, so that a poisoned article takes no innocent neighbour down with its worker
            return [collect([article], submit([article]))[0] for article in batch]
        finally:
            future.release()

    yield from in_order(batched(articles, max(1, settings.batch_size)), submit, collect, window=2 * _threads(client))
