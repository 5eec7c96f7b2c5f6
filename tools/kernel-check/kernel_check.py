#!/usr/bin/python3
"""Runs notebooks through Jupyter's own client (nbclient) on their kernel and checks what a student would see.

    kernel_check.py [--param NAME=EXPR]... [--out DIR] [--timeout SECONDS] NOTEBOOK.ipynb...

Each notebook is read, given a cell with the --param assignments right after its cell tagged "parameters" (the
papermill convention, as `./course run --param` does), and executed top to bottom by nbclient in a fresh kernel whose
working folder is the notebook's own (so relative `#r "../lib/..."` paths resolve). The source notebook is never
written; the executed copy goes to DIR/<name>.ipynb and the kernel's own log to DIR/<name>.kernel.log.

A notebook fails when any output is an error, when the kernel dies or the notebook runs past --timeout, or when it
calls the course's chart API (`Plot.Something(...)`) yet no output arrives as a plotly figure
(application/vnd.plotly.v1+json, a JSON object with a "data" list), or such an output is not one.

Exit code: 0 when every notebook passed, 1 when one failed, 2 for a usage or set-up error.
Needs Debian's python3-nbclient (run it with /usr/bin/python3) and the notebooks' kernel (`./course kernel`).
"""
import argparse
import asyncio
import atexit
import json
import re
import shutil
import signal
import sys
import threading
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

PLOTLY = "application/vnd.plotly.v1+json"
CHART_CALL = re.compile(r"\bPlot\.[A-Z]\w*\s*\(")  # the course library's chart API: Plot.Line(...), Plot.Heatmap(...)
IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")


class UsageError(Exception):
    """The command line or the machine's set-up is wrong; the message says how to fix it."""


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived; the running kernel has been shut down."""


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="kernel_check.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK.ipynb")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=EXPR",
                        help="assign the C# expression EXPR to NAME after the parameters cell, e.g. solutions=true")
    parser.add_argument("--out", default="out/kernel-check", metavar="DIR",
                        help="folder for the executed notebooks and kernel logs (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=1800, metavar="SECONDS",
                        help="time allowed for one notebook, kernel start-up excluded (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.timeout <= 0:
        raise UsageError(f"--timeout expects a positive number of seconds, got {args.timeout:g}.")
    args.assignments = []
    for p in args.param:
        name, eq, expr = p.partition("=")
        if not eq or not IDENTIFIER.match(name.strip()) or not expr.strip():
            raise UsageError(f'--param expects NAME=EXPR with a C# variable name and expression, got "{p}".')
        args.assignments.append(f"{name.strip()} = {expr.strip()};")
    args.notebooks = [Path(n) for n in args.notebooks]
    for n in args.notebooks:
        if n.suffix != ".ipynb" or not n.is_file():
            raise UsageError(f"no such notebook: {n}.")
    args.out = Path(args.out)
    if any(args.out.resolve() == n.resolve().parent for n in args.notebooks):
        raise UsageError(f"--out {args.out} holds the source notebooks; choose another folder.")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / ".write-test").touch()
        (args.out / ".write-test").unlink()
    except OSError as e:
        raise UsageError(f"cannot write to --out {args.out}: {e.strerror}.") from e
    return args


def kernel_name(path):
    try:
        return nbformat.read(path, as_version=4).metadata.get("kernelspec", {}).get("name", "")
    except Exception as e:  # nbformat raises several kinds for a file that is not a notebook
        raise UsageError(f"{path} is not a readable notebook ({type(e).__name__}: {e}).") from e


def check_kernel(name):
    """Fails early, with the fix, when the kernel a notebook names cannot start."""
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel as e:
        raise UsageError(f'the Jupyter kernel "{name}" is not installed; run ./course kernel to install it.') from e
    if spec.argv[:2] == ["dotnet", "interactive"] and not shutil.which("dotnet-interactive"):
        raise UsageError('the kernel runs "dotnet interactive", but dotnet-interactive is not on PATH; '
                         'run ./course kernel, then add ~/.dotnet/tools to PATH.')


def inject(nb, assignments):
    """Adds the parameter cell right after the cell tagged "parameters", as papermill does."""
    if not assignments:
        return
    at = next((i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), None)
    if at is None:
        raise ValueError('no cell is tagged "parameters", so the --param values have nowhere to go')
    metadata = {k: v for k, v in nb.cells[at].metadata.items() if k != "tags"}
    source = "// Parameters injected by tools/kernel-check (--param).\n" + "\n".join(assignments)
    cell = nbformat.v4.new_code_cell(source, metadata=dict(metadata, tags=["injected-parameters"]))
    nb.cells.insert(at + 1, cell)


def execute(nb, cwd, timeout, log):
    """Runs nb in a fresh kernel on a worker thread, so this (main) thread can stop the kernel on SIGINT or SIGTERM.

    Returns the failure text, or None. nb receives the outputs, also when it fails part-way."""
    deadline = None  # set when the first cell starts: the kernel's start-up has its own limit (startup_timeout)
    current = None   # the cell running now
    stop = threading.Event()

    def on_cell_start(cell, cell_index):
        nonlocal deadline
        if stop.is_set():
            raise Interrupted("stop")  # ends the run before the next cell; nbclient then shuts the kernel down
        deadline = deadline or time.monotonic() + timeout

    def on_cell_execute(cell, cell_index):
        nonlocal current
        current = f"cell {cell_index + 1} (id {cell.get('id', '?')})"

    client = NotebookClient(nb, allow_errors=True, startup_timeout=300, resources={"metadata": {"path": str(cwd)}},
                            timeout_func=lambda cell: max(1, int(deadline - time.monotonic())),
                            on_cell_start=on_cell_start, on_cell_execute=on_cell_execute)
    loop = asyncio.new_event_loop()
    failure = None

    def work():
        nonlocal failure
        try:
            loop.run_until_complete(client.async_execute(stdout=log, stderr=log))
        except CellTimeoutError:
            failure = f"timed out after {timeout:g} s, in {current}"
        except DeadKernelError:
            failure = f"the kernel died in {current} (see the kernel log)"
        except Exception as e:  # a kernel that does not start, a broken message: this notebook fails, the others run
            failure = f"{type(e).__name__}: {e}"
        finally:  # nbclient may leave its output-polling task behind when a cell fails
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()
            if client.km is None:  # cleaned up; nbclient 0.7 keeps its exit hook when the kernel failed to start
                atexit.unregister(client._cleanup_kernel)

    worker = threading.Thread(target=work, name="nbclient")
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except Interrupted:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second signal must not leave the kernel running
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop.set()
        shutdown = None
        while worker.is_alive():  # stop the running cell too: shut the kernel down as soon as there is one
            if shutdown is None and client.km is not None and client.km.has_kernel:
                try:
                    shutdown = asyncio.run_coroutine_threadsafe(client.km.shutdown_kernel(now=True), loop)
                except RuntimeError:  # the worker closed its loop meanwhile: the kernel is already down
                    break
            worker.join(0.2)
        raise
    return failure


def plotly_figure(value):
    """True when value (a JSON object, or its text, as .NET Interactive sends it) is a plotly figure."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return False
    return isinstance(value, dict) and isinstance(value.get("data"), list)


