//! Format sniffing from the bytes of a file, never its name.
//!
//! Why look inside containers: a zip is a DOCX, an XLSX, an ODT or an ODS
//! (or a slide deck docket does not read), and an OLE2 compound file is a
//! Word 97-2003 document, an Excel 97-2003 workbook, or an encrypted OOXML
//! package. The container's own table of contents says which, and each
//! needs a different reader or a different, truthful error.

use std::io::Cursor;

/// What the bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// `%PDF-` within the first 1 KiB (some producers put junk before it).
    Pdf,
    /// A zip that is (or may be) a WordprocessingML package: it has
    /// `word/document.xml`, or nothing that says it is something else (the
    /// DOCX reader then gives the truthful error for a broken one).
    Docx,
    /// An OOXML spreadsheet (`xl/workbook.xml`).
    Xlsx,
    /// An OpenDocument text (`mimetype` says `…opendocument.text`).
    Odt,
    /// An OpenDocument spreadsheet.
    Ods,
    /// An OLE2 compound file with a `WordDocument` stream: Word 97-2003.
    Doc,
    /// An OLE2 compound file with a `Workbook` (or `Book`) stream: Excel 97-2003.
    Xls,
    /// An OLE2 compound file holding an encrypted OOXML package
    /// (`EncryptedPackage`): a password-protected DOCX or XLSX.
    EncryptedOoxml,
    /// `{\rtf`: Rich Text Format.
    Rtf,
    /// An HTML document (a doctype or `<html>` before any text): a web page
    /// saved by Word, LibreOffice or a browser.
    Html,
    /// Anything else that is not recognisably binary: tried as a text export.
    Text,
    /// A known format docket does not read; the text names it.
    Other(&'static str),
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Known binary signatures that are not documents docket reads.
const OTHER_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image, not a document"),
    (b"\xFF\xD8\xFF", "a JPEG image, not a document"),
    (b"GIF8", "a GIF image, not a document"),
    (b"II*\x00", "a TIFF image, not a document"),
    (b"MM\x00*", "a TIFF image, not a document"),
    (b"\x1F\x8B", "a gzip archive, not a document"),
    (b"Rar!", "a RAR archive, not a document"),
    (b"7z\xBC\xAF", "a 7-Zip archive, not a document"),
    (b"BZh", "a bzip2 archive, not a document"),
    (b"\xFD7zXZ\x00", "an xz archive, not a document"),
    (b"\x28\xB5\x2F\xFD", "a zstd archive, not a document"),
    (
        b"RIFF",
        "a RIFF media file (WAV, AVI, WebP), not a document",
    ),
    (b"OggS", "an Ogg media file, not a document"),
    (b"ID3", "an MP3 audio file, not a document"),
    (b"\x7FELF", "an ELF executable, not a document"),
    (b"MZ", "a Windows executable, not a document"),
    (b"SQLite format 3\x00", "an SQLite database, not a document"),
    (
        b"\x00\x01\x00\x00Standard Jet DB",
        "an Access database, not a document",
    ),
    (b"%!PS", "a PostScript file; print it to PDF first"),
    (
        b"\xFFWPC",
        "a WordPerfect document, which docket does not read; save it as DOCX",
    ),
    (
        b"\xDB\xA5\x2D\x00",
        "a Word 2.0 document, which docket does not read; save it as DOCX",
    ),
    (
        b"\x31\xBE\x00\x00",
        "a Word for DOS/Write document, which docket does not read; save it as DOCX",
    ),
];

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return sniff_ole(bytes);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    for (magic, what) in OTHER_MAGIC {
        if bytes.starts_with(magic) {
            return Sniffed::Other(what);
        }
    }
    let body = strip_bom(bytes);
    if body.starts_with(b"{\\rtf") {
        return Sniffed::Rtf;
    }
    if let Some(what) = sniff_text_container(body) {
        return Sniffed::Other(what);
    }
    if looks_like_html(body) {
        return Sniffed::Html;
    }
    Sniffed::Text
}

