//! The input stage: readers on fixture files, skips and failures, and the CLI's accounting of
//! every input.

mod common;

use factlint::document::{DateOrigin, Document};
use factlint::input::{self, InputRef, LoadOptions, Loaded, SkipReason};
use jiff::civil::date;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("input/{name}"))
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    common::scratch(&format!("input-{name}"))
}

fn load_path(path: &Path, opts: &LoadOptions) -> Loaded {
    input::load(&InputRef::File(path.to_path_buf()), opts)
}

fn document(path: &Path) -> Document {
    match load_path(path, &LoadOptions::default()) {
        Loaded::Document(d) => *d,
        other => panic!("{}: {other:?}", path.display()),
    }
}

fn block_texts(d: &Document) -> Vec<String> {
    d.blocks
        .iter()
        .map(|b| {
            d.text[b.start..b.end]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The offset invariants: the text is the source with some characters blanked (line breaks
/// kept), the map is the identity, and every block is a trimmed, non-empty range on
/// character boundaries whose prose is the source's where not blanked.
fn assert_spans_map_back(d: &Document) {
    assert!(d.map.is_identity());
    assert_eq!(d.text.len(), d.source.len());
    // Each source character is kept or blanked (one space per byte), line breaks kept.
    for (i, s) in d.source.char_indices() {
        let t = &d.text[i..i + s.len_utf8()];
        let blanked = t.bytes().all(|b| b == b' ');
        assert!(
            t.starts_with(s) || blanked,
            "{}: text {t:?} but source {s:?} at {i}",
            d.path
        );
        assert_eq!(t == "\n", s == '\n', "{}: line break at {i}", d.path);
    }
    let mut last_end = 0;
    for b in &d.blocks {
        assert!(b.start >= last_end, "{}: blocks overlap at {b:?}", d.path);
        last_end = b.end;
        let text = &d.text[b.start..b.end];
        let source = &d.source[b.start..b.end];
        assert!(!text.trim().is_empty());
        assert_eq!(text, text.trim(), "{}: block {b:?} not trimmed", d.path);
        // The source minus the blanked markup is the prose.
        let kept: String = source
            .char_indices()
            .map(|(i, c)| {
                if text[i..].starts_with(c) {
                    c.to_string()
                } else {
                    " ".repeat(c.len_utf8())
                }
            })
            .collect();
        assert_eq!(kept, text);
        assert_eq!(d.map.span_to_original(*b), *b);
    }
}

#[test]
fn markdown_article() {
    let d = document(&fixture("article.md"));
    assert_spans_map_back(&d);
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Researchers meet in Beijing ahead of the Hangzhou summit")
    );
    assert_eq!(d.meta.source.as_deref(), Some("CGTN"));
    assert_eq!(
        d.meta.url.as_deref(),
        Some("https://example.com/news/2016/08/29/g20-internet")
    );
    assert_eq!(d.date, Some(date(2016, 8, 29)));
    assert_eq!(d.date_origin, Some(DateOrigin::FrontMatter));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);

    // Not prose: front matter, URLs, images, HTML comments, code, markup.
    for gone in [
        "title:",
        "tags",
        "https",
        "wikipedia",
        "example",
        "Delegates at the forum",
        "editor: check",
        "inline_code",
        "85_500",
        "print(",
        "python",
        "**",
        "##",
        "|",
        "> The",
        "- Data",
        "1. Nested",
    ] {
        assert!(!d.text.contains(gone), "{gone:?} is still in the text");
    }
    let blocks = block_texts(&d);
    let expected = [
        "Researchers meet in Beijing ahead of the Hangzhou summit",
        // The blanked `**` leaves a space before the comma.
        "With the G20 summit in Hangzhou less than a week away , research institutes from the Asia Pacific region met in Beijing to discuss Internet trends in the world's largest economies.",
        "A report by 360 Security Center counted over 85.5 billion cyber attacks last year, more than 2,000 attacks every second. The full report is at .",
        "What the delegates said",
        "The Internet can help create economic growth, but it must be reliable, said Lyu Benfu of the China Institute for Innovation and Development Strategy.",
        "Data loss and identity theft",
        "System failures, some of them fatal",
        "Nested point with in it",
        "Indicator",
        "Value",
        "Attacks per second",
        "2,000",
        "Earlier this month China launched the quantum satellite \"Micius\" (see ).",
    ];
    assert_eq!(blocks, expected);
}

#[test]
fn xinhua_style_plain_text() {
    let d = document(&fixture("xinhua.txt"));
    assert_spans_map_back(&d);
    assert_eq!(d.date, Some(date(2015, 12, 15)));
    assert_eq!(d.date_origin, Some(DateOrigin::Dateline));
    assert_eq!(d.text, d.source);
    let blocks = block_texts(&d);
    assert_eq!(blocks[0], "US EUROPE AFRICA ASIA 中文");
    assert_eq!(blocks[1], "Business / Technology");
    assert_eq!(
        blocks[2],
        "Cybersecurity is the weak heel of the Internet, delegates warn"
    );
    assert_eq!(blocks[3], "(Xinhua) Updated: 2015-12-15 13:19");
    assert!(blocks[4].starts_with("BEIJING - Cybersecurity"));
    assert_eq!(
        &blocks[blocks.len() - 2..],
        ["Hot Topics", "Editor's Picks"]
    );
    assert_eq!(blocks.len(), 9);
    // Line and column of "Updated", 1-based, columns in characters.
    let at = d.source.find("Updated").unwrap();
    assert_eq!(d.line_col(at), (6, 10));
    let at = d.source.find("ASIA").unwrap();
    assert_eq!(d.line_col(at), (1, 18));
}

#[test]
fn wire_dateline_takes_the_year_from_another_date() {
    let d = document(&fixture("wire.txt"));
    assert_spans_map_back(&d);
    assert_eq!(d.date, Some(date(2016, 9, 4)));
    assert_eq!(d.date_origin, Some(DateOrigin::Dateline));
    assert_eq!(block_texts(&d)[0], "Leaders gather for the summit");
}

#[test]
fn command_line_date_is_the_fallback() {
    let dir = scratch("fallback");
    let p = dir.join("undated.txt");
    std::fs::write(&p, "Exports rose by 5 percent.\n").unwrap();
    let opts = LoadOptions {
        fallback_date: Some(date(2021, 3, 12)),
        ..LoadOptions::default()
    };
    let Loaded::Document(d) = load_path(&p, &opts) else {
        panic!()
    };
    assert_eq!(d.date, Some(date(2021, 3, 12)));
    assert_eq!(d.date_origin, Some(DateOrigin::CommandLine));
    // A stated date wins over the command line.
    let Loaded::Document(d) = load_path(&fixture("xinhua.txt"), &opts) else {
        panic!()
    };
    assert_eq!(d.date, Some(date(2015, 12, 15)));
}

#[test]
fn invalid_utf8_is_repaired_in_place() {
    let dir = scratch("utf8");
    let p = dir.join("latin1.txt");
    let bytes =
        b"Caf\xe9 sales rose 12 percent in 2020.\nThe na\xefve forecast was \xff\xfe wrong.\n";
    std::fs::write(&p, bytes).unwrap();
    let d = document(&p);
    assert_spans_map_back(&d);
    assert_eq!(d.source.len(), bytes.len());
    assert_eq!(d.source.find("sales"), Some(5));
    assert!(d.source.starts_with("Caf  sales"));
    assert_eq!(d.warnings.len(), 1);
    let w = &d.warnings[0].message;
    assert!(
        w.starts_with("4 invalid UTF-8 byte(s) replaced by spaces at byte offset 3, 42, 59"),
        "{w}"
    );
}

#[test]
fn bom_is_kept_in_source_and_blanked_in_text() {
    let dir = scratch("bom");
    let p = dir.join("bom.md");
    std::fs::write(&p, "\u{FEFF}---\ndate: 2020-03-03\n---\n# Title\n\nBody.\n").unwrap();
    let d = document(&p);
    assert_spans_map_back(&d);
    assert!(d.source.starts_with('\u{FEFF}'));
    assert!(d.text.starts_with("   "));
    assert_eq!(d.date, Some(date(2020, 3, 3)));
    assert_eq!(block_texts(&d), ["Title", "Body."]);
}

#[test]
fn skips_and_failures() {
    let dir = scratch("skips");
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("blank.md"), " \n\n \t\n").unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend([0u8; 64]);
    std::fs::write(dir.join("image.txt"), &png).unwrap();
    std::fs::write(dir.join("controls.txt"), b"\x01\x02\x03\x04\x05\x06 ab").unwrap();
    let opts = LoadOptions::default();
    for (name, reason) in [
        ("empty.txt", SkipReason::Empty),
        ("blank.md", SkipReason::Empty),
        ("image.txt", SkipReason::Binary),
        ("controls.txt", SkipReason::Binary),
    ] {
        match load_path(&dir.join(name), &opts) {
            Loaded::Skipped { path, reason: r } => {
                assert_eq!(r, reason, "{name}");
                assert!(path.ends_with(name));
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    match load_path(&dir.join("missing.txt"), &opts) {
        Loaded::Failed { error, .. } => assert!(error.contains("No such file or directory")),
        other => panic!("{other:?}"),
    }
    match load_path(&dir, &opts) {
        Loaded::Failed { error, .. } => assert!(error.contains("directory"), "{error}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_five_megabyte_line_loads() {
    let dir = scratch("big");
    let line = "The index rose 1.5 percent to 2,000 points on Tuesday, ".repeat(95_000);
    assert!(line.len() > 5_000_000);
    std::fs::write(dir.join("big.txt"), &line).unwrap();
    std::fs::write(dir.join("big.md"), format!("Some *emphasis* and {line}")).unwrap();
    let start = std::time::Instant::now();
    for name in ["big.txt", "big.md"] {
        let d = document(&dir.join(name));
        assert_eq!(d.blocks.len(), 1, "{name}");
        assert_eq!(d.text.len(), d.source.len());
    }
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

#[test]
fn walking_a_directory() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/b.md"), "B.").unwrap();
    std::fs::write(dir.join("a.txt"), "A.").unwrap();
    std::fs::write(dir.join("notes.html"), "<p>x</p>").unwrap();
    std::fs::write(dir.join("photo.png"), "x").unwrap();
    std::fs::write(dir.join(".hidden.txt"), "H.").unwrap();
    let missing = dir.join("missing.txt").display().to_string();
    let inputs = input::walk::expand(&[dir.display().to_string(), missing.clone()]);
    assert_eq!(
        inputs,
        [
            InputRef::File(dir.join("a.txt")),
            InputRef::File(dir.join("notes.html")),
            InputRef::File(dir.join("sub/b.md")),
            InputRef::File(PathBuf::from(missing)),
        ]
    );
}

fn factlint(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            pipe.write_all(s.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_accounts_for_every_input() {
    let dir = scratch("cli");
    for name in ["article.md", "xinhua.txt"] {
        std::fs::copy(fixture(name), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\0\x01\x02binary\0").unwrap();
    let missing = dir.join("missing.txt");
    let (code, stdout, stderr) = factlint(
        &["extract", dir.to_str().unwrap(), missing.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l == "factlint: 5 input(s): 2 document(s) read, 2 skipped, 1 failed"),
        "{stderr}"
    );
    assert!(stderr.contains("No such file or directory"), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("stdout is JSON");
    let s = &v["summary"];
    let count = |k: &str| s[k].as_u64().unwrap() as usize;
    assert_eq!(s["inputs"], 5);
    assert_eq!(count("documents") + count("skipped") + count("failed"), 5);
    assert_eq!(s["problems"].as_array().unwrap().len(), 3);
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs[0]["date"], "2016-08-29");
    assert_eq!(docs[0]["date_origin"], "front_matter");
    assert_eq!(docs[1]["date"], "2015-12-15");
    assert_eq!(docs[1]["date_origin"], "dateline");

    // Nothing failed: exit 0.
    let (code, _, stderr) = factlint(
        &[
            "extract",
            dir.join("xinhua.txt").to_str().unwrap(),
            dir.join("empty.txt").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("2 input(s): 1 document(s) read, 1 skipped, 0 failed"));
}

#[test]
fn cli_reads_markdown_from_stdin_when_it_has_front_matter() {
    let (code, stdout, stderr) = factlint(
        &["extract", "-"],
        Some("---\ntitle: Piped\ndate: 2020-03-03\n---\nSome `code` here.\n"),
    );
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["documents"][0]["path"], "-");
    assert_eq!(v["documents"][0]["title"], "Piped");
    assert_eq!(v["documents"][0]["date_origin"], "front_matter");

    let (code, stdout, _) = factlint(
        &["extract", "--date", "2021-01-02", "-"],
        Some("Plain text.\n"),
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["documents"][0]["date"], "2021-01-02");
    assert_eq!(v["documents"][0]["date_origin"], "command_line");
}
