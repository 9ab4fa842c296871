//! `substitution`: house-style swaps, in the manner of Vale's `substitution` checks.
//!
//! Each swap is either a word sequence (`find: "cyber space"`), matched case-insensitively as
//! whole tokens of a sentence (a hyphen inside `find` must be written glued as in the text:
//! "e-mail" matches "e-mail", not "e - mail"), or, with `regex: true`, a regular expression
//! (the `regex` crate's syntax, case-sensitive unless it says `(?i)`; compiled when the pack
//! loads, at most 1 MB compiled) matched over each sentence's text. `replace` may use the
//! regex's groups (`$1`, `${name}`; `$$` for a dollar sign).
//!
//! The finding's span is the match; the suggestion is `replace`, capitalised where the match
//! is capitalised at the start of its sentence or in title case ("Alot" → "A lot"; but "the
//! Web site" → "website"), as configured when it has capitals of its own ("Wi-Fi"). A match
//! already written as its replacement is not a finding, nor one inside a person's or an
//! organisation's name ("Cyber Space Administration"), nor a word match of two or more words
//! all capitalised inside a sentence (a name).

use super::{Check, RawRule, RuleCx};
use crate::claims::Claim;
use crate::document::{Document, Span};
use crate::extract::Extraction;
use crate::findings::{Finding, Severity};
use crate::text::lexicon::FxBuild;
use crate::text::tokens::{tokenize, Token, TokenKind};
use regex::{Regex, RegexBuilder};
use std::collections::HashMap;

pub const PARAMS: &[&str] = &["swaps"];
/// `{found}` the text as written, `{replace}` its replacement.
pub const FIELDS: &[&str] = &["found", "replace"];

/// The compiled size limit of one regex.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

pub fn build(raw: &RawRule) -> Result<Box<dyn Check>, String> {
    let swaps = raw.swaps.as_deref().unwrap_or_default();
    if swaps.is_empty() {
        return Err("`swaps` must list at least one { find, replace } entry".into());
    }
    let mut words: Vec<WordSwap> = Vec::new();
    let mut regexes: Vec<RegexSwap> = Vec::new();
    let mut first_word: ByFirstWord<Vec<usize>> = ByFirstWord::default();
    for (n, s) in swaps.iter().enumerate() {
        let which = format!("swap {} ({:?})", n + 1, s.find);
        if s.find.trim().is_empty() {
            return Err(format!("{which}: `find` is empty"));
        }
        if s.regex {
            let re = RegexBuilder::new(&s.find)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| format!("{which}: bad regex: {e}"))?;
            regexes.push(RegexSwap {
                re,
                required: required_literals(&s.find),
                replace: s.replace.clone(),
            });
        } else {
            let pattern = WordPattern::new(&s.find);
            first_word
                .entry(pattern.first().to_string())
                .push(words.len());
            words.push(WordSwap {
                pattern,
                replace: s.replace.clone(),
            });
        }
    }
    Ok(Box::new(Substitution {
        words,
        first_word,
        regexes,
    }))
}

/// Lower case, curly apostrophes straight: how words are compared.
pub(super) fn lower(s: &str) -> String {
    let mut buf = String::new();
    lower_into(s, &mut buf).to_string()
}

