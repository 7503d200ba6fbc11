#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""List C functions by length: a function starts at a line '{' in column 0
after its signature and ends at the next '}' in column 0 (the project's style)."""
import sys, re, glob, os
limit = int(sys.argv[1]) if len(sys.argv) > 1 else 100
dirs = sys.argv[2:] or ['util','floorplans','survey','scanner','sim','recorder','heatmap','walker','cli','formats']
rows = []
for d in dirs:
    for f in sorted(glob.glob(d + '/**/*.c', recursive=True)):
        lines = open(f, errors='replace').read().split('\n')
        start = None
        for i, l in enumerate(lines):
            if l == '{' and start is None:
                j = i - 1
                while j > 0 and '(' not in lines[j]:
                    j -= 1
                m = re.search(r'(\w+)\s*\(', lines[j])
                start = (i, m.group(1) if m else '?', j)
            elif l.startswith('}') and start is not None:
                n = i - start[2] + 1
                if n >= limit:
                    rows.append((n, f, start[1]))
                start = None
for n, f, name in sorted(rows, reverse=True):
    print(f"{n:5d} {f}:{name}")
print(f"{len(rows)} functions >= {limit} lines")