def review(nb):
    """What is wrong with an executed notebook (empty when nothing is), and its number of charts."""
    problems, charts, chart_cells = [], 0, 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        chart_cells += bool(CHART_CALL.search(cell.source))
        outputs = cell.get("outputs", [])
        # The kernel reports a compile error as "compilation error", the compiler's messages going to a stream.
        compiler = [line for o in outputs if o.output_type == "stream" for line in o.text.splitlines() if ": error CS" in line]
        for output in outputs:
            if output.output_type == "error":
                message = (output.get("evalue") or output.get("ename") or "").strip().splitlines() or ["(no message)"]
                detail = compiler[0].strip() if message[0] == "compilation error" and compiler else message[0]
                problems.append(f"cell {index + 1} (id {cell.get('id', '?')}): {detail[:300]}")
            elif PLOTLY in output.get("data", {}):
                if plotly_figure(output.data[PLOTLY]):
                    charts += 1
                else:
                    problems.append(f"cell {index + 1} (id {cell.get('id', '?')}): its {PLOTLY} output is not a plotly figure")
    if chart_cells and not charts:
        problems.append(f"{chart_cells} cells call Plot.*, but no output arrived as {PLOTLY}")
    return problems, charts


def check(path, args):
    """Executes one notebook and prints its line of the summary; returns True when it passed."""
    name = path.stem
    started = time.monotonic()
    nb = nbformat.read(path, as_version=4)
    problems, charts = [], 0
    try:
        inject(nb, args.assignments)
        with open(args.out / f"{name}.kernel.log", "w") as log:
            failure = execute(nb, path.resolve().parent, args.timeout, log)
        problems, charts = review(nb)
        if failure:
            problems.insert(0, failure)
    except ValueError as e:
        problems = [str(e)]
    nbformat.write(nb, args.out / f"{name}.ipynb")
    cells = sum(c.cell_type == "code" for c in nb.cells)
    verdict = "FAIL" if problems else "ok"
    print(f"  {verdict:4}  {name:40} {time.monotonic() - started:5.0f} s  {cells} code cells, charts: {charts}", flush=True)
    for p in problems:
        print(f"        {p}", flush=True)
    return not problems


def interrupt(signum, _frame):
    raise Interrupted(signal.Signals(signum).name)


def main(argv):
    try:
        args = parse_args(argv)
        for kernel in sorted({kernel_name(n) for n in args.notebooks} - {""}):
            check_kernel(kernel)
    except UsageError as e:
        print(f"kernel-check: {e}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    params = "; ".join(args.assignments) or "none"
    print(f"kernel-check: {len(args.notebooks)} notebooks through nbclient, parameters: {params} "
          f"(up to {args.timeout:g} s each)", flush=True)
    passed = failed = 0
    try:
        for path in args.notebooks:
            if check(path, args):
                passed += 1
            else:
                failed += 1
    except Interrupted as e:
        print(f"kernel-check: stopped by {e}; the kernel was shut down", file=sys.stderr)
        # The stopped client's half-closed zmq and asyncio objects may be collected at exit, where Python reports their
        # destructors' errors as "Exception ignored in ... Traceback"; after a stop by signal that is noise, not news.
        sys.unraisablehook = lambda _unraisable: None
        return 130 if str(e) == "SIGINT" else 143
    print(f"executed notebooks and kernel logs: {args.out}/")
    print(f"kernel-check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
