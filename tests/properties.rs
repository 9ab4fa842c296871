//! Property tests over the whole pipeline (issue 6): every span of every claim, sentence,
//! token and finding lies inside the document's source, on UTF-8 character boundaries; the
//! output is the same bytes however often (and in however many processes or threads) it is
//! made; scaled figures read back what a writer formats.
//!
//! Inputs come from a grammar of news fragments (figures, scale words, units, dates,
//! organisations, quotation marks, attributions, Markdown) mixed with arbitrary Unicode and
//! invalid UTF-8, so that the extractors and rules actually fire.

use factlint::extract::Extraction;
use factlint::findings::Finding;
use factlint::input::{self, Format, LoadOptions, Loaded};
use factlint::rules::Registry;
use factlint::{Claim, Document, Span};
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

/// The built-in rules, loaded once for every case.
fn builtin() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| Registry::builtin().expect("the built-in packs load"))
}

const FIGURES: &[&str] = &[
    "1,500",
    "85.5",
    "2,000",
    "12",
    "0.3",
    "1.2",
    "300",
    "three",
    "twenty-five",
    "a dozen",
    "one in three",
    "half",
    "two-thirds",
    "-4",
    "1,000,000",
    "7.25",
    "99",
];
const SCALES: &[&str] = &[
    "million", "billion", "thousand", "trillion", "hundred", "m", "bn",
];
const UNITS: &[&str] = &[
    "%",
    "per cent",
    "percent",
    "percentage points",
    "km",
    "miles",
    "kg",
    "pounds",
    "°C",
    "°F",
    "km/h",
    "square metres",
    "people",
    "cyber attacks",
    "parcels",
    "a second",
    "every day",
    "a year",
    "per hour",
    "years old",
];
const CURRENCIES: &[&str] = &["$", "US$", "€", "£", "¥", "RMB "];
const DATES: &[&str] = &[
    "Sept. 1, 2016",
    "Tuesday, Sept. 1, 2016",
    "Friday",
    "on Monday",
    "last year",
    "this month",
    "in 2015",
    "2015-12-15",
    "Dec. 15",
    "March 3, 2020",
    "the 1990s",
    "between 2010 and 2014",
    "BEIJING, Dec. 15 (Xinhua) --",
    "Updated: 2015-12-15 13:19",
];
const ORGS: &[&str] = &[
    "the World Health Organization",
    "the World Heath Organisation",
    "Xinhua",
    "Reuters",
    "the Ministry of Finance",
    "the Cyberspace Administration of China",
    "the National Bureau of Statistics",
    "Acme Dev't Corp.",
    "UNICEF",
    "the Internet Society",
];
const WORDS: &[&str] = &[
    "said",
    "told reporters",
    "according to",
    "rose",
    "fell",
    "climbed from",
    "to",
    "a rise of",
    "doubled",
    "more than",
    "over",
    "about",
    "nearly",
    "at least",
    "up to",
    "between",
    "and",
    "of the",
    "aged",
    "born in",
    "cyber space",
    "cyberspace",
    "e-mail",
    "Web site",
    "Jane Roe, 58,",
    "Dr. John Doe",
    "the",
    "that works out to",
];
const MARKS: &[&str] = &[
    ".",
    ",",
    ";",
    ":",
    "(",
    ")",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "—",
    "–",
    "-",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
    "...",
    "?",
    "!",
    "*",
    "**",
    "_",
    "`",
    "# ",
    "> ",
    "- ",
    "1. ",
    "[",
    "](http://example.com/x)",
    "<b>",
    "</b>",
    "<!-- c -->",
    "---\n",
    "```\n",
    "|",
    "&amp;",
];

/// One fragment of news-like text: a word list entry, a composed figure, or free Unicode.
fn fragment() -> impl Strategy<Value = String> {
    let pick = |list: &'static [&'static str]| prop::sample::select(list).prop_map(str::to_string);
    prop_oneof![
        4 => (
            prop::option::of(prop::sample::select(CURRENCIES)),
            prop::sample::select(FIGURES),
            prop::option::of(prop::sample::select(SCALES)),
            prop::option::of(prop::sample::select(UNITS)),
        )
            .prop_map(|(c, f, s, u)| {
                let mut out = c.unwrap_or("").to_string();
                out.push_str(f);
                for w in [s, u].into_iter().flatten() {
                    out.push(' ');
                    out.push_str(w);
                }
                out
            }),
        2 => pick(DATES),
        2 => pick(ORGS),
        4 => pick(WORDS),
        4 => pick(MARKS),
        1 => "\\PC{1,6}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// News-like text: fragments joined by a space or glued together.
fn news_text() -> impl Strategy<Value = String> {
    prop::collection::vec((fragment(), any::<bool>()), 0..60).prop_map(|parts| {
        let mut s = String::new();
        for (p, glue) in parts {
            if !glue && !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&p);
        }
        s
    })
}

