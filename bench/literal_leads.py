#!/usr/bin/env python3
"""Make the "literal leads" layout of a rendered plan DOCX: every merged lead
cell that holds several blank-separated names is spread one name per row it
covers (as the 000 text export prints them), and the rows left blank below
are merged into the last name's cell. This is how a Word table made from
such an export looks; the gold still reads each as one merged cell.

Usage: bench/literal_leads.py IN.docx OUT.docx   (needs python-docx)
Then: soffice --headless --convert-to pdf OUT.docx
The lead column is taken to be the table's last column.
"""
import sys, copy, docx
from docx.oxml.ns import qn
src, dst = sys.argv[1], sys.argv[2]
d = docx.Document(src)
def vm(tc):
    pr = tc.tcPr
    if pr is None: return None
    v = pr.find(qn('w:vMerge'))
    if v is None: return None
    return v.get(qn('w:val')) or 'continue'
def set_vm(tc, val):
    pr = tc.get_or_add_tcPr()
    v = pr.find(qn('w:vMerge'))
    if v is not None: pr.remove(v)
    if val:
        v = pr.makeelement(qn('w:vMerge'), {}); 
        if val == 'restart': v.set(qn('w:val'), 'restart')
        pr.append(v)
def ptext(p): return ''.join(t.text or '' for t in p.iter(qn('w:t')))
n = 0
for tbl in d.tables:
    trs = tbl._tbl.findall(qn('w:tr'))
    rows = [tr.findall(qn('w:tc')) for tr in trs]
    ncol = max(len(r) for r in rows)
    lead = ncol - 1  # last column
    for i, r in enumerate(rows):
        if len(r) != ncol or vm(r[lead]) != 'restart': continue
        j = i + 1
        while j < len(rows) and len(rows[j]) == ncol and vm(rows[j][lead]) == 'continue': j += 1
        ps = r[lead].findall(qn('w:p'))
        groups, cur = [], []
        for p in ps:
            if ptext(p).strip(): cur.append(p)
            elif cur: groups.append(cur); cur = []
        if cur: groups.append(cur)
        span = j - i
        if len(groups) < 2 or span < len(groups): continue
        n += 1
        for k in range(span):
            tc = rows[i + k][lead]
            for p in tc.findall(qn('w:p')): tc.remove(p)
            if k < len(groups):
                for p in groups[k]: tc.append(copy.deepcopy(p))
                set_vm(tc, 'restart' if k == len(groups) - 1 and span > len(groups) else None)
            else:
                tc.append(tc.makeelement(qn('w:p'), {}))
                set_vm(tc, 'continue')
d.save(dst)
print("spread", n, "cells")
