//! From bytes to text, keeping byte offsets: binary detection, UTF-8 repair, and the helpers
//! readers use to build the prose view (blanking markup, control characters and URLs with
//! spaces, one byte for one byte).

use super::SkipReason;
use crate::document::Warning;

/// How many leading bytes the binary check looks at.
pub const SNIFF_LEN: usize = 8 * 1024;

/// Above this share of control (or invalid UTF-8) bytes in the sniffed prefix, an input is
/// binary.
const MAX_CONTROL_SHARE: f64 = 0.30;

/// The UTF-8 byte order mark.
pub const BOM: &str = "\u{FEFF}";

/// What the bytes of an input turned out to be.
#[derive(Debug)]
pub enum Decoded {
    /// Text: the source (invalid bytes replaced one for one by spaces) and any warnings.
    Text {
        source: String,
        warnings: Vec<Warning>,
    },
    /// Nothing to read (empty, white space only, binary).
    Skip(SkipReason),
}

/// Decodes an input's bytes. Linear in the input size.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    if bytes.is_empty() {
        return Decoded::Skip(SkipReason::Empty);
    }
    if let Some(decoded) = decode_utf16(&bytes) {
        return decoded;
    }
    if is_binary(&bytes) {
        return Decoded::Skip(SkipReason::Binary);
    }
    let (source, warning) = repair_utf8(bytes);
    if source.trim_start_matches(BOM).trim().is_empty() {
        return Decoded::Skip(SkipReason::Empty);
    }
    Decoded::Text {
        source,
        warnings: warning.into_iter().collect(),
    }
}

/// UTF-16 with a byte order mark, transcoded to UTF-8 (malformed units become U+FFFD). Its
/// spans are offsets into the UTF-8 text, not the file: lines and columns are the file's; a
/// warning says so. `None` when the bytes have no UTF-16 byte order mark.
fn decode_utf16(bytes: &[u8]) -> Option<Decoded> {
    let enc = match bytes {
        [0xFF, 0xFE, ..] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF, ..] => encoding_rs::UTF_16BE,
        _ => return None,
    };
    let (text, malformed) = enc.decode_with_bom_removal(bytes);
    // Text that is binary in any encoding (NULs, control characters) is still binary.
    if is_binary(text.as_bytes()) {
        return Some(Decoded::Skip(SkipReason::Binary));
    }
    if text.trim().is_empty() {
        return Some(Decoded::Skip(SkipReason::Empty));
    }
    let message =
        format!(
        "decoded from {}{}; byte offsets are of the UTF-8 text (lines and columns are the file's)",
        enc.name(),
        if malformed { " with malformed code units replaced" } else { "" }
    );
    Some(Decoded::Text {
        source: text.into_owned(),
        warnings: vec![Warning { message }],
    })
}

/// A control byte that does not occur in ordinary text.
fn is_control_byte(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)) || b == 0x7F
}

/// True when the first [`SNIFF_LEN`] bytes hold a NUL byte, or more than 30% control bytes
/// or bytes that are not valid UTF-8.
pub fn is_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_LEN)];
    if sample.is_empty() {
        return false;
    }
    if sample.contains(&0) {
        return true;
    }
    let control = sample.iter().filter(|&&b| is_control_byte(b)).count();
    let mut invalid = 0;
    let mut chunks = sample.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        // An incomplete character cut off by the end of the sample is not invalid.
        if chunks.peek().is_some() || sample.len() == bytes.len() {
            invalid += chunk.invalid().len();
        }
    }
    (control + invalid) as f64 > MAX_CONTROL_SHARE * sample.len() as f64
}

/// Most byte offsets listed in the repair warning.
const MAX_LISTED_OFFSETS: usize = 5;

