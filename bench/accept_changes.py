#!/usr/bin/env python3
"""Accept every tracked change of a DOCX, as Word's Accept All does, so that
producers printing from an HTML export (which keeps deleted text) print the
same document as the LibreOffice PDF of the accepted copy.

Usage: bench/accept_changes.py IN.docx OUT.docx

Deleted runs (w:del, w:moveFrom), deleted rows (w:trPr/w:del) and comment
marks go; insertions (w:ins, w:moveTo) are unwrapped; a paragraph whose mark
was deleted and which keeps no text goes. Standard library only.
"""
import re
import sys
import zipfile


def accept(xml):
    xml = re.sub(r"<w:del\b[^>]*/>", "<DELMARK/>", xml)
    xml = re.sub(r"<w:del\b[^>]*>.*?</w:del>", "", xml, flags=re.S)
    xml = re.sub(r"<w:moveFrom\b[^>]*>.*?</w:moveFrom>", "", xml, flags=re.S)
    xml = re.sub(r"</?w:(ins|moveTo)\b[^>]*>", "", xml)
    # Rows marked deleted.
    xml = re.sub(r"<w:tr\b(?:(?!</w:tr>).)*?<w:trPr>(?:(?!</w:trPr>).)*<DELMARK/>.*?</w:tr>", "", xml, flags=re.S)
    # Paragraphs whose mark was deleted and that keep no text.
    def para(m):
        p = m.group(0)
        if "<DELMARK/>" in p and not re.search(r"<w:t\b[^>]*>[^<]+</w:t>", p):
            return ""
        return p
    xml = re.sub(r"<w:p\b(?:(?!<w:p\b).)*?</w:p>", para, xml, flags=re.S)
    xml = xml.replace("<DELMARK/>", "")
    xml = re.sub(r"<w:comment(RangeStart|RangeEnd)\b[^>]*/>", "", xml)
    xml = re.sub(r"<w:r>(?:(?!</w:r>).)*?<w:commentReference\b[^>]*/></w:r>", "", xml, flags=re.S)
    return xml


def main(src, dst):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = accept(data.decode("utf-8")).encode("utf-8")
            if item.filename == "word/comments.xml":
                continue
            zout.writestr(item, data)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
