//! RTF tokens: groups, control words, control symbols, hex bytes and text.
//!
//! Why a lexer of its own: RTF is a flat stream of these five things, and
//! every rule of the format (what a group resets, what `\uN` skips) is stated
//! in terms of them. The lexer never fails: a stray byte is text.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Open,
    Close,
    /// `\word` with its optional signed parameter.
    Word(&'a str, Option<i32>),
    /// `\` followed by one non-letter (`\\`, `\{`, `\~`, `\*`, …).
    Symbol(u8),
    /// `\'hh`: one byte in the current code page.
    Hex(u8),
    /// Raw text bytes (no braces or backslashes; line ends removed).
    Text(&'a [u8]),
}

pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a [u8]) -> Self {
        Lexer { src, pos: 0 }
    }

    /// The bytes of a `\binN` payload, skipped whole (pictures may hold braces).
    pub fn skip_bytes(&mut self, n: usize) {
        self.pos = self.pos.saturating_add(n).min(self.src.len());
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let src = self.src;
        loop {
            let &b = src.get(self.pos)?;
            match b {
                b'{' => {
                    self.pos += 1;
                    return Some(Token::Open);
                }
                b'}' => {
                    self.pos += 1;
                    return Some(Token::Close);
                }
                b'\r' | b'\n' => self.pos += 1,
                b'\\' => return Some(self.control()),
                _ => {
                    let start = self.pos;
                    while let Some(&c) = src.get(self.pos) {
                        if matches!(c, b'{' | b'}' | b'\\' | b'\r' | b'\n') {
                            break;
                        }
                        self.pos += 1;
                    }
                    return Some(Token::Text(&src[start..self.pos]));
                }
            }
        }
    }
}

impl<'a> Lexer<'a> {
    fn control(&mut self) -> Token<'a> {
        let src = self.src;
        self.pos += 1; // the backslash
        let Some(&c) = src.get(self.pos) else {
            return Token::Text(b"");
        };
        if !c.is_ascii_alphabetic() {
            self.pos += 1;
            if c == b'\'' {
                let hex = src.get(self.pos..self.pos + 2).and_then(|h| {
                    std::str::from_utf8(h)
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok())
                });
                if let Some(v) = hex {
                    self.pos += 2;
                    return Token::Hex(v);
                }
                return Token::Text(b"");
            }
            // `\` before a line end is a paragraph mark in old writers.
            if c == b'\n' || c == b'\r' {
                return Token::Word("par", None);
            }
            return Token::Symbol(c);
        }
        let start = self.pos;
        while src.get(self.pos).is_some_and(|c| c.is_ascii_alphabetic()) && self.pos - start < 32 {
            self.pos += 1;
        }
        let word = std::str::from_utf8(&src[start..self.pos]).unwrap_or("");
        let num_start = self.pos;
        if src.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        while src.get(self.pos).is_some_and(u8::is_ascii_digit) && self.pos - num_start < 11 {
            self.pos += 1;
        }
        let param = std::str::from_utf8(&src[num_start..self.pos])
            .ok()
            .and_then(|s| s.parse::<i64>().ok())
            .map(|v| v.clamp(i32::MIN as i64, i32::MAX as i64) as i32);
        if param.is_none() {
            // A lone '-' is not a parameter.
            self.pos = num_start;
        }
        // One space after a control word is its delimiter, not text.
        if src.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
        Token::Word(word, param)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let t: Vec<_> = Lexer::new(b"{\\b1 Bold\\'e9\\u-3913?\\\\x}\r\n\\par").collect();
        assert_eq!(
            t,
            vec![
                Token::Open,
                Token::Word("b", Some(1)),
                Token::Text(b"Bold"),
                Token::Hex(0xe9),
                Token::Word("u", Some(-3913)),
                Token::Text(b"?"),
                Token::Symbol(b'\\'),
                Token::Text(b"x"),
                Token::Close,
                Token::Word("par", None),
            ]
        );
    }

    #[test]
    fn never_panics_on_truncation() {
        for src in [&b"\\"[..], b"\\'", b"\\'4", b"\\u-", b"{\\"] {
            let _ = Lexer::new(src).count();
        }
    }
}
