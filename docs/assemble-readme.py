#!/usr/bin/env python3
"""Builds README.md from docs/readme-head.md, the fragments in docs/fragments/ and docs/readme-tail.md.

Benchmark subsections (### Benchmark ...) are left out of the README: their figures live in
bench/README.md. Run from the repository root: python3 docs/assemble-readme.py
"""
import pathlib
import re

ORDER = ["parse", "rules", "policy", "rollout", "cluster", "source", "serve", "channels", "chart"]
root = pathlib.Path(__file__).resolve().parent.parent
docs = root / "docs"


def without_benchmarks(text):
    out, skipping = [], False
    for line in text.splitlines():
        if re.match(r"^#{2,3} ", line):
            skipping = bool(re.match(r"^### .*[Bb]enchmark", line))
        if not skipping:
            out.append(line)
    return "\n".join(out).strip() + "\n"


parts = [(docs / "readme-head.md").read_text()]
for name in ORDER:
    f = docs / "fragments" / f"{name}.md"
    if f.exists():
        parts.append(without_benchmarks(f.read_text()))
parts.append((docs / "readme-tail.md").read_text())
(root / "README.md").write_text("\n".join(p.strip() + "\n" for p in parts))
print("README.md:", sum(p.count("\n") for p in parts), "lines")
