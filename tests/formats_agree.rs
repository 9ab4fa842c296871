//! A randomized differential test of the output formats: on a small random archive (the
//! generator of `common/archive.rs`) plus hostile-but-legal inputs of our own (file names
//! with spaces, `%`, `,`, `:`, `#`, quotes and non-ASCII letters; JSONL ids with spaces,
//! commas and `%`; CRLF line endings, tabs, very long lines; a rule pack whose message holds
//! quotes, `%`, `<`, `&` and a tab), every `check --format` reports the same findings:
//! the same multiset of (path, line, column, severity, rule, message) once each format's own
//! encoding is undone (JSON; JUnit XML by a small hand parser; SARIF's percent-encoded URIs;
//! GitHub's workflow-command escaping), the same end positions where a format carries them
//! (json's span = SARIF's byte offset and length; GitHub's endLine/endColumn = SARIF's
//! region), the same summary and exit code. `audit` in `human`, `concise`, `json` and `jsonl`
//! agree with each other, and their per-document findings with `check --format json`.
//! Related places are compared too (json's and SARIF's `relatedLocations`).
//!
//! Differences adapted for: by design, `human`'s renderer writes a tab as four spaces and a
//! CR as `␍` and indents a message's next lines, and SARIF keeps a WARC page's URI as it is
//! (README), so pages' names are compared percent-decoded; JUnit drops control characters
//! from a document's name (quick-junit). Messages are one line in every format.
//!
//! Deterministic: a fixed list of seeds (`FACTLINT_FORMATS_CASES=N` runs seeds 0..N instead,
//! `FACTLINT_FORMATS_SEED=S` one seed only). A failure prints the seed and the disagreement.

#[path = "common/archive.rs"]
mod archive;

use archive::{document, initial, line, Rng};
use percent_encoding::percent_decode_str;
use regex::Regex;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A rule pack whose message holds what every format must encode: quotes, `%`, `<`, `&`, a
/// tab (the suggestion too).
const HOSTILE_PACK: &str = "rules:\n  - id: house-gulls\n    kind: substitution\n    severity: warning\n    message: \"use \\\"{replace}\\\" <house> & 100% style, not: this\\tone\"\n    description: >\n      House style.\n    swaps:\n      - { find: gulls, replace: \"birds & <fowl>\" }\n";

/// File names that are legal but hard on every format's encoding.
const HOSTILE_NAMES: [&str; 6] = [
    "my notes, 50% : #1.txt",
    "kaikōura \"quoted\" 'x'.md",
    "sub/a&b <c>.txt",
    "sub/100%25 real?.txt",
    "Ærø, Øst: #2.md",
    "wire feed, 50%.jsonl",
];

/// A document made hostile: CRLF line endings, tabs for some spaces, a very long line.
fn hostile_text(rng: &mut Rng) -> String {
    let mut s = document(rng);
    if rng.chance(50) {
        s.push_str("\nThe gulls left the harbour early this year.");
    }
    if rng.chance(40) {
        // a very long line: many sentences on one line
        let long: Vec<String> = (0..10 + rng.below(10))
            .map(|_| archive::sentence(rng))
            .collect();
        s.push('\n');
        s.push_str(&long.join(" "));
    }
    match rng.below(4) {
        0 => s = s.replace(" to ", "\tto\t"),
        1 => s = s.replace(" to ", " to\t"),
        // in Markdown a soft line break inside a quoted span: a message with a newline
        2 => s = s.replace(" to ", "\nto "),
        _ => {}
    }
    if rng.chance(30) {
        s = s.replacen(" the ", "\tthe ", 2);
    }
    if rng.chance(50) {
        s = s.replace('\n', "\r\n");
    }
    s.push_str(if rng.chance(50) { "\r\n" } else { "\n" });
    s
}

