//! Names: the lexicons and token patterns shared by the organisation, person, attribution and
//! source extractors.
//!
//! Everything here works on one sentence ([`Sent`]: the [`Ctx`] with every token's lexicon
//! features computed once) with token indices; ranges are half-open (`a..b`, `b` one past the
//! last token). The lexicons are sorted lower-case slices, merged into one ASCII-case-insensitive
//! hash table: one lookup per word, none allocating.

use super::Ctx;
use crate::document::Span;
use crate::text::tokens::{bytes_in, TokenKind, HIGHS};
use std::cmp::Ordering;
use std::ops::Deref;
use std::sync::LazyLock;

// ---------------------------------------------------------------------------------------------
// Lexicons (sorted, lower-case ASCII; `lexicons_are_sorted` checks it).

/// Head words that make a capitalised name an organisation.
pub const HEADS: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "airlines",
    "airways",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "board",
    "bureau",
    "center",
    "centers",
    "centre",
    "centres",
    "chamber",
    "co",
    "college",
    "commission",
    "committee",
    "company",
    "congress",
    "consulate",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "directorate",
    "embassy",
    "federation",
    "force",
    "forces",
    "forum",
    "foundation",
    "fund",
    "gmbh",
    "group",
    "guard",
    "holdings",
    "hospital",
    "inc",
    "industries",
    "institute",
    "institutes",
    "institution",
    "lab",
    "laboratories",
    "laboratory",
    "labs",
    "league",
    "llc",
    "ltd",
    "ministry",
    "nations",
    "network",
    "office",
    "organisation",
    "organization",
    "parliament",
    "partners",
    "party",
    "plc",
    "police",
    "reserve",
    "school",
    "secretariat",
    "senate",
    "service",
    "services",
    "society",
    "team",
    "tribunal",
    "union",
    "university",
];

/// Head words long enough to be recognised when misspelled ("Institue", "Univeristy").
const MISSPELLABLE_HEADS: &[&str] = &[
    "academy",
    "administration",
    "agency",
    "alliance",
    "assembly",
    "association",
    "authority",
    "bureau",
    "center",
    "centre",
    "chamber",
    "college",
    "commission",
    "committee",
    "company",
    "congress",
    "corporation",
    "council",
    "department",
    "federation",
    "foundation",
    "hospital",
    "institute",
    "institution",
    "laboratory",
    "ministry",
    "network",
    "office",
    "organisation",
    "organization",
    "parliament",
    "police",
    "school",
    "secretariat",
    "service",
    "society",
    "university",
];

/// Real words within a misspelling's reach of a head word: never misspelled heads.
const NOT_MISSPELLED: &[&str] = &[
    "academe",
    "academia",
    "academic",
    "administrative",
    "administrator",
    "agenda",
    "allowance",
    "allowances",
    "appliance",
    "appliances",
    "assemble",
    "assembled",
    "authorise",
    "authorised",
    "authorize",
    "authorized",
    "bureaus",
    "centred",
    "centrer",
    "chambers",
    "colleges",
    "commissioner",
    "committed",
    "companies",
    "cooperation",
    "coronation",
    "councils",
    "departed",
    "deportment",
    "forbes",
    "forced",
    "forges",
    "hospitable",
    "instituted",
    "institutional",
    "minister",
    "ministers",
    "nation",
    "networks",
    "officer",
    "officers",
    "offices",
    "organisational",
    "organizational",
    "policy",
    "polite",
    "schools",
    "senator",
    "serviced",
    "societal",
];

/// Words that end a name as an event, not an organisation ("G20 Hangzhou Summit").
const EVENTS: &[&str] = &[
    "act",
    "agreement",
    "awards",
    "championship",
    "championships",
    "conference",
    "convention",
    "cup",
    "dialogue",
    "expo",
    "fair",
    "festival",
    "games",
    "meeting",
    "olympics",
    "summit",
    "talks",
    "treaty",
    "week",
];

/// Function words and sentence openers: never part of a name (unless written in capitals).
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "all",
    "already",
    "also",
    "although",
    "amid",
    "among",
    "an",
    "analysts",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "before",
    "below",
    "besides",
    "between",
    "beyond",
    "both",
    "but",
    "by",
    "can",
    "could",
    "critics",
    "currently",
    "delegates",
    "despite",
    "did",
    "do",
    "does",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "experts",
    "few",
    "for",
    "from",
    "furthermore",
    "had",
    "has",
    "have",
    "he",
    "hence",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "instead",
    "is",
    "it",
    "its",
    "just",
    "last",
    "later",
    "like",
    "many",
    "meanwhile",
    "might",
    "more",
    "moreover",
    "most",
    "much",
    "must",
    "my",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "observers",
    "of",
    "officials",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "over",
    "overall",
    "previously",
    "recently",
    "researchers",
    "scientists",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "sources",
    "still",
    "such",
    "than",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "today",
    "tomorrow",
    "under",
    "unlike",
    "until",
    "us",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yesterday",
    "yet",
    "you",
    "your",
];

/// Days and months: capitalised, never part of a name.
const CALENDAR: &[&str] = &[
    "apr",
    "april",
    "aug",
    "august",
    "dec",
    "december",
    "feb",
    "february",
    "friday",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "mar",
    "march",
    "may",
    "monday",
    "nov",
    "november",
    "oct",
    "october",
    "saturday",
    "sept",
    "september",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

/// Titles that stand directly before a person's name ("President Xi Jinping", "Dr. Roe",
/// "spokesperson Hua Chunying").
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "analyst",
    "archbishop",
    "bishop",
    "capt",
    "captain",
    "ceo",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "col",
    "colonel",
    "commissioner",
    "congressman",
    "congresswoman",
    "councillor",
    "councilor",
    "dame",
    "dean",
    "director",
    "director-general",
    "dr",
    "economist",
    "emperor",
    "founder",
    "gen",
    "general",
    "gov",
    "governor",
    "imam",
    "judge",
    "king",
    "lawmaker",
    "lieutenant",
    "lord",
    "lt",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rabbi",
    "rep",
    "rev",
    "reverend",
    "secretary",
    "secretary-general",
    "sen",
    "senator",
    "sgt",
    "sheikh",
    "sir",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "vice-president",
];

