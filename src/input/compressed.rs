//! gzip-compressed inputs (`.txt.gz`, `.md.gz`, `.html.gz`, `.jsonl.gz`, `.warc.gz`, or any
//! input that starts with the gzip magic bytes): decompressed as a stream, every member of a
//! multi-member file (as `.warc.gz` files are written, one member per record), never more than
//! [`Limits::max_decompressed_bytes`](super::limits::Limits) in all.

use super::limits::Capped;
use flate2::bufread::{MultiGzDecoder, ZlibDecoder};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The first two bytes of every gzip stream.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Whether the bytes start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// Whether the file name ends in `.gz`.
pub fn has_gz_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// The name without its `.gz` (`a.jsonl.gz` → `a.jsonl`), which tells the inner format.
pub fn inner_name(path: &Path) -> PathBuf {
    if has_gz_extension(path) {
        path.with_extension("")
    } else {
        path.to_path_buf()
    }
}

/// The decompressed stream of a gzip reader, failing with
/// [`LimitExceeded`](super::limits::LimitExceeded) past `limit` bytes.
pub fn gunzip<R: BufRead + Send + 'static>(
    reader: R,
    limit: u64,
) -> BufReader<Capped<MultiGzDecoder<R>>> {
    BufReader::with_capacity(64 * 1024, Capped::new(MultiGzDecoder::new(reader), limit))
}

/// Decompresses an HTTP body (`Content-Encoding: gzip` or `deflate`) held in memory, up to
/// `limit` bytes.
pub fn decode_content(encoding: &str, body: &[u8], limit: u64) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    match encoding {
        "gzip" | "x-gzip" => {
            Capped::new(MultiGzDecoder::new(body), limit).read_to_end(&mut out)?;
        }
        // "deflate" is meant to be zlib-wrapped, but some servers send it raw.
        "deflate" => {
            if Capped::new(ZlibDecoder::new(body), limit)
                .read_to_end(&mut out)
                .is_err()
            {
                out.clear();
                Capped::new(flate2::bufread::DeflateDecoder::new(body), limit)
                    .read_to_end(&mut out)?;
            }
        }
        _ => {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                format!("content encoding {encoding:?} is not supported"),
            ))
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::limits::is_limit;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn members_are_concatenated_and_capped() {
        let mut two = gz(b"first ");
        two.extend(gz(b"second"));
        assert!(is_gzip(&two));
        let mut out = String::new();
        gunzip(io::Cursor::new(two.clone()), 100)
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "first second");
        let err = gunzip(io::Cursor::new(two), 8)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(is_limit(&err), "{err}");
    }

    #[test]
    fn a_bomb_stops_at_the_limit() {
        let bomb = gz(&vec![b'a'; 50 * 1024 * 1024]);
        assert!(bomb.len() < 200 * 1024, "{}", bomb.len());
        let err = decode_content("gzip", &bomb, 1024 * 1024).unwrap_err();
        assert!(is_limit(&err));
    }

    #[test]
    fn names() {
        assert_eq!(
            inner_name(Path::new("a/b.jsonl.GZ")),
            Path::new("a/b.jsonl")
        );
        assert_eq!(inner_name(Path::new("b.txt")), Path::new("b.txt"));
        assert!(decode_content("br", b"x", 10).is_err());
    }
}