/// One random archive's files (path relative to the archive, bytes) and the options.
fn case(seed: u64) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xF0A7_5A6E_E000_0001);
    let m = initial(&mut rng);
    let mut files = m.files();
    for name in HOSTILE_NAMES {
        if name.ends_with(".jsonl") {
            let mut s = String::new();
            for _ in 0..1 + rng.below(3) {
                let mut l = line(&mut rng);
                l.text = hostile_text(&mut rng);
                let mut o = serde_json::Map::new();
                let id = rng.pick(&["n 1, 50%", "a,b", "x%2C y", "ü: 1", "n1"]);
                if rng.chance(80) {
                    o.insert("id".into(), (*id).into());
                }
                if let Some(d) = &l.date {
                    o.insert("date".into(), d.clone().into());
                }
                o.insert("text".into(), l.text.into());
                s.push_str(&Value::Object(o).to_string());
                s.push_str(if rng.chance(50) { "\r\n" } else { "\n" });
            }
            files.insert(name.to_string(), s.into_bytes());
        } else if rng.chance(75) {
            files.insert(name.to_string(), hostile_text(&mut rng).into_bytes());
        }
    }
    // a WARC page whose URI holds escapes, a space, `,`, `#` and non-ASCII
    let mut warc = Vec::new();
    for (i, uri) in [
        "http://harbour.example/news/50%25 off,now?q=a b#top",
        "https://harbour.example/kaikōura/\"quoted\"&x=<1>",
    ]
    .iter()
    .enumerate()
    {
        if rng.chance(70) {
            let body = format!(
                "<html><body><p>{}</p></body></html>",
                hostile_text(&mut rng)
            );
            warc.extend(archive::warc_page(uri, &body, 40 + i as u32));
        }
    }
    files.insert("hostile pages.warc".into(), warc);
    files.insert("hostile/pack.yaml".into(), HOSTILE_PACK.as_bytes().to_vec());
    let config = match rng.below(3) {
        0 => "rules: [hostile]\n",
        1 => "rules: [hostile]\nseverity: {house-gulls: info}\n",
        _ => "rules: [hostile]\nseverity: {house-gulls: error, unsourced-statistic: warning}\n",
    };
    files.insert("factlint.yaml".into(), config.as_bytes().to_vec());
    let options: Vec<String> = match rng.below(5) {
        0 => vec!["--date".into(), "2022-03-05".into()],
        1 => vec!["--fail-on".into(), "warning".into()],
        2 => vec!["--fail-on".into(), "info".into()],
        _ => vec![],
    };
    (files, options)
}

/// One finding as every format carries it: path, line, column, severity, rule, message.
type Key = (String, usize, usize, String, String, String);

/// What a format reports: its findings (sorted), end positions by finding where it has them,
/// its summary counts where it prints them, and its exit code.
#[derive(Default, Debug)]
struct Report {
    findings: Vec<Key>,
    /// (finding, end line, end column)
    ends: Vec<(Key, usize, usize)>,
    /// (finding, byte start, byte end)
    bytes: Vec<(Key, usize, usize)>,
    /// (finding, related place's path, line, column, byte start, byte end, message)
    related: Vec<(Key, String, usize, usize, usize, usize, String)>,
    /// the cross-source findings (`audit --format json`/`jsonl`'s `"scope": "cross"`)
    cross: Vec<Key>,
    summary: BTreeMap<String, u64>,
    code: i32,
}

fn severity(s: &str) -> String {
    match s {
        "notice" | "note" => "info".into(),
        s => s.into(),
    }
}

/// The counts of a summary line (human and concise on standard output, the others on
/// standard error), where there is one.
fn summary_line(text: &str, r: &mut Report) {
    let re = Regex::new(
        r"(?m)(?:(\d+) finding\(s\): (\d+) error\(s\), (\d+) warning\(s\), (\d+) info(?: \((\d+) cross-source\))?; )?(\d+) input\(s\): (\d+) document\(s\) read, (\d+) skipped, (\d+) failed",
    )
    .expect("regex");
    if let Some(c) = re.captures_iter(text).last() {
        let names = [
            "findings",
            "errors",
            "warnings",
            "infos",
            "cross_findings",
            "inputs",
            "documents",
            "skipped",
            "failed",
        ];
        for (i, n) in names.iter().enumerate() {
            if let Some(m) = c.get(i + 1) {
                r.summary
                    .insert(n.to_string(), m.as_str().parse().expect("number"));
            }
        }
    }
}

