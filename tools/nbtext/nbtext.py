#!/usr/bin/env python3
"""Round-trips course notebooks between .ipynb (Polyglot / .NET Interactive C# format) and a plain-text form.

The text form is easy to write and review: cells are separated by marker lines

    #%% md                          a markdown cell
    #%% csharp                      a C# code cell
    #%% csharp tags=parameters      a C# cell with tags (comma-separated)
    #%% csharp id=3f2a...           a cell id (kept by both directions; new ids are derived when absent)

Usage:
    nbtext.py to-ipynb  NOTEBOOK.txt [OUT.ipynb]    text -> notebook (outputs empty)
    nbtext.py to-text   NOTEBOOK.ipynb [OUT.txt]    notebook -> text (outputs dropped)
    nbtext.py check     NOTEBOOK.ipynb...           format, metadata and "no outputs" check; exit 1 on problems
"""
import hashlib
import json
import re
import sys
from pathlib import Path

KERNELSPEC = {"name": ".net-csharp", "display_name": ".NET (C#)", "language": "C#"}
NB_METADATA = {
    "kernelspec": KERNELSPEC,
    "language_info": {"name": "C#", "file_extension": ".cs", "mimetype": "text/x-csharp",
                      "pygments_lexer": "csharp"},
    "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp",
                                         "items": [{"name": "csharp", "aliases": []}]}},
}
CODE_METADATA = {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}
MARKER = re.compile(r"^#%%\s+(md|csharp)((?:\s+\w+=\S+)*)\s*$")


def _lines(text):
    lines = text.split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return [line + "\n" for line in lines[:-1]] + lines[-1:] if lines else []


def to_ipynb(text, name):
    cells, current = [], None
    for number, line in enumerate(text.split("\n"), 1):
        m = MARKER.match(line)
        if m:
            attrs = dict(a.split("=", 1) for a in m.group(2).split())
            unknown = set(attrs) - {"tags", "id"}
            if unknown:
                raise SystemExit(f"{name}:{number}: unknown marker attribute(s) {sorted(unknown)}; use tags= or id=")
            current = {"kind": m.group(1), "attrs": attrs, "body": []}
            cells.append(current)
        elif line.startswith("#%%"):
            raise SystemExit(f"{name}:{number}: bad cell marker {line!r}; write '#%% md' or '#%% csharp'")
        elif current is None:
            if line.strip():
                raise SystemExit(f"{name}:{number}: text before the first '#%%' marker")
        else:
            current["body"].append(line)
    out = []
    for index, c in enumerate(cells):
        body = "\n".join(c["body"]).strip("\n")
        cid = c["attrs"].get("id") or hashlib.sha1(f"{Path(name).stem}/{index}/{body[:200]}".encode()).hexdigest()[:12]
        tags = [t for t in c["attrs"].get("tags", "").split(",") if t]
        if c["kind"] == "md":
            cell = {"cell_type": "markdown", "id": cid, "metadata": {}, "source": _lines(body)}
        else:
            cell = {"cell_type": "code", "execution_count": None, "id": cid,
                    "metadata": json.loads(json.dumps(CODE_METADATA)), "outputs": [], "source": _lines(body)}
        if tags:
            cell["metadata"]["tags"] = tags
        out.append(cell)
    return {"cells": out, "metadata": NB_METADATA, "nbformat": 4, "nbformat_minor": 5}


def to_text(nb):
    parts = []
    for c in nb["cells"]:
        kind = "md" if c["cell_type"] == "markdown" else "csharp"
        attrs = f" id={c['id']}" if c.get("id") else ""
        tags = c.get("metadata", {}).get("tags")
        if tags:
            attrs += " tags=" + ",".join(tags)
        src = "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        parts.append(f"#%% {kind}{attrs}\n{src.rstrip()}\n")
    return "\n".join(parts)


def check(path):
    problems = []
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"{path}: not valid JSON ({e})"]
    if nb.get("nbformat") != 4 or nb.get("nbformat_minor", 0) < 5:
        problems.append(f"{path}: nbformat must be 4.5 (cell ids)")
    if nb.get("metadata", {}).get("kernelspec") != KERNELSPEC:
        problems.append(f"{path}: kernelspec must be {KERNELSPEC}")
    ids = set()
    for i, c in enumerate(nb.get("cells", [])):
        where = f"{path}: cell {i}"
        if c.get("id") in ids or not c.get("id"):
            problems.append(f"{where}: missing or duplicate id")
        ids.add(c.get("id"))
        if c.get("cell_type") == "code":
            if c.get("outputs") or c.get("execution_count") is not None:
                problems.append(f"{where}: has outputs; commit notebooks without outputs (nbtext.py to-text/to-ipynb strips them)")
            if c.get("metadata", {}).get("polyglot_notebook", {}).get("kernelName") != "csharp":
                problems.append(f"{where}: code cell lacks polyglot_notebook.kernelName = csharp")
    try:
        import nbformat
        nbformat.validate(nbformat.reads(json.dumps(nb), as_version=4))
    except ImportError:
        print(f"{path}: note: python module nbformat not installed, schema not validated "
              "(apt-get install python3-nbformat)", file=sys.stderr)
    except Exception as e:  # nbformat.ValidationError and friends
        problems.append(f"{path}: nbformat schema: {str(e).splitlines()[0]}")
    return problems


def main(argv):
    if len(argv) < 3 or argv[1] not in ("to-ipynb", "to-text", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    cmd, src = argv[1], Path(argv[2])
    if cmd == "check":
        problems = [p for f in argv[2:] for p in check(f)]
        print("\n".join(problems) if problems else f"{len(argv) - 2} notebook(s) OK")
        return 1 if problems else 0
    if cmd == "to-ipynb":
        dest = Path(argv[3]) if len(argv) > 3 else src.with_suffix(".ipynb")
        nb = to_ipynb(src.read_text(encoding="utf-8"), src.name)
        dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        dest = Path(argv[3]) if len(argv) > 3 else src.with_suffix(".txt")
        dest.write_text(to_text(json.loads(src.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"wrote {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
