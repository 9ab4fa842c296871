//! False-alarm measurement: runs the built-in rules over real prose nobody here wrote and
//! reports findings per 1,000 sentences, by rule and severity.
//!
//! ```sh
//! cargo run --release --example noise -- ../shared/data/news/lee/lee_background.cor \
//!     ../shared/data/news/ag_news/test.csv [--show]
//! ```
//!
//! `.cor` files hold one document per line; `.csv` files are AG News rows (class, title,
//! description: the title and description make one document); anything else is one document.
//! `--show` prints every finding with its sentence, to review them by hand.

use factlint::rules::Registry;
use factlint::Document;
use std::collections::BTreeMap;

/// The quoted fields of one CSV line (AG News style: every field quoted, "" escapes a quote).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

fn documents(path: &str) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if path.ends_with(".cor") {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    } else if path.ends_with(".csv") {
        text.lines()
            .map(csv_fields)
            .filter(|f| f.len() >= 3)
            // AG News escapes: "\" for a line break, "#36;" for "$", "#39;" for "'"
            .map(|f| {
                format!("{}.\n\n{}", f[1], f[2])
                    .replace('\\', " ")
                    .replace(" #36;", " $")
                    .replace("#36;", "$")
                    .replace("#39;", "'")
            })
            .collect()
    } else {
        vec![text]
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if paths.is_empty() {
        eprintln!("usage: noise CORPUS... [--show]");
        std::process::exit(2);
    }
    let reg = Registry::builtin().expect("built-in rules load");
    let mut sentences = 0usize;
    let mut docs = 0usize;
    let mut by_rule: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    for p in paths {
        for (n, text) in documents(p).into_iter().enumerate() {
            let doc = Document::from_text(format!("{p}#{}", n + 1), text);
            let ex = factlint::extract_all(&doc);
            sentences += ex.sentences.len();
            docs += 1;
            for f in reg.check(&doc, &ex) {
                *by_rule
                    .entry((f.rule.clone(), f.severity.as_str()))
                    .or_default() += 1;
                if show {
                    let s = ex
                        .sentences
                        .iter()
                        .find(|s| s.span.contains(f.span))
                        .map(|s| &doc.source[s.span.start..s.span.end]);
                    println!(
                        "{} {}[{}] {}\n    {:?}\n",
                        doc.path,
                        f.severity.as_str(),
                        f.rule,
                        f.message,
                        s.unwrap_or("")
                    );
                }
            }
        }
    }
    let total: usize = by_rule.values().sum();
    let per_k = |n: usize| 1000.0 * n as f64 / sentences.max(1) as f64;
    println!(
        "{docs} documents, {sentences} sentences, {total} findings = {:.2} per 1,000 sentences",
        per_k(total)
    );
    for ((rule, sev), n) in &by_rule {
        println!(
            "  {rule:28} {sev:8} {n:6}  {:.2} per 1,000 sentences",
            per_k(*n)
        );
    }
}
