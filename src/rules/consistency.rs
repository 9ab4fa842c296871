//! `consistency`: one term or entity spelled two ways in one document.
//!
//! - `pairs`: lists of variants, the first preferred (`[cyberspace, cyber space]`), each a
//!   word sequence matched like a `substitution` swap. When two variants of a list both
//!   occur, every occurrence of a non-preferred one is flagged (related: the first occurrence
//!   of the preferred one; suggestion: the preferred one). Occurrences capitalised inside a
//!   sentence or inside a person's or an organisation's name are names, not counted.
//! - `compounds: true`: open and hyphenated compounds whose closed form also occurs:
//!   "cyber space" or "cyber-space" beside "cyberspace", "e-mail" beside "email". Only two
//!   adjacent lower-case words (the first may open the sentence) whose concatenation is
//!   itself a word of the document, never with a function word or a particle ("every day" /
//!   "everyday", "set up" / "setup", "may be" / "maybe" are different words); the majority
//!   form is preferred, a tie goes to the closed form. When the closed form is the minority,
//!   only it is flagged: an open noun and a hyphenated adjective ("the third quarter",
//!   "third-quarter profit") are not played against each other. Terms a configured pair matched are
//!   left to the pair.
//! - `entities: true`: organisations named two ways. Names with the same key but written
//!   differently ("Center for China & Globalization" / "Center for China and
//!   Globalization", "Centre" / "Center", "Dev't" / "Development"; case, full stops and a
//!   leading "the" aside): the minority form is flagged, on a tie the one that appears
//!   later. Keys of 15 characters or more within Damerau–Levenshtein distance 2 that differ
//!   in one word ("China Institue for ..." / "China Institute for ..."): flagged only when
//!   the word tells which is misspelled: a misspelled institution head word against the
//!   head word, or a word of the name lexicons against an unknown word one typo away; or,
//!   when neither is known, a doubled or transposed letter in a word of six letters or more
//!   (then the minority form is flagged, on a tie the later one). Different places with
//!   near names ("Nanjing" / "Nanning", "East" / "West") are never flagged.

use super::substitution::{in_name, keep_case, lower, name_spans, ByFirstWord, WordPattern};
use super::{Check, RawRule, RuleCx};
use crate::claims::names::{is_misspelled_head, lex, HEAD};
use crate::claims::Claim;
use crate::document::Span;
use crate::findings::{Finding, Severity};
use crate::text::lexicon::FxBuild;
use crate::text::tokens::{Token, TokenKind};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The places already flagged or matched, as (start, end): looked up, never iterated.
type SpanSet = HashSet<(usize, usize), FxBuild>;

pub const PARAMS: &[&str] = &["pairs", "compounds", "entities"];
/// `{first}` the preferred spelling as first written, `{second}` the flagged one as written,
/// `{count_first}` and `{count_second}` how often each occurs in the document.
pub const FIELDS: &[&str] = &["first", "second", "count_first", "count_second"];

pub fn build(raw: &RawRule) -> Result<Box<dyn Check>, String> {
    let mut pairs: Vec<Vec<(String, WordPattern)>> = Vec::new();
    for (n, list) in raw.pairs.iter().flatten().enumerate() {
        if list.len() < 2 {
            return Err(format!(
                "pairs entry {} ({list:?}) needs at least two spellings",
                n + 1
            ));
        }
        let mut seen = HashSet::new();
        for v in list {
            if v.trim().is_empty() {
                return Err(format!("pairs entry {} has an empty spelling", n + 1));
            }
            if !seen.insert(lower(v.trim())) {
                return Err(format!("pairs entry {} lists {v:?} twice", n + 1));
            }
        }
        pairs.push(
            list.iter()
                .map(|v| (v.clone(), WordPattern::new(v)))
                .collect(),
        );
    }
    let compounds = raw.compounds.unwrap_or(false);
    let entities = raw.entities.unwrap_or(false);
    if pairs.is_empty() && !compounds && !entities {
        return Err("give `pairs`, or set `compounds` or `entities` to true".into());
    }
    let mut first_word: ByFirstWord<Vec<(usize, usize)>> = ByFirstWord::default();
    for (g, list) in pairs.iter().enumerate() {
        for (v, (_, p)) in list.iter().enumerate() {
            first_word.entry(p.first().to_string()).push((g, v));
        }
    }
    Ok(Box::new(Consistency {
        pairs,
        first_word,
        compounds,
        entities,
    }))
}

