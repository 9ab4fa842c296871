//! Tokens: one pass over a sentence, producing typed tokens with byte spans.
//!
//! Words keep internal apostrophes, hyphens are their own tokens (so "two-thirds",
//! "10-20" and "year-on-year" can be matched), numbers in digits keep their thousands
//! separators and decimal point ("85,500.5"), and a letter run glued to a number
//! ("1.2m", "5G", "3rd") is a separate token with `joined` set.

use crate::document::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits after the first letter: "G20", "Dev't", "don't").
    Word,
    /// Digits, with `,` or `.` between digit groups: "2,000", "85.5", "2015".
    Number,
    /// Any other single non-space character: punctuation, currency signs, symbols.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    /// No white space between this token and the previous one.
    pub joined: bool,
    /// A newline lies between this token and the previous one.
    pub after_newline: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.span.start..self.span.end]
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\u{2019}' || c == '\''
}

/// The character starting at byte `i` of `s` (a character boundary): an ASCII byte read
/// directly, any other character decoded.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s[i..].chars().next(),
        None => None,
    }
}

/// One in each byte of a u64, for reading eight bytes at a time.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a u64.
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The bytes of `x` (each below 0x80) in `lo..=hi`: 0x80 in each such byte, 0 elsewhere.
#[inline]
pub(crate) fn bytes_in(x: u64, lo: u8, hi: u8) -> u64 {
    // adding 0x80 - lo sets a byte's high bit iff it is >= lo, adding 0x7f - hi iff it is
    // > hi; neither carries into the next byte, every byte being below 0x80
    (x + (0x80 - u64::from(lo)) * ONES) & !(x + (0x7f - u64::from(hi)) * ONES) & HIGHS
}

/// The end of the run of ASCII letters starting at byte `i` of `b`, read eight bytes at a
/// time.
#[inline]
fn ascii_letters_end(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // `| 0x20` maps a capital onto its lower-case letter and no other byte onto a
        // lower-case letter; with the high bits taken off, a byte is marked iff it is in
        // 'a'..='z' and was ASCII
        let y = (x | (0x20 * ONES)) & !HIGHS;
        let letters = bytes_in(y, b'a', b'z') & !x;
        let others = !letters & HIGHS;
        if others != 0 {
            // little-endian: the lowest set bit is the first byte not a letter
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// Splits `text[span]` into tokens; offsets are offsets of `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let s = &text[span.start..span.end];
    let bytes = s.as_bytes();
    // about one token per five bytes of prose
    let mut out = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut i = 0;
    let mut joined = false;
    let mut after_newline = false;
    let mut first = true;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            joined = false;
            i += 1;
            continue;
        }
        // most tokens start with an ASCII letter: a word, as the tests below decide one by one
        let ascii_letter = bytes[i].is_ascii_alphabetic();
        let (c, clen) = if ascii_letter {
            (char::from(bytes[i]), 1)
        } else {
            match char_at(s, i) {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        if !ascii_letter && c.is_whitespace() {
            if c == '\n' {
                after_newline = true;
            }
            joined = false;
            i += clen;
            continue;
        }
        let start = i;
        let kind;
        if !ascii_letter && c.is_ascii_digit() {
            kind = TokenKind::Number;
            i += 1;
            loop {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                // a separator between digits continues the number
                if i + 1 < bytes.len()
                    && (bytes[i] == b',' || bytes[i] == b'.')
                    && bytes[i + 1].is_ascii_digit()
                {
                    i += 1;
                    continue;
                }
                break;
            }
        } else if ascii_letter || c.is_alphabetic() {
            kind = TokenKind::Word;
            i += clen;
            loop {
                // ASCII letters continue the word (what the tests below decide for them)
                i = ascii_letters_end(bytes, i);
                if i >= bytes.len() {
                    break;
                }
                // any other ASCII byte but a digit or an apostrophe ends it (what the tests
                // below decide for them)
                if bytes[i].is_ascii() && !bytes[i].is_ascii_digit() && bytes[i] != b'\'' {
                    break;
                }
                let d = match char_at(s, i) {
                    Some(d) => d,
                    None => break,
                };
                let apostrophe = d == '\'' || d == '\u{2019}';
                if apostrophe {
                    // keep an apostrophe only between letters ("don't", "Dev't")
                    let next = char_at(s, i + d.len_utf8());
                    if next.is_some_and(|n| n.is_alphabetic()) {
                        i += d.len_utf8();
                        continue;
                    }
                    break;
                }
                // a currency code glued to digits is its own token: "USD3.14", "RM42"
                if d.is_ascii_digit() && crate::numbers::units::is_code_prefix(&s[start..i]) {
                    break;
                }
                if is_word_char(d) || d.is_ascii_digit() || d.is_alphanumeric() {
                    i += d.len_utf8();
                } else {
                    break;
                }
            }
        } else {
            kind = TokenKind::Punct;
            i += clen;
        }
        out.push(Token {
            kind,
            span: Span::new(span.start + start, span.start + i),
            joined: joined && !first,
            after_newline,
        });
        first = false;
        joined = true;
        after_newline = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(TokenKind, &str, bool)> {
        tokenize(s, Span::new(0, s.len()))
            .into_iter()
            .map(|t| (t.kind, t.text(s), t.joined))
            .collect()
    }

    #[test]
    fn numbers_words_and_glue() {
        use TokenKind::*;
        assert_eq!(
            toks("over 85.5 billion, $1.2bn (40%) Dev't 10-20."),
            vec![
                (Word, "over", false),
                (Number, "85.5", false),
                (Word, "billion", false),
                (Punct, ",", true),
                (Punct, "$", false),
                (Number, "1.2", true),
                (Word, "bn", true),
                (Punct, "(", false),
                (Number, "40", true),
                (Punct, "%", true),
                (Punct, ")", true),
                (Word, "Dev't", false),
                (Number, "10", false),
                (Punct, "-", true),
                (Number, "20", true),
                (Punct, ".", true),
            ]
        );
    }

    #[test]
    fn trailing_separator_is_not_part_of_the_number() {
        assert_eq!(toks("in 2015.")[1].1, "2015");
        assert_eq!(toks("1,000, then")[0].1, "1,000");
    }

    #[test]
    fn letter_runs_end_where_a_byte_is_not_an_ascii_letter() {
        let s = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{\u{e9}\u{c9}0 '\u{2019}";
        let b = s.as_bytes();
        for i in 0..b.len() {
            let mut expected = i;
            while expected < b.len() && b[expected].is_ascii_alphabetic() {
                expected += 1;
            }
            assert_eq!(ascii_letters_end(b, i), expected, "{i}");
        }
        // every byte value, as a run's first byte and after a letter
        for x in 0..=255u8 {
            let b = [x, b'a', b'b', b'c', b'd', b'e', b'f', b'g', b'h'];
            let expected = usize::from(x.is_ascii_alphabetic()) * b.len();
            assert_eq!(ascii_letters_end(&b, 0), expected, "{x}");
            let b = [b'a', x, b'b', b'c', b'd', b'e', b'f', b'g', b'h'];
            let expected = if x.is_ascii_alphabetic() { b.len() } else { 1 };
            assert_eq!(ascii_letters_end(&b, 0), expected, "{x}");
        }
    }

    #[test]
    fn unicode_is_safe() {
        let t = toks("中文 “quote” café 5€");
        assert_eq!(t[0].1, "中文");
        assert!(t.iter().any(|x| x.1 == "café"));
    }
}
