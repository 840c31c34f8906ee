# ruff: noqa: T201 - a console report
"""HTTP latency and throughput of the platform as `make run` serves it (gunicorn, preload, warm-up).

    .venv/bin/python benchmarks/http_bench.py                     # builds a demo in a temp dir
    .venv/bin/python benchmarks/http_bench.py --data-dir var      # an existing `make run` data dir

Starts `chanjiao serve` (gunicorn with config/gunicorn.conf.py, the task worker and the
scheduler) on a free local port and prints, for the main pages and APIs: the first request after
the start (cold), the median and p95 of the next requests (warm), then requests/s and the median
at 8 and 32 concurrent clients, an ordinary page while PDFs are downloaded, a PDF rendered by the
task worker while the run goes on, the memory of the web workers and of the task worker, and the
machine. Only 127.0.0.1 is contacted; every loop is bounded in count and time.
"""

import argparse
import concurrent.futures
import contextlib
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine_facts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
LOCALITY = "4504"

PATHS = (
    ("首页", "/"),
    ("供需信息", "/info/"),
    ("岗位列表", "/info/job/"),
    ("检索页", "/search/?q=" + quote("数控")),
    ("供需看板", f"/analytics/{LOCALITY}/"),
    ("需求预测", f"/forecasts/{LOCALITY}/"),
    ("信息接口", "/api/v1/listings/"),
    ("检索接口", "/api/v1/search?q=" + quote("护理")),
    ("专业接口", "/api/v1/majors"),
    ("职业识别接口", "/api/v1/occupations/classify/?title=" + quote("数控车工")),
)
LOAD_PATHS = ("/api/v1/listings/", "/api/v1/search?q=" + quote("护理"), "/")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "CHANJIAO_DATA_DIR": str(data_dir), "CHANJIAO_HTTPS": "0"}


