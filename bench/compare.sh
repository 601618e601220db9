#!/usr/bin/env bash
# Side-by-side speed and memory: docket against the tools a user would
# otherwise run, on the same files in one run, reported as ratios.
#
#   bench/compare.sh            # needs pdftotext, pandoc, python3 + pdfplumber
#
# Tools: poppler-utils (pdftotext), pandoc, qpdf (Debian); pdfplumber (PyPI).
# Scale: a synthetic 500-page plan (000.pdf repeated with qpdf) against the
# 10-page original, and a 1,000-document mixed batch of corpus copies; both
# are made in a temp folder and never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
m() { python3 bench/measure.py "$REPEAT" -- "$@"; }
need() { command -v "$1" >/dev/null || { echo "compare.sh: $1 not found ($2)" >&2; exit 2; }; }
need pdftotext "apt-get install poppler-utils"
need pandoc "apt-get install pandoc"
need qpdf "apt-get install qpdf"
python3 -c 'import pdfplumber' 2>/dev/null || { echo "compare.sh: pip install pdfplumber" >&2; exit 2; }

cargo build --release --quiet
bin=target/release/docket
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdfs=(corpus/rendered/*.pdf)
docxs=(corpus/rendered/*.docx)

row() { printf '%-44s %10s %10s %10s\n' "$@"; }
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr); $(date -u +%F)"
echo "best of $REPEAT runs; peak MiB = largest resident set of one process of the run; ÷ docket = its time over docket's (above 1: docket is faster)"
row "task" "seconds" "peak MiB" "÷ docket"

read -r d_pdf d_pdf_rss < <(m "$bin" extract "${pdfs[@]}" --out "$tmp/o1" --jobs 1)
read -r p_pdf p_pdf_rss < <(m sh -c 'for f in "$@"; do pdftotext -layout "$f" - >/dev/null; done' _ "${pdfs[@]}")
read -r pl_pdf pl_pdf_rss < <(m python3 bench/plumber_tables.py "${pdfs[@]}")
row "docket extract --jobs 1 (${#pdfs[@]} PDFs)" "$d_pdf" "$d_pdf_rss" "1.00"
row "pdftotext -layout" "$p_pdf" "$p_pdf_rss" "$(ratio "$p_pdf" "$d_pdf")"
row "pdfplumber extract_tables" "$pl_pdf" "$pl_pdf_rss" "$(ratio "$pl_pdf" "$d_pdf")"

read -r d_docx d_docx_rss < <(m "$bin" extract "${docxs[@]}" --out "$tmp/o2" --jobs 1)
read -r pd_docx pd_docx_rss < <(m sh -c 'for f in "$@"; do pandoc -t json "$f" >/dev/null; done' _ "${docxs[@]}")
row "docket extract --jobs 1 (${#docxs[@]} DOCX)" "$d_docx" "$d_docx_rss" "1.00"
row "pandoc -t json" "$pd_docx" "$pd_docx_rss" "$(ratio "$pd_docx" "$d_docx")"

# Scale 1: cost per page, 10 pages vs 500 pages.
src=corpus/rendered/000.pdf
pages=$(qpdf --show-npages "$src")
reps=$(( (500 + pages - 1) / pages ))
args=(); for _ in $(seq "$reps"); do args+=("$src"); done
qpdf --empty --pages "${args[@]}" -- "$tmp/big.pdf"
big_pages=$(qpdf --show-npages "$tmp/big.pdf")
read -r d_small _ < <(m "$bin" extract "$src" --out "$tmp/o3" --jobs 1)
read -r d_big d_big_rss < <(m "$bin" extract "$tmp/big.pdf" --out "$tmp/o4" --jobs 1)
per_small=$(python3 -c "print('%.5f' % ($d_small / $pages))")
per_big=$(python3 -c "print('%.5f' % ($d_big / $big_pages))")
row "plan, $pages pages (s/page)" "$per_small" "" "1.00"
row "plan, $big_pages pages (s/page)" "$per_big" "$d_big_rss" "$(ratio "$per_big" "$per_small")"

# Scale 2: a 1,000-document mixed batch on all cores.
mkdir -p "$tmp/batch"
files=(corpus/seeds/*.txt corpus/rendered/*.pdf corpus/rendered/*.docx)
i=0
while [ "$i" -lt 1000 ]; do
  f=${files[$((i % ${#files[@]}))]}
  cp "$f" "$tmp/batch/$i-$(basename "$f")"
  i=$((i + 1))
done
read -r d_batch d_batch_rss < <(m "$bin" extract "$tmp/batch" --out "$tmp/o5")
row "1,000-document mixed batch ($(nproc) cores)" "$d_batch" "$d_batch_rss" ""
