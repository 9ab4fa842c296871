//! Plain text files (and standard input without front matter).
//!
//! The prose view is the source with the byte order mark, control characters and bare URLs
//! blanked; blocks are paragraphs and title-like lines ([`plain_blocks`]).

use super::{decode, Format, InputRef, LoadOptions, Loaded};
use crate::document::Document;
use crate::text::blocks::plain_blocks;

/// Reads an input as plain text.
pub fn load(input: &InputRef, opts: &LoadOptions) -> Loaded {
    super::load_with(input, Some(Format::Plain), opts)
}

/// Builds the document of a plain-text source (already decoded): prose view, blocks, date.
pub fn parse(path: impl Into<String>, source: String, opts: &LoadOptions) -> Document {
    let mut buf = decode::prose_base(&source);
    decode::blank_urls(&mut buf);
    let text = decode::into_string(buf);
    let blocks = plain_blocks(&text, 0);
    let mut doc = Document::new(path, source, text, blocks);
    super::resolve_date(&mut doc, None, opts);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DateOrigin;
    use crate::input::{load_bytes, SkipReason};

    fn doc(bytes: &[u8]) -> Document {
        match load_bytes(
            "t.txt".into(),
            bytes.to_vec(),
            Format::Plain,
            &LoadOptions::default(),
        ) {
            Loaded::Document(d) => *d,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn xinhua_style_page() {
        let src = "US EUROPE AFRICA ASIA \u{4e2d}\u{6587}\nBusiness / Technology\n\nInternet security must not become a weak heel of the web\n\n(Xinhua) Updated: 2015-12-15 13:19\n\nBEIJING - More than 80,000 incidents were recorded, up 124 percent.\n";
        let d = doc(src.as_bytes());
        assert_eq!(d.date, Some(jiff::civil::date(2015, 12, 15)));
        assert_eq!(d.date_origin, Some(DateOrigin::Dateline));
        assert_eq!(d.text, d.source);
        let blocks: Vec<&str> = d.blocks.iter().map(|b| &d.text[b.start..b.end]).collect();
        assert_eq!(blocks[0], "US EUROPE AFRICA ASIA \u{4e2d}\u{6587}");
        assert_eq!(blocks[1], "Business / Technology");
        assert_eq!(blocks[3], "(Xinhua) Updated: 2015-12-15 13:19");
        assert_eq!(blocks.len(), 5);
    }

    #[test]
    fn bom_urls_and_invalid_bytes_keep_offsets() {
        let src = b"\xEF\xBB\xBFSee https://example.com/2015/12/15 now.\nBad \xFF\xFE byte.\n";
        let d = doc(src);
        assert_eq!(d.source.len(), src.len());
        assert_eq!(d.text.len(), src.len());
        assert!(d.source.starts_with('\u{FEFF}'));
        assert!(d.text.starts_with("   See "));
        assert!(!d.text.contains("example"));
        assert!(d.text.contains("Bad    byte."));
        assert_eq!(d.warnings.len(), 1);
        assert!(
            d.warnings[0].message.starts_with("2 invalid UTF-8 byte(s)"),
            "{:?}",
            d.warnings
        );
        assert!(
            d.warnings[0].message.contains("offset 47"),
            "{:?}",
            d.warnings
        );
        assert_eq!(d.date, None);
    }

    #[test]
    fn skips() {
        for (bytes, reason) in [
            (&b""[..], SkipReason::Empty),
            (b"  \n\n\t", SkipReason::Empty),
            (b"PK\x03\x04\0\0zip", SkipReason::Binary),
        ] {
            match load_bytes(
                "t".into(),
                bytes.to_vec(),
                Format::Plain,
                &LoadOptions::default(),
            ) {
                Loaded::Skipped { reason: r, .. } => assert_eq!(r, reason),
                other => panic!("{other:?}"),
            }
        }
    }
}
