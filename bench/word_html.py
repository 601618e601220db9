#!/usr/bin/env python3
"""Save a DOCX as Microsoft Word saves a document as a web page, to test the
HTML reader on Word's own markup without Word.

Usage: bench/word_html.py [--filtered] IN.docx OUT.htm

Word writes two kinds of page, and this writes either:

- "Web Page" (the default): the Office namespaces (xmlns:v/o/w/m), a
  windows-1252 charset meta with the text in windows-1252 bytes (characters
  outside it as numeric references, &#8209;), `<o:p></o:p>` closing every
  paragraph, `class=MsoNormal` / `MsoTableGrid` / `MsoTitle` /
  `MsoListParagraphCxSpFirst`, `style='mso-...'` attributes, `<span
  lang=EN-GB>` around every run, `&nbsp;` for empty paragraphs,
  downlevel-revealed conditionals around list labels (`<![if
  !supportLists]>` ... `<![endif]>`), `mso-tab-count` spans, tracked changes
  as `<span class=msoIns><ins cite=...>` / `<span class=msoDel><del>`,
  content controls as `<w:Sdt>` elements with placeholder text in `class=
  MsoPlaceholderText`, comment anchors (`<a class=msocomanchor>[RL1]</a>`)
  and the comment list at the end (`<div style='mso-element:comment-list'>`),
  and source lines wrapped at about 76 characters (inside text and tags).
- "Web Page, Filtered" (`--filtered`): the same body with the Office
  namespaces, `<o:p>`, `mso-` styles and conditionals removed, and every
  character outside ASCII as a named entity where HTML 4 has one (`&rsquo;`,
  `&ndash;`, `&pound;`), else numeric.

Both keep Word's table markup: `rowspan` for vertical merges (continuation
cells left out), `colspan` for grid spans, cell shading as `background:`
(a colour name where CSS has Word's, else `#RRGGBB`), no `<thead>`. Page
headers and footers go to a side file in Word's save and are left out here.

Score a folder of them with bench/producer_table.py (name them
NNN.word.htm / NNN.wordf.htm beside bench/producers.sh's prints): it lists
any field holding entity or tag text. Standard library only.
"""
import html.entities
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMED_COLOURS = {"FF0000": "red", "FFFF00": "yellow", "00FF00": "lime", "0000FF": "blue",
                 "008000": "green", "FFC000": None, "000000": "black", "FFFFFF": "white"}


def w(tag):
    return W + tag


def val(el, tag, attr="val"):
    if el is None:
        return None
    c = el.find(w(tag))
    return None if c is None else c.get(w(attr), "")


