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
        let c = match char_at(s, i) {
            Some(c) => c,
            None => break,
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                after_newline = true;
            }
            joined = false;
            i += clen;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
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
        } else if c.is_alphabetic() {
            kind = TokenKind::Word;
            i += clen;
            while i < bytes.len() {
                // ASCII letters continue the word (what the tests below decide for them)
                if bytes[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
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
    fn unicode_is_safe() {
        let t = toks("中文 “quote” café 5€");
        assert_eq!(t[0].1, "中文");
        assert!(t.iter().any(|x| x.1 == "café"));
    }
}