/// News-like bytes: the text with some bytes replaced by invalid UTF-8.
fn news_bytes() -> impl Strategy<Value = Vec<u8>> {
    (
        news_text(),
        prop::collection::vec((any::<prop::sample::Index>(), 0x80u8..=0xFF), 0..4),
    )
        .prop_map(|(s, bad)| {
            let mut b = s.into_bytes();
            if !b.is_empty() {
                for (i, byte) in bad {
                    let i = i.index(b.len());
                    b[i] = byte;
                }
            }
            b
        })
}

fn options() -> LoadOptions {
    LoadOptions {
        fallback_date: Some(jiff::civil::date(2016, 9, 1)),
        ..LoadOptions::default()
    }
}

/// The document the CLI would make of these bytes, or `None` when they are skipped.
fn load(bytes: &[u8], format: Format) -> Option<Document> {
    match input::load_bytes("p".to_string(), bytes.to_vec(), format, &options()) {
        Loaded::Document(d) => Some(*d),
        Loaded::Skipped { .. } => None,
        Loaded::Failed { path, error } => panic!("in-memory bytes failed: {path}: {error}"),
    }
}

/// Whether `span` is a span of `source`: inside it, on character boundaries.
fn sound(source: &str, span: Span) -> Result<(), String> {
    if span.start > span.end || span.end > source.len() {
        return Err(format!("{span:?} outside {} bytes", source.len()));
    }
    if !source.is_char_boundary(span.start) || !source.is_char_boundary(span.end) {
        return Err(format!("{span:?} not on character boundaries"));
    }
    Ok(())
}

/// Every span the pipeline produced for `doc`, each checked against its source.
fn check_spans(doc: &Document, ex: &Extraction, findings: &[Finding]) -> Result<(), String> {
    let src = &doc.source;
    for s in &ex.sentences {
        sound(src, s.span).map_err(|e| format!("sentence {e}"))?;
        for t in &s.tokens {
            sound(src, t.span).map_err(|e| format!("token {e}"))?;
        }
    }
    for c in &ex.claims {
        let mut owned: Claim = c.clone();
        for sp in owned.spans_mut() {
            sound(src, *sp).map_err(|e| format!("{} claim {:?}: {e}", c.kind(), c.text()))?;
        }
        let sp = c.span();
        if &src[sp.start..sp.end] != c.text() {
            return Err(format!(
                "{} claim text {:?} is not the source under {sp:?}",
                c.kind(),
                c.text()
            ));
        }
    }
    for f in findings {
        sound(src, f.span).map_err(|e| format!("finding {}: {e}", f.rule))?;
        for r in f.related.iter().filter(|r| r.path.is_none()) {
            sound(src, r.span).map_err(|e| format!("related of {}: {e}", f.rule))?;
        }
    }
    Ok(())
}

/// Loads, extracts and checks; every span sound.
fn pipeline(bytes: &[u8], format: Format) -> Result<Option<(Document, Vec<Finding>)>, String> {
    let Some(doc) = load(bytes, format) else {
        return Ok(None);
    };
    let ex = factlint::extract_all(&doc);
    let findings = builtin().check(&doc, &ex);
    check_spans(&doc, &ex, &findings)?;
    Ok(Some((doc, findings)))
}

