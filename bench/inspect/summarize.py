#!/usr/bin/env python3
"""Summarises bench/out/inspect/{ps,tree}-N.json (hyperfine exports) as markdown tables with
ratios against the procps reference: wall time (mean, min) and CPU time (user+system)."""
import json, pathlib, re, sys

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2] / "bench/out/inspect")
for kind, ref in (("ps", "procps ps -eo"), ("tree", "ps auxf")):
    files = sorted(out.glob(f"{kind}-*.json"), key=lambda p: int(re.findall(r"\d+", p.stem)[0]))
    if not files:
        continue
    print(f"\n{kind}: ratio = command / `{ref}` (lower is better)\n")
    print("| sleepers | command | wall mean ms | wall min ms | cpu (user+sys) ms | wall ratio | min ratio | cpu ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for f in files:
        n = re.findall(r"\d+", f.stem)[0]
        res = {r["command"]: r for r in json.loads(f.read_text())["results"]}
        base = res[ref]
        bcpu = base["user"] + base["system"]
        for name, r in res.items():
            cpu = r["user"] + r["system"]
            print(f"| {n} | {name} | {r['mean']*1000:.0f} | {r['min']*1000:.0f} | {cpu*1000:.0f} | "
                  f"{r['mean']/base['mean']:.2f} | {r['min']/base['min']:.2f} | {cpu/bcpu:.2f} |")
