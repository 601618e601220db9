#!/usr/bin/env bash
# Print the same plans with other PDF producers, to check that the PDF reader
# does not depend on LibreOffice's way of drawing tables.
#
# Usage: bench/producers.sh OUTDIR DOCX...
#
# For each NNN.docx (the LibreOffice PDF is taken from NNN.pdf beside it, else
# made with soffice) it writes, keyed like the gold by the first three
# characters:
#   NNN.lo.pdf        LibreOffice (the reference)
#   NNN.cairo.pdf     pdftocairo -pdf of the LibreOffice PDF (cairo redraws
#                     every path and re-encodes the fonts)
#   NNN.gs.pdf        Ghostscript pdfwrite of the LibreOffice PDF
#   NNN.chromium.pdf  headless Chromium printing LibreOffice's HTML export (of
#                     the copy with tracked changes accepted: accept_changes.py)
#   NNN.reportlab.pdf bench/reportlab_print.py: ReportLab Platypus, rows kept
#                     whole, standard-14 Helvetica
# Score with: ../shared/tools/scoreboard.sh target/release/docket OUTDIR ../shared/gold
# Needs soffice, poppler-utils, ghostscript, chromium and `pip install
# reportlab python-docx`. Nothing it makes is committed, except the few small
# prints kept in corpus/variants (see its README).
set -u
out=${1:?usage: producers.sh OUTDIR DOCX...}
shift
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out/html"
for docx in "$@"; do
  name=$(basename "$docx" .docx)
  src_pdf="$(dirname "$docx")/$name.pdf"
  if [ -f "$src_pdf" ]; then
    cp "$src_pdf" "$out/$name.lo.pdf"
  else
    soffice --headless --convert-to pdf --outdir "$out/html" "$docx" >/dev/null 2>&1
    mv "$out/html/$name.pdf" "$out/$name.lo.pdf"
  fi
  pdftocairo -pdf "$out/$name.lo.pdf" "$out/$name.cairo.pdf"
  gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -o "$out/$name.gs.pdf" "$out/$name.lo.pdf"
  # LibreOffice's HTML keeps tracked deletions: print the accepted copy.
  python3 "$here/accept_changes.py" "$docx" "$out/html/$name.docx"
  soffice --headless --convert-to html --outdir "$out/html" "$out/html/$name.docx" >/dev/null 2>&1
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/$name.chromium.pdf" "file://$out/html/$name.html" >/dev/null 2>&1
  python3 "$here/reportlab_print.py" "$docx" "$out/$name.reportlab.pdf"
done
