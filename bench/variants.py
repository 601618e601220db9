#!/usr/bin/env python3
"""Make other layouts of the rendered corpus DOCX files, to check that docket
generalises beyond the exact files it was built on.

Usage: bench/variants.py OUTDIR [corpus/rendered]

Each variant edits the WordprocessingML of a rendered DOCX, keeping its text,
and is named NNN-<variant>.docx so the scoreboard keys it to gold NNN:
  nomerge   vertical merges undone: covered cells become empty cells
  noborder  every table border removed (a borderless table in the PDF)
  nohead    repeating header rows no longer marked (w:tblHeader removed)
  portrait  page turned to A4 portrait (cells wrap differently in the PDF)
  narrowfont  body text in a narrow serif font at 9 pt
Convert them to PDF with LibreOffice to check the PDF reader too:
  soffice --headless --convert-to pdf --outdir OUTDIR OUTDIR/*.docx
Then score: ../shared/tools/scoreboard.sh target/release/docket OUTDIR ../shared/gold
Standard library only; nothing it makes is committed.
"""
import re
import sys
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def nomerge(xml):
    xml = re.sub(r'<w:vMerge w:val="restart"\s*/>', "", xml)
    return re.sub(r"<w:vMerge\s*/>|<w:vMerge w:val=\"continue\"\s*/>", "", xml)


def noborder(xml):
    xml = re.sub(r"<w:tblBorders>.*?</w:tblBorders>", "", xml, flags=re.S)
    return re.sub(r"<w:tcBorders>.*?</w:tcBorders>", "", xml, flags=re.S)


def nohead(xml):
    return re.sub(r"<w:tblHeader(\s+w:val=\"[^\"]*\")?\s*/>", "", xml)


def portrait(xml):
    def fix(m):
        w, h = int(m.group(1)), int(m.group(2))
        return '<w:pgSz w:w="%d" w:h="%d"/>' % (min(w, h), max(w, h))
    xml = re.sub(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"[^/]*/>', fix, xml)
    # Fixed column widths of a landscape page would overflow: let Word/LO fit them.
    xml = re.sub(r'<w:tblW [^>]*/>', '<w:tblW w:w="5000" w:type="pct"/>', xml)
    xml = re.sub(r"<w:tblLayout w:type=\"fixed\"\s*/>", "", xml)
    return xml


def narrowfont(xml):
    xml = re.sub(r'w:ascii="[^"]*"', 'w:ascii="Liberation Serif"', xml)
    xml = re.sub(r'w:hAnsi="[^"]*"', 'w:hAnsi="Liberation Serif"', xml)
    return xml


VARIANTS = {"nomerge": nomerge, "noborder": noborder, "nohead": nohead, "portrait": portrait, "narrowfont": narrowfont}
PARTS = ("word/document.xml", "word/styles.xml")


def main():
    out = Path(sys.argv[1])
    src = Path(sys.argv[2] if len(sys.argv) > 2 else "corpus/rendered")
    out.mkdir(parents=True, exist_ok=True)
    for docx in sorted(src.glob("*.docx")):
        for name, fn in VARIANTS.items():
            target = out / ("%s-%s.docx" % (docx.stem, name))
            with zipfile.ZipFile(docx) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
                for item in zin.infolist():
                    data = zin.read(item.filename)
                    if item.filename in PARTS:
                        data = fn(data.decode("utf-8")).encode("utf-8")
                    zout.writestr(item, data)
            print(target)


if __name__ == "__main__":
    main()
