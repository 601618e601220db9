//! Bytes to text: the encodings real exports come in.
//!
//! Order matters: a BOM is authoritative; then strict UTF-8; then
//! Windows-1252, the encoding of nearly every non-UTF-8 export from Word on
//! Windows. Binary data is refused before any of that, because decoding a
//! JPEG as Windows-1252 "succeeds".

use std::borrow::Cow;

use super::TextError;

pub fn decode(bytes: &[u8]) -> Result<String, TextError> {
    let text = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (cow, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && enc != encoding_rs::UTF_8 {
            return Err(TextError::Encoding(format!("invalid {} data", enc.name())));
        }
        cow.into_owned()
    } else {
        refuse_binary(bytes)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => {
                let (cow, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                cow.into_owned()
            }
        }
    };
    refuse_control_chars(&text)?;
    Ok(normalise_newlines(&text).into_owned())
}

/// NUL bytes never occur in a text export without a UTF-16 BOM.
fn refuse_binary(bytes: &[u8]) -> Result<(), TextError> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        return Err(TextError::Binary(format!("NUL byte at offset {pos}")));
    }
    Ok(())
}

/// More than 1% control characters (other than tab, CR, LF, FF) means binary.
fn refuse_control_chars(text: &str) -> Result<(), TextError> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}') {
            control += 1;
        }
    }
    if control * 100 > total {
        return Err(TextError::Binary(format!(
            "{control} control characters in the first {total}"
        )));
    }
    Ok(())
}

/// CR and CRLF become LF. Form feeds are kept: the layout reader splits
/// pages at them (the other readers turn them into line breaks).
fn normalise_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Lead/s\r\nx".as_bytes()).unwrap(), "Lead/s\nx");
        assert_eq!(decode(b"\xEF\xBB\xBFRef").unwrap(), "Ref");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Ref\u{2013}1".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap(), "Ref\u{2013}1");
    }

    #[test]
    fn windows_1252_fallback() {
        assert_eq!(
            decode(b"children\x92s \x96 ok").unwrap(),
            "children\u{2019}s \u{2013} ok"
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(decode(b"abc\0def"), Err(TextError::Binary(_))));
        assert!(matches!(
            decode(&[1u8, 2, 3, 4, 5, 6, 7, 8][..]),
            Err(TextError::Binary(_))
        ));
    }
}
