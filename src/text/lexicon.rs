//! Lexicons of word sequences ("square kilometres", "more than"), indexed by one of their
//! words so that a lookup at a token costs one hash probe instead of a scan of the list.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small fast hasher for short keys (FxHash's mixing), for maps whose keys come from the
/// program or the rule packs (lexicons, rule indexes), never from the input text.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    /// A hasher that goes on from a hash it finished: it reads a byte at a time, so writing
    /// `b` to `FxHasher::resume(hash of a)` gives the hash of `a` and `b` run together.
    pub fn resume(state: u64) -> FxHasher {
        FxHasher(state)
    }
}

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

/// The shapes of a list of lower-case ASCII words: for each first letter and length (below
/// 32), the set of last letters (bit `l` for the letter `b'a' + l`).
pub type Shapes = [[u32; 32]; 26];

/// The [`Shapes`] of `words` (each of lower-case ASCII letters: anything else fails to
/// compile).
pub const fn shapes(words: &[&str]) -> Shapes {
    let mut m = [[0u32; 32]; 26];
    let mut i = 0;
    while i < words.len() {
        assert!(
            is_plain_word(words[i]),
            "a listed word is not of 1 to 31 letters a-z"
        );
        m = shape_add(m, words[i]);
        i += 1;
    }
    m
}

/// A word of 1 to 31 ASCII letters, lower-case ones only when `lower`.
const fn is_letter_word(w: &str, lower: bool) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b.len() >= 32 {
        return false;
    }
    let mut k = 0;
    while k < b.len() {
        if !(b[k].is_ascii_lowercase() || !lower && b[k].is_ascii_uppercase()) {
            return false;
        }
        k += 1;
    }
    true
}

/// A word of 1 to 31 lower-case ASCII letters.
pub const fn is_plain_word(w: &str) -> bool {
    is_letter_word(w, true)
}

/// `m` with the shape of `w` added (a word of lower-case letters; other words are left out:
/// callers look words with other characters up without the shapes).
pub const fn shape_add(m: Shapes, w: &str) -> Shapes {
    if is_plain_word(w) {
        shape_add_folded(m, w)
    } else {
        m
    }
}

/// `m` with the shape of `w`, ASCII case folded, added when it is of ASCII letters only (1 to
/// 31); other words are left out (see [`may_start_phrase`]).
pub const fn shape_add_folded(mut m: Shapes, w: &str) -> Shapes {
    if is_letter_word(w, false) {
        let b = w.as_bytes();
        let (f, l) = (b[0] | 0x20, b[b.len() - 1] | 0x20);
        m[(f - b'a') as usize][b.len()] |= 1 << (l - b'a');
    }
    m
}

/// Whether a lexicon whose first words have the shapes `m` (see [`shape_add_folded`]) may
/// hold a phrase starting with `t`: of a listed shape, or not of ASCII letters only (those
/// first words have no shape and are always looked up).
#[inline]
pub fn may_start_phrase(m: &Shapes, t: &str) -> bool {
    has_shape(m, t) || !t.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Whether a word of the list `shapes` was made of has the shape of `w` (first letter,
/// length, last letter; ASCII case ignored): false rules `w` out without comparing words.
#[inline]
pub fn has_shape(shapes: &Shapes, w: &str) -> bool {
    let b = w.as_bytes();
    // `| 0x20` lower-cases a capital and maps no other byte onto a lower-case letter
    match (b.first().map(|&f| f | 0x20), b.last().map(|&l| l | 0x20)) {
        (Some(f @ b'a'..=b'z'), Some(l @ b'a'..=b'z')) if b.len() < 32 => {
            shapes[usize::from(f - b'a')][b.len()] & (1 << (l - b'a')) != 0
        }
        _ => false,
    }
}

/// `word` ends with the ASCII `suffix`, ASCII case ignored (as `to_ascii_lowercase` and
/// `ends_with` would say, without allocating).
pub fn ends_with_ignore_ascii_case(word: &str, suffix: &str) -> bool {
    let (w, s) = (word.as_bytes(), suffix.as_bytes());
    w.len() >= s.len() && w[w.len() - s.len()..].eq_ignore_ascii_case(s)
}

/// A word's length and its first, second and last bytes, ASCII case folded (`| 0x20`, which
/// maps the two cases of a letter together and leaves every other byte apart from letters
/// as it is): equal for two words equal but for ASCII case, and read without a pass over
/// the word. The key of the small open-addressing tables that look a word up as written
/// (the time scanner's words, the noun stop words). `b` is not empty.
#[inline]
pub fn ends_key(b: &[u8]) -> u32 {
    let n = b.len();
    let second = if n > 1 { b[1] } else { 0 };
    (n as u32) << 24
        | u32::from(b[0] | 0x20) << 16
        | u32::from(second | 0x20) << 8
        | u32::from(b[n - 1] | 0x20)
}

/// The first slot of an [`ends_key`] in a table of `SLOTS` slots (a power of two).
#[inline]
pub fn ends_key_slot<const SLOTS: usize>(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - SLOTS.trailing_zeros())) as usize & (SLOTS - 1)
}

/// Lower-cases an ASCII token into `buf` (non-ASCII bytes are kept): the lookup key; `None`
/// when the token is longer than `buf` (size it to the longest word it is compared with).
pub fn key<'b, const N: usize>(token: &str, buf: &'b mut [u8; N]) -> Option<&'b str> {
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