/// Text-based containers that are not documents docket reads: a web
/// archive (a Word or browser "single file web page") and Word 2003 XML.
fn sniff_text_container(body: &[u8]) -> Option<&'static str> {
    let head = String::from_utf8_lossy(&body[..body.len().min(4096)]).to_ascii_lowercase();
    if head.starts_with("mime-version:") && head.contains("multipart/related") {
        return Some(
            "a web archive (.mht, a single-file web page), which docket does not read; save it as HTML or DOCX",
        );
    }
    if head.trim_start().starts_with("<?xml") && head.contains("<w:worddocument") {
        return Some("a Word 2003 XML document, which docket does not read; save it as DOCX");
    }
    None
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Does the file open as an HTML document? Only markup may come before the
/// `<html>` or doctype (an XML declaration, comments, whitespace): a text
/// export whose cells hold a `<table>` fragment is not a web page.
///
/// UTF-16 pages (Word can save them) are looked at through their ASCII bytes.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        bytes[2..bytes.len().min(4096)]
            .iter()
            .copied()
            .filter(|&b| b != 0)
            .collect()
    } else {
        bytes[..bytes.len().min(4096)].to_vec()
    };
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let mut rest = text.trim_start();
    loop {
        if rest.starts_with("<!doctype html") || rest.starts_with("<html") {
            return true;
        }
        let skip = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest.find('>').map(|e| e + 1)
        } else {
            None
        };
        match skip {
            Some(n) => rest = rest[n..].trim_start(),
            None => return false,
        }
    }
}

/// Mimetypes of the OpenDocument formats, as their `mimetype` entry says.
const ODF_TEXT: &str = "application/vnd.oasis.opendocument.text";
const ODF_SPREADSHEET: &str = "application/vnd.oasis.opendocument.spreadsheet";

fn sniff_zip(bytes: &[u8]) -> Sniffed {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // The DOCX reader reports the damage (`docx.not_zip`).
        return Sniffed::Docx;
    };
    let has = |zip: &zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
        zip.file_names()
            .filter_map(Result::ok)
            .any(|n| n.replace('\\', "/").eq_ignore_ascii_case(name))
    };
    if has(&zip, "word/document.xml") {
        return Sniffed::Docx;
    }
    if has(&zip, "xl/workbook.xml") {
        return Sniffed::Xlsx;
    }
    if let Some(mime) = odf_mimetype(&mut zip) {
        let mime = mime.trim();
        return match mime {
            ODF_TEXT | "application/vnd.oasis.opendocument.text-template" => Sniffed::Odt,
            ODF_SPREADSHEET | "application/vnd.oasis.opendocument.spreadsheet-template" => {
                Sniffed::Ods
            }
            m if m.contains("opendocument.presentation") => Sniffed::Other(
                "an OpenDocument presentation, which docket does not read; save it as PDF",
            ),
            m if m.contains("opendocument") => Sniffed::Other(
                "an OpenDocument file that is neither text nor a spreadsheet, which docket does not read",
            ),
            _ => Sniffed::Other("a zip archive that is not a document docket reads"),
        };
    }
    if has(&zip, "ppt/presentation.xml") {
        return Sniffed::Other(
            "a PowerPoint presentation, which docket does not read; save it as PDF",
        );
    }
    if has(&zip, "xl/workbook.bin") {
        return Sniffed::Other(
            "an Excel binary workbook (.xlsb), which docket does not read; save it as XLSX",
        );
    }
    if has(&zip, "content.xml") {
        // An OpenDocument file without its mimetype entry: the content says.
        return Sniffed::Odt;
    }
    // An OOXML package whose main part is elsewhere (found through its
    // relationships) or missing: the DOCX reader finds it or reports
    // `docx.missing_part`, which names the damage better than "unsupported".
    let word_part = zip.file_names().filter_map(Result::ok).any(|n| {
        n.replace('\\', "/")
            .to_ascii_lowercase()
            .starts_with("word/")
    });
    if word_part || has(&zip, "[Content_Types].xml") || has(&zip, "_rels/.rels") || zip.is_empty() {
        return Sniffed::Docx;
    }
    Sniffed::Other("a zip archive that is not a document docket reads")
}

/// The `mimetype` entry of an OpenDocument package (small; read only when
/// stored under 1 KiB).
fn odf_mimetype(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    use std::io::Read;
    let file = zip.by_name("mimetype").ok()?;
    if file.size() > 1024 {
        return None;
    }
    let mut s = String::new();
    file.take(1024).read_to_string(&mut s).ok()?;
    Some(s)
}