/// Turns bytes into a `String` of the same length: every byte of an invalid UTF-8 sequence
/// becomes one ASCII space. Returns a warning naming where bytes were replaced, if any were.
pub fn repair_utf8(bytes: Vec<u8>) -> (String, Option<Warning>) {
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => return (s, None),
        Err(e) => e.into_bytes(),
    };
    let mut out = String::with_capacity(bytes.len());
    let mut replaced = 0usize;
    let mut offsets = Vec::new();
    let mut last_end = None;
    let mut places = 0usize;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        let bad = chunk.invalid();
        if !bad.is_empty() {
            // Adjacent invalid sequences are one place.
            if last_end != Some(out.len()) {
                places += 1;
                if offsets.len() < MAX_LISTED_OFFSETS {
                    offsets.push(out.len());
                }
            }
            replaced += bad.len();
            last_end = Some(out.len() + bad.len());
            out.extend(std::iter::repeat_n(' ', bad.len()));
        }
    }
    debug_assert_eq!(out.len(), bytes.len());
    let mut listed: Vec<String> = offsets.iter().map(|o| o.to_string()).collect();
    if places > offsets.len() {
        listed.push(format!("and {} more", places - offsets.len()));
    }
    let message = format!(
        "{replaced} invalid UTF-8 byte(s) replaced by spaces at byte offset {}",
        listed.join(", ")
    );
    (out, Some(Warning { message }))
}

/// The starting point of a prose view: the source with the byte order mark and control
/// characters (other than tab and line breaks) blanked.
pub fn prose_base(source: &str) -> Vec<u8> {
    let mut buf = source.as_bytes().to_vec();
    if source.starts_with(BOM) {
        blank(&mut buf, 0, BOM.len());
    }
    for b in buf.iter_mut() {
        if is_control_byte(*b) {
            *b = b' ';
        }
    }
    buf
}

/// Replaces `buf[start..end]` with spaces, keeping line breaks. The range must lie on
/// character boundaries (so the buffer stays UTF-8); out-of-range ends are clamped.
pub fn blank(buf: &mut [u8], start: usize, end: usize) {
    let end = end.min(buf.len());
    let start = start.min(end);
    for b in &mut buf[start..end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// Turns a prose buffer back into a `String`. The buffer was built from a `String` by
/// blanking or copying whole characters, so this cannot fail; if it ever did, every
/// non-ASCII byte is blanked rather than panicking.
pub fn into_string(mut buf: Vec<u8>) -> String {
    match String::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => {
            buf = e.into_bytes();
            for b in buf.iter_mut() {
                if !b.is_ascii() {
                    *b = b' ';
                }
            }
            String::from_utf8(buf).unwrap_or_default()
        }
    }
}

/// Byte ranges of bare URLs in `text`: `http://`, `https://`, `ftp://` and `www.` addresses,
/// up to the next white space, without trailing punctuation.
pub fn url_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut starts = Vec::new();
    for (i, _) in text.match_indices("://") {
        let scheme_start = text[..i]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        let s = i - scheme_start;
        let scheme = text[s..i].to_ascii_lowercase();
        if matches!(scheme.as_str(), "http" | "https" | "ftp") {
            starts.push(s);
        }
    }
    for (i, _) in text.match_indices("www.") {
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'/');
        if boundary && bytes.get(i + 4).is_some_and(u8::is_ascii_alphanumeric) {
            starts.push(i);
        }
    }
    starts.sort_unstable();
    for s in starts {
        if out.last().is_some_and(|&(_, e)| s < e) {
            continue;
        }
        let len = text[s..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(text.len() - s);
        let url = &text[s..s + len];
        // Trailing punctuation is not part of the URL, nor is a closing bracket without its
        // opening one ("(see https://x.org/a)").
        let mut open = url.matches(['(', '[']).count();
        let mut close = url.matches([')', ']']).count();
        let mut end = url.len();
        while let Some(c) = url[..end].chars().next_back() {
            match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' => {}
                ')' | ']' if close > open => close -= 1,
                ')' | ']' => break,
                '(' | '[' => open -= 1,
                _ => break,
            }
            end -= c.len_utf8();
        }
        let url = &url[..end];
        out.push((s, s + url.len()));
    }
    out
}