struct Consistency {
    /// Each list's variants: as configured, and as a pattern.
    pairs: Vec<Vec<(String, WordPattern)>>,
    /// (list, variant) by first word.
    first_word: ByFirstWord<Vec<(usize, usize)>>,
    compounds: bool,
    entities: bool,
}

impl Check for Consistency {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        let mut flagged: SpanSet = SpanSet::default();
        // every place a configured pair matched: compounds leave those terms to the pairs
        let mut pair_spans: SpanSet = SpanSet::default();
        if !self.pairs.is_empty() {
            self.check_pairs(cx, &mut pair_spans, &mut flagged, out);
        }
        if self.compounds {
            compounds(cx, &pair_spans, &mut flagged, out);
        }
        if self.entities {
            entities(cx, &mut flagged, out);
        }
    }
}

/// One spelling's occurrences.
struct Variant {
    spans: Vec<Span>,
}

/// Flags every occurrence of the variants other than `preferred`.
fn flag_variants(
    cx: &RuleCx,
    variants: &[Variant],
    preferred: usize,
    suggestion: Option<&str>,
    flagged: &mut SpanSet,
    out: &mut Vec<Finding>,
) {
    let pref = &variants[preferred];
    let Some(&first_span) = pref.spans.first() else {
        return;
    };
    let first = cx.doc.original_slice(first_span).to_string();
    for (v, var) in variants.iter().enumerate() {
        if v == preferred {
            continue;
        }
        for &span in &var.spans {
            if !flagged.insert((span.start, span.end)) {
                continue;
            }
            let second = cx.doc.original_slice(span).to_string();
            let mut f = cx.finding(
                Severity::Warning,
                &cx.rule.message,
                &[
                    ("first", first.clone()),
                    ("second", second.clone()),
                    ("count_first", pref.spans.len().to_string()),
                    ("count_second", var.spans.len().to_string()),
                ],
                span,
            );
            let s = keep_case(cx, span, suggestion.unwrap_or(&first));
            if s != second {
                f.suggestion = Some(s);
            }
            f.related
                .push(cx.related(first_span, format!("spelled \"{first}\" here")));
            out.push(f);
        }
    }
}

