//! The archive formats: HTML pages, JSONL and WARC archives, gzip-compressed inputs, UTF-16,
//! their limits, and the run summary's accounting of every input (a JSONL line or a WARC page
//! counting as one).

mod common;

use factlint::claims::Claim;
use factlint::document::{DateOrigin, Document};
use factlint::input::{self, InputRef, LoadOptions, Loaded, SkipReason};
use flate2::{write::GzEncoder, Compression};
use jiff::civil::date;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("formats/{name}"))
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    common::scratch(&format!("formats-{name}"))
}

fn open(path: &Path, opts: &LoadOptions) -> Vec<Loaded> {
    input::open(&InputRef::File(path.to_path_buf()), opts).collect()
}

fn doc(l: &Loaded) -> &Document {
    match l {
        Loaded::Document(d) => d,
        other => panic!("not a document: {other:?}"),
    }
}

/// The claims of a document, after checking that each one's text is the source's bytes at
/// its span.
fn claims(d: &Document) -> Vec<Claim> {
    let claims = factlint::extract(d);
    for c in &claims {
        let s = c.span();
        assert_eq!(
            d.source.get(s.start..s.end),
            Some(c.text()),
            "{}: {c:?}",
            d.path
        );
    }
    claims
}

fn texts(claims: &[Claim]) -> Vec<&str> {
    claims.iter().map(Claim::text).collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// One WARC record.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Date: 2023-02-14T07:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// An HTTP response record's block.
fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut b = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    b.extend_from_slice(body);
    b
}

const HTTP_RESPONSE: &str = "application/http; msgtype=response";
const PAGE_A: &str = "<html><head><title>Ferry fares</title></head><body><nav>Home | 7 sections</nav><article><h1>Ferry fares rise</h1><p>Fares rose 6 percent to 4.50 euros, the operator said.</p></article></body></html>";
const PAGE_B: &str = "<!doctype html><p>Bridge tolls fell 2&nbsp;percent in 2022.</p>";

