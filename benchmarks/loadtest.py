"""How many learners one hub server holds: a class of simulated learners on a real local JupyterHub.

Run with ``make loadtest`` (``python -m benchmarks.loadtest``). Not part of CI: the full run takes
10-20 minutes. ``tests/test_loadtest.py`` runs a 2-learner, 20-second smoke version.

What it does
------------
* Starts JupyterHub (PyPI) on 127.0.0.1 with configurable-http-proxy (``./node_modules``), the
  shared-password authenticator and the local-process spawner, as the classroom test does
  (``tests/browser/test_hub_classroom.py``). Every process it starts carries the environment
  variable ``GEPNET_LOADTEST=<its folder>``; at the end the hub is stopped and any such process
  left is killed. Nothing listens beyond loopback.
* For each class size K: K learners get their own single-user server (spawned through the hub's
  REST API) and their own kernel, run every code cell of the lesson (Run All, over the kernel's
  websocket through the proxy, as JupyterLab does), then, for the test's duration, each changes
  one control of the lesson at random every 2 seconds (a random start offset, a random valid
  value), sending the ``comm_msg`` a browser sends. An update's time is from sending it to the
  kernel reporting idle for it: the callback has run and the new figure and readout have been
  sent back through the proxy.
* Reported per K: update p50 and p95, errors (cells or callbacks that raised, updates that timed
  out), memory per learner (single-user server plus kernel: RSS, and PSS, which shares libraries
  fairly between processes), the learners' CPU per learner, and the hub's and proxy's CPU.
* Also reported (``--lessons``): each lesson kernel's memory after Run All, in a plain kernel.

Everything is bounded: a deadline for each phase, a fixed number of learners, and a total
deadline (``--max-minutes``) after which the run stops itself.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from benchmarks.bench_explorers import percentile

ROOT = Path(__file__).resolve().parent.parent
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON = "03_tnm_staging.ipynb"
#: Seconds between a learner's changes, and the full run's class sizes and duration.
INTERVAL_S = 2.0
SIZES = (5, 10, 20, 30)
DURATION_S = 120.0
#: An update that takes longer than this counts as an error (timed out).
UPDATE_TIMEOUT_S = 30.0
CONTROL_MODELS = {"FloatSliderModel", "IntSliderModel", "DropdownModel", "CheckboxModel"}
MARKER = "GEPNET_LOADTEST"
MB = 1024 * 1024


# --- pure parts (tested in tests/test_loadtest.py) ----------------------------------------------


@dataclass
class ClassResult:
    """What one class size measured."""

    learners: int
    updates_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)  #: per learner: server + kernel
    pss_mb: list[float] = field(default_factory=list)
    learner_cpu_s: float = 0.0  #: all learners' servers and kernels, during the changes
    hub_cpu_s: float = 0.0
    proxy_cpu_s: float = 0.0
    seconds: float = 0.0  #: length of the change phase
    load: str = ""

    def row(self) -> dict[str, Any]:
        """The figures of one line of the report."""
        n = max(self.learners, 1)
        seconds = max(self.seconds, 1e-9)
        return {
            "K": self.learners,
            "updates": len(self.updates_ms),
            "p50_ms": percentile(self.updates_ms, 50) if self.updates_ms else float("nan"),
            "p95_ms": percentile(self.updates_ms, 95) if self.updates_ms else float("nan"),
            "errors": len(self.errors),
            "rss_mb": sum(self.rss_mb) / len(self.rss_mb) if self.rss_mb else float("nan"),
            "pss_mb": sum(self.pss_mb) / len(self.pss_mb) if self.pss_mb else float("nan"),
            "cores_per_learner": self.learner_cpu_s / seconds / n,
            "hub_cpu_pct": 100 * self.hub_cpu_s / seconds,
            "proxy_cpu_pct": 100 * self.proxy_cpu_s / seconds,
            "load": self.load,
        }


def format_report(results: Sequence[ClassResult]) -> str:
    """A plain-text table, one line per class size."""
    header = ("K", "updates", "p50 ms", "p95 ms", "errors", "RSS MB/learner", "PSS MB/learner",
              "cores/learner", "hub CPU %", "proxy CPU %", "load average")
    rows = []
    for r in results:
        d = r.row()
        rows.append((str(d["K"]), str(d["updates"]), f"{d['p50_ms']:.1f}", f"{d['p95_ms']:.1f}",
                     str(d["errors"]), f"{d['rss_mb']:.0f}", f"{d['pss_mb']:.0f}",
                     f"{d['cores_per_learner']:.3f}", f"{d['hub_cpu_pct']:.1f}",
                     f"{d['proxy_cpu_pct']:.1f}", d["load"]))
    widths = [max(len(x[i]) for x in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)).rstrip()
                     for line in [header, *rows])


def learners_that_fit(results: Sequence[ClassResult], memory_gb: float,
                      p95_limit_ms: float = 250.0, reserve_gb: float = 2.0) -> int:
    """Learners a server like the measuring one, with ``memory_gb`` of memory, holds.

    Responsiveness: the largest measured class size whose p95 stayed within ``p95_limit_ms``
    with no errors (only measured sizes count; nothing is extrapolated). Memory: (memory - a
    reserve for the system, hub and proxy) / the largest PSS per learner measured. The smaller.
    """
    ok = [r for r in results if r.updates_ms and not r.errors
          and percentile(r.updates_ms, 95) <= p95_limit_ms]
    by_latency = max((r.learners for r in ok), default=0)
    pss = max((max(r.pss_mb) for r in results if r.pss_mb), default=0.0)
    by_memory = int((memory_gb - reserve_gb) * 1024 // pss) if pss > 0 else 0
    return min(by_latency, by_memory)


def random_state(state: dict[str, Any], rng: random.Random) -> dict[str, Any] | None:
    """A valid new value for a control, as a browser sends it (None: nothing else to choose).

    ``state`` is the control's widget state (``_model_name``, ``value``, ``min``/``max``/``step``
    or ``_options_labels``/``index``).
    """
    name = state["_model_name"]
    if name == "CheckboxModel":
        return {"value": not state["value"]}
    if name == "DropdownModel":
        choices = [i for i in range(len(state["_options_labels"])) if i != state.get("index")]
        return {"index": rng.choice(choices)} if choices else None
    lo, hi, step = state["min"], state["max"], state["step"]
    count = round((hi - lo) / step)
    ks = [k for k in range(count + 1) if abs(lo + k * step - state["value"]) > step / 2]
    if not ks:
        return None
    value = lo + rng.choice(ks) * step
    return {"value": round(value) if name == "IntSliderModel" else round(value, 10)}


# --- a learner ----------------------------------------------------------------------------------


class Learner:
    """One simulated learner: a kernel on their own server, driven over its websocket."""

    def __init__(self, name: str, hub: str, token: str, rng: random.Random) -> None:
        self.name, self.hub, self.token, self.rng = name, hub, token, rng
        self.session = uuid.uuid4().hex
        self.states: dict[str, dict[str, Any]] = {}  #: widget model id -> state
        self.updates_ms: list[float] = []
        self.errors: list[str] = []
        self.ws: Any = None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    def start_kernel(self) -> None:
        import requests
        import websocket

        url = f"{self.hub}/user/{self.name}/api/kernels"
        response = requests.post(url, headers=self._headers(), json={"name": "python3"},
                                 timeout=120)
        response.raise_for_status()
        kernel = response.json()["id"]
        ws_url = url.replace("http://", "ws://") + f"/{kernel}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(ws_url, header=self._headers(), timeout=120)

    def _send(self, msg_type: str, content: dict[str, Any], channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "username": self.name,
                       "session": self.session, "version": "5.3",
                       "date": datetime.now(timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel,
            "buffers": []}))
        return msg_id

    def _until_idle(self, msg_id: str, timeout: float) -> bool:
        """Read messages (keeping widget states) until the kernel is idle for ``msg_id``."""
        from websocket import WebSocketTimeoutException

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                msg = json.loads(self.ws.recv())
            except (TimeoutError, WebSocketTimeoutException, ValueError):
                break  # a lost connection raises: the caller records it once and stops
            self._track(msg)
            parent = msg.get("parent_header", {}).get("msg_id")
            kind, content = msg.get("msg_type"), msg.get("content", {})
            if parent == msg_id and kind == "error":
                self.errors.append(f"{self.name}: {content.get('ename')}: {content.get('evalue')}")
            elif parent == msg_id and kind == "stream" and "Traceback" in content.get("text", ""):
                self.errors.append(f"{self.name}: traceback in a callback")
            if parent == msg_id and kind == "status" and content["execution_state"] == "idle":
                return True
        self.errors.append(f"{self.name}: no answer in {timeout:.0f} s")
        return False

    def _track(self, msg: dict[str, Any]) -> None:
        content = msg.get("content", {})
        if msg.get("msg_type") == "comm_open":
            self.states[content["comm_id"]] = dict(content["data"].get("state", {}))
        elif msg.get("msg_type") == "comm_msg" and content.get("data", {}).get("method") in (
                "update", "echo_update"):
            self.states.setdefault(content["comm_id"], {}).update(content["data"]["state"])

    def run_all(self, cells: Sequence[str]) -> None:
        """Execute the lesson's code cells in order (Run All); stop at the first cell that gets
        no answer (e.g. the kernel died and was restarted empty: its error is recorded)."""
        for code in cells:
            if not self._until_idle(self._send("execute_request", {
                    "code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True}), timeout=120):
                return

    def controls(self) -> list[str]:
        """Comm ids of the lesson's controls a learner can use now (shown and enabled)."""
        found = []
        for comm_id, state in self.states.items():
            if state.get("_model_name") not in CONTROL_MODELS or state.get("disabled"):
                continue
            if "gepnet-control" not in state.get("_dom_classes", ()):
                continue
            layout = self.states.get(str(state.get("layout", "")).removeprefix("IPY_MODEL_"), {})
            if layout.get("display") != "none":
                found.append(comm_id)
        return sorted(found)

    def change_one(self) -> bool:
        """Change one control at random and time the update. False: this learner cannot go on
        (no control to change: the lesson did not run; the error is recorded once)."""
        options = self.controls()
        if not options:
            self.errors.append(f"{self.name}: no control to change")
            return False
        comm_id = self.rng.choice(options)
        new = random_state(self.states[comm_id], self.rng)
        if new is None:
            return True
        self.states[comm_id].update(new)
        t0 = time.perf_counter()
        msg_id = self._send("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": new, "buffer_paths": []}})
        if self._until_idle(msg_id, UPDATE_TIMEOUT_S):
            self.updates_ms.append((time.perf_counter() - t0) * 1000)
        return True

    def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                self.ws.close()


