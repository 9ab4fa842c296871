//! `factlint audit --report`: the HTML report is one self-contained, escaped file, and it
//! renders in headless Chromium (Debian's `chromium`, which `.ci/run` installs): a screenshot
//! that is not blank and shows the charts' colours, the expected sections in the DOM, and no
//! console message (a script error, a blocked load).
//!
//! Without /usr/bin/chromium the browser test fails, unless FACTLINT_SKIP_BROWSER=1.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The fixture archive plus a document whose name and title are markup, audited with a
/// report; returns (temp dir, report path).
fn report() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let archive = tmp.path().join("archive");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit"),
        &archive,
    );
    std::fs::write(
        archive.join("odd <i>name & \"quotes\".md"),
        "---\ntitle: \"<script>alert('title')</script> & <b>bold</b>\"\ndate: 2021-05-03\n---\n\nThe ferry sails on Friday, May 4, 2021, and on Sunday, May 9, 2021.\n\nThe 40% share of <img src=x onerror=alert(1)> commuters rose.\n",
    )
    .expect("write");
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let path = out.join("audit.html");
    let run = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(tmp.path())
        .args(["audit", "archive", "-q", "--format", "concise", "--report"])
        .arg(&path)
        .output()
        .expect("factlint runs");
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    (tmp, path)
}

#[test]
fn report_is_self_contained_and_escaped() {
    let (_tmp, path) = report();
    let html = std::fs::read_to_string(&path).expect("report written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    // nothing to fetch, nothing to run
    for banned in [
        "<script", "<link", " src=", "url(", "@import", "<iframe", "<img",
    ] {
        assert!(!html.contains(banned), "report contains {banned:?}");
    }
    assert!(html.contains("Content-Security-Policy"));
    // charts, sections, the figures of the run
    assert_eq!(html.matches("<svg").count(), 2, "two charts");
    for section in [
        "Findings by rule",
        "Findings by month of publication",
        "Documents with the most findings",
        "Cross-source conflicts",
    ] {
        assert!(html.contains(section), "{section}");
    }
    for rule in [
        "figure-conflict",
        "quote-conflict",
        "role-conflict",
        "organisation-variant",
        "weekday-mismatch",
    ] {
        assert!(html.contains(rule), "{rule}");
    }
    // each conflict lists its places, linked to the files
    assert!(
        html.contains("kestrel-cargo.txt:3:62"),
        "figure conflict's other place"
    );
    assert!(html.contains("href=\"file:///"));
    assert!(html.contains(">2021-03<"), "month label");
    // the odd name and title are escaped wherever they appear
    assert!(html.contains("odd &lt;i&gt;name &amp; &quot;quotes&quot;.md"));
    assert!(!html.contains("<i>name"));
    assert!(!html.contains("<b>bold</b>"));
    assert!(html.contains("&lt;script&gt;alert("));
}

/// Runs Chromium headless on `url` with `extra` arguments; returns its output.
fn chromium(url: &str, extra: &[&str], profile: &Path) -> Output {
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("status").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("chromium output")
}

/// The page's console messages (script errors, blocked loads) in Chromium's log.
fn console_messages(log: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(log)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect()
}

fn browser_available() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    if std::env::var_os("FACTLINT_SKIP_BROWSER").is_some() {
        eprintln!("skipped: {CHROMIUM} missing and FACTLINT_SKIP_BROWSER set");
        return false;
    }
    panic!("{CHROMIUM} is missing: `apt-get install -y chromium` (as .ci/run does), or set FACTLINT_SKIP_BROWSER=1");
}

#[test]
fn report_renders_in_headless_chromium() {
    if !browser_available() {
        return;
    }
    let (tmp, path) = report();
    let url = format!("file://{}", path.display());
    let shot = tmp.path().join("shot.png");

    // the console check sees what it should: a page with a script error is caught
    let bad = tmp.path().join("bad.html");
    std::fs::write(
        &bad,
        "<html><body><p>x</p><script>console.error('boom'); missing();</script></body></html>",
    )
    .expect("write");
    let out = chromium(
        &format!("file://{}", bad.display()),
        &["--dump-dom"],
        &tmp.path().join("profile-bad"),
    );
    assert!(
        console_messages(&out.stderr).len() >= 2,
        "the console check is blind: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // the report: a screenshot
    let out = chromium(
        &url,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,900",
        ],
        &tmp.path().join("profile-1"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(console_messages(&out.stderr), Vec::<String>::new());
    let bytes = std::fs::read(&shot).expect("screenshot written");
    assert!(bytes.len() > 1000, "{} bytes", bytes.len());
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!((info.width, info.height), (1200, 900));
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| &p[..3.min(p.len())])
        .collect();
    let first = pixels[0];
    assert!(pixels.iter().any(|p| *p != first), "a single colour");
    // the rule chart's error and info bars are drawn (#c0392b, #2e86c1)
    let near = |p: &[u8], c: [u8; 3]| p.iter().zip(c).all(|(a, b)| a.abs_diff(b) <= 6);
    assert!(
        pixels
            .iter()
            .filter(|p| near(p, [0xc0, 0x39, 0x2b]))
            .count()
            > 500,
        "no error bars on screen"
    );
    assert!(
        pixels
            .iter()
            .filter(|p| near(p, [0x2e, 0x86, 0xc1]))
            .count()
            > 500,
        "no info bars on screen"
    );

    // the DOM Chromium built: every section, the charts' bars, the conflicts
    let out = chromium(&url, &["--dump-dom"], &tmp.path().join("profile-2"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(console_messages(&out.stderr), Vec::<String>::new());
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("<h1>factlint audit</h1>"), "{dom}");
    assert!(dom.matches("<rect").count() >= 10, "bars in the DOM");
    assert!(dom.contains("figure-conflict") && dom.contains("quote-conflict"));
    assert!(
        !dom.contains("<i>name"),
        "markup from a file name was not escaped"
    );
}