/// Titles that are occupations rather than ranks: never enough alone before a single name.
const ROLE_TITLES: &[&str] = &[
    "analyst",
    "ceo",
    "economist",
    "founder",
    "lawmaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Words that may stand before a title ("Vice Premier", "former Prime Minister").
const TITLE_PREFIXES: &[&str] = &[
    "acting",
    "assistant",
    "associate",
    "attorney",
    "chief",
    "commerce",
    "defence",
    "defense",
    "deputy",
    "executive",
    "finance",
    "first",
    "foreign",
    "former",
    "general",
    "health",
    "interior",
    "managing",
    "prime",
    "senior",
    "state",
    "trade",
    "vice",
];

/// Nouns that make an appositive a role ("Lyu Benfu, deputy head of ...").
const ROLE_NOUNS: &[&str] = &[
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "attorney",
    "author",
    "captain",
    "ceo",
    "chair",
    "chairman",
    "chairperson",
    "chairwoman",
    "chancellor",
    "chief",
    "columnist",
    "commander",
    "commentator",
    "commissioner",
    "consultant",
    "coordinator",
    "correspondent",
    "curator",
    "dean",
    "delegate",
    "deputy",
    "director",
    "director-general",
    "doctor",
    "economist",
    "editor",
    "employee",
    "engineer",
    "entrepreneur",
    "envoy",
    "executive",
    "expert",
    "fellow",
    "founder",
    "general",
    "governor",
    "head",
    "historian",
    "investor",
    "journalist",
    "judge",
    "lawmaker",
    "lawyer",
    "leader",
    "lecturer",
    "legislator",
    "manager",
    "mayor",
    "member",
    "minister",
    "negotiator",
    "officer",
    "official",
    "organiser",
    "organizer",
    "owner",
    "partner",
    "premier",
    "president",
    "principal",
    "professor",
    "representative",
    "researcher",
    "scholar",
    "scientist",
    "secretary",
    "secretary-general",
    "senator",
    "specialist",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "strategist",
    "student",
    "teacher",
    "veteran",
    "vice-president",
];

/// Reporting verbs.
const SAY_VERBS: &[&str] = &[
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "argued",
    "argues",
    "asked",
    "asks",
    "believes",
    "cautioned",
    "claimed",
    "claims",
    "commented",
    "concluded",
    "confirmed",
    "continued",
    "declared",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "insisted",
    "insists",
    "maintained",
    "noted",
    "notes",
    "observed",
    "predicted",
    "recalled",
    "remarked",
    "replied",
    "responded",
    "said",
    "says",
    "stated",
    "states",
    "stressed",
    "stresses",
    "suggested",
    "tells",
    "told",
    "urged",
    "warned",
    "warns",
    "writes",
    "wrote",
];

/// Words that may stand between a speaker and the reporting verb ("Lyu also said").
const VERB_ADVERBS: &[&str] = &[
    "again",
    "also",
    "earlier",
    "further",
    "had",
    "has",
    "have",
    "later",
    "once",
    "previously",
    "publicly",
    "recently",
    "repeatedly",
    "reportedly",
    "separately",
    "then",
];

/// Names' first words that make a two-word name a place, not a person ("South Korea said").
const PLACE_PREFIXES: &[&str] = &[
    "abu", "addis", "buenos", "burkina", "cape", "central", "costa", "czech", "east", "el", "hong",
    "kuala", "las", "latin", "los", "middle", "new", "north", "puerto", "rio", "san", "santa",
    "sao", "saudi", "sierra", "silicon", "south", "sri", "tel", "united", "wall", "west", "white",
];

/// Words never part of a person's name: places, media, common capitalised nouns.
const NOT_PERSON: &[&str] = &[
    "africa",
    "america",
    "asia",
    "avenue",
    "bay",
    "channel",
    "city",
    "coast",
    "county",
    "daily",
    "development",
    "district",
    "economic",
    "economy",
    "electric",
    "europe",
    "exchange",
    "gazette",
    "global",
    "hall",
    "herald",
    "house",
    "index",
    "information",
    "innovation",
    "international",
    "internet",
    "island",
    "islands",
    "journal",
    "kingdom",
    "lake",
    "magazine",
    "market",
    "markets",
    "media",
    "motors",
    "national",
    "news",
    "ocean",
    "online",
    "palace",
    "park",
    "post",
    "press",
    "province",
    "radio",
    "region",
    "republic",
    "research",
    "review",
    "river",
    "road",
    "science",
    "sciences",
    "sea",
    "security",
    "square",
    "state",
    "states",
    "station",
    "street",
    "technology",
    "television",
    "times",
    "tribune",
    "tv",
    "valley",
    "weekly",
    "world",
];

/// Nationality adjectives: they may precede a title ("Chinese President"), never a name.
const DEMONYMS: &[&str] = &[
    "african",
    "american",
    "asian",
    "australian",
    "brazilian",
    "british",
    "canadian",
    "chinese",
    "dutch",
    "egyptian",
    "european",
    "french",
    "german",
    "greek",
    "indian",
    "indonesian",
    "iranian",
    "irish",
    "israeli",
    "italian",
    "japanese",
    "korean",
    "malaysian",
    "mexican",
    "pakistani",
    "polish",
    "russian",
    "saudi",
    "singaporean",
    "spanish",
    "swedish",
    "swiss",
    "thai",
    "turkish",
    "ukrainian",
    "vietnamese",
];

/// Well-known organisations written as an acronym alone.
const ACRONYMS: &[&str] = &[
    "adb", "afp", "aiib", "apec", "asean", "bbc", "cctv", "cdc", "cgtn", "cia", "cncert", "cnn",
    "cpc", "ecb", "eu", "fao", "fbi", "fda", "fifa", "hsbc", "iaea", "icann", "icbc", "idc", "iea",
    "ilo", "imf", "ioc", "itu", "kpmg", "nasa", "nato", "nbs", "ndrc", "nhs", "nsa", "oecd",
    "opec", "pboc", "sco", "un", "undp", "unesco", "unhcr", "unicef", "wef", "wfp", "who", "wto",
];

/// News outlets and agencies named alone ("told Xinhua").
const OUTLETS: &[&str] = &[
    "afp",
    "axios",
    "bbc",
    "bloomberg",
    "caixin",
    "cctv",
    "cgtn",
    "cnbc",
    "cnn",
    "forbes",
    "fortune",
    "guardian",
    "kyodo",
    "nikkei",
    "politico",
    "reuters",
    "sputnik",
    "tass",
    "xinhua",
    "yonhap",
];

/// Words that make a name a news outlet ("China Daily", "Global Times").
const OUTLET_WORDS: &[&str] = &[
    "agency",
    "channel",
    "daily",
    "gazette",
    "herald",
    "journal",
    "magazine",
    "news",
    "post",
    "press",
    "radio",
    "review",
    "telegraph",
    "television",
    "times",
    "tribune",
    "tv",
    "weekly",
];

/// Top-level domains that keep "Blogchina.com" one name.
const TLDS: &[&str] = &[
    "cn", "co", "com", "edu", "gov", "info", "io", "net", "org", "uk",
];

/// Prepositions that open an organisation after a role ("head of", "economist at").
const ROLE_PREPS: &[&str] = &["at", "for", "from", "in", "of", "with"];

/// Possessives that belong to a name ("People's Bank of China").
const POSSESSIVE_NAMES: &[&str] = &["children", "men", "people", "women", "workers"];

/// Nouns for what a source published ("a report by ...").
const DOC_WORDS: &[&str] = &[
    "analysis",
    "announcement",
    "assessment",
    "audit",
    "bulletin",
    "census",
    "communique",
    "data",
    "document",
    "estimate",
    "estimates",
    "figures",
    "findings",
    "forecast",
    "forecasts",
    "index",
    "notice",
    "poll",
    "polls",
    "ranking",
    "release",
    "report",
    "reports",
    "research",
    "statement",
    "statements",
    "statistics",
    "studies",
    "study",
    "survey",
    "surveys",
    "yearbook",
];

/// Words between the article and the document noun ("a latest report").
const DOC_MODIFIERS: &[&str] = &[
    "annual",
    "brief",
    "comprehensive",
    "customs",
    "detailed",
    "earlier",
    "economic",
    "final",
    "first",
    "fresh",
    "full",
    "global",
    "government",
    "independent",
    "industry",
    "initial",
    "internal",
    "joint",
    "last",
    "latest",
    "market",
    "monthly",
    "national",
    "new",
    "official",
    "online",
    "preliminary",
    "press",
    "previous",
    "provisional",
    "published",
    "quarterly",
    "recent",
    "released",
    "second",
    "separate",
    "special",
    "trade",
    "updated",
    "weekly",
    "written",
    "yearly",
];

const DETERMINERS: &[&str] = &[
    "a", "an", "her", "his", "its", "that", "the", "their", "this",
];

/// Participles between a document and its author ("figures released by").
const PARTICIPLES: &[&str] = &[
    "carried",
    "commissioned",
    "compiled",
    "conducted",
    "issued",
    "jointly",
    "out",
    "prepared",
    "produced",
    "provided",
    "published",
    "released",
];

/// Verbs of "X said in a statement".
const STATEMENT_VERBS: &[&str] = &[
    "added",
    "announced",
    "disclosed",
    "explained",
    "noted",
    "reported",
    "revealed",
    "said",
    "says",
    "stated",
    "warned",
    "wrote",
];

/// Document nouns that may follow an organisation's name directly ("World Bank data").
const DIRECT_DOCS: &[&str] = &[
    "data",
    "estimates",
    "figures",
    "forecast",
    "poll",
    "report",
    "statistics",
    "survey",
];

/// Roles whose "of"/"at" names an organisation even without a head word ("founder of
/// Blogchina.com", "economist at Nomura"); "president of" may name a country.
const ORG_ROLES: &[&str] = &[
    "analyst",
    "ceo",
    "chairman",
    "chairperson",
    "chairwoman",
    "columnist",
    "consultant",
    "correspondent",
    "dean",
    "director",
    "economist",
    "editor",
    "employee",
    "executive",
    "fellow",
    "founder",
    "head",
    "lecturer",
    "manager",
    "partner",
    "professor",
    "researcher",
    "scientist",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "strategist",
];

/// Verbs that may come before their speaker: `"...," said Lyu Benfu`.
const INVERTED: &[&str] = &[
    "added",
    "argued",
    "asked",
    "continued",
    "explained",
    "insisted",
    "noted",
    "replied",
    "said",
    "says",
    "stressed",
    "warned",
    "wrote",
];

/// Particles inside a person's name ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "der", "di", "dos", "du", "ibn", "la", "le", "van", "von",
];

// ---------------------------------------------------------------------------------------------
// String lookups

fn cmp_ci(item: &str, w: &str) -> Ordering {
    let (a, b) = (item.as_bytes(), w.as_bytes());
    for (x, y) in a.iter().zip(b) {
        match x.cmp(&y.to_ascii_lowercase()) {
            Ordering::Equal => continue,
            o => return o,
        }
    }
    a.len().cmp(&b.len())
}

/// `w` is in the sorted lower-case `list`, ignoring ASCII case.
pub fn in_list(list: &[&str], w: &str) -> bool {
    !w.is_empty() && list.binary_search_by(|p| cmp_ci(p, w)).is_ok()
}

/// Byte length of a possessive ending ("'s", "’s"), 0 if none.
pub fn possessive_len(w: &str) -> usize {
    if !matches!(w.as_bytes().last(), Some(b's' | b'S')) {
        0
    } else if w.len() > 2 && (w.ends_with("'s") || w.ends_with("'S")) {
        2
    } else if w.len() > 4 && w.ends_with("\u{2019}s") {
        4
    } else {
        0
    }
}

/// The word without a possessive ending.
pub fn stem(w: &str) -> &str {
    &w[..w.len() - possessive_len(w)]
}

/// The word is an institution head word ("University", "Academy's").
pub fn is_head(w: &str) -> bool {
    in_list(HEADS, stem(w))
}

