//! The `consistency` kind: a term or a name spelled two ways in one document.

mod common;

use factlint::rules::Registry;
use std::path::Path;

const KIND: &str = "consistency";

#[test]
fn fixture_snapshot() {
    let text = std::fs::read_to_string(common::fixture("rules/consistency.txt")).expect("fixture");
    let rendered = common::render_findings(&text, KIND);
    common::with_snapshots(|| insta::assert_snapshot!("rules_consistency", rendered));
}

fn spans(text: &str) -> Vec<&str> {
    common::findings(text, None, KIND)
        .iter()
        .map(|f| &text[f.span.start..f.span.end])
        .collect()
}

#[test]
fn the_seed_articles_cyber_space_is_flagged_once_per_place() {
    let text = "Delegates held talks on cyber space cooperation. Nations should respect each \
                other's cyberspace. The integrity of cyberspace matters. Respecting the \
                integrity of cyber space is an exclusive concept. Wang Huiyao, founder & \
                president of Center for China & Globalization, said so.";
    let f = common::findings(text, None, KIND);
    let got: Vec<_> = f.iter().map(|f| &text[f.span.start..f.span.end]).collect();
    assert_eq!(got, vec!["cyber space", "cyber space"], "{f:?}");
    assert_eq!(f[0].suggestion.as_deref(), Some("cyberspace"));
    assert!(f[0].message.contains("(2 against 2)"), "{}", f[0].message);
    assert_eq!(f[0].related.len(), 1);
}

#[test]
fn a_configured_pair_prefers_its_first_spelling() {
    assert_eq!(
        spans("Prices rose 4 percent in May and 6 per cent in June, and 2 per cent in July."),
        vec!["per cent", "per cent"]
    );
}

#[test]
fn compounds_prefer_the_majority_and_skip_different_words() {
    assert_eq!(
        spans("The data base is old. The data base is slow. The database is being replaced."),
        vec!["database"]
    );
    for text in [
        "He works out every day. His everyday workout takes an hour.",
        "Staff set up the servers before the setup was finished.",
        "It may be late. Maybe it will arrive tomorrow.",
    ] {
        assert!(spans(text).is_empty(), "{text}");
    }
}

#[test]
fn entities_spelled_two_ways() {
    assert_eq!(
        spans(
            "Kim Lee works at the Center for Asia & Security. A fellow at the Center for \
             Asia and Security disagreed. The Center for Asia and Security declined to comment."
        ),
        vec!["Center for Asia & Security"]
    );
    assert!(spans(
        "Wang Tao, president of Center for China & Globalization, said the talks went well."
    )
    .is_empty());
    assert!(spans(
        "Analysts at the Nanjing University Security Lab and the Nanning University Security Lab compared notes."
    )
    .is_empty());
}

const PACK: &str = "rules:
  - id: pairs-only
    kind: consistency
    severity: warning
    message: \"{second} / {first}\"
    description: Pairs only.
    pairs:
      - [toward, towards]
    examples:
      flag: [\"They moved toward the exit and then towards the door.\"]
      pass: [\"They moved towards the exit and then towards the door.\"]
";

#[test]
fn a_user_pack_with_pairs_only() {
    let mut reg = Registry::default();
    reg.add_pack("pack.yaml", PACK, Path::new("."))
        .expect("loads");
    assert!(reg.test_examples().is_empty(), "{:?}", reg.test_examples());
    let mut reg = Registry::default();
    let e = reg
        .add_pack(
            "pack.yaml",
            &PACK.replace("[toward, towards]", "[toward]"),
            Path::new("."),
        )
        .unwrap_err();
    assert!(e.message.contains("at least two"), "{e}");
    let mut reg = Registry::default();
    let e = reg
        .add_pack(
            "pack.yaml",
            &PACK.replace("    pairs:\n      - [toward, towards]\n", ""),
            Path::new("."),
        )
        .unwrap_err();
    assert!(e.message.contains("pairs"), "{e}");
}
