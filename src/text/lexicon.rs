//! Lexicons of word sequences ("square kilometres", "more than"), indexed by one of their
//! words so that a lookup at a token costs one hash probe instead of a scan of the list.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small fast hasher for short keys (FxHash's mixing), for maps whose keys come from the
/// program or the rule packs (lexicons, rule indexes), never from the input text.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The [`FxHasher`] as a map's hasher: `HashMap<K, V, FxBuild>`.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// Lower-cases an ASCII token into `buf` (non-ASCII bytes are kept): the lookup key.
pub fn key<'b>(token: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let b = token.as_bytes();
    if b.len() > buf.len() {
        return None;
    }
    buf[..b.len()].copy_from_slice(b);
    buf[..b.len()].make_ascii_lowercase();
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// Entries indexed by the lower-case word at position `at` of each sequence (0 = first;
/// `usize::MAX` = last).
pub struct Lexicon<T: 'static> {
    index: HashMap<String, Vec<usize>, FxBuild>,
    entries: Vec<(&'static [&'static str], T)>,
}

impl<T: 'static> Lexicon<T> {
    pub fn new(entries: Vec<(&'static [&'static str], T)>, at: usize) -> Lexicon<T> {
        let mut index: HashMap<String, Vec<usize>, FxBuild> = HashMap::default();
        for (n, (words, _)) in entries.iter().enumerate() {
            let w = if at == usize::MAX {
                words.last()
            } else {
                words.get(at)
            };
            if let Some(w) = w {
                index.entry(w.to_ascii_lowercase()).or_default().push(n);
            }
        }
        Lexicon { index, entries }
    }

    /// The entries whose indexed word is `token` (case-insensitive), in list order.
    pub fn candidates<'s>(
        &'s self,
        token: &str,
    ) -> impl Iterator<Item = &'s (&'static [&'static str], T)> + 's {
        let mut buf = [0u8; 32];
        let ids = key(token, &mut buf).and_then(|k| self.index.get(k));
        ids.into_iter().flatten().map(|&n| &self.entries[n])
    }
}
