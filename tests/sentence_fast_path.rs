//! `text::sentences::sentence_spans` skips sentencex where its answer is known and asks it
//! through a cheaper entry point elsewhere; its sentences must be exactly sentencex's own
//! (`get_sentence_boundaries("en", …)`, trimmed, empty ones left out). Checked on every block
//! of every fixture and example, every sentence of those on its own, the Lee corpus and AG
//! News when present, and generated text rich in terminators, quotes, brackets, line breaks
//! and abbreviations. A guard for sentencex upgrades as much as for this code.

use std::path::{Path, PathBuf};

use factlint::input::{self, InputRef, LoadOptions, Loaded};
use factlint::text::sentences::sentence_spans;
use factlint::Span;
use proptest::prelude::*;

/// sentencex's sentences of `text`, trimmed, as byte spans.
fn reference(text: &str) -> Vec<Span> {
    sentencex::get_sentence_boundaries("en", text)
        .iter()
        .filter_map(|b| {
            let raw = &text[b.start_byte..b.end_byte];
            let trimmed = raw.trim();
            let start = b.start_byte + (raw.len() - raw.trim_start().len());
            (!trimmed.is_empty()).then(|| Span::new(start, start + trimmed.len()))
        })
        .collect()
}

/// Checks `text` and every sentence of it on its own (with and without its final
/// terminators, the shapes the fast path takes); returns how many texts were one sentence.
fn check_with_sentences(text: &str) -> usize {
    let whole = reference(text);
    assert_eq!(sentence_spans(text), whole, "{text:?}");
    let mut one = usize::from(whole.len() <= 1);
    for r in &whole {
        let sentence = &text[r.start..r.end];
        for t in [sentence, sentence.trim_end_matches(['.', '!', '?'])] {
            let expected = reference(t);
            assert_eq!(sentence_spans(t), expected, "{t:?}");
            one += usize::from(expected.len() <= 1);
        }
    }
    one
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_block_of_the_fixtures_and_examples_splits_as_sentencex_splits_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests/fixtures"), &mut paths);
    files(&root.join("examples"), &mut paths);
    paths.sort();
    let (mut blocks, mut one) = (0, 0);
    for path in &paths {
        let raw = std::fs::read_to_string(path).unwrap_or_default();
        for line in raw.lines() {
            one += check_with_sentences(line);
        }
        for loaded in input::open(&InputRef::File(path.clone()), &LoadOptions::default()) {
            let Loaded::Document(doc) = loaded else {
                continue;
            };
            for b in &doc.blocks {
                one += check_with_sentences(&doc.text[b.start..b.end]);
                blocks += 1;
            }
        }
    }
    eprintln!("{blocks} blocks, {one} one-sentence texts");
    assert!(blocks > 500, "{blocks} blocks");
    assert!(one > 1000, "{one} one-sentence texts");
}

/// The news samples at `../shared/data/news` beside the repository (as in
/// tests/conformance.rs): skipped with a message when they are missing, except under
/// `CI=true`, where that is a failure.
#[test]
fn news_corpora_split_as_sentencex_splits_them() {
    let news = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/news");
    if !news.is_dir() {
        let msg = format!("no news samples at {}", news.display());
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}; CI=true, so this is a failure");
        }
        eprintln!("skipping the news corpora: {msg}");
        return;
    }
    for name in ["lee/lee_background.cor", "lee/lee.cor"] {
        // lee.cor holds a few bytes that are not UTF-8: each is replaced by U+FFFD here
        let bytes = std::fs::read(news.join(name)).expect("a Lee file");
        for line in String::from_utf8_lossy(&bytes).lines() {
            check_with_sentences(line);
        }
    }
    let csv = std::fs::read_to_string(news.join("ag_news/test.csv")).expect("AG News");
    for row in csv.lines() {
        // "class","title","description": the title and the description as blocks
        for field in row.trim_matches('"').split("\",\"").skip(1) {
            check_with_sentences(&field.replace("\\\\", "\n").replace('\\', " "));
            check_with_sentences(field);
        }
    }
}

