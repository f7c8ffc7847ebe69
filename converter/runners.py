"""Where a batch's Tasks run: a local process pool or a Dask cluster, reporting each Record as it ends.

    run_in_pool(tasks, work, jobs, budget, finish, lost)   spawn-context ProcessPoolExecutor
    run_on_dask(tasks, work, address, finish, lost)         distributed.Client, a window of futures

``work(task)`` returns a result that ``finish`` takes; a task that never returns one (over its
time budget, its worker died) is settled by ``finish(lost(task, message, seconds))``.

Arelle keeps one Session at a time per process, so parallelism means processes: a pool worker
runs one file at a time, and Dask workers should run one thread each (``--nthreads 1``).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from .errors import ConverterError

Task = Hashable  # anything picklable and hashable: the batch's frozen Task
Work = Callable[[Task], object]
Finish = Callable[[object], None]
Lost = Callable[[Task, str, float], object]

WORKER_DIED = ("the worker process died while converting this file (a crash, or killed for lack of "
               "memory); see the system log")


class PoolRunner:
    """Runs ``work`` on a process pool with at most ``jobs`` files handed over at once.

    Handing over no more files than there are workers makes a file's time on the clock its own:
    a file past its budget is reported failed and the pool is killed and made again, and the
    files that were running beside it start over. When a worker dies, the files that were in
    flight are run again one at a time, so the one that kills its worker is named alone.
    """

    def __init__(self, work: Work, jobs: int, budget: float, finish: Finish, lost: Lost) -> None:
        self.work, self.jobs, self.budget, self.finish, self.lost = work, jobs, budget, finish, lost
        self.pending: deque[Task] = deque()
        self.inflight: dict[Future, tuple[Task, float]] = {}
        self.suspects: set[Task] = set()
        self.executor = self._executor()

    def _executor(self) -> ProcessPoolExecutor:
        # spawn: a fresh interpreter per worker, the same on every platform, nothing inherited
        return ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=exit_with_parent, initargs=(os.getpid(),))

    def run(self, tasks: list[Task]) -> None:
        self.pending.extend(tasks)
        try:
            while self.pending or self.inflight:
                self._hand_over()
                done, _ = wait(self.inflight, timeout=self._time_to_deadline(), return_when=FIRST_COMPLETED)
                late = self._late()
                if late or any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                    self._restart(late)
                    continue
                for future in done:
                    task, _ = self.inflight.pop(future)
                    self.finish(self._outcome(future, task))
        except BaseException:
            _kill_workers(self.executor)  # Ctrl-C or a failed write: do not wait for long files
            raise
        finally:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _hand_over(self) -> None:
        while self.pending and len(self.inflight) < self.jobs:
            alone = self.pending[0] in self.suspects or any(t in self.suspects for t, _ in self.inflight.values())
            if alone and self.inflight:
                return
            task = self.pending.popleft()
            try:
                future = self.executor.submit(self.work, task)
            except BrokenProcessPool:  # a worker died since the last look: settle and start afresh
                self.pending.appendleft(task)
                self._restart(set())
                return
            self.inflight[future] = (task, time.monotonic())

    def _time_to_deadline(self) -> float | None:
        if not self.budget or not self.inflight:
            return None
        first = min(started for _, started in self.inflight.values())
        return max(0.0, first + self.budget - time.monotonic())

    def _late(self) -> set[Task]:
        now = time.monotonic()
        return {task for future, (task, started) in self.inflight.items()
                if self.budget and not future.done() and now - started >= self.budget}

    def _outcome(self, future: Future, task: Task):
        """What a finished future holds; None when its worker was lost before it could answer."""
        exc = future.exception()
        if exc is None:
            return future.result()
        if isinstance(exc, BrokenProcessPool):
            return None
        return self.lost(task, f"internal error (please report it): {type(exc).__name__}: {exc}", 0.0)

    def _restart(self, late: set[Task]) -> None:
        """Stop every worker, settle each file that was in flight, and start a fresh pool."""
        _kill_workers(self.executor)
        wait(self.inflight)
        interrupted = []
        for future, (task, started) in self.inflight.items():
            result = self._outcome(future, task)
            if result is not None:
                self.finish(result)
            elif task in late:
                self.finish(self.lost(task, f"over the time budget of {self.budget:g} s; stopped",
                                      time.monotonic() - started))
            elif not late and (task in self.suspects or len(self.inflight) == 1):
                self.finish(self.lost(task, WORKER_DIED, time.monotonic() - started))
            else:
                interrupted.append(task)
        if not late:  # a worker died on its own: one of these did it, find out which
            self.suspects.update(interrupted)
        self.pending.extendleft(reversed(interrupted))
        self.inflight.clear()
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._executor()


def exit_with_parent(parent: int) -> None:
    """Pool worker start-up: stop when the batch process is gone (kill -9), rather than live on orphaned."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """Stop the pool's workers now: Python 3.14 has ``kill_workers``, older ones only the private table."""
    if hasattr(executor, "kill_workers"):
        executor.kill_workers()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()


def run_in_pool(tasks: list[Task], work: Work, jobs: int, budget: float, finish: Finish, lost: Lost) -> None:
    PoolRunner(work, jobs, budget, finish, lost).run(tasks)


def run_on_dask(tasks: list[Task], work: Work, address: str, finish: Finish, lost: Lost) -> None:
    """The same per-file function on a Dask cluster; OUTDIR must be a folder every worker can write."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise ConverterError("--dask needs Dask distributed: pip install 'legacy2xbrl[dask]'") from exc
    try:
        client = Client(address, timeout="30s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConverterError(f"cannot reach the Dask scheduler at {address!r}: {exc}") from exc
    with client:
        window = 2 * max(1, sum(client.nthreads().values()))  # keep workers busy, not the scheduler
        queue, running, finished = deque(tasks), {}, as_completed()

        def submit_next() -> None:
            task = queue.popleft()
            future = client.submit(work, task, pure=False)
            running[future] = task
            finished.add(future)

        for _ in range(min(window, len(queue))):
            submit_next()
        for future in finished:
            task = running.pop(future)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker (KilledWorker) fails this file only
                result = lost(task, f"the Dask task failed: {type(exc).__name__}: {exc}", 0.0)
            finish(result)
            if queue:
                submit_next()