/// Blanks every bare URL of a prose buffer.
pub fn blank_urls(buf: &mut [u8]) {
    let ranges = match std::str::from_utf8(buf) {
        Ok(text) => url_ranges(text),
        Err(_) => return,
    };
    for (s, e) in ranges {
        blank(buf, s, e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repair_keeps_offsets() {
        let bytes = b"ab\xffcd\xe2\x82ef\xc3\xa9".to_vec();
        let (s, w) = repair_utf8(bytes.clone());
        assert_eq!(s.len(), bytes.len());
        assert_eq!(s, "ab cd  ef\u{e9}");
        let w = w.unwrap().message;
        assert!(w.starts_with("3 invalid UTF-8 byte(s)"), "{w}");
        assert!(w.contains("offset 2, 5"), "{w}");
        let (_, w) = repair_utf8(b"\xff-".repeat(7));
        assert!(w
            .unwrap()
            .message
            .ends_with("offset 0, 2, 4, 6, 8, and 2 more"));
    }

    #[test]
    fn valid_utf8_has_no_warning() {
        assert_eq!(repair_utf8(b"ok".to_vec()), ("ok".to_string(), None));
    }

    #[test]
    fn binary_and_empty() {
        assert!(matches!(decode(vec![]), Decoded::Skip(SkipReason::Empty)));
        assert!(matches!(
            decode(b" \n\t\r\n".to_vec()),
            Decoded::Skip(SkipReason::Empty)
        ));
        assert!(matches!(
            decode(b"\xEF\xBB\xBF\n".to_vec()),
            Decoded::Skip(SkipReason::Empty)
        ));
        assert!(matches!(
            decode(b"text\0more".to_vec()),
            Decoded::Skip(SkipReason::Binary)
        ));
        assert!(matches!(
            decode(b"\x01\x02\x03\x04ab".to_vec()),
            Decoded::Skip(SkipReason::Binary)
        ));
        assert!(matches!(
            decode(vec![0xFF; 100]),
            Decoded::Skip(SkipReason::Binary)
        ));
        match decode(b"\xFF\xFEh\0i\0".to_vec()) {
            Decoded::Text { source, warnings } => {
                assert_eq!(source, "hi");
                assert!(warnings[0].message.starts_with("decoded from UTF-16LE;"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            decode(b"\xFE\xFF\0h\0\x01\0\x02\0\x03".to_vec()),
            Decoded::Skip(SkipReason::Binary)
        ));
        assert!(matches!(
            decode("caf\u{e9} au lait\n".as_bytes().to_vec()),
            Decoded::Text { .. }
        ));
    }

    #[test]
    fn sniff_ignores_a_character_cut_by_the_sample_end() {
        let mut bytes = vec![b'a'; SNIFF_LEN - 1];
        bytes.extend("\u{e9}".as_bytes());
        assert!(!is_binary(&bytes));
    }

    #[test]
    fn bom_and_controls_blanked() {
        let base = into_string(prose_base("\u{FEFF}a\x1bb\tc\n"));
        assert_eq!(base, "   a b\tc\n");
    }

    #[test]
    fn urls() {
        let t = "See https://example.com/a_(b)?q=1. Or (www.x.org/p), not ahttp://x nor mailwww.y.";
        let found: Vec<&str> = url_ranges(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(found, vec!["https://example.com/a_(b)?q=1", "www.x.org/p"]);
        let t = format!("(see https://x.org/a). {}", "http://y).".repeat(100_000));
        let r = url_ranges(&t);
        assert_eq!(&t[r[0].0..r[0].1], "https://x.org/a");
        assert_eq!(r.len(), 2);
        let mut buf = b"at www.example.com.\n".to_vec();
        blank_urls(&mut buf);
        assert_eq!(buf, b"at                .\n");
    }
}