/// Two to eight ASCII capitals (possessive aside): "WHO", "CNCERT".
pub fn is_all_caps(w: &str) -> bool {
    let s = stem(w);
    (2..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

pub fn is_known_acronym(w: &str) -> bool {
    is_all_caps(w) && in_list(ACRONYMS, stem(w))
}

fn letter_counts(w: &str) -> [u8; 26] {
    let mut c = [0u8; 26];
    for b in w.bytes() {
        let l = b.to_ascii_lowercase();
        if l.is_ascii_lowercase() {
            c[(l - b'a') as usize] = c[(l - b'a') as usize].saturating_add(1);
        }
    }
    c
}

/// `w` is a head word misspelled: within Damerau–Levenshtein distance 1 (heads of six or
/// seven letters) or 2 (longer heads) of a head word with the same first letter, and not a
/// real word of that reach ("Policy", "Minister", "Cooperation").
pub fn is_misspelled_head(w: &str) -> bool {
    let w = stem(w);
    let f = lex(w);
    f & (HEAD | MISS_EXCL | TITLE | ROLE) == 0 && misspelled(w)
}

/// The distance test of [`is_misspelled_head`], lexicon exclusions aside.
fn misspelled(w: &str) -> bool {
    let len = w.len();
    if !(6..=16).contains(&len) || !w.is_ascii() {
        return false;
    }
    let first = w.as_bytes()[0].to_ascii_lowercase();
    if !first.is_ascii_lowercase() {
        return false;
    }
    let all = &*MISSPELLABLE;
    // the heads with the same first letter (the list is sorted)
    let heads = &all.heads[all.by_first[usize::from(first - b'a')].clone()];
    let mut letters: Option<u32> = None;
    let mut counts: Option<[u8; 26]> = None;
    let mut lower: Option<String> = None;
    for h in heads {
        if len.abs_diff(h.word.len()) > h.max {
            continue;
        }
        // each letter in one word and not the other adds at least one to the letter count
        // difference below: too many such letters reject the head before counting
        let letters = *letters.get_or_insert_with(|| letter_set(w));
        if (letters ^ h.letters).count_ones() as usize > 2 * h.max {
            continue;
        }
        // each edit changes the letter counts by at most two
        let counts = counts.get_or_insert_with(|| letter_counts(w));
        let diff: usize = counts
            .iter()
            .zip(h.counts.iter())
            .map(|(a, b)| a.abs_diff(*b) as usize)
            .sum();
        if diff.div_ceil(2) > h.max {
            continue;
        }
        let lw = lower.get_or_insert_with(|| w.to_ascii_lowercase());
        let d = strsim::damerau_levenshtein(lw, h.word);
        if d > 0 && d <= h.max {
            return true;
        }
    }
    false
}

/// The letters (ASCII, case ignored) a word holds, one bit each.
fn letter_set(w: &str) -> u32 {
    w.bytes()
        .map(|b| b.to_ascii_lowercase())
        .filter(u8::is_ascii_lowercase)
        .fold(0, |set, l| set | 1 << (l - b'a'))
}

/// A misspellable head with what the distance test reads of it, computed once.
struct MisspellableHead {
    word: &'static str,
    /// The greatest distance of a misspelling (1 for heads of six or seven letters, else 2).
    max: usize,
    letters: u32,
    counts: [u8; 26],
}

/// The misspellable heads, and the range of the heads with each first letter.
struct Misspellable {
    heads: Vec<MisspellableHead>,
    by_first: [std::ops::Range<usize>; 26],
}

static MISSPELLABLE: LazyLock<Misspellable> = LazyLock::new(|| Misspellable {
    heads: MISSPELLABLE_HEADS
        .iter()
        .map(|h| MisspellableHead {
            word: h,
            max: if h.len() >= 8 { 2 } else { 1 },
            letters: letter_set(h),
            counts: letter_counts(h),
        })
        .collect(),
    by_first: std::array::from_fn(|i| {
        let first = b'a' + i as u8;
        MISSPELLABLE_HEADS.partition_point(|h| h.as_bytes()[0] < first)
            ..MISSPELLABLE_HEADS.partition_point(|h| h.as_bytes()[0] <= first)
    }),
});

// ---------------------------------------------------------------------------------------------
// The merged lexicon: one lookup per word gives every list it belongs to.

pub const CAP: u64 = 1;
pub const FUNC: u64 = 1 << 1;
pub const CAL: u64 = 1 << 2;
pub const TITLE: u64 = 1 << 3;
pub const ROLE_TITLE: u64 = 1 << 4;
pub const PREFIX: u64 = 1 << 5;
pub const DEMONYM: u64 = 1 << 6;
pub const HEAD: u64 = 1 << 7;
pub const MISS: u64 = 1 << 8;
pub const MISS_EXCL: u64 = 1 << 9;
pub const SAY: u64 = 1 << 10;
pub const ROLE: u64 = 1 << 11;
pub const NOT_PERSON_WORD: u64 = 1 << 12;
pub const EVENT: u64 = 1 << 13;
pub const ALLCAPS: u64 = 1 << 14;
pub const ACRONYM: u64 = 1 << 15;
pub const OUTLET: u64 = 1 << 16;
pub const OUTLET_WORD: u64 = 1 << 17;
pub const POSS: u64 = 1 << 18;
pub const POSS_NAME: u64 = 1 << 19;
pub const QUOTE: u64 = 1 << 20;
pub const PLACE: u64 = 1 << 21;
pub const PARTICLE: u64 = 1 << 22;
pub const ADVERB: u64 = 1 << 23;
pub const PREP: u64 = 1 << 24;
pub const TLD: u64 = 1 << 25;
pub const DOC: u64 = 1 << 26;
pub const DOC_MOD: u64 = 1 << 27;
pub const DET: u64 = 1 << 28;
pub const PARTICIPLE: u64 = 1 << 29;
pub const STMT_VERB: u64 = 1 << 30;
pub const DIRECT_DOC: u64 = 1 << 31;
pub const ORG_ROLE: u64 = 1 << 32;
pub const INVERTED_VERB: u64 = 1 << 33;
pub const WORD: u64 = 1 << 34;
pub const NUM: u64 = 1 << 35;
pub const LOWER: u64 = 1 << 36;
pub const DIGIT: u64 = 1 << 37;
/// The words "according", "paper", "pointed" and "white", which some patterns test for by
/// their text: their bits let a sentence without them skip those tests.
pub const ACCORDING: u64 = 1 << 38;
pub const PAPER: u64 = 1 << 39;
pub const POINTED: u64 = 1 << 40;
pub const WHITE: u64 = 1 << 41;
/// The list bits above (a lexicon entry also holds a time word's id, see [`time_id`]).
const LISTS: u64 = (1 << 42) - 1;
/// The word's stem (without a possessive ending) packed into a lexicon key, so that the
/// lexicon was asked about it (see [`time_id`]).
const PACKED: u64 = 1 << 42;
/// A word a multiplier change needs (see `change::may_multiply`): a feature of tokens only,
/// kept where a lexicon entry keeps its word's length ([`LEN_SHIFT`]), which the lexicon's
/// flags never carry. Set here so that the multiplier extractor's gate is the sentence's
/// `any`, not one more pass over its tokens.
pub const MULTIPLIER: u64 = 1 << LEN_SHIFT;
/// A token a figure may start at wherever it is: a number word, "a", "half", a short
/// currency word ([`crate::numbers::figure::word_may_start`]) or punctuation that may start
/// one ([`crate::numbers::figure::punct_may_start`]); numbers have [`NUM`]. A feature of
/// tokens only, kept where a lexicon entry keeps its word's length, like [`MULTIPLIER`].
pub const FIGURE_START: u64 = 1 << (LEN_SHIFT + 1);
/// Where one plus a time word's id among the time scanner's words is kept in the lexicon's
/// flags and a word's features (0: not a time word).
const TIME_SHIFT: u32 = 48;
/// The bits (above [`TIME_SHIFT`]) that hold one plus a time word's id.
const TIME_IDS: u64 = ((1 << 15) - 1) << TIME_SHIFT;
/// A token the time scanner may class as an anchor ([`crate::time::lex::is_anchor`], which
/// every time expression holds): a number has [`NUM`] instead; a time word one of whose
/// classes is an anchor has it in the lexicon (above its id); a word with a digit ("Q1")
/// or one the lexicon was not asked about has it always. So a sentence with neither bit has
/// no time expression.
pub const TIME_ANCHOR: u64 = 1 << 63;

const ALL_LISTS: &[(&[&str], u64)] = &[
    (HEADS, HEAD),
    (NOT_MISSPELLED, MISS_EXCL),
    (EVENTS, EVENT),
    (FUNCTION_WORDS, FUNC),
    (CALENDAR, CAL),
    (TITLES, TITLE),
    (ROLE_TITLES, ROLE_TITLE),
    (TITLE_PREFIXES, PREFIX),
    (ROLE_NOUNS, ROLE),
    (SAY_VERBS, SAY),
    (VERB_ADVERBS, ADVERB),
    (PLACE_PREFIXES, PLACE),
    (NOT_PERSON, NOT_PERSON_WORD),
    (DEMONYMS, DEMONYM),
    (ACRONYMS, ACRONYM),
    (OUTLETS, OUTLET),
    (OUTLET_WORDS, OUTLET_WORD),
    (TLDS, TLD),
    (ROLE_PREPS, PREP),
    (POSSESSIVE_NAMES, POSS_NAME),
    (DOC_WORDS, DOC),
    (DOC_MODIFIERS, DOC_MOD),
    (DETERMINERS, DET),
    (PARTICIPLES, PARTICIPLE),
    (STATEMENT_VERBS, STMT_VERB),
    (DIRECT_DOCS, DIRECT_DOC),
    (ORG_ROLES, ORG_ROLE),
    (INVERTED, INVERTED_VERB),
    (PARTICLES, PARTICLE),
    (&["according"], ACCORDING),
    (&["paper"], PAPER),
    (&["pointed"], POINTED),
    (&["white"], WHITE),
    (MISSPELLABLE_HEADS, 0),
];

/// log2 of the [`Lexicon`]'s slots: 8,192, at least four times the words of all the lists
/// (a two-choice table fills reliably below half; a quarter keeps the kicks few).
const LEXICON_BITS: u32 = 13;
const LEXICON_SLOTS: usize = 1 << LEXICON_BITS;
/// The [`Lexicon`]'s entries: one more than the most words its slots allow.
const LEXICON_ENTRIES: usize = LEXICON_SLOTS / 4 + 1;
/// Where an [`Entry`] keeps its word's length (5 bits, below [`TIME_SHIFT`] and above the
/// list bits and [`PACKED`]).
const LEN_SHIFT: u32 = 43;
const LEN_BITS: u64 = 31 << LEN_SHIFT;

/// The merged lexicon: a two-choice (cuckoo) table. Each word is in one of the two slots
/// its hash names, so a lookup compares both, with no probing loop and no branch on the
/// outcome. A slot holds the index of an entry (0: the empty entry, which matches no word);
/// the slots are small (16 KB) and the entries dense, so a word in no list reads the slots
/// and the empty entry only. Fixed sizes let masked indexes need no bounds check.
struct Lexicon {
    slots: Box<[u16; LEXICON_SLOTS]>,
    entries: Vec<Entry>,
}

/// A word packed as a [`Packed`] key, with its flags and (at [`LEN_SHIFT`]) its length.
#[derive(Clone, Copy)]
struct Entry {
    key: [u64; 3],
    meta: u64,
}

impl Entry {
    /// The entry's flags when its word is `k`, else 0 (computed without a branch).
    #[inline(always)]
    fn flags_if(&self, k: &Packed) -> u64 {
        let diff = (self.key[0] ^ k.key[0])
            | (self.key[1] ^ k.key[1])
            | (self.key[2] ^ k.key[2])
            | ((self.meta & LEN_BITS) ^ (k.len << LEN_SHIFT));
        // all ones when the words are equal, else 0
        let equal = u64::from(diff == 0).wrapping_neg();
        self.meta & !LEN_BITS & equal
    }
}

impl Lexicon {
    fn new() -> Lexicon {
        let time_words: Vec<(&str, usize)> = crate::time::lex::known_words().collect();
        // entry 0 matches no word: packed keys are ASCII, with no byte's high bit set
        let empty = Entry {
            key: [u64::MAX; 3],
            meta: 0,
        };
        let mut t = Lexicon {
            slots: Box::new([0; LEXICON_SLOTS]),
            entries: vec![empty],
        };
        for &(list, flags) in ALL_LISTS {
            for w in list {
                t.add(w, flags);
            }
        }
        for (w, id) in time_words {
            let anchor = if crate::time::lex::may_anchor(id) {
                TIME_ANCHOR
            } else {
                0
            };
            let id = (id as u64 + 1) << TIME_SHIFT;
            assert!(id & !TIME_IDS == 0, "a time word's id overflows its bits");
            t.add(w, id | anchor);
        }
        assert!(
            t.entries.len() <= LEXICON_ENTRIES,
            "the lexicon's table is too small"
        );
        t
    }

    /// The two slots a word may be in (from two parts of one multiplicative hash).
    #[inline(always)]
    fn homes(k: &Packed) -> [usize; 2] {
        let h = (k.key[0] ^ k.key[1].rotate_left(21) ^ k.key[2].rotate_left(42) ^ k.len)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mask = LEXICON_SLOTS as u64 - 1;
        [
            (h >> (64 - LEXICON_BITS)) as usize,
            (h >> (64 - 2 * LEXICON_BITS) & mask) as usize,
        ]
    }

    /// Adds the word `w` with `flags` (or-ed into its entry's when it is there already).
    fn add(&mut self, w: &str, flags: u64) {
        assert!(flags & LEN_BITS == 0, "a flag overlaps the length");
        let k = Packed::new(w.as_bytes()).expect("lexicon words are short ASCII");
        for home in Lexicon::homes(&k) {
            let e = &mut self.entries[usize::from(self.slots[home])];
            if e.key == k.key && e.meta & LEN_BITS == k.len << LEN_SHIFT {
                e.meta |= flags;
                return;
            }
        }
        let mut id = u16::try_from(self.entries.len()).expect("entries fit a slot");
        self.entries.push(Entry {
            key: k.key,
            meta: flags | k.len << LEN_SHIFT,
        });
        // cuckoo insertion: take the first home, move the word there to its other home
        let mut at = Lexicon::homes(&k)[0];
        for _ in 0..LEXICON_SLOTS {
            std::mem::swap(&mut self.slots[at], &mut id);
            if id == 0 {
                return;
            }
            let e = self.entries[usize::from(id)];
            let p = Packed {
                key: e.key,
                len: (e.meta & LEN_BITS) >> LEN_SHIFT,
                digit: false,
            };
            let [a, b] = Lexicon::homes(&p);
            at = if a == at { b } else { a };
        }
        panic!("the lexicon's two-choice table could not place a word");
    }

    #[inline]
    fn get(&self, k: &Packed) -> u64 {
        let [a, b] = Lexicon::homes(k);
        let a = &self.entries[usize::from(self.slots[a])];
        let b = &self.entries[usize::from(self.slots[b])];
        a.flags_if(k) | b.flags_if(k)
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::new);

/// Every list the word (ASCII case ignored) belongs to.
pub fn lex(w: &str) -> u64 {
    Packed::new(w.as_bytes()).map_or(0, |k| LEXICON.get(&k) & LISTS)
}

/// For the time scanner, from a word's features: `None` when its stem (the word without a
/// possessive "'s") was not looked up (it is not ASCII, or longer than any lexicon word);
/// else the id among the time scanner's words ([`crate::time::lex::known_words`]) of the
/// stem, ASCII case ignored, when the stem is a time word.
///
/// The time scanner finds a word's class by the word as it is written, ASCII case ignored,
/// and when that is no time word, by the word with a possessive "'s" dropped and a curly
/// apostrophe folded. No time word ends in "'s", so a word equal to one is its own stem;
/// and a word that folds to one with an ASCII stem is that stem with "'s", "'S" or a curly
/// "'s" added. So a looked-up stem is the only time word an ASCII-stemmed word can be
/// found as, and a stem that is none rules the word out.
#[inline]
pub fn time_id(f: u64) -> Option<Option<usize>> {
    if f & PACKED == 0 {
        return None;
    }
    let id = (f & TIME_IDS) >> TIME_SHIFT;
    Some((id > 0).then(|| id as usize - 1))
}

/// The longest word [`Packed`] holds, in bytes (no lexicon word is longer).
const PACKED_MAX: usize = 24;

/// Up to eight bytes as a little-endian u64, zero-padded.
#[inline]
fn load(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        // two overlapping 4-byte reads: the overlap ORs the same bytes in the same places
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        lo | hi << (8 * (n - 4))
    } else if n > 0 {
        u64::from(b[0])
            | u64::from(b[n / 2]) << (8 * (n / 2))
            | u64::from(b[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// A word of one to [`PACKED_MAX`] ASCII bytes, ASCII-lower-cased into three little-endian
/// u64s (zero-padded): the [`Lexicon`]'s key, made eight bytes at a time. Packing also tells
/// whether a byte is a digit.
struct Packed {
    key: [u64; 3],
    len: u64,
    /// A byte is an ASCII digit.
    digit: bool,
}

impl Packed {
    /// `None` for the empty word, a longer one or one with a non-ASCII byte: none is in the
    /// lexicon (its words are short lower-case ASCII).
    #[inline(always)]
    fn new(w: &[u8]) -> Option<Packed> {
        let n = w.len();
        if n == 0 || n > PACKED_MAX {
            return None;
        }
        let mut p = Packed {
            key: [0; 3],
            len: n as u64,
            digit: false,
        };
        let mut from = 0;
        for key in &mut p.key {
            if from >= n {
                break;
            }
            let to = n.min(from + 8);
            let x = load(&w[from..to]);
            if x & HIGHS != 0 {
                return None;
            }
            let capitals = bytes_in(x, b'A', b'Z');
            p.digit |= bytes_in(x, b'0', b'9') != 0;
            // 0x80 >> 2 is 0x20: a capital's lower-case
            *key = x | capitals >> 2;
            from = to;
        }
        Some(p)
    }
}

// ---------------------------------------------------------------------------------------------
// A sentence with its token features

/// A sentence's tokens with their lexicon features and the extent of the name word each one
/// starts: computed once per sentence (kept in the [`Ctx`]'s memo), read by every pattern
/// below. Dereferences to the [`Ctx`].
pub struct Sent<'s, 'a> {
    ctx: &'s Ctx<'a>,
    flags: &'s [u64],
    ends: &'s [u64],
    /// Every token's features, or-ed together.
    any: u64,
    /// Every lower-case word's features, or-ed together.
    any_lower: u64,
    /// The features of every name word's last token, or-ed together.
    name_ends: u64,
}

/// The features of a sentence's tokens (see [`Sent`]).
pub(crate) struct Features {
    /// The tokens' flags, then the ends of the name words they start (0: none).
    flags: Vec<u64>,
    any: u64,
    any_lower: u64,
    name_ends: u64,
}

impl<'a> Deref for Sent<'_, 'a> {
    type Target = Ctx<'a>;
    fn deref(&self) -> &Ctx<'a> {
        self.ctx
    }
}

pub fn is_open_quote(t: &str) -> bool {
    matches!(t, "\u{201C}" | "\u{00AB}" | "\u{201E}")
}

pub fn is_close_quote(t: &str) -> bool {
    matches!(t, "\u{201D}" | "\u{00BB}")
}

pub fn is_quote(t: &str) -> bool {
    t == "\"" || is_open_quote(t) || is_close_quote(t)
}

fn word_flags(w: &str) -> u64 {
    let p = possessive_len(w);
    let s = if p == 0 { w } else { &w[..w.len() - p] };
    let mut f = WORD;
    // one packing gives the lexicon's flags and whether a byte is a digit; a word it cannot
    // pack is in no list and is looked at byte by byte
    let digit = match Packed::new(s.as_bytes()) {
        Some(k) => {
            f |= LEXICON.get(&k) | PACKED;
            k.digit
        }
        None => {
            // the time scanner classes such a word by its text
            f |= TIME_ANCHOR;
            s.bytes().any(|b| b.is_ascii_digit())
        }
    };
    let capitalised = match w.as_bytes().first() {
        Some(&b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    };
    if capitalised {
        f |= CAP;
    } else {
        f |= LOWER;
    }
    // a word in capitals starts with one
    if f & CAP != 0 && s.len() >= 2 && s.bytes().all(|b| b.is_ascii_uppercase()) {
        f |= ALLCAPS;
        f &= !FUNC;
    } else {
        f &= !ACRONYM;
    }
    if digit {
        // "Q1".."Q4", "H1", "H2" are anchors
        f |= DIGIT | TIME_ANCHOR;
    }
    if p > 0 && f & POSS_NAME == 0 {
        f |= POSS;
    }
    if f & CAP != 0 && f & (HEAD | MISS_EXCL | TITLE | ROLE) == 0 && s.len() >= 6 && misspelled(s) {
        f |= MISS;
    }
    if crate::claims::change::may_multiply(w) {
        f |= MULTIPLIER;
    }
    if crate::numbers::figure::word_may_start(w) {
        f |= FIGURE_START;
    }
    f
}

impl<'s, 'a> Sent<'s, 'a> {
    /// The sentence's features, computed on the first call for a sentence and kept in its
    /// [`Ctx`] for the entity, attribution and source extractors.
    pub fn new(ctx: &'s Ctx<'a>) -> Sent<'s, 'a> {
        let f = ctx.memo.names.get_or_init(|| Sent::features(ctx));
        Sent {
            ctx,
            flags: &f.flags[..f.flags.len() / 2],
            ends: &f.flags[f.flags.len() / 2..],
            any: f.any,
            any_lower: f.any_lower,
            name_ends: f.name_ends,
        }
    }

    fn features(ctx: &Ctx) -> Features {
        let n = ctx.len();
        // one allocation: the flags, then the name words' ends
        let mut flags = Vec::with_capacity(2 * n);
        let (mut any, mut any_lower) = (0, 0);
        for (i, t) in ctx.tokens.iter().enumerate() {
            let w = ctx.tok(i);
            let f = match t.kind {
                TokenKind::Word => word_flags(w),
                TokenKind::Number => NUM,
                TokenKind::Punct => {
                    let quote = if is_quote(w) { QUOTE } else { 0 };
                    let start = if crate::numbers::figure::punct_may_start(w) {
                        FIGURE_START
                    } else {
                        0
                    };
                    quote | start
                }
            };
            any |= f;
            if f & LOWER != 0 {
                any_lower |= f;
            }
            flags.push(f);
        }
        flags.resize(2 * n, 0);
        let (words, ends) = flags.split_at_mut(n);
        let s = Sent {
            ctx,
            flags: words,
            ends: &[],
            any,
            any_lower,
            name_ends: 0,
        };
        let mut name_ends = 0;
        for (i, &f) in words.iter().enumerate() {
            // the first test of compute_name_word, without the call (the end stays 0)
            if f & CAP == 0 || f & FUNC != 0 {
                continue;
            }
            let e = s
                .compute_name_word(i)
                .map_or(0, |e| u32::try_from(e).unwrap_or(0));
            if e > 0 {
                name_ends |= words[e as usize - 1];
                ends[i] = u64::from(e);
            }
        }
        Features {
            flags,
            any,
            any_lower,
            name_ends,
        }
    }

    /// The sentence's context, for as long as the sentence is borrowed.
    pub fn ctx(&self) -> &'s Ctx<'a> {
        self.ctx
    }

    /// The organisations the sentence names ([`org_runs`]), computed once per sentence.
    pub fn orgs(&self) -> &'s [OrgHit] {
        self.ctx.memo.orgs.get_or_init(|| org_runs(self))
    }

    /// Token `i`'s features (0 past the end).
    #[inline]
    pub fn f(&self, i: usize) -> u64 {
        self.flags.get(i).copied().unwrap_or(0)
    }

    /// Token `i` has any of the features of `mask`.
    #[inline]
    pub fn has(&self, i: usize, mask: u64) -> bool {
        self.f(i) & mask != 0
    }

    /// A token has any of the features of `mask`: when not, no token need be looked at.
    #[inline]
    pub fn any(&self, mask: u64) -> bool {
        self.any & mask != 0
    }

    /// A lower-case word has any of the features of `mask` (see [`Sent::lower_has`]).
    #[inline]
    pub fn any_lower(&self, mask: u64) -> bool {
        self.any_lower & mask != 0
    }

    /// A name word ([`Sent::name_word`]) ends with a token with any of the features of `mask`.
    #[inline]
    pub fn any_name_end(&self, mask: u64) -> bool {
        self.name_ends & mask != 0
    }

    /// Token `i` is a lower-case word with any of the features of `mask`.
    #[inline]
    pub fn lower_has(&self, i: usize, mask: u64) -> bool {
        let f = self.f(i);
        f & LOWER != 0 && f & mask != 0
    }

    #[inline]
    pub fn cap(&self, i: usize) -> bool {
        self.has(i, CAP)
    }

    /// The name word starting at token `i` (see [`Sent::compute_name_word`]): one past its
    /// last token.
    #[inline]
    pub fn name_word(&self, i: usize) -> Option<usize> {
        match self.ends.get(i) {
            Some(&e) if e > 0 => Some(e as usize),
            _ => None,
        }
    }

    /// A name word starting at token `i`: a capitalised word (not a function word, day or
    /// month), with its glued parts: initials ("U.S."), "St.", hyphenated compounds
    /// ("Asia-Pacific", "Co-operation"; not "Beijing-based"), web domains ("Blogchina.com").
    fn compute_name_word(&self, i: usize) -> Option<usize> {
        let f = self.f(i);
        if f & CAP == 0 || f & FUNC != 0 {
            return None;
        }
        let w = self.tok(i);
        // "Theresa May" is a name; "in May", "May 5" are dates
        if f & CAL != 0
            && !(w == "May"
                && i > 0
                && self.f(i - 1) & (CAP | FUNC) == CAP
                && !self.has(i + 1, NUM))
        {
            return None;
        }
        let n = self.len();
        let mut e = i + 1;
        let single = w.chars().nth(1).is_none();
        if single {
            // initials: "U.S.", "J."
            if !(e < n && self.tok(e) == "." && self.joined(e)) {
                return None;
            }
            e += 1;
            while e + 1 < n
                && self.joined(e)
                && self.cap(e)
                && self.tok(e).chars().nth(1).is_none()
                && self.tok(e + 1) == "."
                && self.joined(e + 1)
            {
                e += 2;
            }
        } else if matches!(w, "St" | "Mt" | "Ft") && e < n && self.tok(e) == "." && self.joined(e) {
            e += 1;
        }
        while e + 1 < n && self.joined(e) && self.joined(e + 1) && self.has(e + 1, WORD) {
            let sep = self.tok(e);
            let compound = sep == "-" && (self.cap(e + 1) || self.tok(e - 1).chars().count() <= 3);
            if compound || (sep == "." && self.has(e + 1, TLD)) {
                e += 2;
            } else {
                break;
            }
        }
        Some(e)
    }

    /// A name word ends at token `b` (a name starting at `b` would continue it).
    pub fn name_word_ends_at(&self, b: usize) -> bool {
        if b == 0 {
            return false;
        }
        let j = b - 1;
        if self.cap(j) {
            return !self.has(j, FUNC);
        }
        // "U.S." ends with a dot
        j >= 1 && self.tok(j) == "." && self.joined(j) && self.cap(j - 1)
    }

    /// The name word `a..b` ends in a possessive that is not part of a name ("China's").
    fn ends_possessive(&self, b: usize) -> bool {
        b > 0 && self.has(b - 1, POSS)
    }

    /// The span of tokens `a..b`, a final possessive ending dropped.
    pub fn name_span(&self, a: usize, b: usize) -> Span {
        let s = self.span(a, b - 1);
        if self.ends_possessive(b) {
            let p = possessive_len(self.tok(b - 1));
            Span::new(s.start, s.end - p)
        } else {
            s
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Quotations

/// A quotation in a sentence: token indices of its marks. `open` is `None` when the sentence
/// starts inside the quotation (its opening mark is in an earlier sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotation {
    pub open: Option<usize>,
    pub close: usize,
    /// Bytes of the text: the quotation with its marks (the opening mark may lie before the
    /// sentence).
    pub span: Span,
}

/// The quotations of a sentence, in order. A straight mark opens or closes by the spaces
/// around it and by whether a quotation is open.
pub fn quotations(s: &Sent) -> Vec<Quotation> {
    let mut out = Vec::new();
    let n = s.len();
    let mut open: Option<usize> = None;
    let mut first = true;
    for i in 0..n {
        if !s.has(i, QUOTE) {
            continue;
        }
        let t = s.tok(i);
        let closes = if is_open_quote(t) {
            false
        } else if is_close_quote(t) {
            true
        } else {
            let glued_prev = i > 0 && s.joined(i);
            let glued_next = i + 1 < n && s.joined(i + 1);
            match open {
                Some(_) => glued_prev || !glued_next,
                None => first && glued_prev && !glued_next,
            }
        };
        if closes {
            match open.take() {
                Some(o) => out.push(Quotation {
                    open: Some(o),
                    close: i,
                    span: s.span(o, i),
                }),
                None if first => {
                    let end = s.tokens[i].span.end;
                    let start =
                        opening_before(s, s.tokens[i].span.start).unwrap_or(s.tokens[0].span.start);
                    out.push(Quotation {
                        open: None,
                        close: i,
                        span: Span::new(start, end),
                    });
                }
                None => {}
            }
        } else {
            open = Some(i);
        }
        first = false;
    }
    out
}

/// Where a look back for quotation marks from byte `pos` starts: the sentence's block, at
/// most 8,000 bytes back, on a character boundary.
fn look_back_from(ctx: &Ctx, pos: usize) -> usize {
    let lo = ctx
        .doc
        .blocks
        .get(ctx.sentence.block)
        .map_or(0, |b| b.start)
        .max(pos.saturating_sub(8000));
    (lo..pos)
        .find(|&i| ctx.text.is_char_boundary(i))
        .unwrap_or(pos)
}

/// The opening quotation mark before byte `pos` of the text, within the sentence's block.
pub fn opening_before(ctx: &Ctx, pos: usize) -> Option<usize> {
    let lo = look_back_from(ctx, pos);
    let hay = ctx.text.get(lo..pos)?;
    let i = hay.rfind(['"', '\u{201C}', '\u{201D}', '\u{00AB}'])?;
    let c = hay[i..].chars().next()?;
    (c != '\u{201D}').then_some(lo + i)
}

/// The quotation whose closing mark ends just before byte `pos` (white space between
/// allowed): its span, marks included.
pub fn quotation_ending_before(ctx: &Ctx, pos: usize) -> Option<Span> {
    let lo = look_back_from(ctx, pos);
    let before = ctx.text.get(lo..pos)?.trim_end();
    let c = before.chars().next_back()?;
    if c != '"' && c != '\u{201D}' && c != '\u{00BB}' {
        return None;
    }
    let close_start = lo + before.len() - c.len_utf8();
    let open = opening_before(ctx, close_start)?;
    Some(Span::new(open, lo + before.len()))
}

// ---------------------------------------------------------------------------------------------
// Runs of name words: organisations

/// A plain number that can open a name ("360 Security Center"): digits only, not a year.
fn leading_number(s: &Sent, i: usize) -> bool {
    if !s.has(i, NUM) {
        return false;
    }
    let t = s.tok(i);
    if !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 6 {
        return false;
    }
    let year = t.len() == 4 && matches!(t.parse::<u32>(), Ok(1800..=2100));
    !year && !s.joined(i) && !s.joined(i + 1) && s.name_word(i + 1).is_some()
}

/// How a run of name words names an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    None,
    Exact,
    Misspelled,
}

/// A run of capitalised name words with connectors inside ("China Institue for Innovation &
/// Dev't Strategy").
#[derive(Debug, Clone, Copy)]
pub struct Run {
    /// First token (a name word, or the number of "360 Security Center").
    pub a: usize,
    /// One past the last token.
    pub b: usize,
    /// Bytes, a final possessive dropped.
    pub span: Span,
    /// The run ended at a possessive ("China's").
    pub possessive: bool,
    /// Name words (a leading number counts).
    pub words: usize,
    pub head: Head,
    /// The last word is an event word ("Summit").
    pub event: bool,
    /// A single all-capitals word ("WHO").
    pub acronym: bool,
    /// A web domain ("Blogchina.com").
    pub domain: bool,
}

impl Run {
    /// The run names an organisation by its words: a head word (or a misspelled one) among
    /// two or more words, and not an event.
    pub fn is_org(&self) -> bool {
        !self.event && self.head != Head::None && self.words >= 2
    }
}

/// No name is longer: runs stop here (keeps every scan linear on odd input).
const MAX_RUN_WORDS: usize = 40;

/// The adjacent name words from token `m` end with a head word ("St. Petersburg State
/// University").
fn ends_in_head(s: &Sent, m: usize) -> bool {
    let mut k = m;
    let mut last = None;
    while let Some(e) = s.name_word(k) {
        if k - m > MAX_RUN_WORDS {
            return false;
        }
        last = Some(e);
        if s.ends_possessive(e) {
            break;
        }
        k = e;
    }
    last.is_some_and(|e| s.has(e - 1, HEAD))
}

/// The run of name words starting at token `i`, or `None` if no name word starts there.
///
/// Inside a run: adjacent name words; "/" glued between two ("Team/Coordination");
/// connectors "of", "for", "on" after a head word ("Center for China"); "and", "&" unless
/// what follows is "the", starts with a head, or is itself a name ending in a head
/// ("Peking University and Tsinghua University" are two); "de", "du", "des", "del", "la".
/// A run ends after a possessive ("China's") and before a title that follows the head
/// directly ("Peking University President ...").
pub fn run_at(s: &Sent, i: usize) -> Option<Run> {
    let n = s.len();
    let mut k = i;
    let mut words = 0;
    let number = leading_number(s, i);
    if number {
        k += 1;
        words = 1;
    } else {
        s.name_word(i)?;
    }
    let mut b = k;
    let mut head = Head::None;
    let mut possessive = false;
    let mut after_connector = false;
    let mut last_word = (k, k);
    let mut all_caps = true;
    let mut last_head = (k, k);
    while let Some(e) = s.name_word(k) {
        if head != Head::None && !after_connector && s.has(k, TITLE) {
            break;
        }
        if words >= MAX_RUN_WORDS {
            break;
        }
        words += 1;
        b = e;
        last_word = (k, e);
        all_caps &= (k..e).all(|j| !s.has(j, WORD) || s.has(j, ALLCAPS) || s.tok(j).len() == 1);
        if s.has(e - 1, HEAD) {
            head = Head::Exact;
            last_head = (k, e);
        } else if head == Head::None && s.has(e - 1, MISS) {
            head = Head::Misspelled;
            last_head = (k, e);
        }
        if s.ends_possessive(e) {
            possessive = true;
            break;
        }
        k = e;
        after_connector = false;
        if k + 1 < n && s.tok(k) == "/" && s.joined(k) && s.joined(k + 1) {
            if s.name_word(k + 1).is_some() {
                k += 1;
                continue;
            }
            break;
        }
        if s.name_word(k).is_some() {
            continue;
        }
        if k >= n {
            break;
        }
        let c = s.tok(k);
        let mut m = k + 1;
        let the = s.is(m, "the");
        if the {
            m += 1;
        }
        let Some(me) = s.name_word(m) else {
            break;
        };
        let ok = if c.eq_ignore_ascii_case("of")
            || c.eq_ignore_ascii_case("for")
            || c.eq_ignore_ascii_case("on")
        {
            head != Head::None
        } else if c.eq_ignore_ascii_case("and") || c == "&" {
            !(the || s.has(me - 1, HEAD) || (head != Head::None && ends_in_head(s, m)))
        } else {
            matches!(c, "de" | "du" | "des" | "del" | "la") && !the
        };
        if !ok {
            break;
        }
        k = m;
        after_connector = true;
    }
    if words == 0 || (number && words == 1) {
        return None;
    }
    // A headline in capitals ("CENTRAL BANK CUTS RATES") ends at its last head.
    if all_caps && words >= 3 && head != Head::None && last_head.1 < b {
        b = last_head.1;
        possessive = false;
        last_word = last_head;
    }
    let acronym = words == 1 && !number && b == i + 1 && s.has(i, ALLCAPS);
    let domain = (i..b).any(|j| s.tok(j) == "." && s.has(j + 1, TLD));
    Some(Run {
        a: i,
        b,
        span: if possessive {
            s.name_span(i, b)
        } else {
            s.span(i, b - 1)
        },
        possessive,
        words,
        head,
        event: s.has(last_word.1 - 1, EVENT),
        acronym,
        domain,
    })
}

/// The acronym in brackets right after token `b`: "(WHO)". Returns its token.
pub fn bracket_acronym(s: &Sent, b: usize) -> Option<usize> {
    (s.tok(b) == "(" && s.has(b + 1, ALLCAPS) && s.tok(b + 2) == ")").then_some(b + 1)
}

/// The acronym's letters are the initials of the run's capitalised words, in order
/// ("Asia-Pacific Economic Cooperation" → APEC).
pub fn initials_match(s: &Sent, run: &Run, acronym: &str) -> bool {
    let mut initials = Vec::with_capacity(8);
    for j in run.a..run.b {
        if s.cap(j) && !(j > run.a && s.joined(j) && s.tok(j - 1) == ".") {
            initials.push(s.tok(j).as_bytes()[0]);
        }
    }
    let ac = acronym.as_bytes();
    if ac.first() != initials.first() {
        return false;
    }
    // every letter of the acronym, in order, among the initials; most initials used
    let mut it = initials.iter();
    let all = ac.iter().all(|c| it.any(|x| x == c));
    all && ac.len() * 2 >= initials.len()
}

/// An organisation named after a role or cited as a source: "the" dropped, a possessive
/// prefix dropped when what follows is itself an organisation ("China's National ... Center").
pub fn org_ref_at(s: &Sent, i: usize) -> Option<Run> {
    let i = if s.is(i, "the") { i + 1 } else { i };
    let r = run_at(s, i)?;
    if r.possessive && !r.is_org() {
        if let Some(next) = run_at(s, r.b) {
            if next.is_org() {
                return Some(next);
            }
        }
    }
    Some(r)
}

/// The run looks like a news outlet ("Xinhua", "China Daily", "CGTN").
pub fn is_outlet_run(s: &Sent, r: &Run) -> bool {
    (r.a..r.b).any(|j| s.has(j, OUTLET | OUTLET_WORD))
}

/// An organisation named in a sentence, and its bracketed acronym ("(WHO)") if any.
#[derive(Debug, Clone, Copy)]
pub struct OrgHit {
    pub run: Run,
    /// The token of the acronym in brackets right after the name.
    pub acronym: Option<usize>,
}

/// Every organisation a sentence names by its words: runs with a head word (or a misspelled
/// one), and runs followed by a bracketed acronym of their initials.
pub fn org_runs(s: &Sent) -> Vec<OrgHit> {
    let mut out = Vec::new();
    // An organisation's run has a name word ending in a head word (or a misspelled one), or
    // an all-capitals acronym follows it.
    if !(s.any_name_end(HEAD | MISS) || s.any(ALLCAPS)) {
        return out;
    }
    let n = s.len();
    let mut i = 0;
    while i < n {
        if !s.has(i, CAP | NUM) {
            i += 1;
            continue;
        }
        let Some(r) = run_at(s, i) else {
            i += 1;
            continue;
        };
        let acr = if r.possessive {
            None
        } else {
            bracket_acronym(s, r.b)
        };
        let by_acronym =
            acr.is_some_and(|t| r.words >= 2 && !r.event && initials_match(s, &r, stem(s.tok(t))));
        if r.is_org() || by_acronym {
            out.push(OrgHit {
                run: r,
                acronym: acr,
            });
            i = acr.map_or(r.b, |t| t + 2);
        } else {
            i = r.b.max(i + 1);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Persons

/// The name word `a..e` can be part of a person's name.
fn person_word(s: &Sent, a: usize, e: usize) -> bool {
    const NOT: u64 = ALLCAPS
        | DIGIT
        | HEAD
        | MISS
        | TITLE
        | PREFIX
        | DEMONYM
        | EVENT
        | NOT_PERSON_WORD
        | OUTLET
        | ACRONYM;
    if s.has(a, NOT) || s.has(e - 1, NOT) {
        return false;
    }
    // initials ("J.") are fine, a domain ("Blogchina.com") is not
    !(e - a > 2 && (a..e).any(|j| s.tok(j) == ".") && s.tok(a).len() > 1)
}

/// A person's name at token `i`: one to four name words (particles like "von" inside).
#[derive(Debug, Clone, Copy)]
pub struct PersonName {
    pub a: usize,
    pub b: usize,
    pub span: Span,
    pub words: usize,
    pub possessive: bool,
}

pub fn person_name_at(s: &Sent, i: usize) -> Option<PersonName> {
    let mut k = i;
    let mut words = 0;
    let mut b = i;
    let mut possessive = false;
    while words < 4 {
        let Some(e) = s.name_word(k) else {
            break;
        };
        if !person_word(s, k, e) {
            break;
        }
        words += 1;
        b = e;
        if s.ends_possessive(e) {
            possessive = true;
            break;
        }
        k = e;
        // particles: "Ursula von der Leyen"
        let mut m = k;
        while s.lower_has(m, PARTICLE) {
            m += 1;
        }
        if m > k && s.name_word(m).is_some() {
            k = m;
        }
    }
    if words == 0 {
        return None;
    }
    Some(PersonName {
        a: i,
        b,
        span: s.name_span(i, b),
        words,
        possessive,
    })
}

/// The first word makes a two-word name a place ("South Korea", "Hong Kong").
pub fn place_like(s: &Sent, p: &PersonName) -> bool {
    s.has(p.a, PLACE)
}

/// Title words before a name: "Chinese President", "Dr.", "Prime Minister".
#[derive(Debug, Clone, Copy)]
pub struct Titled {
    /// First title or prefix token (after any demonym: "Vice" of "Chinese Vice Premier").
    pub title: usize,
    /// The last title token ("Premier").
    pub last: usize,
    /// First token of the name.
    pub name: usize,
    /// A rank, not an occupation: "Mr. Smith" and "President Obama" are names.
    pub honorific: bool,
    /// The title was written in lower case ("spokesperson Hua Chunying").
    pub lower: bool,
}

/// Titles starting at token `i` (a demonym, prefix or title), up to the name.
pub fn titles_at(s: &Sent, i: usize) -> Option<Titled> {
    if !(s.has(i, TITLE | PREFIX | DEMONYM | ALLCAPS) || (s.cap(i) && s.tok(i).len() == 1)) {
        return None;
    }
    let n = s.len();
    let mut k = i;
    let mut role_start = None;
    let mut last_title = None;
    while k < n && s.has(k, WORD) {
        if s.has(k, TITLE) {
            role_start.get_or_insert(k);
            last_title = Some(k);
            k += 1;
            if k < n && s.tok(k) == "." && s.joined(k) {
                k += 1;
            }
            continue;
        }
        if last_title.is_some() {
            break;
        }
        if s.has(k, PREFIX) {
            role_start.get_or_insert(k);
            k += 1;
            continue;
        }
        if role_start.is_none() && (s.has(k, DEMONYM) || (s.cap(k) && s.has(k, ALLCAPS))) {
            k += 1;
            continue;
        }
        // initials before a title: "U.S. President"
        if role_start.is_none() && s.tok(k).len() == 1 {
            if let Some(e) = s.name_word(k) {
                k = e;
                continue;
            }
        }
        break;
    }
    let t = last_title?;
    let lower = !s.cap(t);
    Some(Titled {
        title: role_start.unwrap_or(t),
        last: t,
        name: k,
        honorific: !lower && !s.has(t, ROLE_TITLE),
        lower,
    })
}

/// Who speaks: a person (titled or named in two or more words) or an organisation.
#[derive(Debug, Clone, Copy)]
pub struct Speaker {
    /// First token of the whole speaker phrase (title included).
    pub start: usize,
    /// Name tokens `a..b` (title excluded).
    pub a: usize,
    pub b: usize,
    /// One past the speaker phrase (after a bracketed acronym).
    pub end: usize,
    pub span: Span,
    pub org: bool,
    /// The title's tokens (first and last), when the name follows one.
    pub title: Option<(usize, usize)>,
    pub words: usize,
}

/// The speaker at token `i`: "the" + an organisation; titles + a name; or a bare name of two
/// to four words (one, when `single` allows it). The name must not run on into more names.
pub fn speaker_at(s: &Sent, i: usize, single: bool) -> Option<Speaker> {
    let j = if s.is(i, "the") { i + 1 } else { i };
    if let Some(r) = run_at(s, j) {
        if r.is_org() || (r.acronym && s.has(j, ACRONYM)) {
            let end = bracket_acronym(s, r.b).map_or(r.b, |x| x + 2);
            return Some(Speaker {
                start: i,
                a: r.a,
                b: r.b,
                end,
                span: r.span,
                org: true,
                title: None,
                words: r.words,
            });
        }
    }
    if j != i {
        return None;
    }
    if let Some(t) = titles_at(s, i) {
        if let Some(p) = person_name_at(s, t.name) {
            let enough = p.words >= 2 || (t.honorific && !t.lower);
            if enough && (p.possessive || s.name_word(p.b).is_none()) {
                return Some(Speaker {
                    start: i,
                    a: p.a,
                    b: p.b,
                    end: p.b,
                    span: p.span,
                    org: false,
                    title: Some((t.title, t.last)),
                    words: p.words,
                });
            }
        }
        return None;
    }
    let p = person_name_at(s, i)?;
    if (p.words < 2 && !single) || place_like(s, &p) || s.name_word(p.b).is_some() {
        return None;
    }
    Some(Speaker {
        start: i,
        a: p.a,
        b: p.b,
        end: p.b,
        span: p.span,
        org: false,
        title: None,
        words: p.words,
    })
}

/// An appositive after a name: ", deputy head of China Institue for Innovation & Dev't
/// Strategy" or ", 58,".
#[derive(Debug, Clone, Copy)]
pub struct Appositive {
    /// The role's tokens (article dropped), if any.
    pub role: Option<(usize, usize)>,
    /// The organisation after the role's preposition.
    pub org: Option<Run>,
    /// The role holds an occupation noun ("head", "founder", "economist").
    pub core: bool,
    /// The role holds a noun whose organisation is one ("founder", "economist"; not
    /// "president", which may be of a country).
    pub org_role: bool,
    /// The token that ends the appositive (a comma, a full stop, a verb) or the sentence end:
    /// one past its content.
    pub end: usize,
}

/// The appositive starting at the comma at token `i`.
pub fn appositive_at(s: &Sent, i: usize) -> Option<Appositive> {
    let n = s.len();
    if s.tok(i) != "," {
        return None;
    }
    let mut k = i + 1;
    // age: ", 58,"
    if s.has(k, NUM) && matches!(s.tok(k + 1), "," | ".") {
        return Some(Appositive {
            role: None,
            org: None,
            core: false,
            org_role: false,
            end: k + 1,
        });
    }
    // a relative clause ("who heads ...") is not a role phrase
    if s.is(k, "who") || s.is(k, "which") || s.is(k, "whose") {
        return None;
    }
    if s.is(k, "a") || s.is(k, "an") || s.is(k, "the") {
        k += 1;
    }
    let role_start = k;
    let mut role_end = None;
    let mut org: Option<Run> = None;
    let mut core = false;
    let mut org_role = false;
    let limit = (i + 40).min(n);
    while k < limit {
        let t = s.tok(k);
        if s.has(k, QUOTE) || matches!(t, "," | ";" | ":" | "(" | ")" | "!" | "?" | ".") {
            break;
        }
        if s.lower_has(k, SAY) {
            break;
        }
        if s.lower_has(k, PREP) {
            let m = if s.is(k + 1, "the") { k + 2 } else { k + 1 };
            if s.name_word(m).is_some() || leading_number(s, m) {
                if let Some(r) = org_ref_at(s, k + 1) {
                    if org.is_none() {
                        role_end.get_or_insert(k);
                        org = Some(r);
                    }
                    k = r.b;
                    continue;
                }
            }
        }
        if s.cap(k) {
            // A title-cased role ("Deputy Head") goes on; any other name ends or refutes it.
            if s.has(k, ROLE | PREFIX | TITLE) {
                core |= s.has(k, ROLE);
                org_role |= s.has(k, ORG_ROLE);
                k += 1;
                continue;
            }
            if org.is_none() && k == role_start {
                return None;
            }
            break;
        }
        if org.is_none() {
            core |= s.has(k, ROLE);
            org_role |= s.has(k, ORG_ROLE);
        }
        k += 1;
    }
    let role_end = role_end.unwrap_or(k);
    let role = (role_end > role_start).then_some((role_start, role_end));
    if role.is_none() && org.is_none() {
        return None;
    }
    Some(Appositive {
        role,
        org,
        core,
        org_role,
        end: k,
    })
}

/// A reporting verb at token `i`, after up to two adverbs ("also said"): the verb's first
/// token, one past its last, and the verb lower-cased ("said", "pointed out").
pub fn say_verb_at(s: &Sent, i: usize) -> Option<(usize, usize, String)> {
    let mut k = i;
    while s.lower_has(k, ADVERB) {
        k += 1;
        if k - i > 2 {
            return None;
        }
    }
    if s.lower_has(k, SAY) {
        return Some((k, k + 1, s.tok(k).to_ascii_lowercase()));
    }
    if s.is(k, "pointed") && s.is(k + 1, "out") {
        return Some((k, k + 2, "pointed out".to_string()));
    }
    None
}

/// White space folded to single spaces.
pub fn fold_ws(s: &str) -> String {
    // most names are ASCII with single spaces between words: already folded
    let mut folded = !s.is_empty();
    let mut after_space = true;
    for &c in s.as_bytes() {
        let space = c == b' ';
        if (space && after_space)
            || !c.is_ascii()
            || matches!(c, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
        {
            folded = false;
            break;
        }
        after_space = space;
    }
    if folded && !after_space {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The text of a span, white space folded.
pub fn span_text(ctx: &Ctx, s: Span) -> String {
    fold_ws(ctx.text.get(s.start..s.end).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicons_are_sorted() {
        for &(l, f) in ALL_LISTS {
            for w in l.windows(2) {
                assert!(w[0] < w[1], "{f:#x}: {:?} !< {:?}", w[0], w[1]);
            }
            for w in l {
                assert_eq!(*w, w.to_ascii_lowercase(), "{f:#x}: {w}");
            }
        }
    }

    #[test]
    fn lookups_ignore_case() {
        assert!(is_head("University"));
        assert!(is_head("UNIVERSITY"));
        assert!(is_head("Academy's"));
        assert!(!is_head("Summit"));
        assert!(lex("Dr") & TITLE != 0);
        assert!(lex("said") & SAY != 0);
        assert!(is_known_acronym("WHO"));
        assert!(!is_known_acronym("Who"));
        assert_eq!(lex(""), 0);
        assert_eq!(lex("\u{4E2D}\u{6587}"), 0);
    }

    #[test]
    fn lexicon_holds_every_list_in_any_case() {
        let expected = |w: &str| {
            ALL_LISTS
                .iter()
                .filter(|(list, _)| in_list(list, w))
                .fold(0, |a, (_, f)| a | f)
        };
        for &(list, _) in ALL_LISTS {
            for w in list {
                let upper = w.to_ascii_uppercase();
                let mut title = w.to_string();
                title[..1].make_ascii_uppercase();
                for v in [w.to_string(), upper, title] {
                    assert_eq!(lex(&v), expected(w), "{v}");
                }
            }
        }
        for w in [
            "sai",
            "saidx",
            "Beijing",
            "X",
            "the\0",
            "\u{e9}t\u{e9}",
            "a-b",
            "ab'cd",
            "abcdefghijklmnopqrstuvwxyz",
            "director-generals",
        ] {
            assert_eq!(lex(w), expected(w), "{w}");
        }
    }

    #[test]
    fn packing_sees_digits() {
        for w in [
            "WHO",
            "Who",
            "G20",
            "ABCDEFGH",
            "ABCDEFGHI",
            "ABCDEFGHIJKLMNOPQRSTUVWX",
            "abc",
            "A",
            "1",
            "X9",
            "ABCDEFGHIJKLMNOp",
            "ABCDEFGHIJKLMNOPQ7",
        ] {
            let p = Packed::new(w.as_bytes()).unwrap();
            assert_eq!(p.digit, w.bytes().any(|b| b.is_ascii_digit()), "{w}");
        }
        assert!(Packed::new(b"").is_none());
        assert!(Packed::new("\u{e9}".as_bytes()).is_none());
        assert!(Packed::new(&[b'a'; 25]).is_none());
    }

    #[test]
    fn misspelled_heads() {
        for w in [
            "Institue",
            "Insitute",
            "Univeristy",
            "Comission",
            "Commitee",
            "Organisaton",
            "Assocation",
            "Fundation",
            "Cenetr",
            "INSTITUE",
        ] {
            assert!(is_misspelled_head(w), "{w}");
        }
        for w in [
            "Cener",
            "Institute",
            "Policy",
            "Minister",
            "Cooperation",
            "Internet",
            "Strategy",
            "Innovation",
            "Security",
            "Globalization",
            "Benfu",
            "Huiyao",
            "Xindong",
            "Committed",
            "Officer",
            "Administrative",
            "\u{4E2D}\u{6587}\u{4E2D}\u{6587}",
        ] {
            assert!(!is_misspelled_head(w), "{w}");
        }
    }

    #[test]
    fn folding_white_space() {
        let slow = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for s in [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\nb",
            "caf\u{e9} x",
            "a\u{a0}b",
            "U.S. Department",
            "x\u{2009}y",
            "a \r\nb",
        ] {
            assert_eq!(fold_ws(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn possessives() {
        assert_eq!(stem("China's"), "China");
        assert_eq!(stem("China\u{2019}s"), "China");
        assert_eq!(stem("s"), "s");
        assert_eq!(possessive_len("'s"), 0);
    }
}