class Doc:
    def __init__(self, path, filtered):
        self.filtered = filtered
        z = zipfile.ZipFile(path)
        names = set(z.namelist())
        self.body = ET.fromstring(z.read("word/document.xml")).find(w("body"))
        self.styles = {}
        if "word/styles.xml" in names:
            for s in ET.fromstring(z.read("word/styles.xml")).iter(w("style")):
                n = s.find(w("name"))
                self.styles[s.get(w("styleId"))] = n.get(w("val")) if n is not None else ""
        self.numbering = {}
        if "word/numbering.xml" in names:
            self.load_numbering(ET.fromstring(z.read("word/numbering.xml")))
        self.comments = []
        self.comment_ids = {}
        if "word/comments.xml" in names:
            for c in ET.fromstring(z.read("word/comments.xml")).iter(w("comment")):
                self.comment_ids[c.get(w("id"))] = len(self.comments) + 1
                text = " ".join("".join(t.text or "" for t in p.iter(w("t"))) for p in c.iter(w("p")))
                self.comments.append((c.get(w("initials")) or "", c.get(w("author")) or "", text))
        self.counters = {}
        self.list_run = 0
        self.lists = {}

    def load_numbering(self, root):
        abstract = {}
        for a in root.iter(w("abstractNum")):
            lv = {}
            for l in a.iter(w("lvl")):
                lv[l.get(w("ilvl"))] = (val(l, "numFmt") or "decimal", val(l, "lvlText") or "")
            abstract[a.get(w("abstractNumId"))] = lv
        for n in root.iter(w("num")):
            aid = val(n, "abstractNumId")
            self.numbering[n.get(w("numId"))] = abstract.get(aid, {})

    # --- characters -----------------------------------------------------
    def esc(self, s):
        out = []
        for ch in s:
            if ch == "&":
                out.append("&amp;")
            elif ch == "<":
                out.append("&lt;")
            elif ch == ">":
                out.append("&gt;")
            elif ch == "\u00a0":
                out.append("&nbsp;")
            elif ord(ch) < 128:
                out.append(ch)
            elif self.filtered:
                name = html.entities.codepoint2name.get(ord(ch))
                out.append("&%s;" % name if name else "&#%d;" % ord(ch))
            else:
                try:
                    ch.encode("cp1252")
                    out.append(ch)
                except UnicodeEncodeError:
                    out.append("&#%d;" % ord(ch))
        return "".join(out)

    def mso(self, style):
        """A style attribute's declarations, less Word's own in a filtered save."""
        if self.filtered:
            style = ";".join(d for d in style.split(";") if d and not d.startswith("mso-"))
        return style

    def style_attr(self, style):
        style = self.mso(style)
        return " style='%s'" % style if style else ""

    # --- runs -------------------------------------------------------------
    def run(self, r, para_bold, wrap=None):
        rpr = r.find(w("rPr"))
        bold = para_bold
        if rpr is not None and rpr.find(w("b")) is not None:
            bold = rpr.find(w("b")).get(w("val")) not in ("0", "false")
        size = val(rpr, "sz")
        sup = val(rpr, "vertAlign") == "superscript"
        rstyle = val(rpr, "rStyle")
        parts = []
        for c in r:
            if c.tag in (w("t"), w("delText")):
                parts.append(self.esc(c.text or ""))
            elif c.tag == w("tab"):
                parts.append("<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp; </span>"
                             if not self.filtered else "&nbsp;&nbsp;&nbsp; ")
            elif c.tag in (w("br"), w("cr")):
                parts.append("<br style='mso-special-character:line-break'>"
                             if not self.filtered else "<br>")
            elif c.tag == w("commentReference"):
                parts.append(self.comment_anchor(c.get(w("id"))))
        if not parts:
            return ""
        style = "font-size:%.1fpt" % (int(size) / 2) if size else ""
        style += ";mso-bidi-font-family:Arial" if style else "mso-bidi-font-family:Arial"
        cls = " class=MsoPlaceholderText" if rstyle == "PlaceholderText" else ""
        text = "".join(parts)
        if sup:
            text = "<sup>%s</sup>" % text
        s = "<span lang=EN-GB%s%s>%s</span>" % (cls, self.style_attr(style), text)
        if bold:
            s = "<b%s>%s</b>" % (self.style_attr("mso-bidi-font-weight:normal"), s)
        if wrap:
            s = wrap(s)
        return s

    def comment_anchor(self, cid):
        n = self.comment_ids.get(cid)
        if n is None:
            return ""
        initials = self.comments[n - 1][0]
        return ("<span class=MsoCommentReference><span lang=EN-GB style='font-size:8.0pt'>"
                "<a class=msocomanchor id=\"_anchor_%d\" onmouseover=\"msoCommentShow('_anchor_%d','_com_%d')\""
                " onmouseout=\"msoCommentHide('_com_%d')\" href=\"#_msocom_%d\" language=JavaScript"
                " name=\"_msoanchor_%d\">[%s%d]</a>&nbsp;</span></span>"
                % (n, n, n, n, n, n, initials, n))

    def inline(self, el, para_bold):
        out = []
        for c in el:
            if c.tag == w("r"):
                out.append(self.run(c, para_bold))
            elif c.tag in (w("ins"), w("moveTo")):
                attrs = " cite=\"mailto:%s\" datetime=\"%s\"" % (
                    self.esc(c.get(w("author"), "")), (c.get(w("date")) or "")[:16])
                inner = self.inline(c, para_bold)
                if inner:
                    out.append("<span class=msoIns><ins%s>%s</ins></span>" % (attrs, inner))
            elif c.tag in (w("del"), w("moveFrom")):
                attrs = " cite=\"mailto:%s\" datetime=\"%s\"" % (
                    self.esc(c.get(w("author"), "")), (c.get(w("date")) or "")[:16])
                inner = self.inline(c, para_bold)
                if inner:
                    out.append("<span class=msoDel><del%s>%s</del></span>" % (attrs, inner))
            elif c.tag == w("hyperlink"):
                out.append("<a href=\"#\">%s</a>" % self.inline(c, para_bold))
            elif c.tag == w("sdt"):
                content = c.find(w("sdtContent"))
                pr = c.find(w("sdtPr"))
                inner = self.inline(content, para_bold) if content is not None else ""
                if self.filtered:
                    out.append(inner)
                else:
                    plc = pr is not None and pr.find(w("showingPlcHdr")) is not None
                    sid = val(pr, "id") or "0"
                    out.append("<w:Sdt %sSdtTag=\"%s\" ID=\"%s\">%s</w:Sdt>"
                               % ("ShowingPlcHdr=\"t\" " if plc else "", val(pr, "tag") or "", sid, inner))
            elif c.tag in (w("smartTag"), w("customXml"), w("fldSimple")):
                out.append(self.inline(c, para_bold))
        return "".join(out)

    # --- paragraphs --------------------------------------------------------
    def label(self, ppr):
        num = ppr.find(w("numPr")) if ppr is not None else None
        if num is None:
            return None
        nid, ilvl = val(num, "numId"), val(num, "ilvl") or "0"
        fmt, text = self.numbering.get(nid, {}).get(ilvl, ("bullet", "\u00b7"))
        if fmt == "bullet":
            return "\u00b7", "Symbol"
        key = (nid, ilvl)
        self.counters[key] = self.counters.get(key, 0) + 1
        return re.sub(r"%\d", str(self.counters[key]), text) or "%d." % self.counters[key], None

    def para(self, p, in_cell=False):
        ppr = p.find(w("pPr"))
        sid = val(ppr, "pStyle") or ""
        name = self.styles.get(sid, sid)
        low = name.lower()
        bold = False
        tag, cls = "p", "MsoNormal"
        m = re.match(r"heading (\d)", low)
        if m:
            tag, cls = "h%s" % m.group(1), None
        elif low == "title":
            cls = "MsoTitle"
        elif low == "list paragraph":
            cls = "MsoListParagraph"
        elif name and low != "normal":
            cls = re.sub(r"[^A-Za-z0-9]", "", name)
        label = self.label(ppr)
        style = ""
        if label:
            self.list_run += 1
            cls = "MsoListParagraphCxSpMiddle" if cls == "MsoListParagraph" else cls
            lfo = self.lists.setdefault(val(ppr.find(w("numPr")), "numId"), len(self.lists) + 1)
            style = "margin-left:36.0pt;text-indent:-18.0pt;mso-list:l%d level1 lfo%d" % (lfo - 1, lfo)
        body = self.inline(p, bold)
        if label:
            text, font = label
            fstyle = ("font-family:%s;mso-fareast-font-family:%s;mso-bidi-font-family:%s" % (font, font, font)
                      if font else "mso-bidi-font-family:Arial")
            lab = ("<span lang=EN-GB%s><span style='mso-list:Ignore'>%s<span style='font:7.0pt \"Times New Roman\"'>"
                   "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span>"
                   % (self.style_attr(fstyle), self.esc(text)))
            if not self.filtered:
                lab = "<![if !supportLists]>%s<![endif]>" % lab
            body = lab + body
        attrs = (" class=%s" % cls if cls else "") + self.style_attr(style)
        if not re.sub(r"<[^>]*>|&nbsp;|\s", "", body):
            empty = "&nbsp;" if self.filtered else "<o:p>&nbsp;</o:p>"
            return "<%s%s>%s</%s>" % (tag, attrs, empty, tag)
        end = "" if self.filtered else "<o:p></o:p>"
        return "<%s%s>%s%s</%s>" % (tag, attrs, body, end, tag)

    # --- tables --------------------------------------------------------------
    def table(self, tbl):
        grid = [int(g.get(w("w")) or 0) for g in tbl.iter(w("gridCol"))]
        rows = []
        for tr in tbl.findall(w("tr")):
            cells, c = [], 0
            for tc in tr.findall(w("tc")):
                pr = tc.find(w("tcPr"))
                span = int(val(pr, "gridSpan") or 1)
                vm = pr.find(w("vMerge")) if pr is not None else None
                vmerge = None if vm is None else (vm.get(w("val")) or "continue")
                cells.append([c, span, vmerge, tc, 1])
                c += span
            rows.append((tr, cells))
        # Vertical merges into rowspans: a restart cell spans the continue
        # cells below it in the same grid column.
        for ri, (_, cells) in enumerate(rows):
            for cell in cells:
                if cell[2] != "restart":
                    continue
                n = 1
                for _, below in rows[ri + 1:]:
                    if any(b[0] == cell[0] and b[2] == "continue" for b in below):
                        n += 1
                    else:
                        break
                cell[4] = n
        out = []
        tstyle = ("border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
                  "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt")
        out.append("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0%s>" % self.style_attr(tstyle))
        for ri, (tr, cells) in enumerate(rows):
            trpr = tr.find(w("trPr"))
            rstyle = "mso-yfti-irow:%d" % ri
            if ri == 0:
                rstyle += ";mso-yfti-firstrow:yes"
            if trpr is not None and trpr.find(w("tblHeader")) is not None:
                rstyle += ";page-break-inside:avoid"
            out.append(" <tr%s>" % self.style_attr(rstyle))
            for col, span, vmerge, tc, rowspan in cells:
                if vmerge == "continue":
                    continue
                width = sum(grid[col:col + span]) / 20.0
                pr = tc.find(w("tcPr"))
                fill = None
                shd = pr.find(w("shd")) if pr is not None else None
                if shd is not None:
                    f = (shd.get(w("fill")) or "").upper()
                    if f and f not in ("AUTO", "FFFFFF"):
                        fill = f
                style = "width:%.1fpt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;" % width
                if fill:
                    colour = NAMED_COLOURS.get(fill) or "#" + fill
                    style += "background:%s;mso-shading:white;mso-pattern:solid %s;" % (colour, colour)
                style += "padding:0cm 5.4pt 0cm 5.4pt"
                attrs = " width=%d valign=top" % round(width * 4 / 3)
                if span > 1:
                    attrs = " colspan=%d" % span + attrs
                if rowspan > 1:
                    attrs = " rowspan=%d" % rowspan + attrs
                paras = [self.block(b, True) for b in tc if b.tag in (w("p"), w("tbl"), w("sdt"))]
                out.append("  <td%s%s>\n  %s\n  </td>" % (attrs, self.style_attr(style), "\n  ".join(paras)))
            out.append(" </tr>")
        out.append("</table>")
        return "\n".join(out)

    def block(self, el, in_cell=False):
        if el.tag == w("p"):
            return self.para(el, in_cell)
        if el.tag == w("tbl"):
            return self.table(el)
        if el.tag == w("sdt"):
            content = el.find(w("sdtContent"))
            inner = "\n".join(self.block(c, in_cell) for c in content) if content is not None else ""
            if self.filtered:
                return inner
            pr = el.find(w("sdtPr"))
            return "<w:Sdt SdtTag=\"%s\" ID=\"%s\">\n%s\n</w:Sdt>" % (val(pr, "tag") or "", val(pr, "id") or "0", inner)
        return ""

    # --- the page --------------------------------------------------------------
    def page(self, title):
        body = "\n\n".join(b for b in (self.block(el) for el in self.body) if b)
        t = self.esc(title)
        if self.filtered:
            head = ("<html>\n\n<head>\n<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">\n"
                    "<meta name=Generator content=\"Microsoft Word 15 (filtered)\">\n<title>%s</title>\n"
                    "<style>\n<!--\n /* Font Definitions */\n @font-face\n\t{font-family:\"Cambria Math\";\n"
                    "\tpanose-1:2 4 5 3 5 4 6 3 2 4;}\n /* Style Definitions */\n p.MsoNormal, li.MsoNormal, div.MsoNormal\n"
                    "\t{margin:0cm;\n\tfont-size:11.0pt;\n\tfont-family:\"Calibri\",sans-serif;}\n"
                    "table.MsoTableGrid\n\t{border:solid windowtext 1.0pt;}\n-->\n</style>\n\n</head>\n\n"
                    "<body lang=EN-GB link=\"#0563C1\" vlink=\"#954F72\" style='word-wrap:break-word'>\n\n"
                    "<div class=WordSection1>\n\n" % t)
            return head + body + "\n\n</div>\n\n</body>\n\n</html>\n"
        head = ("<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\nxmlns:o=\"urn:schemas-microsoft-com:office:office\"\n"
                "xmlns:w=\"urn:schemas-microsoft-com:office:word\"\n"
                "xmlns:m=\"http://schemas.microsoft.com/office/2004/12/omml\"\n"
                "xmlns=\"http://www.w3.org/TR/REC-html40\">\n\n<head>\n"
                "<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">\n"
                "<meta name=ProgId content=Word.Document>\n<meta name=Generator content=\"Microsoft Word 15\">\n"
                "<meta name=Originator content=\"Microsoft Word 15\">\n"
                "<link rel=File-List href=\"plan_files/filelist.xml\">\n<title>%s</title>\n"
                "<!--[if gte mso 9]><xml>\n <o:DocumentProperties>\n  <o:Author>Plan Office</o:Author>\n"
                "  <o:Revision>3</o:Revision>\n  <o:Version>16.00</o:Version>\n </o:DocumentProperties>\n"
                "</xml><![endif]-->\n<link rel=themeData href=\"plan_files/themedata.thmx\">\n"
                "<!--[if gte mso 9]><xml>\n <w:WordDocument>\n  <w:View>Print</w:View>\n"
                "  <w:TrackMoves>false</w:TrackMoves>\n  <w:ValidateAgainstSchemas/>\n </w:WordDocument>\n"
                "</xml><![endif]--><!--[if gte mso 9]><xml>\n <w:LatentStyles DefLockedState=\"false\" "
                "DefUnhideWhenUsed=\"false\"\n  DefSemiHidden=\"false\" DefQFormat=\"false\" DefPriority=\"99\"\n"
                "  LatentStyleCount=\"376\">\n  <w:LsdException Locked=\"false\" Priority=\"0\" QFormat=\"true\" "
                "Name=\"Normal\"/>\n </w:LatentStyles>\n</xml><![endif]-->\n<style>\n<!--\n /* Font Definitions */\n"
                " @font-face\n\t{font-family:Symbol;\n\tpanose-1:5 5 1 2 1 7 6 2 5 7;\n\tmso-font-charset:2;}\n"
                " /* Style Definitions */\n p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{mso-style-unhide:no;\n"
                "\tmso-style-qformat:yes;\n\tmargin:0cm;\n\tfont-size:11.0pt;\n\tfont-family:\"Calibri\",sans-serif;}\n"
                "span.MsoPlaceholderText\n\t{mso-style-priority:99;\n\tcolor:gray;}\n"
                ".msoIns\n\t{mso-style-type:export-only;\n\ttext-decoration:underline;\n\tcolor:teal;}\n"
                ".msoDel\n\t{mso-style-type:export-only;\n\ttext-decoration:line-through;\n\tcolor:red;}\n"
                "@page WordSection1\n\t{size:841.9pt 595.3pt;\n\tmso-page-orientation:landscape;}\n"
                "div.WordSection1\n\t{page:WordSection1;}\n-->\n</style>\n<!--[if gte mso 10]>\n<style>\n"
                " /* Style Definitions */\n table.MsoNormalTable\n\t{mso-style-name:\"Table Normal\";\n"
                "\tmso-tstyle-rowband-size:0;}\n</style>\n<![endif]--><!--[if gte mso 9]><xml>\n"
                " <o:shapedefaults v:ext=\"edit\" spidmax=\"1026\"/>\n</xml><![endif]-->\n</head>\n\n"
                "<body lang=EN-GB style='tab-interval:36.0pt;word-wrap:break-word'>\n\n"
                "<div class=WordSection1>\n\n" % t)
        tail = ""
        if self.comments:
            parts = ["<div style='mso-element:comment-list'><![if !supportAnnotations]>\n\n"
                     "<hr class=msocomoff align=left size=1 width=\"33%\">\n\n<![endif]>"]
            for n, (initials, author, text) in enumerate(self.comments, 1):
                parts.append(
                    "\n<div style='mso-element:comment'><![if !supportAnnotations]>\n\n"
                    "<div id=\"_com_%d\" class=msocomtxt language=JavaScript\n"
                    "onmouseover=\"msoCommentShow('_anchor_%d','_com_%d')\"\n"
                    "onmouseout=\"msoCommentHide('_com_%d')\"><![endif]><span style='mso-comment-author:\"%s\"'>"
                    "<![if !supportAnnotations]><a name=\"_msocom_%d\"></a><![endif]></span>\n\n"
                    "<p class=MsoCommentText><span class=MsoCommentReference><span lang=EN-GB>"
                    "<span style='mso-special-character:comment'>&nbsp;</span></span></span>"
                    "<span lang=EN-GB>%s<o:p></o:p></span></p>\n\n<![if !supportAnnotations]></div>\n\n"
                    "<![endif]></div>\n" % (n, n, n, n, self.esc(author), n, self.esc(text)))
            tail = "\n".join(parts) + "\n</div>\n"
        return head + body + "\n\n</div>\n\n" + tail + "\n</body>\n\n</html>\n"


def wrap(src, width=76):
    """Break lines longer than `width` at a space, as Word does (inside text
    and inside tags alike: a line break is white space in both)."""
    out = []
    for line in src.split("\n"):
        while len(line) > width:
            cut = line.rfind(" ", 0, width)
            if cut <= 0:
                cut = line.find(" ", width)
                if cut < 0:
                    break
            out.append(line[:cut])
            line = line[cut + 1:]
        out.append(line)
    return "\n".join(out)


def main(argv):
    filtered = "--filtered" in argv
    args = [a for a in argv if a != "--filtered"]
    src, dst = args
    d = Doc(src, filtered)
    title = ""
    for p in d.body.iter(w("p")):
        title = "".join(t.text or "" for t in p.iter(w("t"))).strip()
        if title:
            break
    page = wrap(d.page(title))
    data = page.encode("ascii") if filtered else page.encode("cp1252")
    with open(dst, "wb") as f:
        f.write(data.replace(b"\n", b"\r\n"))


if __name__ == "__main__":
    main(sys.argv[1:])
