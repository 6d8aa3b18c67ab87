"""Run notebooks in a kernel that has no network, and record anything that tries to use one.

Two layers, so that a lesson can neither reach the network nor try to unnoticed:

* **Blocked**: where Linux allows it (root, or unprivileged user namespaces), the kernel runs
  under ``unshare --net``: a network namespace with no interface but loopback, so no connection
  can leave, whatever library makes it (Python or C). The kernel talks to its client over
  ``ipc`` (Unix socket files), which crosses network namespaces.
* **Noticed**: a Python audit hook in the kernel records every attempt to resolve a host name or
  connect/send to a non-loopback address (``socket.*`` events, ``urllib.Request``) in a log
  file, and makes the attempt fail (``OSError``) before any packet is sent.

Used by ``tests/test_offline.py`` and ``tests/test_static_site.py`` (through
:func:`OfflineRunner.execute`) and by ``tools/build_site.py --offline``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

__all__ = ["OfflineRun", "OfflineRunner", "isolation_prefix", "LAUNCHER_SOURCE"]

KERNEL_NAME = "gepnet-offline"

#: The kernel's launcher: install the audit hook, then start ipykernel as usual.
LAUNCHER_SOURCE = r'''
"""Start an ipykernel with an audit hook that records and refuses network use."""
import json
import os
import socket
import sys

_LOG = os.environ.get("GEPNET_NETLOG", "")
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "", None}
_RESOLVE = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
            "socket.gethostbyaddr", "socket.getnameinfo"}
_SEND = {"socket.connect", "socket.sendto", "socket.sendmsg"}


def _loopback(address):
    host = address[0] if isinstance(address, tuple) and address else address
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host)
    return host in _LOCAL_HOSTS or host.startswith("127.") or host == "::1"


def _record(event, detail):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({"event": event, "detail": detail}) + "\n")


def _hook(event, args):
    if event in _SEND:
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) == getattr(socket, "AF_UNIX", object()):
            return
        if _loopback(address):
            return
        _record(event, repr(address))
        raise OSError(101, f"network blocked (offline check): {event} {address!r}")
    if event in _RESOLVE:
        host = args[0]
        if isinstance(host, tuple):
            host = host[0]
        if _loopback(host):
            return
        _record(event, repr(host))
        raise OSError(101, f"network blocked (offline check): {event} {host!r}")
    if event == "urllib.Request":
        _record(event, str(args[0]))
        raise OSError(101, f"network blocked (offline check): {args[0]}")


sys.addaudithook(_hook)

if __name__ == "__main__":
    if sys.path and sys.path[0] == os.path.dirname(os.path.abspath(__file__)):
        del sys.path[0]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance()
'''


def isolation_prefix() -> list[str]:
    """The command prefix that puts the kernel in an empty network namespace, or ``[]``.

    Tries ``unshare --net`` (root) and ``unshare --net --map-root-user`` (user namespaces);
    brings the loopback interface up where ``ip`` exists (harmless if it fails).
    """
    unshare = shutil.which("unshare")
    if not unshare:
        return []
    candidates = [[unshare, "--net"], [unshare, "--net", "--map-root-user"]]
    if os.geteuid() != 0:
        candidates.reverse()
    for base in candidates:
        try:
            ok = subprocess.run([*base, "true"], capture_output=True, timeout=10).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        if ok:
            ip = shutil.which("ip")
            if ip:  # lo up, then exec the kernel (same process: signals reach it)
                return [*base, "sh", "-c", f'{ip} link set lo up 2>/dev/null; exec "$@"', "sh"]
            return base
    return []


@dataclass
class OfflineRun:
    """One notebook run in the offline kernel."""

    path: Path
    notebook: Any
    attempts: list[dict[str, str]]
    isolated: bool
    seconds: float
    stderr: list[str] = field(default_factory=list)


class OfflineRunner:
    """Executes notebooks in an offline kernel (see the module docstring).

    Parameters
    ----------
    workdir : path, optional
        Where the kernel spec, launcher, logs and connection files go (a short temporary folder
        by default, because Unix socket paths are limited to about 100 characters).
    timeout : int
        Seconds per cell.
    """

    def __init__(self, workdir: Path | None = None, timeout: int = 300) -> None:
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="gpo-"))
        self.timeout = timeout
        self.prefix = isolation_prefix()
        self.isolated = bool(self.prefix)
        self._kernels = self.workdir / "kernels"
        spec_dir = self._kernels / KERNEL_NAME
        spec_dir.mkdir(parents=True, exist_ok=True)
        launcher_dir = self.workdir / "launcher"
        launcher_dir.mkdir(exist_ok=True)
        self.launcher = launcher_dir / "gepnet_offline_launcher.py"
        self.launcher.write_text(LAUNCHER_SOURCE, encoding="utf-8")
        argv = [*self.prefix, sys.executable, str(self.launcher), "-f", "{connection_file}"]
        spec = {"argv": argv, "display_name": "Python 3 (offline check)", "language": "python",
                "interrupt_mode": "signal"}
        (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
        self._count = 0

    def execute(self, path: Path) -> OfflineRun:
        """Run every cell of ``path`` (in its own folder); return the run and the attempts log.

        Raises
        ------
        nbclient.exceptions.CellExecutionError
            If a cell raises.
        """
        import time

        self._count += 1
        log = self.workdir / f"net-{self._count}.jsonl"
        log.write_text("", encoding="utf-8")
        nb = nbformat.read(path, as_version=4)
        ksm = KernelSpecManager(kernel_dirs=[str(self._kernels)])
        km = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ksm, transport="ipc")
        km.connection_file = str(self.workdir / f"k{self._count}.json")
        env = {k: v for k, v in os.environ.items() if k not in {"MPLBACKEND", "JUPYTER_PATH"}}
        env["GEPNET_NETLOG"] = str(log)
        client = NotebookClient(
            nb, km=km, timeout=self.timeout, store_widget_state=False,
            resources={"metadata": {"path": str(Path(path).parent)}},
        )
        start = time.monotonic()
        try:
            client.execute(env=env)
        finally:  # nbclient shuts down only kernels it made itself
            if km.has_kernel:
                km.shutdown_kernel(now=True)
            km.cleanup_resources()
        took = time.monotonic() - start
        attempts = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()
                    if line.strip()]
        stderr = [
            "".join(o.get("text", ""))
            for cell in nb.cells if cell.cell_type == "code"
            for o in cell.get("outputs", [])
            if o.get("output_type") == "stream" and o.get("name") == "stderr"
        ]
        return OfflineRun(Path(path), nb, attempts, self.isolated, took, stderr)

    def cleanup(self) -> None:
        """Remove the work folder."""
        shutil.rmtree(self.workdir, ignore_errors=True)