def _set_up(data_dir: Path) -> None:
    """Build the demo exactly as `make run` does, without serving it."""
    steps = (
        ["migrate", "--noinput"],
        ["load_catalogs"],
        ["load_localities"],
        ["load_labor_market_stats"],
        ["load_warning_rules"],
        ["demo_data", "--locality", "梧州市", "--seed", "1"],
        ["run_periodic_tasks"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
    )
    for step in steps:
        started = time.perf_counter()
        subprocess.run(  # noqa: S603
            [str(BIN / "chanjiao"), *step],
            env=_env(data_dir),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"  准备 {' '.join(step[:1])}: {time.perf_counter() - started:.1f} s", flush=True)


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    return response.status, time.perf_counter() - started


@contextlib.contextmanager
def served(data_dir: Path) -> Iterator[tuple[int, int]]:
    """Serve the platform on a free local port as `make run` does (`chanjiao serve`: web server,
    task worker, scheduler); yield (port, pid of serve).

    All load comes from one address: the API's per-client rate limits would answer most of it
    with 429 (and keep a per-minute history of every request), so they are off here.
    """
    port = _free_port()
    env = {
        **_env(data_dir),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "CHANJIAO_THROTTLE_ANON": "none",
        "CHANJIAO_THROTTLE_USER": "none",
        "CHANJIAO_THROTTLE_CLASSIFY_ANON": "none",
        "CHANJIAO_THROTTLE_CLASSIFY_USER": "none",
    }
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "chanjiao"), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_ready(port, timeout=120)
        yield port, server.pid
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _wait_ready(port: int, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz-not-a-page/")
            conn.getresponse().read()
            return time.perf_counter() - started
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn 在 {timeout:.0f} 秒内没有开始服务")


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _command(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()


def _memory_mib(pid: int) -> tuple[float, float]:
    """Return a process's resident and proportional set sizes (MiB)."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        fields[key] = int(value.split()[0])
    return fields["Rss"] / 1024, fields["Pss"] / 1024


def _memory_report(serve_pid: int) -> None:
    """Print the memory of the web workers (children of gunicorn's master) and the task worker."""
    for child in _children(serve_pid):
        command = _command(child)
        if "gunicorn" in command:
            for index, worker in enumerate(_children(child), 1):
                rss, pss = _memory_mib(worker)
                print(f"网站工作进程 {index}：RSS {rss:.0f} MiB，PSS {pss:.0f} MiB")
        elif "db_worker" in command:
            rss, pss = _memory_mib(child)
            print(f"后台任务执行器（生成 PDF 等）：RSS {rss:.0f} MiB，PSS {pss:.0f} MiB")


def _load(port: int, path: str, clients: int, seconds: float) -> tuple[float, float, int]:
    """Return requests/s, the median latency and the error count for ``clients`` loops."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = 0
        for _ in range(100_000):  # bounded; the deadline ends it long before
            if time.perf_counter() >= deadline:
                break
            try:
                status, seconds_taken = _get(conn, path)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                bad += 1
                continue
            mine.append(seconds_taken)
            bad += status >= 400
        conn.close()
        with lock:
            latencies.extend(mine)
            errors += bad

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, statistics.median(latencies or [0.0]), errors


def _during_downloads(port: int, pdf_path: str, downloads: int = 4) -> None:
    """Time an ordinary page while ``downloads`` clients fetch the yearly PDF three times each."""
    done = threading.Event()
    download_times: list[float] = []

    def download() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for _ in range(3):
            status, seconds = _get(conn, pdf_path)
            download_times.append(seconds if status == 200 else float("nan"))
        conn.close()

    page_times: list[float] = []
    with concurrent.futures.ThreadPoolExecutor(downloads) as pool:
        futures = [pool.submit(download) for _ in range(downloads)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(600):  # bounded; ends when the downloads do
            if all(future.done() for future in futures):
                break
            page_times.append(_get(conn, "/info/")[1])
            time.sleep(0.05)
        conn.close()
        done.set()
    download_p50 = statistics.median(download_times) * 1000
    page_p50, page_max = statistics.median(page_times) * 1000, max(page_times) * 1000
    print(
        f"{downloads} 个并发下载 {pdf_path}（各 3 次）：下载 p50 {download_p50:.0f} ms；"
        f"同时 /info/ 请求 {len(page_times)} 次，p50 {page_p50:.1f} ms，最大 {page_max:.0f} ms"
    )


def _rendered_by_worker(port: int, pdf_path: str, timeout: float = 240.0) -> None:
    """Ask for a PDF nobody rendered yet: the request answers 202 at once, the worker renders it."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    status, first = _get(conn, pdf_path)
    started = time.perf_counter()
    while status == 202 and time.perf_counter() - started < timeout:
        time.sleep(1.0)
        status, _ = _get(conn, pdf_path)
    conn.close()
    print(
        f"未生成过的 {pdf_path}：首个请求 {first * 1000:.0f} ms（状态 202，排队由后台执行器生成），"
        f"{time.perf_counter() - started:.1f} s 后可下载（状态 {status}）"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an existing `make run` data directory")
    parser.add_argument("--requests", type=int, default=30, help="warm requests per path")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each load run")
    parser.add_argument(
        "--report", default=f"/analytics/reports/{LOCALITY}/2025.pdf", help="the PDF to download"
    )
    parser.add_argument(
        "--fresh-report",
        default=f"/analytics/reports/{LOCALITY}/2025-q2.pdf",
        help="a PDF not rendered in advance (rendered by the task worker during the run)",
    )
    args = parser.parse_args()

    print("机器：")
    for label, value in machine_facts():
        print(f"  {label}: {value}")
    with tempfile.TemporaryDirectory(prefix="chanjiao-http-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        if args.data_dir is None:
            print("准备演示数据（与 make run 相同）：", flush=True)
            _set_up(data_dir)
        started = time.perf_counter()
        with served(data_dir) as (port, pid):
            print(f"chanjiao serve 启动到可服务：{time.perf_counter() - started:.1f} s")
            _report(port, args)
            print()
            _during_downloads(port, args.report)
            _rendered_by_worker(port, args.fresh_report)
            _memory_report(pid)


def _report(port: int, args: argparse.Namespace) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    cold = {path: _get(conn, path) for _, path in PATHS}
    print(f"\n{'页面/接口':<12}{'状态':>6}{'首次(ms)':>10}{'热 p50':>9}{'热 p95':>9}")
    for label, path in PATHS:
        times = sorted(_get(conn, path)[1] for _ in range(args.requests))
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        status, first = cold[path]
        print(
            f"{label:<12}{status:>6}{first * 1000:>10.0f}"
            f"{statistics.median(times) * 1000:>9.1f}{p95 * 1000:>9.1f}"
        )
    conn.close()
    print(f"\n{'并发':<6}{'路径':<28}{'请求/秒':>9}{'p50(ms)':>9}{'错误':>6}")
    for clients in (8, 32):
        for path in LOAD_PATHS:
            rate, median, errors = _load(port, path, clients, args.seconds)
            print(f"{clients:<6}{path[:26]:<28}{rate:>9.1f}{median * 1000:>9.1f}{errors:>6}")


if __name__ == "__main__":
    main()
