#!/usr/bin/env python3
"""pdfplumber's default extract_tables() on every page of each PDF given (the
baseline a user would otherwise run)."""
import sys
import pdfplumber

for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        n = 0
        for page in pdf.pages:
            n += len(page.extract_tables())
    print(path, n)