fn sniff_ole(bytes: &[u8]) -> Sniffed {
    let Ok(ole) = cfb::CompoundFile::open(Cursor::new(bytes)) else {
        // Damaged: the Word reader says so in its own words.
        return Sniffed::Doc;
    };
    let root: Vec<String> = ole
        .read_root_storage()
        .map(|e| e.name().to_string())
        .collect();
    let has = |n: &str| root.iter().any(|e| e.eq_ignore_ascii_case(n));
    if has("EncryptedPackage") {
        Sniffed::EncryptedOoxml
    } else if has("WordDocument") {
        Sniffed::Doc
    } else if has("Workbook") || has("Book") {
        Sniffed::Xls
    } else if has("PowerPoint Document") {
        Sniffed::Other("a PowerPoint 97-2003 presentation, which docket does not read")
    } else if root.iter().any(|n| n.starts_with("__substg1.0_")) {
        Sniffed::Other("an Outlook message (.msg), not a document; save its attachment")
    } else {
        Sniffed::Other("an OLE2 compound file that is not a Word or Excel document")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            for (name, data) in entries {
                z.start_file(*name, opts).unwrap();
                z.write_all(data).unwrap();
            }
            z.finish().unwrap();
        }
        buf.into_inner()
    }

    fn ole_with(streams: &[&str]) -> Vec<u8> {
        let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for s in streams {
            c.create_stream(format!("/{s}"))
                .unwrap()
                .write_all(b"x")
                .unwrap();
        }
        c.flush().unwrap();
        c.into_inner().into_inner()
    }

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Sniffed::Pdf);
        assert_eq!(sniff(b"\xEF\xBB\xBF%PDF-1.4"), Sniffed::Pdf);
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Docx);
        assert_eq!(sniff(b"Ref\tAreas"), Sniffed::Text);
        assert_eq!(sniff(b"{\\rtf1\\ansi x}"), Sniffed::Rtf);
        assert!(matches!(sniff(b"\x89PNG\r\n"), Sniffed::Other(_)));
    }

    #[test]
    fn text_containers_docket_does_not_read_are_named() {
        let mht = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n";
        assert!(matches!(sniff(mht), Sniffed::Other(m) if m.contains("web archive")));
        let xml = b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Word.Document\"?>\n<w:wordDocument xmlns:w=\"x\">";
        assert!(matches!(sniff(xml), Sniffed::Other(m) if m.contains("Word 2003 XML")));
        assert!(matches!(sniff(b"\xFFWPC\x10"), Sniffed::Other(m) if m.contains("WordPerfect")));
        // A text export that mentions MIME is still text.
        assert_eq!(
            sniff(b"Ref\tMIME-Version: multipart/related"),
            Sniffed::Text
        );
    }

    #[test]
    fn zips_are_told_apart_by_their_parts() {
        assert_eq!(
            sniff(&zip_with(&[("word/document.xml", b"<w/>")])),
            Sniffed::Docx
        );
        assert_eq!(
            sniff(&zip_with(&[("xl/workbook.xml", b"<w/>")])),
            Sniffed::Xlsx
        );
        assert_eq!(
            sniff(&zip_with(&[("mimetype", ODF_TEXT.as_bytes())])),
            Sniffed::Odt
        );
        assert_eq!(
            sniff(&zip_with(&[("mimetype", ODF_SPREADSHEET.as_bytes())])),
            Sniffed::Ods
        );
        assert!(matches!(
            sniff(&zip_with(&[("ppt/presentation.xml", b"<p/>")])),
            Sniffed::Other(m) if m.contains("PowerPoint")
        ));
        assert!(matches!(
            sniff(&zip_with(&[("photo.jpg", b"x")])),
            Sniffed::Other(_)
        ));
        // A Word package whose main part is missing or stands elsewhere is
        // still Word's: its reader names the damage (docx.missing_part).
        assert_eq!(
            sniff(&zip_with(&[("word/styles.xml", b"<s/>")])),
            Sniffed::Docx
        );
        assert_eq!(
            sniff(&zip_with(&[
                ("_rels/.rels", b"<r/>"),
                ("body/main.xml", b"<w/>")
            ])),
            Sniffed::Docx
        );
    }

    #[test]
    fn ole_files_are_told_apart_by_their_streams() {
        assert_eq!(sniff(&ole_with(&["WordDocument", "1Table"])), Sniffed::Doc);
        assert_eq!(sniff(&ole_with(&["Workbook"])), Sniffed::Xls);
        assert_eq!(
            sniff(&ole_with(&["EncryptedInfo", "EncryptedPackage"])),
            Sniffed::EncryptedOoxml
        );
        assert!(matches!(
            sniff(&ole_with(&["PowerPoint Document"])),
            Sniffed::Other(_)
        ));
        // A damaged OLE header goes to the Word reader, which names the damage.
        assert_eq!(sniff(OLE_MAGIC), Sniffed::Doc);
    }

    #[test]
    fn html_documents_but_not_text_with_fragments() {
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Sniffed::Html);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- saved -->\n<html xmlns:o=\"x\">"),
            Sniffed::Html
        );
        assert_eq!(sniff(b"<HTML><BODY>"), Sniffed::Html);
        assert_eq!(sniff(b"Ref\tAction\n<table><tr>"), Sniffed::Text);
        assert_eq!(sniff(b"<table>\n<tr><td>1</td></tr>"), Sniffed::Text);
    }
}