/// The document's claims and findings as JSON bytes.
fn json_bytes(bytes: &[u8], format: Format) -> Vec<u8> {
    let Some(doc) = load(bytes, format) else {
        return Vec::new();
    };
    let ex = factlint::extract_all(&doc);
    let findings = builtin().check(&doc, &ex);
    serde_json::to_vec(&serde_json::json!({ "claims": ex.claims, "findings": findings }))
        .expect("claims and findings serialise")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn plain_text_spans_are_sound(bytes in news_bytes()) {
        if let Err(e) = pipeline(&bytes, Format::Plain) {
            prop_assert!(false, "{e}\ninput: {:?}", String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn markdown_spans_are_sound(front in prop::option::of(prop::sample::select(&[
            "---\ntitle: A report\ndate: 2016-09-01\n---\n",
            "---\ndate: not a date\nsource: Xinhua\n---\n",
            "---\n: [\n---\n",
            "---\r\ndate: 2015-12-15\r\n---\r\n",
        ][..])), body in news_bytes()) {
        let mut bytes = front.unwrap_or("").as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        if let Err(e) = pipeline(&bytes, Format::Markdown) {
            prop_assert!(false, "{e}\ninput: {:?}", String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn arbitrary_unicode_spans_are_sound(s in "\\PC{0,300}", md in any::<bool>()) {
        let format = if md { Format::Markdown } else { Format::Plain };
        if let Err(e) = pipeline(s.as_bytes(), format) {
            prop_assert!(false, "{e}\ninput: {s:?}");
        }
    }

    #[test]
    fn output_is_deterministic(bytes in news_bytes(), md in any::<bool>()) {
        let format = if md { Format::Markdown } else { Format::Plain };
        let first = json_bytes(&bytes, format);
        let second = json_bytes(&bytes, format);
        prop_assert!(first == second, "two runs differ on {:?}", String::from_utf8_lossy(&bytes));
    }

    /// "85.5 billion" is 85.5e9 and asserts [85.45e9, 85.55e9).
    #[test]
    fn scaled_decimals_round_trip(int in 1u32..1000, frac in 0u32..100, digits in 1usize..=2,
                                  scale in prop::sample::select(&[("thousand", 1e3), ("million", 1e6), ("billion", 1e9)][..])) {
        let frac_text = format!("{frac:02}")[..digits].to_string();
        let written = format!("{int}.{frac_text}");
        let text = format!("The agency counted {written} {} parcels.", scale.0);
        let doc = Document::from_text("p.txt", text.clone());
        let got: Vec<_> = factlint::extract(&doc)
            .into_iter()
            .filter_map(|c| match c {
                Claim::Quantity(q) => Some(q),
                _ => None,
            })
            .collect();
        prop_assert_eq!(got.len(), 1, "{}", text);
        let q = &got[0];
        let value: f64 = written.parse::<f64>().unwrap() * scale.1;
        prop_assert!((q.value - value).abs() <= value * 1e-12, "{}: {} ≠ {}", text, q.value, value);
        let half_step = 0.5 * 10f64.powi(-(digits as i32)) * scale.1;
        let lo = q.interval.lower.unwrap_or(f64::NAN);
        let hi = q.interval.upper.unwrap_or(f64::NAN);
        prop_assert!((lo - (value - half_step)).abs() <= value * 1e-9, "{}: lower {}", text, lo);
        prop_assert!((hi - (value + half_step)).abs() <= value * 1e-9, "{}: upper {}", text, hi);
    }
}

/// The grammar is worth its name: the texts it makes raise claims of many kinds, and
/// findings, so the span properties above are tested on real output.
#[test]
fn the_news_grammar_makes_claims_and_findings() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = news_bytes();
    let (mut claims, mut findings) = (0, 0);
    let mut kinds = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let bytes = strategy.new_tree(&mut runner).expect("a value").current();
        if let Some(doc) = load(&bytes, Format::Plain) {
            let ex = factlint::extract_all(&doc);
            findings += builtin().check(&doc, &ex).len();
            claims += ex.claims.len();
            kinds.extend(ex.claims.iter().map(Claim::kind));
        }
    }
    eprintln!("200 texts: {claims} claims of {kinds:?}, {findings} findings");
    assert!(claims > 400, "{claims} claims");
    assert!(kinds.len() >= 6, "{kinds:?}");
    assert!(findings > 20, "{findings} findings");
}

/// A folder of the fixtures, copied: (the directory, how many files).
fn fixture_folder() -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut n = 0;
    for sub in ["rules", "claims", "report", "input"] {
        for entry in std::fs::read_dir(fixtures.join(sub)).expect("fixture folder") {
            let p = entry.expect("fixture entry").path();
            let name = format!("{sub}-{}", p.file_name().unwrap().to_string_lossy());
            std::fs::copy(&p, dir.path().join(name)).expect("copy fixture");
            n += 1;
        }
    }
    assert!(n > 10, "the fixtures are there");
    (dir, n)
}

/// `factlint check --format json` over a folder gives the same bytes in two processes (each
/// with its own hash seeds) and with one or two worker threads.
#[test]
fn check_over_a_folder_is_deterministic_across_processes_and_threads() {
    let (dir, n) = fixture_folder();
    let run = |threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .args(["check", "--isolated", "--format", "json"])
            .arg(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .env("NO_COLOR", "1")
            .output()
            .expect("factlint runs");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1");
    let v: serde_json::Value = serde_json::from_slice(&one).expect("json output");
    assert!(
        v["findings"].as_array().is_some_and(|f| f.len() > 10),
        "the fixtures raise findings: {v}"
    );
    assert_eq!(v["summary"]["documents"], n);
    for threads in ["1", "2", "2"] {
        let again = run(threads);
        assert!(
            one == again,
            "check output differs with RAYON_NUM_THREADS={threads}"
        );
    }
}

/// `factlint audit --format json` (documents checked in parallel, cross-document rules over
/// the lot) gives the same bytes with one worker thread or two, run after run.
#[test]
fn audit_over_a_folder_is_deterministic_whatever_the_thread_count() {
    let (dir, n) = fixture_folder();
    let run = |jobs: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .args(["audit", "--quiet", "--format", "json", "--jobs", jobs])
            .arg(dir.path())
            .env("RAYON_NUM_THREADS", jobs)
            .output()
            .expect("factlint runs");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1");
    let v: serde_json::Value = serde_json::from_slice(&one).expect("json output");
    assert_eq!(v["summary"]["documents"], n);
    assert!(
        v["findings"].as_array().is_some_and(|f| f.len() > 10),
        "{v}"
    );
    for jobs in ["2", "2", "1"] {
        assert!(one == run(jobs), "audit output differs with --jobs {jobs}");
    }
}
