"""``legacy2xbrl batch``: one manifest line per input, bad files isolated, resume after a kill,
the same bytes from 1 and 2 workers, time budgets, dead workers, and the Dask path."""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import SAMPLE

from converter.batch import (
    MANIFEST,
    BatchSettings,
    ManifestWriter,
    Record,
    Task,
    collect_inputs,
    failed,
    plan_batch,
    read_manifest,
)
from converter.cli import main
from converter.errors import ConverterError
from converter.progress import Progress
from converter.runners import WORKER_DIED, run_in_pool
from converter.settings import Options

FIELDS = {"input", "sha256", "status", "facts", "errors", "warnings", "seconds", "outputs", "options", "message"}


def copies(folder: Path, n: int) -> list[Path]:
    """``n`` copies of the sample under different names (so different outputs)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"innovo-{i}.txt" for i in range(n)]
    for path in paths:
        shutil.copyfile(SAMPLE, path)
    return paths


def manifest_lines(outdir: Path) -> list[dict]:
    return [json.loads(line) for line in (outdir / MANIFEST).read_text(encoding="utf-8").splitlines()]


def test_a_bad_file_fails_alone(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["batch", str(empty), str(SAMPLE), "-o", str(out), "--jobs", "1", "--no-validate"]) == 1
    lines = {Path(line["input"]).name: line for line in manifest_lines(out)}
    assert all(set(line) == FIELDS for line in lines.values())
    assert lines["empty.txt"]["status"] == "failed" and "empty file" in lines["empty.txt"]["message"]
    assert lines["empty.txt"]["outputs"] == [] and not list(out.glob("empty*"))
    good = lines[SAMPLE.name]
    assert good["status"] == "ok" and good["facts"] > 100
    assert "innovo-8k-2004-03-01.provenance.json" in good["outputs"]
    assert all((out / name).is_file() for name in good["outputs"])
    err = capsys.readouterr().err
    assert "2 inputs: 1 ok, 1 failed" in err and "Traceback" not in err


def test_resume_skips_what_is_done_and_ignores_a_cut_line(tmp_path):
    first, second, third = copies(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert main(["batch", str(first), "-o", str(out), "--jobs", "1", "--no-validate"]) == 0
    with open(out / MANIFEST, "a", encoding="utf-8") as manifest:
        manifest.write('{"input": "' + str(second) + '", "sha256": "ab')  # a kill in mid-line
    (out / ".innovo-1.abcd1234").mkdir()  # a staging folder a kill left behind
    assert main(["batch", str(tmp_path / "in"), "-o", str(out), "--jobs", "1", "--no-validate"]) == 0
    text = (out / MANIFEST).read_text(encoding="utf-8")
    assert text.count("\n") == 5  # 1 + the cut line, now ended + 3
    statuses = {(Path(r.input).name, r.status) for r in read_manifest(out / MANIFEST)}
    assert statuses == {("innovo-0.txt", "ok"), ("innovo-0.txt", "skipped"),
                        ("innovo-1.txt", "ok"), ("innovo-2.txt", "ok")}
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_options_change_means_convert_again(tmp_path):
    (sample,) = copies(tmp_path / "in", 1)
    out = tmp_path / "out"
    assert main(["batch", str(sample), "-o", str(out), "--jobs", "1", "--no-validate"]) == 0
    assert main(["batch", str(sample), "-o", str(out), "--jobs", "1", "--no-validate",
                 "--max-input-bytes", "1000000"]) == 0
    assert [line["status"] for line in manifest_lines(out)] == ["ok", "ok"]
    (out / "innovo-0.json").unlink()  # an output gone: the line no longer counts
    assert main(["batch", str(sample), "-o", str(out), "--jobs", "1", "--no-validate"]) == 0
    assert [line["status"] for line in manifest_lines(out)] == ["ok", "ok", "ok"]


def children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_resume_after_a_kill(tmp_path, jobs):
    inputs = copies(tmp_path / "in", 8)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "converter", "batch", str(tmp_path / "in"), "-o", str(out),
               "--jobs", jobs, "--no-validate"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if (out / MANIFEST).exists() and (out / MANIFEST).read_bytes().count(b"\n") >= 1:
            workers = children(process.pid) if Path("/proc").is_dir() else set()
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    process.wait()
    done_before = {r.input for r in read_manifest(out / MANIFEST)}
    assert 0 < len(done_before) < len(inputs), "the kill came too late to test anything"
    for path in out.glob("*.json"):  # what the kill left is whole: renamed into place complete
        json.loads(path.read_text(encoding="utf-8"))
    deadline = time.monotonic() + 10
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(workers), "workers outlived their batch"

    assert main(["batch", str(tmp_path / "in"), "-o", str(out), "--jobs", jobs, "--no-validate"]) == 0
    records = read_manifest(out / MANIFEST)
    converted = Counter(r.input for r in records if r.status == "ok")
    assert converted == Counter(str(p) for p in inputs)  # every input converted exactly once
    assert {r.input for r in records if r.status == "skipped"} == done_before
    assert all((out / name).is_file() for r in records for name in r.outputs)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_one_and_two_workers_write_the_same_bytes(tmp_path):
    copies(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    one, two = tmp_path / "one", tmp_path / "two"
    # validated on workers only: Arelle under the spawn context; validation does not change the bytes
    assert main(["batch", str(tmp_path / "in"), "-o", str(one), "--jobs", "1", "--no-validate"]) == 1
    assert main(["batch", str(tmp_path / "in"), "-o", str(two), "--jobs", "2", "--time-budget", "600"]) == 1
    names = sorted(p.name for p in one.iterdir() if p.name != MANIFEST)
    assert names == sorted(p.name for p in two.iterdir() if p.name != MANIFEST) and len(names) == 16
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name

    def summary(outdir):
        return sorted((r.input, r.sha256, r.status, r.facts, r.outputs) for r in read_manifest(outdir / MANIFEST))
    assert summary(one) == summary(two)
    assert {r.status for r in read_manifest(one / MANIFEST)} == {"ok", "failed"}


def test_dask_local_cluster(tmp_path):
    distributed = pytest.importorskip("distributed")
    copies(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert main(["batch", str(tmp_path / "in"), "-o", str(local), "--jobs", "1", "--no-validate"]) == 1
    with distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        code = main(["batch", str(tmp_path / "in"), "-o", str(remote), "--dask", cluster.scheduler_address,
                     "--no-validate"])
    assert code == 1
    statuses = {Path(r.input).name: r.status for r in read_manifest(remote / MANIFEST)}
    assert statuses == {"innovo-0.txt": "ok", "innovo-1.txt": "ok", "empty.txt": "failed"}
    for path in local.glob("innovo-*"):
        assert (remote / path.name).read_bytes() == path.read_bytes(), path.name


# --- the pool itself, with stand-in work functions (spawned workers import this module) --------

def stand_in(task: Task) -> Record:
    """Sleeps for ever on a file named slow*, dies on crash*, answers at once otherwise."""
    name = Path(task.input).name
    if name.startswith("slow"):
        time.sleep(600)
    if name.startswith("crash"):
        os._exit(1)
    return Record(task.input, "", "ok", message=f"pid {os.getpid()}")


def stand_in_tasks(tmp_path: Path, names: list[str]) -> list[Task]:
    return [Task(str(tmp_path / name), str(tmp_path), Options(), (), "h") for name in names]


def test_a_file_over_its_time_budget_is_stopped(tmp_path):
    records: list[Record] = []
    tasks = stand_in_tasks(tmp_path, ["quick-1", "slow", "quick-2", "quick-3"])
    run_in_pool(tasks, stand_in, 2, 3.0, records.append, failed)
    statuses = {Path(r.input).name: (r.status, r.message) for r in records}
    assert len(records) == 4
    assert statuses["slow"][0] == "failed" and "time budget of 3 s" in statuses["slow"][1]
    assert all(statuses[name][0] == "ok" for name in ("quick-1", "quick-2", "quick-3"))


def test_a_worker_that_dies_fails_only_its_file(tmp_path):
    records: list[Record] = []
    tasks = stand_in_tasks(tmp_path, ["quick-1", "crash", "quick-2", "quick-3", "quick-4"])
    run_in_pool(tasks, stand_in, 2, 0.0, records.append, failed)
    statuses = {Path(r.input).name: (r.status, r.message) for r in records}
    assert len(records) == 5
    assert statuses["crash"] == ("failed", WORKER_DIED)
    assert all(status == "ok" for name, (status, _) in statuses.items() if name != "crash")


# --- inputs, plan, manifest, progress ------------------------------------------------------------

def test_inputs_from_folders_and_lists(tmp_path):
    tree = tmp_path / "filings"
    for name in ("a.txt", "sub/b.htm", "sub/deep/c.HTML", "notes.json", ".git/d.txt", "out/e.txt"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("x", encoding="utf-8")
    listing = tmp_path / "todo.txt"
    listing.write_text("# to convert\n\nfilings/a.txt\n  filings/sub/b.htm  \nmissing.txt\n", encoding="utf-8")
    found = collect_inputs([tree], [listing], outdir=tree / "out")
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "filings/a.txt", "filings/sub/b.htm", "filings/sub/deep/c.HTML", "missing.txt"]


def test_the_same_output_name_twice_fails_the_second(tmp_path):
    first, second = tmp_path / "x" / "10-K.txt", tmp_path / "y" / "10-K.htm"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text("x", encoding="utf-8")
    tasks, records = plan_batch([first, second], BatchSettings(tmp_path / "out"))
    assert [t.input for t in tasks] == [str(first)]
    assert records[0].status == "failed" and "same output name '10-K'" in records[0].message


def test_one_batch_per_folder_at_a_time(tmp_path):
    with ManifestWriter(tmp_path / MANIFEST):
        with pytest.raises(ConverterError, match="another batch"):
            ManifestWriter(tmp_path / MANIFEST)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream,expected", [
    (io.StringIO(), "[1/4] ok a.txt (3 facts, 2.0 s) 0.50 files/s, ETA 00:00:06"),
    (Terminal(), "\r1/4 [######..................]  25% 0.50 files/s, ETA 00:00:06 a.txt"),
])
def test_progress_shows_rate_and_eta(stream, expected):
    ticks = iter([0.0, 2.0, 3.0])  # start, first file done, end
    progress = Progress(4, stream, clock=lambda: next(ticks))
    progress.update(Record("a.txt", "", "ok", facts=3, seconds=2.0))
    assert stream.getvalue().rstrip(" \n").startswith(expected)
    progress.close({"ok": 1, "failed": 0})
    assert stream.getvalue().rstrip().endswith("1 inputs: 1 ok in 00:00:03")


def test_usage_errors_exit_2(tmp_path, capsys):
    out = str(tmp_path / "out")
    assert main(["batch", "-o", out]) == 2
    assert main(["batch", str(SAMPLE), "-o", out, "--jobs", "0"]) == 2
    assert main(["batch", str(SAMPLE), "-o", out, "--time-budget", "5", "--dask", "tcp://127.0.0.1:1"]) == 2
    assert main(["batch", str(tmp_path), "-o", out]) == 2  # a folder with no filings
    assert "no input files found" in capsys.readouterr().err