/// [`lower`] without allocating for words already in lower-case ASCII: `s` itself, or its
/// lower-case form written into `buf`.
pub(super) fn lower_into<'a>(s: &'a str, buf: &'a mut String) -> &'a str {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return s;
    }
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return buf;
    }
    for c in s.chars() {
        if c == '\u{2019}' {
            buf.push('\'');
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    buf
}

/// `s` lower-cases to `w` ([`lower`]): an ASCII `s` compared byte by byte, without writing
/// its lower case anywhere.
fn lowers_to(s: &str, w: &str) -> bool {
    if s.is_ascii() {
        s.len() == w.len()
            && s.bytes()
                .zip(w.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        lower_into(s, &mut String::new()) == w
    }
}

/// Values by a lower-case first word (see [`lower`]), looked up by a token as written. An
/// ASCII token whose shape (first letter, last letter, length) no key has is passed over
/// without being lower-cased or hashed (ASCII lower-casing keeps all three, up to case:
/// [`shape_bit`]); the shapes of a document's tokens are computed once ([`TokenShapes`]).
pub(super) struct ByFirstWord<V> {
    map: HashMap<String, V, FxBuild>,
    /// The shapes of the ASCII keys, hashed into a bit set ([`shape_bit`]).
    shapes: Box<[u64; SHAPE_WORDS]>,
}

/// The shape set's size in 64-bit words (16,384 bits).
const SHAPE_WORDS: usize = 256;

/// The bit of a shape: first and last byte and length, hashed into 14 bits. The bytes are
/// folded with `| 0x20`, which maps an ASCII capital and its lower-case letter alike (and
/// no other byte onto a letter): a token and its ASCII lower case have one shape.
fn shape_bit(first: u8, last: u8, len: usize) -> usize {
    let (first, last) = (first | 0x20, last | 0x20);
    let len = u32::try_from(len.min(255)).unwrap_or(255);
    let h = ((u32::from(first) << 16) | (u32::from(last) << 8) | len).wrapping_mul(0x9e37_79b1);
    (h >> 18) as usize
}

/// `b`, the bytes of `source` from `start`, are ASCII: for the common short token, tested
/// on the eight bytes from `start` at once (those past `b` masked off).
fn is_ascii_at(source: &[u8], start: usize, b: &[u8]) -> bool {
    match source.get(start..start + 8) {
        Some(eight) if b.len() <= 8 => {
            let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            let mask = u64::MAX >> (8 * (8 - b.len()));
            word & mask & 0x8080_8080_8080_8080 == 0
        }
        _ => b.is_ascii(),
    }
}

/// The shape of a token that is not ASCII (shape bits are below 2^14).
const NOT_ASCII: u16 = u16::MAX;

/// The shape of the token at `span` of `source`, or [`NOT_ASCII`].
fn token_shape(source: &[u8], span: Span) -> u16 {
    // the bytes of the token's text (a span off character boundaries starts or ends with a
    // byte above 0x7f: not ASCII, as its empty text is not either)
    let b = source.get(span.start..span.end).unwrap_or_default();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if is_ascii_at(source, span.start, b) => {
            shape_bit(f, l, b.len()) as u16
        }
        _ => NOT_ASCII,
    }
}

/// Every token's shape bit ([`shape_bit`]), or [`NOT_ASCII`], sentence by
/// sentence: computed once per document for all the rules that look tokens up in a
/// [`ByFirstWord`].
pub(crate) struct TokenShapes {
    /// The index in `shapes` of each sentence's first token.
    starts: Vec<usize>,
    shapes: Vec<u16>,
}

impl TokenShapes {
    pub(super) fn new(doc: &Document, ex: &Extraction) -> TokenShapes {
        let source = doc.source.as_bytes();
        let count = ex.sentences.iter().map(|s| s.tokens.len()).sum();
        let mut starts = Vec::with_capacity(ex.sentences.len());
        let mut shapes = Vec::with_capacity(count);
        for s in &ex.sentences {
            starts.push(shapes.len());
            // a sentence all ASCII (the common case) is tested once: a non-empty token
            // inside it is ASCII, its bytes read from the sentence's (a token starting
            // before the sentence wraps around to an offset past its end)
            let ascii = source
                .get(s.span.start..s.span.end)
                .filter(|text| text.is_ascii());
            shapes.extend(s.tokens.iter().map(|t| {
                let inside = ascii.and_then(|text| {
                    text.get(
                        t.span.start.wrapping_sub(s.span.start)
                            ..t.span.end.wrapping_sub(s.span.start),
                    )
                });
                match inside.map(|w| (w.first(), w.last(), w.len())) {
                    Some((Some(&f), Some(&l), len)) => shape_bit(f, l, len) as u16,
                    _ => token_shape(source, t.span),
                }
            }));
        }
        TokenShapes { starts, shapes }
    }

    /// The shapes of sentence `si`'s tokens.
    pub(super) fn sentence(&self, si: usize) -> &[u16] {
        let end = self
            .starts
            .get(si + 1)
            .copied()
            .unwrap_or(self.shapes.len());
        &self.shapes[self.starts[si]..end]
    }
}

impl<V> Default for ByFirstWord<V> {
    fn default() -> Self {
        ByFirstWord {
            map: HashMap::default(),
            shapes: Box::new([0; SHAPE_WORDS]),
        }
    }
}

impl<V: Default> ByFirstWord<V> {
    /// The value of `key` (lower case), inserted empty if new.
    pub(super) fn entry(&mut self, key: String) -> &mut V {
        let b = key.as_bytes();
        if let (Some(&f), Some(&l)) = (b.first(), b.last()) {
            if key.is_ascii() {
                let bit = shape_bit(f, l, b.len());
                self.shapes[bit / 64] |= 1 << (bit % 64);
            }
        }
        self.map.entry(key).or_default()
    }
}

impl<V> ByFirstWord<V> {
    /// Some key may be the lower case of a token of this shape (from [`TokenShapes`]): an
    /// ASCII token lower-cases to an ASCII key of the same shape; a non-ASCII key is never
    /// the lower case of an ASCII token.
    pub(super) fn may_hold(&self, shape: u16) -> bool {
        shape == NOT_ASCII || self.shapes[usize::from(shape) / 64] & (1 << (shape % 64)) != 0
    }

    /// The value of the key `token` lower-cases to (`buf` is scratch space); ask
    /// [`ByFirstWord::may_hold`] first.
    pub(super) fn get(&self, token: &str, buf: &mut String) -> Option<&V> {
        self.map.get(lower_into(token, buf))
    }
}

/// A word sequence matched case-insensitively as whole tokens of a sentence.
pub(super) struct WordPattern {
    /// Lower-case token texts, each with whether it is glued to the one before.
    words: Vec<(String, bool)>,
}

impl WordPattern {
    /// The pattern of a non-empty `find`.
    pub(super) fn new(find: &str) -> WordPattern {
        let toks = tokenize(find, Span::new(0, find.len()));
        WordPattern {
            words: toks
                .iter()
                .enumerate()
                .map(|(i, t)| (lower(t.text(find)), i > 0 && t.joined))
                .collect(),
        }
    }

    /// Its first word, lower-case.
    pub(super) fn first(&self) -> &str {
        self.words.first().map_or("", |w| w.0.as_str())
    }

    /// The span of the match starting at token `i`, if it matches there as whole words.
    pub(super) fn match_at(&self, cx: &RuleCx, tokens: &[Token], i: usize) -> Option<Span> {
        let p = &self.words;
        let run = tokens.get(i..i + p.len())?;
        let text = |t: &Token| cx.doc.original_slice(t.span);
        let hit = !p.is_empty()
            && run.iter().zip(p).enumerate().all(|(k, (t, (w, glued)))| {
                (k == 0 || t.joined == *glued) && lowers_to(text(t), w)
            });
        (hit && whole(cx, tokens, i, i + p.len()))
            .then(|| Span::new(run[0].span.start, run[run.len() - 1].span.end))
    }
}

struct WordSwap {
    pattern: WordPattern,
    replace: String,
}

struct RegexSwap {
    re: Regex,
    /// Literals one of which every match contains, as one search: a text that holds none
    /// of them is not searched with `re`.
    required: Option<regex::bytes::Regex>,
    replace: String,
}

/// A search for the literals one of which every match of `pattern` starts with (or ends
/// with, when those are longer), if there are such literals, none empty.
fn required_literals(pattern: &str) -> Option<regex::bytes::Regex> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    // parsed as `RegexBuilder` parses it by default (Unicode on, no flags)
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let (_, literals) = [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(|kind| {
            // a finite sequence: every match starts (ends) with one of its literals
            let seq = Extractor::new().kind(kind).extract(&hir);
            let literals = seq.literals()?;
            let shortest = literals.iter().map(|l| l.as_bytes().len()).min()?;
            (shortest > 0).then(|| (shortest, literals.to_vec()))
        })
        .max_by_key(|(shortest, _)| *shortest)?;
    // each literal byte by byte (a literal cut short may end inside a character)
    let mut alternation = String::from("(?-u)");
    for (n, l) in literals.iter().enumerate() {
        if n > 0 {
            alternation.push('|');
        }
        for b in l.as_bytes() {
            alternation.push_str(&format!("\\x{b:02x}"));
        }
    }
    regex::bytes::Regex::new(&alternation).ok()
}

struct Substitution {
    words: Vec<WordSwap>,
    /// Word swaps by their first token.
    first_word: ByFirstWord<Vec<usize>>,
    regexes: Vec<RegexSwap>,
}

/// `replace` as it should stand in place of the text at `span`: capitalised when that text
/// is capitalised and opens its sentence or is in title case ("Alot" → "A lot", "Web Sites"
/// → "Websites"), as configured otherwise ("the Web site" → "website"), and always as
/// configured when `replace` has capitals of its own ("Wi-Fi").
pub(super) fn keep_case(cx: &RuleCx, span: Span, replace: &str) -> String {
    let found = cx.doc.original_slice(span);
    if replace.chars().any(char::is_uppercase) {
        return replace.to_string();
    }
    let upper = found
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    let title = found
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if !upper || !(title || starts_sentence(cx, span)) {
        return replace.to_string();
    }
    let mut out = String::with_capacity(replace.len());
    let mut done = false;
    for c in replace.chars() {
        if !done && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            done = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// `span` begins its sentence (punctuation such as an opening quote aside).
fn starts_sentence(cx: &RuleCx, span: Span) -> bool {
    let sentences = &cx.ex.sentences;
    let k = sentences.partition_point(|s| s.span.start <= span.start);
    k > 0
        && sentences[k - 1]
            .tokens
            .iter()
            .find(|t| t.kind != TokenKind::Punct)
            .is_some_and(|t| t.span.start == span.start)
}

/// The spans of the document's names (organisations, persons, sources), sorted by start.
pub(super) fn name_spans(cx: &RuleCx) -> Vec<Span> {
    let mut v: Vec<Span> = cx
        .ex
        .claims
        .iter()
        .filter(|c| matches!(c, Claim::Organisation(_) | Claim::Person(_)))
        .map(Claim::span)
        .collect();
    v.sort_by_key(|s| s.start);
    v
}

/// `span` overlaps one of the sorted `names`.
pub(super) fn in_name(names: &[Span], span: Span) -> bool {
    // names starting before the span's end; the longest name is short, so look back a little
    let k = names.partition_point(|n| n.start < span.end);
    names[..k].iter().rev().take(8).any(|n| n.end > span.start)
}

impl Substitution {
    fn emit(&self, cx: &RuleCx, span: Span, replace: &str, out: &mut Vec<Finding>) {
        let found = cx.doc.original_slice(span);
        if found.is_empty() || found == replace {
            return;
        }
        let suggestion = keep_case(cx, span, replace);
        if suggestion == found {
            return;
        }
        let mut f = cx.finding(
            Severity::Error,
            &cx.rule.message,
            &[
                ("found", found.to_string()),
                ("replace", suggestion.clone()),
            ],
            span,
        );
        f.suggestion = Some(suggestion);
        out.push(f);
    }

    fn word_matches(
        &self,
        cx: &RuleCx,
        tokens: &[Token],
        shapes: &[u16],
        names: &[Span],
        out: &mut Vec<Finding>,
    ) {
        let text = |t: &Token| cx.doc.original_slice(t.span);
        let first = tokens
            .iter()
            .position(|t| t.kind != TokenKind::Punct)
            .unwrap_or(0);
        let mut buf = String::new();
        for (i, &shape) in shapes.iter().enumerate() {
            if !self.first_word.may_hold(shape) {
                continue;
            }
            let Some(cands) = self.first_word.get(text(&tokens[i]), &mut buf) else {
                continue;
            };
            for &w in cands {
                let swap = &self.words[w];
                let Some(span) = swap.pattern.match_at(cx, tokens, i) else {
                    continue;
                };
                if in_name(names, span) || (i != first && title_case(cx, tokens, i, span)) {
                    continue;
                }
                self.emit(cx, span, &swap.replace, out);
            }
        }
    }
}

/// Tokens `a..b` stand as whole words: not glued to a word before them (directly, or by
/// `-`, `.`, `/`, `@`, `_`: "re-e-mail", "www.alot.com"), nor glued after them to a word by
/// `.`, `/`, `@`, `_` (a suffix after a hyphen is fine: "e-mail-based").
pub(super) fn whole(cx: &RuleCx, tokens: &[Token], a: usize, b: usize) -> bool {
    let text = |t: &Token| cx.doc.original_slice(t.span);
    let wordish = |t: &Token| t.kind != TokenKind::Punct;
    let joiner = |t: &Token, hyphen: bool| {
        matches!(text(t), "." | "/" | "@" | "_") || (hyphen && text(t) == "-")
    };
    if a > 0 && tokens[a].joined {
        let p = &tokens[a - 1];
        if wordish(p) || (joiner(p, true) && p.joined && a >= 2 && wordish(&tokens[a - 2])) {
            return false;
        }
    }
    if let Some(n) = tokens.get(b).filter(|n| n.joined) {
        if wordish(n) {
            return false;
        }
        if joiner(n, false) && tokens.get(b + 1).is_some_and(|m| m.joined && wordish(m)) {
            return false;
        }
    }
    true
}

/// The match of two or more words at token `i` has every word capitalised: a name
/// ("Cyber Space Administration").
fn title_case(cx: &RuleCx, tokens: &[Token], i: usize, span: Span) -> bool {
    let words: Vec<&str> = tokens[i..]
        .iter()
        .take_while(|t| t.span.end <= span.end)
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| cx.doc.original_slice(t.span))
        .collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

impl Check for Substitution {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        let names = name_spans(cx);
        let source = cx.doc.source.as_bytes();
        // each regex's required literals found in one search of the document (`None`: no
        // required literals, every sentence is searched)
        let literals: Vec<Option<Vec<Span>>> = self
            .regexes
            .iter()
            .map(|r| {
                let q = r.required.as_ref()?;
                Some(
                    q.find_iter(source)
                        .map(|m| Span::new(m.start(), m.end()))
                        .collect(),
                )
            })
            .collect();
        for (si, s) in cx.ex.sentences.iter().enumerate() {
            if !self.words.is_empty() {
                let shapes = cx.token_shapes().sentence(si);
                self.word_matches(cx, &s.tokens, shapes, &names, out);
            }
            if self.regexes.is_empty() {
                continue;
            }
            let text = cx.doc.original_slice(s.span);
            for (r, literals) in self.regexes.iter().zip(&literals) {
                // a match contains one of the required literals: a sentence without them
                // has none. A literal in the sentence overlaps one the document's search
                // found (that search, leftmost-first, passes no literal without reporting
                // one overlapping it): a sentence no found literal overlaps is passed over
                // without being searched
                if let Some(literals) = literals {
                    let k = literals.partition_point(|l| l.end <= s.span.start);
                    if literals.get(k).is_none_or(|l| l.start >= s.span.end) {
                        continue;
                    }
                }
                if r.required
                    .as_ref()
                    .is_some_and(|q| !q.is_match(text.as_bytes()))
                {
                    continue;
                }
                for caps in r.re.captures_iter(text) {
                    let m = caps.get(0).expect("group 0 is the match");
                    if m.is_empty() {
                        continue;
                    }
                    let mut replace = String::new();
                    caps.expand(&r.replace, &mut replace);
                    let span = Span::new(s.span.start + m.start(), s.span.start + m.end());
                    if !in_name(&names, span) {
                        self.emit(cx, span, &replace, out);
                    }
                }
            }
        }
    }
}