fn json_finding(f: &Value) -> Key {
    (
        f["path"].as_str().unwrap_or("?").to_string(),
        f["line"].as_u64().unwrap_or(0) as usize,
        f["column"].as_u64().unwrap_or(0) as usize,
        f["severity"].as_str().unwrap_or("?").to_string(),
        f["rule"].as_str().unwrap_or("?").to_string(),
        f["message"].as_str().unwrap_or("?").to_string(),
    )
}

fn json_findings(findings: &[Value], r: &mut Report) {
    for f in findings {
        let k = json_finding(f);
        let s = &f["span"];
        r.bytes.push((
            k.clone(),
            s["start"].as_u64().unwrap_or(0) as usize,
            s["end"].as_u64().unwrap_or(0) as usize,
        ));
        for rel in f["related"].as_array().into_iter().flatten() {
            let n = |v: &Value| v.as_u64().unwrap_or(0) as usize;
            r.related.push((
                k.clone(),
                uri_path(rel["path"].as_str().unwrap_or("?")),
                n(&rel["line"]),
                n(&rel["column"]),
                n(&rel["span"]["start"]),
                n(&rel["span"]["end"]),
                rel["message"].as_str().unwrap_or("?").to_string(),
            ));
        }
        if f["scope"] == "cross" {
            r.cross.push(k.clone());
        }
        r.findings.push(k);
    }
}

fn parse_json(out: &str, err: &str, r: &mut Report) -> Result<(), String> {
    let v: Value = serde_json::from_str(out).map_err(|e| format!("not JSON ({e})"))?;
    json_findings(v["findings"].as_array().ok_or("no findings array")?, r);
    if let Some(o) = v["summary"].as_object() {
        for (k, n) in o {
            if let Some(n) = n.as_u64() {
                r.summary.insert(k.clone(), n);
            }
        }
    }
    // the summary line on standard error must say the same
    let mut line = Report::default();
    summary_line(err, &mut line);
    for (k, n) in &line.summary {
        if r.summary.get(k) != Some(n) {
            return Err(format!(
                "summary.{k}: {:?} in JSON, {n} on stderr",
                r.summary.get(k)
            ));
        }
    }
    Ok(())
}

fn parse_jsonl(out: &str, err: &str, r: &mut Report) -> Result<(), String> {
    let lines: Result<Vec<Value>, _> = out.lines().map(serde_json::from_str).collect();
    json_findings(&lines.map_err(|e| format!("not JSON lines ({e})"))?, r);
    summary_line(err, r);
    Ok(())
}

/// `path:line:col: severity[rule] message`, one a line, then the summary line. A message
/// with a line break goes on over the next lines (`concise_writes_one_line_per_finding`):
/// a line that starts no finding continues the message before it.
fn parse_concise(out: &str, _err: &str, r: &mut Report) -> Result<(), String> {
    let re =
        Regex::new(r"^(.*?):(\d+):(\d+): (error|warning|info)\[([^\]]+)\] (.*)$").expect("regex");
    let mut lines: Vec<&str> = out.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    let last = lines.pop().unwrap_or("");
    summary_line(last, r);
    for l in lines {
        match re.captures(l) {
            Some(c) => r.findings.push((
                c[1].to_string(),
                c[2].parse().expect("number"),
                c[3].parse().expect("number"),
                c[4].to_string(),
                c[5].to_string(),
                c[6].to_string(),
            )),
            None => {
                let f = r
                    .findings
                    .last_mut()
                    .ok_or_else(|| format!("not a concise line: {l:?}"))?;
                f.5.push('\n');
                f.5.push_str(l);
            }
        }
    }
    Ok(())
}