/// Pieces of news-like text that sentencex's rules care about.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "The",
        "said",
        "a",
        "U.S.",
        "Dr.",
        "No.",
        "Mr.",
        "etc.",
        "e.g.",
        "Inc.",
        "J.",
        "I",
        "42",
        "3.5",
        "1.",
        "2)",
        "(a)",
        "ii.",
        "-",
        "*",
        "•",
        "—",
        "–",
        ".",
        "..",
        "...",
        "…",
        "!",
        "?",
        "?!",
        "'",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "''",
        "(",
        ")",
        "[1]",
        "[",
        "]",
        ",",
        ";",
        ":",
        " ",
        " ",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "don't",
        "it's",
        "'90s",
        "x@y.com",
        "Inc",
        "He",
        "She",
        "But",
        "é",
        "Ünter",
        "\u{a0}",
        "。",
        "‼",
        "\u{2024}",
        "Washington",
        "Tuesday",
        "per cent",
        "$3",
        "5%",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn generated_text_splits_as_sentencex_splits_it(
        parts in prop::collection::vec(token(), 0..40),
        spaced in prop::collection::vec(any::<bool>(), 40),
    ) {
        let mut text = String::new();
        for (i, p) in parts.iter().enumerate() {
            text.push_str(p);
            if spaced[i] {
                text.push(' ');
            }
        }
        prop_assert_eq!(sentence_spans(&text), reference(&text), "{:?}", text);
        let trimmed = text.trim();
        prop_assert_eq!(sentence_spans(trimmed), reference(trimmed), "{:?}", trimmed);
    }

    #[test]
    fn generated_plain_sentences_split_as_sentencex_splits_them(
        words in prop::collection::vec(
            prop::sample::select(vec![
                "the", "The", "rate", "rose", "U.S.", "Dr.", "No.", "’s", "“quoted”", "—",
                "it's", "'", "\"", "Smith", "42", "A.", "per", "cent", "é",
            ]),
            1..20,
        ),
        end in prop::sample::select(vec!["", ".", "!", "?", "...", "?!", ". ", " ."]),
    ) {
        let text = format!("{}{}", words.join(" "), end);
        prop_assert_eq!(sentence_spans(&text), reference(&text), "{:?}", text);
    }
}

/// List markers (`a)`, `(2)`, `ii)`, bullets) make sentencex break a line with no terminator.
fn list_token() -> impl Strategy<Value = &'static str> {
    const TOKENS: &str =
        "a)|b)|c)|A)|1)|2)|3)|1.)|(1)|(2)|(12)|(a)|(b)|(AP)|(ii)|(iii)|(iv)|ii)|iii)|\
        iv.)|•|◦|▪|-|*|+|—|Apples|Pears|the|Plums|and|(Reuters)|(Reuters)x)|x)|12)|(123)|(AP|\
        (AP and|Co)|(CD)";
    prop::sample::select(TOKENS.split('|').collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn generated_lists_split_as_sentencex_splits_them(
        parts in prop::collection::vec(list_token(), 1..14),
        seps in prop::collection::vec(prop::sample::select(vec![" ", " ", "  ", "\t", "\n"]), 14),
        end in prop::sample::select(vec!["", ".", "!", "?"]),
    ) {
        let mut text = String::new();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                text.push_str(seps[i]);
            }
            text.push_str(p);
        }
        text.push_str(end);
        prop_assert_eq!(sentence_spans(&text), reference(&text), "{:?}", text);
    }
}

#[test]
fn inline_list_markers_do_break_a_line_with_no_terminator() {
    // the case `is_one_sentence` must refuse, so the generated lists above can catch it
    for text in [
        "Pick a) Apples b) Pears c) Plums",
        "Pick (1) Apples (2) Pears",
        "Pick (ii) Apples (iii) Pears",
    ] {
        assert!(reference(text).len() > 1, "{text:?}: {:?}", reference(text));
        assert_eq!(sentence_spans(text), reference(text));
    }
}
