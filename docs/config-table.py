#!/usr/bin/env python3
"""Prints the README's configuration table from LockstepConfig's javadoc and @WithDefault values.

Usage: python3 docs/config-table.py > table.md   (run from the repository root)
"""
import re
import sys

SRC = "src/main/java/dev/lockstep/server/LockstepConfig.java"


def kebab(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def main():
    text = open(SRC, encoding="utf-8").read()
    # group accessor (e.g. "Git git();") -> prefix, from the top-level interface
    groups = {}
    for m in re.finditer(r"^  ([A-Z]\w*) (\w+)\(\);", text, re.M):
        if re.search(r"^  interface " + m.group(1) + r" \{", text, re.M):
            groups[m.group(1)] = kebab(m.group(2))
    rows = []
    current = None
    doc = None
    default = None
    for line in text.splitlines():
        m = re.match(r"^  interface (\w+) \{", line)
        if m:
            current = groups.get(m.group(1))
            continue
        s = line.strip()
        if s.startswith("/**"):
            doc = re.sub(r"^/\*\*|\*/$", "", s).strip()
            if not s.endswith("*/"):
                doc_lines = [doc]
                doc = doc_lines
            continue
        if isinstance(doc, list):
            if s.endswith("*/"):
                doc.append(s[:-2].lstrip("* ").strip())
                doc = " ".join(x for x in doc if x)
            else:
                doc.append(s.lstrip("* ").strip())
            continue
        m = re.match(r'@WithDefault\("(.*)"\)', s)
        if m:
            default = m.group(1)
            continue
        m = re.match(r"^([\w<>.]+) (\w+)\(\);$", s)
        if m and current is None and line.startswith("  ") and not line.startswith("    "):
            current = None
        if m and doc is not None:
            type_, name = m.group(1), m.group(2)
            if type_ in groups:  # a group accessor, not a key
                doc, default = None, None
                continue
            key = "lockstep." + (current + "." if current and line.startswith("    ") else "") + kebab(name)
            env = key.upper().replace(".", "_").replace("-", "_")
            d = default if default is not None else ("(unset)" if type_.startswith("Optional") else "")
            clean = re.sub(r"\{@code ((?:[^{}]|\{[^{}]*\})*)\}", r"`\1`", doc).replace("|", "\\|")
            rows.append(f"| `{key}` | `{env}` | {('`' + d + '`') if d and d != '(unset)' else d} | {clean} |")
            doc, default = None, None
    print("| key | environment variable | default | meaning |")
    print("|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    sys.exit(main())