/// A small crawl: crawl metadata, a request, two HTML pages (one gzip-encoded and chunked),
/// an image, a redirect and a resource record. Each record its own gzip member when `gz`.
fn crawl(gz: bool) -> Vec<u8> {
    let gz_body = gzip(PAGE_B.as_bytes());
    let mut chunked = format!("{:x}\r\n", gz_body.len()).into_bytes();
    chunked.extend_from_slice(&gz_body);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let records = [
        record("warcinfo", "", "application/warc-fields", b"software: factlint-test\r\n"),
        record("request", "https://ferries.example/fares", "application/http; msgtype=request", b"GET /fares HTTP/1.1\r\nHost: ferries.example\r\n\r\n"),
        record("response", "https://ferries.example/fares", HTTP_RESPONSE, &http("200 OK", "Content-Type: text/html; charset=utf-8\r\n", PAGE_A.as_bytes())),
        record("response", "https://ferries.example/logo.png", HTTP_RESPONSE, &http("200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n\0\0")),
        record("response", "https://ferries.example/old", HTTP_RESPONSE, &http("301 Moved Permanently", "Location: /fares\r\n", b"")),
        record("response", "https://bridges.example/tolls", HTTP_RESPONSE, &http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", &chunked)),
        record("resource", "https://archive.example/note", "text/html", b"<p>Resource pages count too: 3 of them.</p>"),
    ];
    records
        .iter()
        .flat_map(|r| if gz { gzip(r) } else { r.clone() })
        .collect()
}

/// The crawl, cut off inside the body of its second HTML page (record 6).
fn cut_crawl() -> Vec<u8> {
    let mut whole = crawl(false);
    let at = whole
        .windows(22)
        .position(|w| w == b"Content-Encoding: gzip")
        .unwrap();
    whole.truncate(at + 60);
    whole
}

#[test]
fn html_article_text_only_with_spans_in_the_page() {
    let path = fixture("article.html");
    let page = std::fs::read_to_string(&path).unwrap();
    let loaded = open(&path, &LoadOptions::default());
    assert_eq!(loaded.len(), 1);
    let d = doc(&loaded[0]);
    assert_eq!(d.source, page);
    assert_eq!(d.date, Some(date(2021, 4, 9)));
    assert_eq!(d.date_origin, Some(DateOrigin::Metadata));
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Harbour cargo climbs & new berths open | The Coastal Ledger")
    );
    assert_eq!(d.meta.source.as_deref(), Some("The Coastal Ledger"));
    // Scripts, navigation, the cookie banner, the aside, share tools and the footer are gone.
    for gone in [
        "up 45 percent",
        "Win 500",
        "Top 12",
        "3 kinds",
        "Harbour fees",
        "1,200 shares",
        "24 Quay",
    ] {
        assert!(!d.text.contains(gone), "{gone:?} is in the prose");
    }
    let claims = claims(d);
    let found = texts(&claims);
    // Claims whose spans cover character references slice the page's own bytes.
    for want in [
        "climbs 8&nbsp;percent",
        "14.2 million tonnes of cargo",
        "up 8 percent",
        "rose to 410,000 units",
        "fell 3&#37;",
        "Westhaven Port Authority",
        "5 percent",
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
    // Nothing is read from the dropped regions.
    let region = |open: &str, close: &str| {
        let s = page.find(open).unwrap();
        (s, s + page[s..].find(close).unwrap())
    };
    let dropped = [
        region("<script>", "</script>"),
        region("<nav>", "</nav>"),
        region("<div class=\"cookie-banner\">", "</div>"),
        region("<aside", "</aside>"),
        region("<div class=\"share\">", "</div>"),
        region("<footer>", "</footer>"),
    ];
    for c in &claims {
        for &(s, e) in &dropped {
            assert!(
                c.span().end <= s || c.span().start >= e,
                "{c:?} in {s}..{e}"
            );
        }
    }
}

#[test]
fn json_ld_date_and_title_block_without_h1() {
    let d = input::load(
        &InputRef::File(fixture("jsonld.html")),
        &LoadOptions::default(),
    );
    let d = doc(&d);
    // JSON-LD's datePublished wins over a <time> in a sidebar.
    assert_eq!(d.date, Some(date(2023, 2, 14)));
    assert_eq!(d.date_origin, Some(DateOrigin::Metadata));
    assert_eq!(d.meta.source.as_deref(), Some("Example Transit News"));
    assert_eq!(
        d.meta.url.as_deref(),
        Some("https://news.example.org/rail-ridership")
    );
    let blocks: Vec<&str> = d.blocks.iter().map(|b| &d.text[b.start..b.end]).collect();
    assert_eq!(
        blocks,
        [
            "Rail ridership passes pre-pandemic levels",
            "Commuter lines carried 2.4 million riders a day in January, the transit agency said."
        ]
    );
    assert!(texts(&claims(d)).contains(&"2.4 million riders a day"));
}

#[test]
fn jsonl_one_input_per_line_and_a_broken_line_goes_on() {
    let loaded = open(&fixture("wire.jsonl"), &LoadOptions::default());
    let file = fixture("wire.jsonl").display().to_string();
    assert_eq!(loaded.len(), 4, "{loaded:?}");
    let first = doc(&loaded[0]);
    assert_eq!(first.path, format!("{file}#wire-001"));
    assert_eq!(
        first.source,
        "Grain exports rose 12 percent to 3.4 million tonnes in May, the ministry said."
    );
    assert_eq!(
        (first.date, first.date_origin),
        (Some(date(2022, 6, 30)), Some(DateOrigin::Metadata))
    );
    assert_eq!(first.meta.title.as_deref(), Some("Grain exports"));
    assert_eq!(first.meta.source.as_deref(), Some("Harbour Wire"));
    // Spans are offsets into the article text.
    let c = claims(first);
    assert!(texts(&c).contains(&"rose 12 percent"), "{:?}", texts(&c));
    match &loaded[1] {
        Loaded::Failed { path, error } => {
            assert_eq!(path, &format!("{file}:2"));
            assert!(
                error.starts_with("invalid JSON at column 47: EOF while parsing a string"),
                "{error}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(&loaded[2], Loaded::Skipped { path, reason: SkipReason::NoText } if path == &format!("{file}#wire-003"))
    );
    // No `id`: named by its line (the blank line 4 is not an input); the date is the dateline.
    let last = doc(&loaded[3]);
    assert_eq!(last.path, format!("{file}:5"));
    assert_eq!(
        (last.date, last.date_origin),
        (Some(date(2021, 3, 3)), Some(DateOrigin::Dateline))
    );
    assert_eq!(last.blocks.len(), 2);
    let last_claims = claims(last);
    let found = texts(&last_claims);
    assert!(found.contains(&"fell 40 percent"), "{found:?}");
}

#[test]
fn warc_html_pages_are_documents_named_by_uri() {
    let dir = scratch("warc");
    std::fs::write(dir.join("crawl.warc"), crawl(false)).unwrap();
    std::fs::write(dir.join("crawl.warc.gz"), crawl(true)).unwrap();
    for name in ["crawl.warc", "crawl.warc.gz"] {
        let loaded = open(&dir.join(name), &LoadOptions::default());
        let paths: Vec<&str> = loaded.iter().map(|l| doc(l).path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "https://ferries.example/fares",
                "https://bridges.example/tolls",
                "https://archive.example/note"
            ],
            "{name}"
        );
        let fares = doc(&loaded[0]);
        assert_eq!(fares.source, PAGE_A);
        assert_eq!(
            fares.meta.url.as_deref(),
            Some("https://ferries.example/fares")
        );
        assert!(!fares.text.contains("7 sections"));
        let fares_claims = claims(fares);
        let found = texts(&fares_claims);
        assert!(
            found.contains(&"rose 6 percent") && found.contains(&"4.50 euros"),
            "{found:?}"
        );
        // De-chunked and decompressed; spans are offsets into the page.
        let tolls = doc(&loaded[1]);
        assert_eq!(tolls.source, PAGE_B);
        assert!(
            texts(&claims(tolls)).contains(&"fell 2&nbsp;percent"),
            "{:?}",
            texts(&claims(tolls))
        );
    }
    assert!(
        std::fs::metadata(dir.join("crawl.warc.gz")).unwrap().len()
            < std::fs::metadata(dir.join("crawl.warc")).unwrap().len()
    );
}

#[test]
fn truncated_warc_keeps_what_came_before() {
    let dir = scratch("truncated");
    let cut = cut_crawl();
    std::fs::write(dir.join("cut.warc"), &cut).unwrap();
    let loaded = open(&dir.join("cut.warc"), &LoadOptions::default());
    assert_eq!(loaded.len(), 2, "{loaded:?}");
    assert_eq!(doc(&loaded[0]).path, "https://ferries.example/fares");
    match &loaded[1] {
        Loaded::Failed { path, error } => {
            assert_eq!(path, "https://bridges.example/tolls");
            assert!(error.starts_with("truncated WARC record 6 in "), "{error}");
            assert!(error.contains("cut.warc"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    // The same cut in a compressed archive: the gzip stream ends early.
    let gz: Vec<u8> = gzip(&cut);
    std::fs::write(dir.join("cut.warc.gz"), &gz[..gz.len() - 8]).unwrap();
    let loaded = open(&dir.join("cut.warc.gz"), &LoadOptions::default());
    assert_eq!(doc(&loaded[0]).path, "https://ferries.example/fares");
    assert!(
        matches!(loaded.last(), Some(Loaded::Failed { .. })),
        "{loaded:?}"
    );
}

#[test]
fn gzip_bombs_stop_at_the_limits() {
    let dir = scratch("bomb");
    // 64 MiB of text, ~64 KiB on disk: over the 16 MiB document limit.
    let bomb = gzip(&b"spam ".repeat(64 * 1024 * 1024 / 5));
    assert!(bomb.len() < 200 * 1024, "{}", bomb.len());
    std::fs::write(dir.join("bomb.txt.gz"), &bomb).unwrap();
    let loaded = open(&dir.join("bomb.txt.gz"), &LoadOptions::default());
    assert!(
        matches!(
            &loaded[..],
            [Loaded::Skipped {
                reason: SkipReason::TooLarge,
                ..
            }]
        ),
        "{loaded:?}"
    );

    // A JSONL archive whose decompressed size passes the limit: the lines before it are read.
    let mut lines = String::new();
    for i in 0..2000 {
        lines.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"Exports rose {i} percent.\"}}\n"
        ));
    }
    std::fs::write(dir.join("many.jsonl.gz"), gzip(lines.as_bytes())).unwrap();
    let mut opts = LoadOptions::default();
    opts.limits.max_decompressed_bytes = 10_000;
    let loaded = open(&dir.join("many.jsonl.gz"), &opts);
    let (docs, rest): (Vec<_>, Vec<_>) = loaded
        .iter()
        .partition(|l| matches!(l, Loaded::Document(_)));
    assert!((100..400).contains(&docs.len()), "{}", docs.len());
    assert!(
        matches!(
            &rest[..],
            [Loaded::Skipped {
                reason: SkipReason::DecompressionLimit,
                ..
            }]
        ),
        "{rest:?}"
    );
}

#[test]
fn utf16_with_bom_is_read() {
    let dir = scratch("utf16");
    let text = "Imports fell 7 percent in \u{00e9}t\u{00e9} 2020.\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("le.txt"), &bytes).unwrap();
    let loaded = open(&dir.join("le.txt"), &LoadOptions::default());
    let d = doc(&loaded[0]);
    assert_eq!(d.source, text);
    assert!(d.warnings[0].message.starts_with("decoded from UTF-16LE"));
    assert!(texts(&claims(d)).contains(&"fell 7 percent"));
}

fn factlint(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            pipe.write_all(s).unwrap();
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
fn cli_summary_accounts_for_every_input_of_every_format() {
    let dir = scratch("cli");
    for name in ["article.html", "jsonld.html", "wire.jsonl"] {
        std::fs::copy(fixture(name), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("crawl.warc.gz"), crawl(true)).unwrap();
    std::fs::write(dir.join("cut.warc"), cut_crawl()).unwrap();
    std::fs::write(
        dir.join("bomb.txt.gz"),
        gzip(&b"spam ".repeat(4 * 1024 * 1024)),
    )
    .unwrap();
    std::fs::write(
        dir.join("notes.md.gz"),
        gzip(b"# Notes\n\nSales rose 4 percent.\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("page.htm"),
        format!("{}<p>Deep.</p>", "<div>".repeat(50_000)),
    )
    .unwrap();
    std::fs::write(dir.join("empty.jsonl"), "").unwrap();
    std::fs::write(
        dir.join("info-only.warc"),
        record("warcinfo", "", "application/warc-fields", b"a: b\r\n"),
    )
    .unwrap();
    std::fs::write(dir.join("photo.png"), b"\x89PNG").unwrap();

    let (code, stdout, stderr) = factlint(
        &["extract", "--format", "json", dir.to_str().unwrap()],
        None,
    );
    // A truncated record is a failure: exit 2.
    assert_eq!(code, 2, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    let s = &v["summary"];
    let n = |k: &str| s[k].as_u64().unwrap();
    // article.html 1, jsonld.html 1, wire.jsonl 4 lines, crawl.warc.gz 3 pages, cut.warc 2,
    // bomb 1, notes.md.gz 1, page.htm 1, empty.jsonl 1, info-only.warc 1.
    assert_eq!(n("inputs"), 16, "{s}");
    assert_eq!(n("documents") + n("skipped") + n("failed"), n("inputs"));
    assert_eq!(
        (n("documents"), n("skipped"), n("failed")),
        (10, 4, 2),
        "{s}"
    );
    let problems: Vec<(String, String, String)> = s["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let path = p["path"].as_str().unwrap();
            let short = path.rsplit('/').next().unwrap_or(path);
            (
                short.to_string(),
                p["outcome"].as_str().unwrap().to_string(),
                p["reason"].as_str().unwrap().chars().take(24).collect(),
            )
        })
        .collect();
    let p = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        problems,
        [
            p("bomb.txt.gz", "skipped", "too_large"),
            p("tolls", "failed", "truncated WARC record 6 "),
            p("empty.jsonl", "skipped", "empty"),
            p("info-only.warc", "skipped", "no_articles"),
            p("wire.jsonl:2", "failed", "invalid JSON at column 4"),
            p("wire.jsonl#wire-003", "skipped", "no_text"),
        ]
    );
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 10);
    let paths: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    for want in [
        "https://ferries.example/fares",
        "https://archive.example/note",
    ] {
        assert!(paths.contains(&want), "{paths:?}");
    }
    assert!(paths.iter().any(|p| p.ends_with("wire.jsonl#wire-001")));
    assert!(stderr.contains("factlint: skipped "), "{stderr}");
    assert!(
        stderr.contains("bomb.txt.gz: too large (over 16 MiB per document)"),
        "{stderr}"
    );

    // `check` accounts for the same inputs.
    let (code, stdout, stderr) =
        factlint(&["check", "--format", "json", dir.to_str().unwrap()], None);
    assert_eq!(code, 2, "{stderr}");
    let c: Value = serde_json::from_str(&stdout).unwrap();
    for k in ["inputs", "documents", "skipped", "failed"] {
        assert_eq!(c["summary"][k], s[k], "{k}");
    }
}

#[test]
fn cli_reads_compressed_archives_from_stdin() {
    let jsonl = b"{\"id\": \"a\", \"text\": \"Exports rose 5 percent.\"}\n{\"text\": \"Imports fell 2 percent.\"}\n";
    let (code, stdout, stderr) =
        factlint(&["extract", "--format", "json", "-"], Some(&gzip(jsonl)));
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["-#a", "-:2"]);

    let (code, stdout, stderr) =
        factlint(&["extract", "--format", "json", "-"], Some(&crawl(true)));
    assert_eq!(code, 0, "{stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["summary"]["documents"], 3);
    assert_eq!(v["summary"]["inputs"], 3);
}

/// A one-document file is read whole into a buffer of its size; what is not a plain
/// regular file within the limit goes on as a stream. Both ways give the same: gzip is
/// known by its bytes whatever the name, the size limit holds to the byte, and a named pipe
/// is read to its end.
#[test]
fn one_document_files_whole_or_as_streams() {
    let dir = scratch("whole");
    let text = "Cargo rose 4 percent to 61 million tonnes in 2021.\n";
    // gzip under a plain name, and under its own
    std::fs::write(dir.join("packed.txt"), gzip(text.as_bytes())).unwrap();
    std::fs::write(dir.join("packed.txt.gz"), gzip(text.as_bytes())).unwrap();
    for name in ["packed.txt", "packed.txt.gz"] {
        let loaded = open(&dir.join(name), &LoadOptions::default());
        assert_eq!(doc(&loaded[0]).source, text, "{name}");
        assert_eq!(loaded.len(), 1, "{name}");
    }
    // the size limit, to the byte, read whole and compressed
    std::fs::write(dir.join("plain.txt"), text).unwrap();
    let mut opts = LoadOptions::default();
    for (limit, read) in [(text.len(), true), (text.len() - 1, false)] {
        opts.limits.max_document_bytes = limit as u64;
        for name in ["plain.txt", "packed.txt"] {
            let loaded = open(&dir.join(name), &opts);
            match &loaded[..] {
                [Loaded::Document(d)] if read => assert_eq!(d.source, text),
                [Loaded::Skipped {
                    reason: SkipReason::TooLarge,
                    ..
                }] if !read => {}
                other => panic!("{name} with a limit of {limit}: {other:?}"),
            }
        }
    }
    // a named pipe has no size: it is read as a stream, to its end
    #[cfg(unix)]
    {
        let fifo = dir.join("pipe.txt");
        let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
        assert!(made.success());
        let long = text.repeat(5000);
        let writer = {
            let (fifo, long) = (fifo.clone(), long.clone());
            std::thread::spawn(move || std::fs::write(fifo, long).unwrap())
        };
        let loaded = open(&fifo, &LoadOptions::default());
        writer.join().unwrap();
        assert_eq!(doc(&loaded[0]).source, long);
    }
}