impl Consistency {
    fn check_pairs(
        &self,
        cx: &RuleCx,
        pair_spans: &mut SpanSet,
        flagged: &mut SpanSet,
        out: &mut Vec<Finding>,
    ) {
        let mut found: Vec<Vec<Variant>> = self
            .pairs
            .iter()
            .map(|l| l.iter().map(|_| Variant { spans: Vec::new() }).collect())
            .collect();
        let names = name_spans(cx);
        let mut buf = String::new();
        for (si, s) in cx.ex.sentences.iter().enumerate() {
            let tokens = &s.tokens;
            let shapes = cx.token_shapes().sentence(si);
            let first = first_word(tokens);
            for (i, &shape) in shapes.iter().enumerate() {
                if !self.first_word.may_hold(shape) {
                    continue;
                }
                let w = cx.doc.original_slice(tokens[i].span);
                let Some(cands) = self.first_word.get(w, &mut buf) else {
                    continue;
                };
                // a capital inside a sentence makes a name ("the Email Control suite")
                let capital = i != first
                    && cx
                        .doc
                        .original_slice(tokens[i].span)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                for &(g, v) in cands {
                    let Some(span) = self.pairs[g][v].1.match_at(cx, tokens, i) else {
                        continue;
                    };
                    pair_spans.insert((span.start, span.end));
                    if !capital && !in_name(&names, span) {
                        found[g][v].spans.push(span);
                    }
                }
            }
        }
        for (g, vars) in found.iter().enumerate() {
            if vars.iter().filter(|v| !v.spans.is_empty()).count() < 2 {
                continue;
            }
            let preferred = vars
                .iter()
                .position(|v| !v.spans.is_empty())
                .unwrap_or_default();
            let suggestion = self.pairs[g][preferred].0.as_str();
            flag_variants(cx, vars, preferred, Some(suggestion), flagged, out);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Compounds

/// Words that never make the first part of a compound checked here: function words, numbers
/// and ordinals ("third quarter" is never "thirdquarter"), and the first parts of open forms
/// that differ in meaning from the closed one ("every day", "may be", "some time", "in to",
/// "all ready", "a while", "long time").
const FIRST_STOP: &[&str] = &[
    "a", "after", "all", "also", "an", "and", "another", "any", "are", "as", "at", "back", "be",
    "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "down", "due",
    "each", "eight", "eighth", "else", "even", "ever", "every", "fifth", "first", "five", "for",
    "four", "fourth", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "just", "last", "less", "long", "may", "me", "might",
    "more", "most", "must", "my", "near", "never", "next", "nine", "ninth", "no", "none", "nor",
    "not", "of", "off", "on", "one", "only", "or", "other", "our", "out", "over", "per", "re",
    "said", "second", "seven", "seventh", "shall", "she", "should", "six", "sixth", "so", "some",
    "still", "ten", "tenth", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "third", "this", "those", "three", "to", "top", "two", "under", "up", "us", "very",
    "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will", "with",
    "would", "you", "your",
];

/// Words that never make the second part: function words and common verbs (a closed
/// "alsosaid" is a missing space), particles of phrasal verbs ("set up" / "setup", "log in" /
/// "login", "break down" / "breakdown") and nouns whose open forms differ ("any one", "some
/// thing", "mean time", "any way").
const SECOND_STOP: &[&str] = &[
    "a", "about", "ahead", "all", "along", "also", "an", "and", "apart", "are", "around", "as",
    "aside", "at", "away", "back", "be", "been", "being", "body", "but", "by", "can", "could",
    "day", "days", "down", "else", "even", "ever", "for", "from", "had", "has", "have", "he",
    "her", "here", "him", "his", "how", "i", "in", "into", "is", "it", "its", "just", "less",
    "may", "me", "more", "must", "my", "no", "not", "of", "off", "on", "one", "ones", "only", "or",
    "our", "out", "over", "said", "says", "self", "selves", "she", "should", "so", "still", "than",
    "that", "the", "their", "them", "there", "they", "thing", "things", "this", "through", "time",
    "times", "to", "together", "under", "up", "us", "very", "was", "way", "ways", "we", "were",
    "what", "where", "which", "who", "will", "with", "would", "you", "your",
];

/// `w` is in the sorted `list`.
fn is_stop(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// An open or hyphenated pair of words: where it is, and the hash of its letters.
struct Pair {
    sentence: usize,
    /// The sentence's first word.
    first: usize,
    i: usize,
    j: usize,
    form: usize,
    hash: u64,
}

/// A set of hashes that may answer yes for a hash it does not hold (rarely), never no for
/// one it holds: two bits per hash in a bit array of 16 bits or more per hash.
struct HashFilter {
    bits: Vec<u64>,
    /// log2 of the number of bits.
    order: u32,
}

impl HashFilter {
    fn new(hashes: impl Iterator<Item = u64>, count: usize) -> HashFilter {
        let order = (count * 16).max(64).next_power_of_two().trailing_zeros();
        let mut f = HashFilter {
            bits: vec![0; (1 << order) / 64],
            order,
        };
        for h in hashes {
            for b in f.probes(h) {
                f.bits[b / 64] |= 1 << (b % 64);
            }
        }
        f
    }

    /// The two bits of a hash: from its high bits, and from its bits mixed once more.
    fn probes(&self, h: u64) -> [usize; 2] {
        // a polynomial hash's last letter only reaches its low bits: mix them up first
        let h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let second = h.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
        [
            (h >> (64 - self.order)) as usize,
            (second >> (64 - self.order)) as usize,
        ]
    }

    fn may_contain(&self, h: u64) -> bool {
        self.probes(h)
            .iter()
            .all(|&b| self.bits[b / 64] & (1 << (b % 64)) != 0)
    }
}

/// A polynomial hash of a word's letters, with the power of the multiplier it ends with:
/// the hash of two words run together follows from theirs ([`LettersHash::then`]), without
/// reading their letters again. Equal for a pair and the closed word it spells.
#[derive(Clone, Copy)]
struct LettersHash {
    hash: u64,
    /// The multiplier to the power of the word's length.
    scale: u64,
}

impl LettersHash {
    /// An odd multiplier (the golden ratio's bits).
    const FACTOR: u64 = 0x9e37_79b9_7f4a_7c15;
    const EMPTY: LettersHash = LettersHash { hash: 0, scale: 1 };

    /// The hash with one more byte.
    fn push(self, b: u8) -> LettersHash {
        LettersHash {
            hash: self
                .hash
                .wrapping_mul(Self::FACTOR)
                .wrapping_add(u64::from(b)),
            scale: self.scale.wrapping_mul(Self::FACTOR),
        }
    }

    fn of(bytes: &[u8]) -> LettersHash {
        bytes.iter().fold(Self::EMPTY, |h, &b| h.push(b))
    }

    /// The hash of this word and `next` run together.
    fn then(self, next: LettersHash) -> LettersHash {
        LettersHash {
            hash: self.hash.wrapping_mul(next.scale).wrapping_add(next.hash),
            scale: self.scale.wrapping_mul(next.scale),
        }
    }
}

/// The three ways of writing a compound.
const OPEN: usize = 0;
const HYPHEN: usize = 1;
const CLOSED: usize = 2;

/// Token `i` as a compound part: its lower-case text, if it is a word of letters written in
/// lower case (or capitalised as its sentence's first word).
fn part<'a>(
    cx: &RuleCx<'a>,
    tokens: &[Token],
    i: usize,
    first_word: usize,
) -> Option<Cow<'a, str>> {
    let t = tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let w: &'a str = cx.doc.original_slice(t.span);
    // the common case without decoding characters: an ASCII head and lower-case ASCII letters
    // after it (anything else is decided below)
    if let Some((&head, rest)) = w.as_bytes().split_first() {
        if head.is_ascii() && rest.iter().all(u8::is_ascii_lowercase) {
            return if head.is_ascii_lowercase() {
                Some(Cow::Borrowed(w))
            } else if head.is_ascii_uppercase() && i == first_word {
                Some(Cow::Owned(w.to_lowercase()))
            } else {
                None
            };
        }
    }
    let mut chars = w.chars();
    let head = chars.next()?;
    if !chars.all(char::is_lowercase) || !head.is_alphabetic() {
        return None;
    }
    if head.is_lowercase() {
        Some(Cow::Borrowed(w))
    } else if i == first_word {
        Some(Cow::Owned(w.to_lowercase()))
    } else {
        None
    }
}

/// The hash of token `i`'s [`part`] ([`LettersHash`]), with whether the part is the token
/// as written (`Cow::Borrowed`, not a capitalised first word lower-cased), computed in one
/// pass over the bytes of the common ASCII words, without lower-casing into a new string.
fn part_hash(
    cx: &RuleCx,
    tokens: &[Token],
    i: usize,
    first_word: usize,
) -> Option<(LettersHash, bool)> {
    let t = tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    // the bytes, without `original_slice`'s test of character boundaries: a span off them
    // starts or ends with a byte above 0x7f, and `part` (which has that test) decides
    let w = cx
        .doc
        .source
        .as_bytes()
        .get(t.span.start..t.span.end)
        .unwrap_or_default();
    let (&head, rest) = w.split_first()?;
    let borrowed = if head.is_ascii_lowercase() {
        true
    } else if head.is_ascii_uppercase() && i == first_word {
        false
    } else if head.is_ascii() {
        // `part`: an ASCII head that is not a letter, or a capital inside the sentence
        return None;
    } else {
        return part_hash_slow(cx, tokens, i, first_word);
    };
    // the hash of the part: of the lower-case head, then of the rest
    let mut h = LettersHash::EMPTY.push(head.to_ascii_lowercase());
    for &b in rest {
        if !b.is_ascii_lowercase() {
            // an ASCII byte not a lower-case letter is a character not lower case (`part`
            // says no); a non-ASCII one is decided by `part`
            return if b.is_ascii() {
                None
            } else {
                part_hash_slow(cx, tokens, i, first_word)
            };
        }
        h = h.push(b);
    }
    Some((h, borrowed))
}

/// [`part_hash`] through [`part`].
fn part_hash_slow(
    cx: &RuleCx,
    tokens: &[Token],
    i: usize,
    first_word: usize,
) -> Option<(LettersHash, bool)> {
    let part = part(cx, tokens, i, first_word)?;
    Some((
        LettersHash::of(part.as_bytes()),
        matches!(part, Cow::Borrowed(_)),
    ))
}

/// Token `i` is a hyphen glued to its neighbours' words.
fn glued_hyphen(cx: &RuleCx, tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| {
        // the text is "-": one byte, a hyphen
        t.joined
            && t.span.end == t.span.start + 1
            && cx.doc.source.as_bytes().get(t.span.start) == Some(&b'-')
    }) && tokens
        .get(i + 1)
        .is_some_and(|n| n.joined && n.kind != TokenKind::Punct)
}

/// The index of the first word of a sentence's tokens.
fn first_word(tokens: &[Token]) -> usize {
    tokens
        .iter()
        .position(|t| t.kind != TokenKind::Punct)
        .unwrap_or(0)
}

fn compounds(cx: &RuleCx, pair_spans: &SpanSet, flagged: &mut SpanSet, out: &mut Vec<Finding>) {
    // A first pass over the words finds the closed-form candidates (single words of five
    // letters or more outside hyphenated chains), each with the hash of its letters, and
    // keeps every word's hash. A second pass forms the open and hyphenated pairs, each hashed
    // as its two parts run together (from the parts' hashes: `LettersHash::then`), and keeps
    // only those whose hash some closed candidate may have. Only the words some kept pair's
    // hash matches are indexed, and only the pairs some indexed word's hash matches are looked
    // up: the hashes only skip work (a collision costs a look-up), the index decides.
    let tokens: usize = cx.ex.sentences.iter().map(|s| s.tokens.len()).sum();
    // sentence, first word, token, hash (at most one per token: reserved once, not grown)
    let mut closed: Vec<(usize, usize, usize, u64)> = Vec::with_capacity(tokens);
    // per token of the document (sentence by sentence): its part's hash, if it is a part,
    // with whether it can come second (written in lower case: not a capitalised first word);
    // and whether it is a glued hyphen (each token's computed once, read up to four times)
    let mut hashes: Vec<Option<(LettersHash, bool)>> = Vec::with_capacity(tokens);
    let mut glued: Vec<bool> = Vec::with_capacity(tokens);
    for (si, s) in cx.ex.sentences.iter().enumerate() {
        let tokens = &s.tokens;
        let first = first_word(tokens);
        let at = glued.len();
        glued.extend((0..tokens.len()).map(|i| glued_hyphen(cx, tokens, i)));
        let glued = &glued[at..];
        for i in 0..tokens.len() {
            let hash = part_hash(cx, tokens, i, first);
            let in_chain = i >= 1 && glued[i - 1] && tokens[i].joined;
            if tokens[i].span.len() >= 5 && !in_chain && !glued.get(i + 1).copied().unwrap_or(false)
            {
                if let Some((h, _)) = hash {
                    closed.push((si, first, i, h.hash));
                }
            }
            hashes.push(hash);
        }
    }
    if closed.is_empty() {
        return;
    }
    let closed_hashes = HashFilter::new(closed.iter().map(|c| c.3), closed.len());
    let mut pairs: Vec<Pair> = Vec::new();
    let mut at = 0; // the index in `hashes` of the sentence's first token
    for (si, s) in cx.ex.sentences.iter().enumerate() {
        let tokens = &s.tokens;
        let first = first_word(tokens);
        let hashes = &hashes[at..at + tokens.len()];
        let glued = &glued[at..at + tokens.len()];
        at += tokens.len();
        for i in 0..tokens.len() {
            let Some((first_hash, _)) = hashes[i] else {
                continue;
            };
            // not inside a longer hyphenated chain
            if i >= 1 && glued[i - 1] && tokens[i].joined {
                continue;
            }
            let (form, j) = if glued.get(i + 1).copied().unwrap_or(false) && tokens[i + 1].joined {
                (HYPHEN, i + 2)
            } else if tokens.get(i + 1).is_some_and(|t| !t.joined) {
                (OPEN, i + 1)
            } else {
                continue;
            };
            // a capitalised first word (lower-cased, owned) is no second part
            let Some(&Some((second_hash, true))) = hashes.get(j) else {
                continue;
            };
            let hash = first_hash.then(second_hash).hash;
            if closed_hashes.may_contain(hash) {
                pairs.push(Pair {
                    sentence: si,
                    first,
                    i,
                    j,
                    form,
                    hash,
                });
            }
        }
    }
    let pair_hashes = HashFilter::new(pairs.iter().map(|p| p.hash), pairs.len());
    // closed forms that some pair may spell
    // (iterated only to be sorted by first occurrence: its order does not matter)
    let mut index: HashMap<Cow<str>, usize, FxBuild> = HashMap::default();
    let mut forms: Vec<[Vec<Span>; 3]> = Vec::new();
    let mut key_hashes: Vec<u64> = Vec::new();
    for &(si, first, i, hash) in &closed {
        if !pair_hashes.may_contain(hash) {
            continue;
        }
        let tokens = &cx.ex.sentences[si].tokens;
        let Some(w) = part(cx, tokens, i, first) else {
            continue;
        };
        let n = forms.len();
        let k = *index.entry(w).or_insert(n);
        if k == n {
            forms.push(Default::default());
            key_hashes.push(hash);
        }
        forms[k][CLOSED].push(tokens[i].span);
    }
    if forms.is_empty() {
        return;
    }
    key_hashes.sort_unstable();
    // open and hyphenated forms whose concatenation is one of those words (of a length some
    // word has)
    let (min_len, max_len) = index.keys().fold((usize::MAX, 0), |(lo, hi), k| {
        (lo.min(k.len()), hi.max(k.len()))
    });
    let mut buf = String::new();
    for p in &pairs {
        if key_hashes.binary_search(&p.hash).is_err() {
            continue;
        }
        let tokens = &cx.ex.sentences[p.sentence].tokens;
        let (i, j, form) = (p.i, p.j, p.form);
        let (Some(a), Some(b)) = (
            part(cx, tokens, i, p.first),
            part(cx, tokens, j, usize::MAX),
        ) else {
            continue;
        };
        if !(min_len..=max_len).contains(&(a.len() + b.len())) {
            continue;
        }
        buf.clear();
        buf.push_str(&a);
        buf.push_str(&b);
        let Some(&k) = index.get(buf.as_str()) else {
            continue;
        };
        if is_stop(FIRST_STOP, &a)
            || is_stop(SECOND_STOP, &b)
            || glued_hyphen(cx, tokens, j + 1)
            || (form == OPEN && (a.chars().count() < 2 || b.chars().count() < 2))
        {
            continue;
        }
        forms[k][form].push(Span::new(tokens[i].span.start, tokens[j].span.end));
    }
    let mut keys: Vec<(&str, &[Vec<Span>; 3])> = index
        .iter()
        .map(|(k, &i)| (k.as_ref(), &forms[i]))
        .filter(|(_, f)| {
            (!f[OPEN].is_empty() || !f[HYPHEN].is_empty())
                && !f
                    .iter()
                    .flatten()
                    .any(|s| pair_spans.contains(&(s.start, s.end)))
        })
        .collect();
    keys.sort_by_key(|(_, f)| f[CLOSED][0].start);
    for (k, f) in keys {
        let counts = [f[OPEN].len(), f[HYPHEN].len(), f[CLOSED].len()];
        let preferred = if counts[CLOSED] >= counts[OPEN].max(counts[HYPHEN]) {
            CLOSED
        } else if counts[OPEN] >= counts[HYPHEN] {
            OPEN
        } else {
            HYPHEN
        };
        // open and hyphenated forms are never played against each other: "in the third
        // quarter" and "third-quarter profit" are both right
        let variants: Vec<Variant> = f
            .iter()
            .enumerate()
            .map(|(form, spans)| Variant {
                spans: if preferred != CLOSED && form != CLOSED && form != preferred {
                    Vec::new()
                } else {
                    spans.clone()
                },
            })
            .collect();
        // compound parts are lower case but for a sentence's first word
        let suggestion = match preferred {
            CLOSED => k.to_string(),
            _ => cx.doc.original_slice(f[preferred][0]).to_lowercase(),
        };
        flag_variants(cx, &variants, preferred, Some(&suggestion), flagged, out);
    }
}

// ---------------------------------------------------------------------------------------------
// Entities

/// A name as compared for spelling: lower case, full stops and a leading "the" dropped,
/// apostrophes straight, white space folded ("&" and "and" stay apart; "Labour" and
/// "Labor", "Defence" and "Defense" do not: they often name different countries' bodies).
fn written_form(name: &str) -> String {
    if name.is_ascii() {
        written_form_ascii(name)
    } else {
        written_form_any(name)
    }
}

/// [`written_form`] of any name.
fn written_form_any(name: &str) -> String {
    let l = name
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace('.', "");
    let words: Vec<&str> = l
        .split_whitespace()
        .map(|w| match w {
            // national spellings that name different bodies: Australia's Labor Party and
            // Britain's Labour Party, ministries of defence and of defense
            "labour" => "labor",
            "defence" => "defense",
            w => w,
        })
        .collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// [`written_form`] of an ASCII name, built in one string: each word (split as
/// `split_whitespace` splits) lower-cased without full stops, the empty ones (".") and a
/// leading "the" dropped, the national spellings mapped.
fn written_form_ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut first = true;
    for w in name.split(char::is_whitespace) {
        let at = out.len();
        if at > 0 {
            out.push(' ');
        }
        let start = out.len();
        out.extend(
            w.bytes()
                .filter(|&b| b != b'.')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        let word = &out[start..];
        if word.is_empty() {
            out.truncate(at);
            continue;
        }
        let leading_the = first && word == "the";
        first = false;
        let national = match word {
            "labour" => Some("labor"),
            "defence" => Some("defense"),
            _ => None,
        };
        if leading_the {
            out.truncate(at);
        } else if let Some(national) = national {
            out.truncate(start);
            out.push_str(national);
        }
    }
    out
}

/// One spelling of an organisation: its occurrences and its first name as written.
struct Spelling {
    name: String,
    spans: Vec<Span>,
}

/// Orders spellings by count (descending), then first occurrence: the first is preferred.
fn preferred_first(v: &mut [Spelling]) {
    v.sort_by(|a, b| {
        b.spans
            .len()
            .cmp(&a.spans.len())
            .then(a.spans[0].start.cmp(&b.spans[0].start))
    });
}

fn flag_spellings(
    cx: &RuleCx,
    preferred: &Spelling,
    other: &Spelling,
    flagged: &mut SpanSet,
    out: &mut Vec<Finding>,
) {
    let first_span = preferred.spans[0];
    for &span in &other.spans {
        if !flagged.insert((span.start, span.end)) {
            continue;
        }
        let second = cx.doc.original_slice(span).to_string();
        let mut f = cx.finding(
            Severity::Warning,
            &cx.rule.message,
            &[
                ("first", preferred.name.clone()),
                ("second", second.clone()),
                ("count_first", preferred.spans.len().to_string()),
                ("count_second", other.spans.len().to_string()),
            ],
            span,
        );
        if second != preferred.name {
            f.suggestion = Some(preferred.name.clone());
        }
        f.related
            .push(cx.related(first_span, format!("written \"{}\" here", preferred.name)));
        out.push(f);
    }
}

fn entities(cx: &RuleCx, flagged: &mut SpanSet, out: &mut Vec<Finding>) {
    // key → written form → spelling
    let mut by_key: HashMap<&str, Vec<(String, Spelling)>, FxBuild> = HashMap::default();
    let mut order: Vec<&str> = Vec::new();
    for c in &cx.ex.claims {
        let Claim::Organisation(e) = c else { continue };
        if e.key.is_empty() {
            continue;
        }
        let form = written_form(&e.name);
        let entry = by_key.entry(e.key.as_str()).or_insert_with(|| {
            order.push(e.key.as_str());
            Vec::new()
        });
        match entry.iter_mut().find(|(f, _)| *f == form) {
            Some((_, s)) => s.spans.push(e.span),
            None => entry.push((
                form,
                Spelling {
                    name: e.name.clone(),
                    spans: vec![e.span],
                },
            )),
        }
    }
    // the same key written two ways
    let mut keys: Vec<(&str, Spelling)> = Vec::new();
    for k in &order {
        let mut spellings: Vec<Spelling> = by_key
            .remove(k)
            .unwrap_or_default()
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        preferred_first(&mut spellings);
        for other in &spellings[1..] {
            flag_spellings(cx, &spellings[0], other, flagged, out);
        }
        // the key as a whole, for near misses: every occurrence, named as most often
        let mut all: Vec<Span> = spellings.iter().flat_map(|s| s.spans.clone()).collect();
        all.sort_by_key(|s| s.start);
        let name = spellings[0].name.clone();
        keys.push((k, Spelling { name, spans: all }));
    }
    near_misses(cx, &keys, flagged, out);
}

fn letter_counts(w: &str) -> [u16; 37] {
    let mut c = [0u16; 37];
    for ch in w.chars() {
        let i = match ch {
            'a'..='z' => ch as usize - 'a' as usize,
            '0'..='9' => 26 + ch as usize - '0' as usize,
            _ => 36,
        };
        c[i] = c[i].saturating_add(1);
    }
    c
}

/// Keys this many characters long or more are compared for near misses.
const NEAR_MIN_LEN: usize = 15;
/// At most this many keys are compared pairwise (documents naming more are rare).
const NEAR_MAX_KEYS: usize = 2000;

fn near_misses(
    cx: &RuleCx,
    keys: &[(&str, Spelling)],
    spans: &mut SpanSet,
    out: &mut Vec<Finding>,
) {
    let mut long: Vec<(usize, [u16; 37])> = keys
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| k.len() >= NEAR_MIN_LEN)
        .map(|(i, (k, _))| (i, letter_counts(k)))
        .take(NEAR_MAX_KEYS)
        .collect();
    long.sort_by_key(|(i, _)| keys[*i].0.len());
    let mut flagged: HashSet<usize, FxBuild> = HashSet::default();
    for x in 0..long.len() {
        let (i, ci) = &long[x];
        let ki = keys[*i].0;
        for (j, cj) in &long[x + 1..] {
            let kj = keys[*j].0;
            if kj.len() > ki.len() + 2 {
                break;
            }
            // each edit changes the letter counts by at most two
            let diff: u32 = ci
                .iter()
                .zip(cj)
                .map(|(a, b)| u32::from(a.abs_diff(*b)))
                .sum();
            if diff > 4 {
                continue;
            }
            let d = strsim::damerau_levenshtein(ki, kj);
            if d == 0 || d > 2 {
                continue;
            }
            let Some(side) = misspelled_side(ki, kj, &keys[*i].1, &keys[*j].1) else {
                continue;
            };
            let (bad, good) = if side == 0 { (*i, *j) } else { (*j, *i) };
            if flagged.insert(bad) {
                flag_spellings(cx, &keys[good].1, &keys[bad].1, spans, out);
            }
        }
    }
}

/// Which of two near keys is the misspelled one (0: `a`, 1: `b`), when their one differing
/// word tells (see the module documentation).
fn misspelled_side(a: &str, b: &str, sa: &Spelling, sb: &Spelling) -> Option<usize> {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    if wa.len() != wb.len() {
        return None;
    }
    let mut diff = wa.iter().zip(&wb).filter(|(x, y)| x != y);
    let (x, y) = diff.next()?;
    if diff.next().is_some() {
        return None;
    }
    let (x, y) = (*x, *y);
    if !x.chars().all(char::is_alphabetic) || !y.chars().all(char::is_alphabetic) {
        return None;
    }
    if x.chars().next() != y.chars().next() {
        return None;
    }
    let head = |w: &str| lex(w) & HEAD != 0;
    if is_misspelled_head(x) && head(y) {
        return Some(0);
    }
    if is_misspelled_head(y) && head(x) {
        return Some(1);
    }
    let typo = typo_shaped(x, y);
    let (kx, ky) = (lex(x) != 0, lex(y) != 0);
    match (kx, ky) {
        (true, true) => None,
        (true, false) if typo => Some(1),
        (false, true) if typo => Some(0),
        (false, false) if doubled_or_swapped(x, y) && x.len().min(y.len()) >= 6 => {
            // the minority; on a tie the later
            let (na, nb) = (sa.spans.len(), sb.spans.len());
            Some(match na.cmp(&nb) {
                std::cmp::Ordering::Less => 0,
                std::cmp::Ordering::Greater => 1,
                std::cmp::Ordering::Equal => usize::from(sb.spans[0].start > sa.spans[0].start),
            })
        }
        _ => None,
    }
}

/// `x` and `y` differ by one typo: two adjacent letters swapped or one letter dropped
/// ("Institue" / "Institute", "Insitute").
fn typo_shaped(x: &str, y: &str) -> bool {
    typo(x, y).is_some()
}

/// `x` and `y` differ by two adjacent letters swapped or a doubled letter written once
/// ("Comittee" / "Committee").
fn doubled_or_swapped(x: &str, y: &str) -> bool {
    typo(x, y).is_some_and(|doubled_or_swapped| doubled_or_swapped)
}

/// The typo between `x` and `y`, if one: `true` for a swap or a doubled letter, `false` for
/// another dropped letter.
fn typo(x: &str, y: &str) -> Option<bool> {
    let a: Vec<char> = x.chars().collect();
    let b: Vec<char> = y.chars().collect();
    if a.len() == b.len() {
        let d: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        let swapped = d.len() == 2 && d[1] == d[0] + 1 && a[d[0]] == b[d[1]] && a[d[1]] == b[d[0]];
        return swapped.then_some(true);
    }
    let (short, long) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() != short.len() + 1 {
        return None;
    }
    // one letter dropped: the rest equal
    let k = (0..short.len())
        .find(|&i| short[i] != long[i])
        .unwrap_or(short.len());
    if short[k..] != long[k + 1..] {
        return None;
    }
    let doubled = (k > 0 && long[k - 1] == long[k]) || long.get(k + 1) == Some(&long[k]);
    Some(doubled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_lists_are_sorted() {
        for list in [FIRST_STOP, SECOND_STOP] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                list.windows(2).find(|w| w[0] >= w[1])
            );
        }
    }

    #[test]
    fn ascii_written_forms_are_the_general_ones() {
        for name in [
            "The Labour Party",
            "the the Party",
            "  U.S.  Department of\tDefence ",
            "Dept. of . Defence.",
            "THE",
            ". The Centre",
            "Center for China & Globalization",
            "A\x0bB\x0cC\rD",
            "",
            "...",
        ] {
            assert_eq!(written_form_ascii(name), written_form_any(name), "{name:?}");
        }
    }

    #[test]
    fn typos() {
        assert!(typo_shaped("institue", "institute"));
        assert!(doubled_or_swapped("comittee", "committee"));
        assert!(doubled_or_swapped("insitute", "insittue"));
        assert!(!doubled_or_swapped("institue", "institute"));
        assert!(!typo_shaped("nanjing", "nanning"));
        assert!(!typo_shaped("sussex", "essex"));
    }
}
