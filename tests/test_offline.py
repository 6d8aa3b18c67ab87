"""Every lesson runs with the network blocked: nothing fails, and nothing even tries.

Each ``notebooks/NN_*.ipynb`` is executed in a kernel inside an empty network namespace
(``unshare --net``) whose audit hook records and refuses any host lookup or connection
(``tools/offline_kernel.py``). A self-test shows that the harness notices an attempt.
"""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import nbformat
import pytest
from offline_runs import lesson_paths, run_offline, runner

IN_CI = os.environ.get("CI", "").strip().lower() == "true"


def test_lessons_are_found() -> None:
    names = [p.name for p in lesson_paths()]
    assert "03_tnm_staging.ipynb" in names and "_template.ipynb" not in names


def test_kernel_is_isolated_from_the_network() -> None:
    r = runner()
    if not r.isolated:
        message = "unshare --net is not available: only the audit hook guards the offline run"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    assert r.prefix[0].endswith("unshare")


def test_harness_notices_and_refuses_network_attempts(tmp_path: Path) -> None:
    """No packet is sent: the events are raised by hand (sys.audit), as a library would."""
    source = (
        "import socket, sys\n"
        "class S:\n    family = socket.AF_INET\n"
        "results = []\n"
        "for event, args in [('socket.getaddrinfo', ('example.invalid', 80, 0, 0, 0, 0)),\n"
        "                    ('socket.connect', (S(), ('192.0.2.1', 80))),\n"
        "                    ('urllib.Request', ('http://example.invalid/', None, {}, 'GET'))]:\n"
        "    try:\n        sys.audit(event, *args)\n        results.append('allowed')\n"
        "    except OSError:\n        results.append('refused')\n"
        "sys.audit('socket.connect', S(), ('127.0.0.1', 8888))  # loopback is not outbound\n"
        "print(results, sorted(n for _, n in socket.if_nameindex()))\n"
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    path = tmp_path / "probe.ipynb"
    nbformat.write(nb, path)
    run = runner().execute(path)
    assert [a["event"] for a in run.attempts] == [
        "socket.getaddrinfo", "socket.connect", "urllib.Request"]
    printed = run.notebook.cells[0].outputs[0]["text"]
    assert "['refused', 'refused', 'refused']" in printed
    if run.isolated:  # an empty network namespace: loopback only
        assert printed.strip().endswith("['lo']"), printed
    else:
        names = sorted(n for _, n in socket.if_nameindex())
        assert printed.strip().endswith(str(names))


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda p: p.stem)
def test_lesson_runs_offline_without_trying_the_network(path: Path) -> None:
    run = run_offline(path)  # raises CellExecutionError if any cell fails
    assert run.attempts == [], f"{path.name} tried to use the network: {run.attempts}"
    errors = [
        o for cell in run.notebook.cells if cell.cell_type == "code"
        for o in cell.outputs if o.output_type == "error"
    ]
    assert errors == []
    tracebacks = [s for s in run.stderr if re.search(r"Traceback|\b\w+Error\b:", s)]
    assert tracebacks == [], f"{path.name} wrote errors to stderr: {tracebacks}"
    code_cells = [c for c in run.notebook.cells if c.cell_type == "code" and c.source.strip()]
    assert all(c.execution_count for c in code_cells), "not every code cell ran"
    print(f"{path.name}: {len(code_cells)} code cells offline in {run.seconds:.1f} s "
          f"({'network namespace + audit hook' if run.isolated else 'audit hook only'})")