/// The title line and the `-->` line of each snippet. By design the snippet renderer
/// (annotate-snippets) writes a tab as four spaces and a CR as `␍`, in the title too, and
/// goes on with a message's next lines indented under its first: the other formats'
/// messages are compared so rendered (see `as_rendered`).
fn parse_human(out: &str, _err: &str, r: &mut Report) -> Result<(), String> {
    let title = Regex::new(r"^(error|warning|info)\[([^\]]+)\]: (.*)$").expect("regex");
    let origin = Regex::new(r"^ *--> (.*):(\d+):(\d+)$").expect("regex");
    let lines: Vec<&str> = out.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let Some(t) = title.captures(lines[i]) else {
            i += 1;
            continue;
        };
        let indent = lines[i].len() - t[3].len();
        let mut message = t[3].to_string();
        i += 1;
        while i < lines.len() && !origin.is_match(lines[i]) {
            let l = lines[i];
            if l.len() < indent || !l[..indent].trim().is_empty() {
                return Err(format!("a title without a place: {message:?}"));
            }
            message.push('\n');
            message.push_str(&l[indent..]);
            i += 1;
        }
        let Some(o) = lines.get(i).and_then(|l| origin.captures(l)) else {
            return Err(format!("a title without a place: {message:?}"));
        };
        r.findings.push((
            o[1].to_string(),
            o[2].parse().expect("number"),
            o[3].parse().expect("number"),
            t[1].to_string(),
            t[2].to_string(),
            message,
        ));
        i += 1;
    }
    summary_line(out, r);
    Ok(())
}

/// Undoes GitHub's workflow-command escaping (`%25`, `%0D`, `%0A`, and in properties `%3A`,
/// `%2C`).
fn github_unescape(s: &str, property: bool) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3);
        let c = match code {
            Some("25") => Some('%'),
            Some("0D") => Some('\r'),
            Some("0A") => Some('\n'),
            Some("3A") if property => Some(':'),
            Some("2C") if property => Some(','),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[i + 3..];
            }
            None => {
                // a raw `%` GitHub would have read as the start of an escape
                out.push_str("%<UNESCAPED>");
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse_github(out: &str, err: &str, r: &mut Report) -> Result<(), String> {
    let re = Regex::new(r"^::(error|warning|notice) ([^:]*)::(.*)$").expect("regex");
    for l in out.lines() {
        let c = re
            .captures(l)
            .ok_or_else(|| format!("not a workflow command: {l:?}"))?;
        let mut props = BTreeMap::new();
        for p in c[2].split(',') {
            let (k, v) = p
                .split_once('=')
                .ok_or_else(|| format!("a property without '=': {p:?} in {l:?}"))?;
            props.insert(k.to_string(), github_unescape(v, true));
        }
        let num = |k: &str| -> Result<usize, String> {
            props
                .get(k)
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("no {k} in {l:?}"))
        };
        let k = (
            props.get("file").cloned().unwrap_or_default(),
            num("line")?,
            num("col")?,
            severity(&c[1]),
            props.get("title").cloned().unwrap_or_default(),
            github_unescape(&c[3], false),
        );
        r.ends.push((k.clone(), num("endLine")?, num("endColumn")?));
        r.findings.push(k);
    }
    summary_line(err, r);
    Ok(())
}

