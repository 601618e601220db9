//! Format sniffing from the first bytes of a file.

/// What the leading bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// `%PDF-` within the first 1 KiB (some producers put junk before it).
    Pdf,
    /// A zip container (`PK\x03\x04`, or an empty archive's `PK\x05\x06`): DOCX.
    Zip,
    /// An OLE2 compound file: a password-protected OOXML file or a legacy
    /// binary .doc; neither is readable here.
    Ole,
    /// Anything else that is not recognisably binary: tried as a text export.
    Text,
    /// A known binary format docket does not read.
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
    (
        b"{\\rtf",
        "an RTF document, which docket does not read; save it as DOCX",
    ),
    (b"\x1F\x8B", "a gzip archive, not a document"),
    (b"Rar!", "a RAR archive, not a document"),
    (b"7z\xBC\xAF", "a 7-Zip archive, not a document"),
];

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Sniffed::Ole;
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
    Sniffed::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Sniffed::Pdf);
        assert_eq!(sniff(b"\xEF\xBB\xBF%PDF-1.4"), Sniffed::Pdf);
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(OLE_MAGIC), Sniffed::Ole);
        assert_eq!(sniff(b"Ref\tAreas"), Sniffed::Text);
        assert!(matches!(sniff(b"\x89PNG\r\n"), Sniffed::Other(_)));
    }
}