# --- the hub ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _marked(marker: str) -> list[int]:
    """Processes (not this one) whose environment carries ``GEPNET_LOADTEST=<marker>``."""
    import psutil

    found = []
    for proc in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if proc.pid != os.getpid() and proc.environ().get(MARKER) == marker:
                found.append(proc.pid)
    return found


class Hub:
    """JupyterHub on 127.0.0.1 with an admin service token; stops itself and all it started."""

    def __init__(self, users: Sequence[str], work: Path) -> None:
        self.work = work
        self.token = secrets.token_hex(24)
        ports = {"hub": _free_port(), "api": _free_port(), "proxy_api": _free_port()}
        self.url = f"http://127.0.0.1:{ports['hub']}"
        config = self._write_config(users, ports)
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        env[MARKER] = str(work)
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        self.log = open(work / "jupyterhub.log", "wb")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env, cwd=work,
                                     start_new_session=True)

    def _write_config(self, users: Sequence[str], ports: dict[str, int]) -> Path:
        work = self.work
        args = ["--ServerApp.root_dir=" + str(ROOT / "notebooks")]
        if os.geteuid() == 0:
            args.insert(0, "--allow-root")  # as root, the single-user server refuses to start
        config = {
            "JupyterHub": {
                "bind_url": self.url, "hub_ip": "127.0.0.1", "hub_port": ports["api"],
                "db_url": f"sqlite:///{work}/jupyterhub.sqlite",
                "cookie_secret_file": str(work / "cookie_secret"),
                "pid_file": str(work / "jupyterhub.pid"),
                "authenticator_class": "shared-password",
                "spawner_class": "jupyterhub.spawner.SimpleLocalProcessSpawner",
                "cleanup_servers": True, "cleanup_proxy": True,
                "concurrent_spawn_limit": 0, "active_server_limit": 0,
                "services": [{"name": "loadtest", "api_token": self.token}],
                "load_roles": [{"name": "loadtest", "services": ["loadtest"], "scopes": [
                    "admin:users", "admin:servers", "access:servers", "tokens"]}],
            },
            "SharedPasswordAuthenticator": {"user_password": secrets.token_hex(8)},
            "Authenticator": {"allowed_users": list(users)},
            "ConfigurableHTTPProxy": {
                "api_url": f"http://127.0.0.1:{ports['proxy_api']}",
                "command": [str(CHP)], "pid_file": str(work / "proxy.pid"),
            },
            "Spawner": {
                "ip": "127.0.0.1",
                "cmd": [str(Path(sys.executable).parent / "jupyterhub-singleuser")],
                "args": args, "start_timeout": 300, "http_timeout": 300,
                "environment": {MARKER: str(work), "PYTHONPATH": str(ROOT)},
            },
            "SimpleLocalProcessSpawner": {"home_dir_template": f"{work}/home/{{username}}"},
        }
        path = work / "jupyterhub_config.py"
        lines = ["c = get_config()  # noqa: F821"]
        for section, values in config.items():
            lines += [f"c.{section}.{key} = {value!r}" for key, value in values.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        import requests

        response = requests.request(method, f"{self.url}/hub/api{path}", timeout=60,
                                    headers={"Authorization": f"token {self.token}"}, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def wait_ready(self, timeout: float = 90) -> None:
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with code {self.proc.returncode}; log: "
                                   f"{self.work / 'jupyterhub.log'}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError("jupyterhub did not start in time")

    def spawn(self, users: Sequence[str], timeout: float = 600) -> None:
        """Create the users and start their servers; wait until every one is ready."""
        for user in users:
            with contextlib.suppress(Exception):
                self.api("POST", f"/users/{user}")
            self.api("POST", f"/users/{user}/server")
        deadline = time.monotonic() + timeout
        waiting = set(users)
        while waiting and time.monotonic() < deadline:
            for user in list(waiting):
                server = self.api("GET", f"/users/{user}").get("servers", {}).get("", {})
                if server.get("ready"):
                    waiting.discard(user)
            time.sleep(1)
        if waiting:
            raise RuntimeError(f"servers not ready after {timeout:.0f} s: {sorted(waiting)}")

    def stop_servers(self, users: Sequence[str], timeout: float = 120) -> None:
        for user in users:
            with contextlib.suppress(Exception):
                self.api("DELETE", f"/users/{user}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not any(self.api("GET", f"/users/{u}").get("servers") for u in users):
                return
            time.sleep(1)

    def proxy_pid(self) -> int | None:
        import psutil

        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(self.proc.pid).children(recursive=True):
                if "configurable-http-proxy" in " ".join(child.cmdline()):
                    return child.pid
        return None

    def stop(self) -> list[int]:
        """Stop the hub (it stops the servers and the proxy); kill what is left. Returns it."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while _marked(str(self.work)) and time.monotonic() < deadline:
            time.sleep(0.3)
        left = _marked(str(self.work))
        for pid in left:  # only processes this run started (they carry its marker)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.log.close()
        return left


# --- measuring ----------------------------------------------------------------------------------


def _cpu_s(pid: int | None) -> float:
    import psutil

    if pid is None:
        return 0.0
    with contextlib.suppress(psutil.Error):
        t = psutil.Process(pid).cpu_times()
        return t.user + t.system
    return 0.0


def _learner_procs(work: Path, user: str) -> list[Any]:
    """The learner's single-user server and its kernels (they carry ``JUPYTERHUB_USER``)."""
    import psutil

    procs = []
    for proc in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            env = proc.environ()
            if env.get(MARKER) == str(work) and env.get("JUPYTERHUB_USER") == user:
                procs.append(proc)
    return procs


def _memory_mb(procs: Sequence[Any]) -> tuple[float, float]:
    import psutil

    rss = pss = 0.0
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            info = proc.memory_full_info()
            rss += info.rss / MB
            pss += getattr(info, "pss", info.rss) / MB
    return rss, pss


def _procs_cpu(procs: Sequence[Any]) -> float:
    return sum(_cpu_s(p.pid) for p in procs)


def _load() -> str:
    try:
        return "/".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def lesson_cells(notebook: str = LESSON) -> list[str]:
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / notebook, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def run_class(hub: Hub, size: int, duration: float, seed: int, verbose: bool = True,
              ) -> ClassResult:
    """K learners: spawn, Run All, then a change every :data:`INTERVAL_S` s each."""
    users = [f"learner{i:02d}" for i in range(1, size + 1)]
    result = ClassResult(size)
    rng = random.Random(seed)
    t0 = time.monotonic()
    hub.spawn(users)
    if verbose:
        print(f"K={size}: {size} servers ready in {time.monotonic() - t0:.0f} s", flush=True)
    learners = [Learner(u, hub.url, hub.token, random.Random(rng.random())) for u in users]
    cells = lesson_cells()

    def prepare(learner: Learner) -> None:
        try:
            learner.start_kernel()
            learner.run_all(cells)
        except Exception as err:  # a learner that cannot start is an error, not a crash
            learner.errors.append(f"{learner.name}: {type(err).__name__}: {err}")

    _in_threads(prepare, learners)
    if verbose:
        print(f"K={size}: Run All done in every kernel by {time.monotonic() - t0:.0f} s",
              flush=True)
    procs = {u: _learner_procs(hub.work, u) for u in users}
    hub_pid, proxy_pid = hub.proc.pid, hub.proxy_pid()
    cpu0 = (_cpu_s(hub_pid), _cpu_s(proxy_pid), sum(_procs_cpu(p) for p in procs.values()))
    start = time.monotonic()
    end = start + duration

    def drive(learner: Learner) -> None:
        if learner.ws is None:
            return
        tick = start + learner.rng.uniform(0, INTERVAL_S)
        while tick < end:
            time.sleep(max(0.0, tick - time.monotonic()))
            try:
                if not learner.change_one():
                    return
            except Exception as err:  # a broken connection is an error for this learner
                learner.errors.append(f"{learner.name}: {type(err).__name__}: {err}")
                return
            tick += INTERVAL_S

    _in_threads(drive, learners)
    result.seconds = time.monotonic() - start
    result.hub_cpu_s = _cpu_s(hub_pid) - cpu0[0]
    result.proxy_cpu_s = _cpu_s(proxy_pid) - cpu0[1]
    result.learner_cpu_s = sum(_procs_cpu(p) for p in procs.values()) - cpu0[2]
    for user in users:
        rss, pss = _memory_mb(procs[user])
        result.rss_mb.append(rss)
        result.pss_mb.append(pss)
    for learner in learners:
        result.updates_ms += learner.updates_ms
        result.errors += learner.errors
        learner.close()
    result.load = _load()
    hub.stop_servers(users)
    return result


def _in_threads(work: Any, learners: Sequence[Learner]) -> None:
    threads = [threading.Thread(target=work, args=(learner,), daemon=True) for learner in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def lesson_memory(notebooks: Sequence[str] | None = None) -> list[tuple[str, float, float]]:
    """(lesson, RSS MB, PSS MB) of a fresh kernel after running all its code cells."""
    import psutil
    from jupyter_client.manager import KernelManager

    found = []
    names = notebooks or sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for name in names:
        env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
        km = KernelManager(kernel_name="python3")
        km.start_kernel(cwd=str(ROOT / "notebooks"), env=env)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            for code in lesson_cells(name):
                kc.execute_interactive(code, timeout=180, output_hook=lambda _msg: None)
            info = psutil.Process(km.provisioner.process.pid).memory_full_info()
            found.append((name, info.rss / MB, getattr(info, "pss", info.rss) / MB))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    return found


@contextlib.contextmanager
def classroom(max_users: int) -> Iterator[Hub]:
    """A hub for up to ``max_users`` learners, stopped (and checked) on exit."""
    if not CHP.exists():
        raise RuntimeError("configurable-http-proxy is missing: `make node` installs it")
    work = Path(tempfile.mkdtemp(prefix="gepnet-loadtest-"))
    hub = Hub([f"learner{i:02d}" for i in range(1, max_users + 1)], work)
    try:
        hub.wait_ready()
        yield hub
    finally:
        left = hub.stop()
        if left:
            print(f"killed {len(left)} processes left after the hub stopped: {left}")
        shutil.rmtree(work, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="class sizes, comma-separated (default %(default)s)")
    parser.add_argument("--duration", type=float, default=DURATION_S,
                        help="seconds of changes per class size (default %(default)s)")
    parser.add_argument("--max-minutes", type=float, default=40,
                        help="stop after this long, whatever is left (default %(default)s)")
    parser.add_argument("--lessons", action="store_true",
                        help="also report each lesson kernel's memory after Run All")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    deadline = time.monotonic() + args.max_minutes * 60
    import psutil

    print(f"machine: {os.cpu_count()} CPUs, {psutil.virtual_memory().total / 1024**3:.1f} GB RAM,"
          f" Python {sys.version.split()[0]}; load average {_load()}; lesson {LESSON}; a change "
          f"every {INTERVAL_S:.0f} s per learner for {args.duration:.0f} s", flush=True)
    if args.lessons:
        print("kernel memory after Run All (fresh kernel per lesson):")
        for name, rss, pss in lesson_memory():
            print(f"  {name}: RSS {rss:.0f} MB, PSS {pss:.0f} MB", flush=True)
    results: list[ClassResult] = []
    with classroom(max(sizes)) as hub:
        for size in sizes:
            if time.monotonic() + args.duration + 60 > deadline:
                print(f"K={size}: skipped, the run's time limit ({args.max_minutes:.0f} min) "
                      "is near")
                break
            results.append(run_class(hub, size, args.duration, args.seed + size))
            print(format_report(results[-1:]).splitlines()[1], flush=True)
            for err in results[-1].errors[:5]:
                print(f"  error: {err}")
    print()
    print(format_report(results))
    print("memory per learner = the learner's single-user server + kernel (RSS counts shared "
          "libraries in full; PSS shares them); cores/learner = their CPU seconds per second")
    fit = learners_that_fit(results, 24)
    print(f"a server like this one ({os.cpu_count()} cores) with 24 GB holds at least {fit} "
          "learners: the largest class measured here with p95 <= 250 ms and no errors that "
          "24 GB of memory also allows (larger classes were not measured)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
