//! The limits every reader obeys, so that no input — a 200 MB single line, a gzip bomb, a
//! JSONL line without an end — can exhaust memory. What goes over a limit is skipped with
//! the limit as its reason, and the run goes on.

use std::fmt;
use std::io;

const MIB: u64 = 1024 * 1024;

/// The limits of one run. [`Limits::default`] holds the documented defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes one document may have (a file, a JSONL article's text, a WARC record's
    /// HTML). Larger documents are skipped as `too_large`, not truncated: a truncated article
    /// would be checked as if it ended mid-sentence.
    pub max_document_bytes: u64,
    /// Most bytes one gzip-compressed input may decompress to, over all its documents (a
    /// `.jsonl.gz` or `.warc.gz` archive). Past it the rest of the file is skipped as
    /// `decompression_limit`.
    pub max_decompressed_bytes: u64,
    /// Most bytes one JSONL line may have (the article text plus its JSON escaping and
    /// fields). A longer line is skipped as `line_too_long` without being held in memory.
    pub max_line_bytes: u64,
    /// Most bytes of one WARC record's header block (and of an HTTP response's headers).
    pub max_header_bytes: u64,
    /// Most claims kept from one document: past it the rest are dropped with a warning (a
    /// generated table of a million figures would otherwise make rules quadratic in it).
    pub max_claims: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 16 * MIB,
            max_decompressed_bytes: 4096 * MIB,
            max_line_bytes: 32 * MIB,
            max_header_bytes: MIB / 16,
            max_claims: 100_000,
        }
    }
}

/// The error a [`Capped`] reader returns once its limit is passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitExceeded {
    pub limit: u64,
}

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "decompressed size over the limit of {}",
            bytes(self.limit)
        )
    }
}

impl std::error::Error for LimitExceeded {}

/// Whether an I/O error is a [`Capped`] reader's limit.
pub fn is_limit(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<LimitExceeded>())
}

/// A reader that fails with [`LimitExceeded`] once more than `limit` bytes were read through
/// it (rather than ending quietly as [`io::Read::take`] does, which would make a gzip bomb
/// look like a short file).
#[derive(Debug)]
pub struct Capped<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R> Capped<R> {
    pub fn new(inner: R, limit: u64) -> Capped<R> {
        Capped {
            inner,
            left: limit,
            limit,
        }
    }
}

impl<R: io::Read> io::Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.left == 0 {
            // Everything up to the limit was delivered: more is an error, the end is not.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(LimitExceeded { limit: self.limit })),
            };
        }
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// What [`read_line`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A line (with its line break, if any) is in the buffer.
    Read,
    /// The line was longer than the limit: it was read past and dropped.
    TooLong,
    /// Nothing was left to read.
    Eof,
}

/// Reads one line into `buf` (cleared first), holding at most `max` bytes of it: a longer
/// line is consumed to its end without being kept. Memory stays bounded whatever the input.
pub fn read_line(r: &mut impl io::BufRead, buf: &mut Vec<u8>, max: u64) -> io::Result<Line> {
    buf.clear();
    let mut any = false;
    let mut too_long = false;
    loop {
        let avail = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if avail.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => Line::Eof,
                (true, true) => Line::TooLong,
                (true, false) => Line::Read,
            });
        }
        any = true;
        let (n, done) = match avail.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (avail.len(), false),
        };
        if !too_long {
            if (buf.len() + n) as u64 > max.saturating_add(1) {
                too_long = true;
                buf.clear();
                buf.shrink_to(64 * 1024);
            } else {
                buf.extend_from_slice(&avail[..n]);
            }
        }
        r.consume(n);
        if done {
            return Ok(if too_long { Line::TooLong } else { Line::Read });
        }
    }
}

/// A byte count for messages: `16 MiB`, `1.5 KiB`, `12 bytes`.
pub fn bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", MIB * 1024), ("MiB", MIB), ("KiB", 1024)];
    for (unit, size) in UNITS {
        if n >= size {
            let v = n as f64 / size as f64;
            return if n % size == 0 {
                format!("{} {unit}", n / size)
            } else {
                format!("{v:.1} {unit}")
            };
        }
    }
    format!("{n} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn capped_reader_fails_past_its_limit() {
        let mut ok = Vec::new();
        Capped::new(&b"12345"[..], 5).read_to_end(&mut ok).unwrap();
        assert_eq!(ok, b"12345");
        let mut r = Capped::new(&b"123456"[..], 5);
        let err = r.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(is_limit(&err), "{err}");
        assert_eq!(
            err.to_string(),
            "decompressed size over the limit of 5 bytes"
        );
        assert!(!is_limit(&io::Error::other("x")));
    }

    #[test]
    fn lines_are_capped() {
        let mut r = io::BufReader::with_capacity(4, &b"ab\n0123456789\nxyz"[..]);
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Read);
        assert_eq!(buf, b"ab\n");
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::TooLong);
        assert!(buf.is_empty());
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Read);
        assert_eq!(buf, b"xyz");
        assert_eq!(read_line(&mut r, &mut buf, 5).unwrap(), Line::Eof);
    }

    #[test]
    fn byte_counts() {
        assert_eq!(bytes(16 * MIB), "16 MiB");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(4096 * MIB), "4 GiB");
        assert_eq!(bytes(12), "12 bytes");
    }
}

/// Keeps the first `max` claims of an extraction (in document order); returns how many were
/// dropped, if any.
pub fn cap_claims(ex: &mut crate::extract::Extraction, max: usize) -> Option<usize> {
    let n = ex.claims.len();
    if n <= max {
        return None;
    }
    ex.claims.truncate(max);
    ex.claim_sentence.truncate(max);
    Some(n - max)
}

/// Parses a size given on the command line: bytes, or a number with `K`, `M`, `G` (powers
/// of 1024; `KiB`, `MB` and lower case also accepted).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a size (e.g. 16M, 512K, 1048576)"))?;
    let shift = match unit
        .trim()
        .to_ascii_lowercase()
        .trim_end_matches(['b', 'i'])
    {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        _ => return Err(format!("{s:?}: unknown unit (use K, M or G)")),
    };
    n.checked_mul(1u64 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))
}

#[cfg(test)]
mod size_tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("2gb"), Ok(2 << 30));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("3T").is_err());
        assert!(parse_size("99999999999G").is_err());
    }
}