/// XML's character and entity references undone.
fn xml_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').map(|e| i + e).unwrap_or(rest.len() - 1);
        let name = &rest[i + 1..end];
        match name {
            "quot" => out.push('"'),
            "amp" => out.push('&'),
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "apos" => out.push('\''),
            n if n.starts_with("#x") => out.extend(
                u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
            ),
            n if n.starts_with('#') => {
                out.extend(n[1..].parse::<u32>().ok().and_then(char::from_u32))
            }
            _ => out.push_str("&<BAD ENTITY>"),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// An attribute value as an XML parser reads it: a literal tab, CR or LF is a space
/// (attribute-value normalisation), then the references undone.
fn xml_attr(s: &str) -> String {
    xml_unescape(&s.replace(['\t', '\n', '\r'], " "))
}

fn attrs(tag: &str) -> BTreeMap<String, String> {
    let re = Regex::new(r#"([A-Za-z_-]+)="([^"]*)""#).expect("regex");
    re.captures_iter(tag)
        .map(|c| (c[1].to_string(), xml_attr(&c[2])))
        .collect()
}

/// JUnit: one `<testcase name="RULE at LINE:COL" classname="PATH">` per finding, a
/// `<failure message=… type=SEVERITY>` for errors and warnings, a `<system-out>` of
/// `PATH:LINE:COL: info[RULE] MESSAGE` (and `\nreplace with: …`) for info.
fn parse_junit(out: &str, err: &str, r: &mut Report) -> Result<(), String> {
    let case = Regex::new(r"(?s)<testcase ([^>]*?)(?:/>|>(.*?)</testcase>)").expect("regex");
    let failure = Regex::new(r"(?s)<failure ([^>]*?)(?:/>|>)").expect("regex");
    let system_out = Regex::new(r"(?s)<system-out>(.*?)</system-out>").expect("regex");
    let name = Regex::new(r"^(.*) at (\d+):(\d+)$").expect("regex");
    for c in case.captures_iter(out) {
        let a = attrs(&c[1]);
        let body = c.get(2).map_or("", |m| m.as_str());
        let n = a.get("name").cloned().unwrap_or_default();
        if n == "no findings" {
            continue;
        }
        let nc = name
            .captures(&n)
            .ok_or_else(|| format!("a test case named {n:?}"))?;
        let path = a.get("classname").cloned().unwrap_or_default();
        let (sev, message) = if let Some(f) = failure.captures(body) {
            let fa = attrs(&f[1]);
            (
                fa.get("type").cloned().unwrap_or_default(),
                fa.get("message").cloned().unwrap_or_default(),
            )
        } else if let Some(s) = system_out.captures(body) {
            let text = xml_unescape(&s[1]);
            let text = text
                .rsplit_once("\nreplace with: ")
                .map_or(text.as_str(), |(t, _)| t);
            let head = format!("{path}:{}:{}: info[{}] ", &nc[2], &nc[3], &nc[1]);
            let m = text
                .strip_prefix(&head)
                .ok_or_else(|| format!("system-out {text:?} does not start with {head:?}"))?;
            ("info".to_string(), m.to_string())
        } else {
            return Err(format!(
                "a test case neither failing nor with output: {}",
                &c[0]
            ));
        };
        r.findings.push((
            path,
            nc[2].parse().expect("number"),
            nc[3].parse().expect("number"),
            sev,
            nc[1].to_string(),
            message,
        ));
    }
    summary_line(err, r);
    Ok(())
}

/// A document's name from its SARIF URI reference: percent-decoded.
fn sarif_path(uri: &str) -> Result<String, String> {
    Ok(percent_decode_str(uri)
        .decode_utf8()
        .map_err(|e| format!("uri {uri:?}: {e}"))?
        .into_owned())
}

/// A WARC page's name (`scheme://…`) percent-decoded: SARIF writes such a name as the URI it
/// is but for what no URI holds (README), so `…/a%20b` and `…/a b` are the same URI there,
/// by design; the other formats' names of pages are compared decoded too.
fn uri_path(path: &str) -> String {
    if path.contains("://") {
        percent_decode_str(path).decode_utf8_lossy().into_owned()
    } else {
        path.to_string()
    }
}

fn parse_sarif(out: &str, err: &str, r: &mut Report) -> Result<(), String> {
    let v: Value = serde_json::from_str(out).map_err(|e| format!("not JSON ({e})"))?;
    let results = v["runs"][0]["results"]
        .as_array()
        .ok_or("no results array")?;
    for res in results {
        let at = &res["locations"][0]["physicalLocation"];
        let uri = at["artifactLocation"]["uri"].as_str().unwrap_or("?");
        let path = sarif_path(uri)?;
        let region = &at["region"];
        let n = |k: &str| region[k].as_u64().unwrap_or(0) as usize;
        let k = (
            path,
            n("startLine"),
            n("startColumn"),
            severity(res["level"].as_str().unwrap_or("?")),
            res["ruleId"].as_str().unwrap_or("?").to_string(),
            res["message"]["text"].as_str().unwrap_or("?").to_string(),
        );
        for rel in res["relatedLocations"].as_array().into_iter().flatten() {
            let at = &rel["physicalLocation"];
            let uri = at["artifactLocation"]["uri"].as_str().unwrap_or("?");
            let rn = |k: &str| at["region"][k].as_u64().unwrap_or(0) as usize;
            r.related.push((
                k.clone(),
                sarif_path(uri)?,
                rn("startLine"),
                rn("startColumn"),
                rn("byteOffset"),
                rn("byteOffset") + rn("byteLength"),
                rel["message"]["text"].as_str().unwrap_or("?").to_string(),
            ));
        }
        r.ends.push((k.clone(), n("endLine"), n("endColumn")));
        r.bytes.push((
            k.clone(),
            n("byteOffset"),
            n("byteOffset") + n("byteLength"),
        ));
        r.findings.push(k);
    }
    summary_line(err, r);
    Ok(())
}

type Parser = fn(&str, &str, &mut Report) -> Result<(), String>;

const CHECK_FORMATS: [(&str, Parser); 7] = [
    ("json", parse_json),
    ("jsonl", parse_jsonl),
    ("concise", parse_concise),
    ("human", parse_human),
    ("github", parse_github),
    ("junit", parse_junit),
    ("sarif", parse_sarif),
];

const AUDIT_FORMATS: [(&str, Parser); 4] = [
    ("json", parse_json),
    ("jsonl", parse_jsonl),
    ("concise", parse_concise),
    ("human", parse_human),
];

/// Runs factlint in `dir` with `NO_COLOR`.
fn factlint<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("factlint runs")
}

/// Runs factlint in `dir`; its report in `parse`'s reading.
fn run(dir: &Path, args: &[String], parse: Parser) -> Result<Report, String> {
    let out = factlint(dir, args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut r = Report {
        code: out.status.code().unwrap_or(-1),
        ..Report::default()
    };
    parse(&stdout, &stderr, &mut r)
        .map_err(|e| format!("{args:?}: {e}\nstdout:\n{stdout}\nstderr:\n{stderr}"))?;
    let norm = |k: &mut Key| k.0 = uri_path(&k.0);
    r.findings.iter_mut().for_each(norm);
    r.ends.iter_mut().for_each(|x| norm(&mut x.0));
    r.bytes.iter_mut().for_each(|x| norm(&mut x.0));
    r.related.iter_mut().for_each(|x| norm(&mut x.0));
    r.cross.iter_mut().for_each(norm);
    r.findings.sort();
    r.related.sort();
    r.ends.sort();
    r.bytes.sort();
    Ok(r)
}

/// A message as the snippet renderer writes it: a tab as four spaces, a CR as `␍`, a
/// trailing CR before a line break too.
fn as_rendered(k: &Key) -> Key {
    let mut k = k.clone();
    k.5 = k.5.replace('\t', "    ").replace('\r', "\u{240d}");
    k
}

/// A finding as JUnit keeps it: quick-junit's `XmlString` drops every control character but
/// LF from a document's name (messages hold none: `a_message_is_one_line_in_every_format`).
fn as_junit(k: &Key) -> Key {
    let mut k = k.clone();
    let keep = |c: char| !c.is_control() || c == '\n';
    k.0 = k.0.chars().filter(|&c| keep(c)).collect();
    k
}

/// Describes the items only one side has.
fn differ<T: Ord + Clone + std::fmt::Debug>(what: &str, a: &[T], b: &[T]) -> Option<String> {
    if a == b {
        return None;
    }
    let mut only_a = a.to_vec();
    let mut only_b = b.to_vec();
    for x in b {
        if let Some(i) = only_a.iter().position(|y| y == x) {
            only_a.remove(i);
        }
    }
    for x in a {
        if let Some(i) = only_b.iter().position(|y| y == x) {
            only_b.remove(i);
        }
    }
    Some(format!(
        "{what}\n  only the first: {only_a:#?}\n  only the second: {only_b:#?}"
    ))
}

/// Compares each report with the first (`json`): findings, end positions and byte spans
/// where both carry them, summary counts where both print them, exit code.
fn compare(command: &str, reports: &[(&str, Report)], diffs: &mut Vec<String>) {
    let (first, base) = &reports[0];
    for (name, r) in &reports[1..] {
        let what = format!("{command} --format {first} (first) and --format {name} (second)");
        let base_findings: Vec<Key> = match *name {
            "human" => base.findings.iter().map(as_rendered).collect(),
            "junit" => base.findings.iter().map(as_junit).collect(),
            _ => base.findings.clone(),
        };
        let mut base_findings = base_findings;
        base_findings.sort();
        diffs.extend(differ(
            &format!("{what}: findings"),
            &base_findings,
            &r.findings,
        ));
        if !r.bytes.is_empty() || r.findings.is_empty() {
            diffs.extend(differ(
                &format!("{what}: byte spans"),
                &base.bytes,
                &r.bytes,
            ));
        }
        if !r.related.is_empty() || r.findings.is_empty() {
            diffs.extend(differ(
                &format!("{what}: related places"),
                &base.related,
                &r.related,
            ));
        }
        for (k, n) in &r.summary {
            if base.summary.get(k).is_some_and(|b| b != n) {
                diffs.push(format!("{what}: summary.{k} {:?} and {n}", base.summary[k]));
            }
        }
        if base.code != r.code {
            diffs.push(format!("{what}: exit codes {} and {}", base.code, r.code));
        }
    }
}

/// The 1-based line and character column of a byte offset, by the README's definition.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn run_case(seed: u64, seen: &mut BTreeMap<String, usize>) -> Result<(), String> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    let (files, options) = case(seed);
    for (p, bytes) in &files {
        let path = root.join("archive").join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
    }
    let args = |command: &str, format: &str| -> Vec<String> {
        let mut a: Vec<String> = vec![command.into(), "archive".into()];
        a.extend(options.iter().cloned());
        a.extend(["--format".into(), format.into()]);
        if command == "audit" {
            a.push("-q".into());
        }
        a
    };
    let mut diffs = Vec::new();
    let mut check = Vec::new();
    for (format, parse) in CHECK_FORMATS {
        match run(root, &args("check", format), parse) {
            Ok(r) => check.push((format, r)),
            Err(e) => diffs.push(e),
        }
    }
    let mut audit = Vec::new();
    for (format, parse) in AUDIT_FORMATS {
        match run(root, &args("audit", format), parse) {
            Ok(r) => audit.push((format, r)),
            Err(e) => diffs.push(e),
        }
    }
    if diffs.is_empty() {
        compare("check", &check, &mut diffs);
        compare("audit", &audit, &mut diffs);
        // github and sarif carry end positions: the same
        let ends = |f: &str| &check.iter().find(|(n, _)| *n == f).expect("format").1.ends;
        diffs.extend(differ(
            "check: github's end positions (first) and sarif's (second)",
            ends("github"),
            ends("sarif"),
        ));
        let json = &check[0].1;
        // a plain text file's positions are its own text's
        for (k, start, end) in &json.bytes {
            let Some(file) = k.0.strip_prefix("archive/") else {
                continue;
            };
            if !(file.ends_with(".txt") || file.ends_with(".md")) {
                continue;
            }
            let Some(text) = files.get(file).and_then(|b| std::str::from_utf8(b).ok()) else {
                continue;
            };
            let e = line_col(text, *end);
            let got = ends("sarif")
                .iter()
                .find(|(s, ..)| s == k)
                .map(|x| (x.1, x.2));
            if line_col(text, *start) != (k.1, k.2) || got != Some(e) {
                diffs.push(format!(
                    "check: {k:?} spans {start}..{end}, which in {file:?} is {:?}..{e:?}; sarif's end {got:?}",
                    line_col(text, *start)
                ));
            }
        }
        // audit's per-document findings are check's
        let audit_json = &audit[0].1;
        let mut doc = audit_json.findings.clone();
        for k in &audit_json.cross {
            if let Some(i) = doc.iter().position(|d| d == k) {
                doc.remove(i);
            }
        }
        diffs.extend(differ(
            "check --format json (first) and audit's per-document findings (second)",
            &json.findings,
            &doc,
        ));
        for k in ["inputs", "documents", "skipped", "failed"] {
            if json.summary.get(k) != audit_json.summary.get(k) {
                diffs.push(format!(
                    "summary.{k}: check {:?}, audit {:?}",
                    json.summary.get(k),
                    audit_json.summary.get(k)
                ));
            }
        }
        for k in &json.findings {
            *seen.entry(k.4.clone()).or_default() += 1;
            // a message is one line (Finding::on_one_line), though the inputs and the rule
            // pack's message hold tabs, CRs and line breaks
            if k.5.chars().any(char::is_control) {
                diffs.push(format!("a message holds a control character: {k:?}"));
            }
            for (c, what) in [
                ('\t', "tab"),
                ('\n', "newline"),
                ('%', "percent"),
                ('"', "quote"),
                ('&', "ampersand"),
                ('<', "less-than"),
            ] {
                if k.5.contains(c) {
                    *seen.entry(format!("message.{what}")).or_default() += 1;
                }
                if k.0.contains(c) {
                    *seen.entry(format!("path.{what}")).or_default() += 1;
                }
            }
            if k.0.contains("://") && !k.0.is_ascii() {
                *seen.entry("path.warc-hostile".into()).or_default() += 1;
            }
            if k.0.contains('#') {
                *seen.entry("path.jsonl-id".into()).or_default() += 1;
            }
            if !k.0.is_ascii() {
                *seen.entry("path.non-ascii".into()).or_default() += 1;
            }
        }
        *seen.entry(format!("exit.{}", json.code)).or_default() += 1;
    }
    if diffs.is_empty() {
        Ok(())
    } else {
        let listing: String = files
            .iter()
            .filter(|(p, _)| !p.ends_with(".warc") && !p.ends_with(".gz"))
            .map(|(p, b)| format!("--- {p:?}\n{:?}\n", String::from_utf8_lossy(b)))
            .collect();
        Err(format!(
            "seed {seed}: options {options:?}\n{}\narchive:\n{listing}",
            diffs.join("\n")
        ))
    }
}

#[test]
fn every_format_reports_the_same_findings() {
    let seeds = archive::seeds("FACTLINT_FORMATS_SEED", "FACTLINT_FORMATS_CASES", 8);
    archive::run_seeds(
        &seeds,
        run_case,
        &[
            "house-gulls",
            "weekday-mismatch",
            "unsourced-statistic",
            "message.percent",
            "message.quote",
            "message.ampersand",
            "message.less-than",
            "path.percent",
            "path.quote",
            "path.ampersand",
            "path.jsonl-id",
            "path.warc-hostile",
            "path.non-ascii",
            "exit.1",
        ],
    );
}

/// Runs factlint in `dir`; its standard output.
fn stdout(dir: &Path, args: &[&str]) -> String {
    String::from_utf8_lossy(&factlint(dir, args).stdout).into_owned()
}

/// A message quoting a span across a soft line break of Markdown, or one with tabs, is one
/// line in every format (`Finding::on_one_line`): `concise` writes one line per finding, and
/// JUnit, whose library drops tabs and whose attributes read a line break as a space, says
/// what the others say. (Before, `concise` wrote the line break raw and JUnit lost the tabs.)
#[test]
fn a_message_is_one_line_in_every_format() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        tmp.path().join("b.md"),
        "Visitor numbers rose from 2,000\nto 2,400, a 35% rise, said the Port Authority.\n",
    )
    .expect("write");
    std::fs::write(
        tmp.path().join("t.txt"),
        "Visitor numbers rose from 2,000\tto\t2,400, a 35% rise.\n",
    )
    .expect("write");
    for file in ["b.md", "t.txt"] {
        let concise = stdout(tmp.path(), &["check", file, "--format", "concise"]);
        assert!(concise.contains("[change-from-values]"), "{concise}");
        // one line per finding, then the summary
        let lines: Vec<&str> = concise.lines().collect();
        let (summary, findings) = lines.split_last().expect("lines");
        assert!(summary.contains("finding(s)"), "{concise}");
        assert!(
            findings
                .iter()
                .all(|l| l.starts_with(&format!("{file}:1:"))),
            "{concise}"
        );
        assert!(concise.contains("rose from 2,000 to 2,400"), "{concise}");
        let json = stdout(tmp.path(), &["check", file, "--format", "json"]);
        assert!(json.contains("rose from 2,000 to 2,400"), "{json}");
        let junit = stdout(tmp.path(), &["check", file, "--format", "junit"]);
        assert!(
            junit.contains("message=\"rose from 2,000 to 2,400"),
            "{junit}"
        );
    }
}
