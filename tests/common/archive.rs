//! A small random news archive for the randomized differential tests (`audit_incremental`,
//! `commands_agree`): a seeded RNG, sentences of our own that trigger findings (weekdays,
//! parts of a whole, changes, figure, quote, role and spelling conflicts), documents, JSONL
//! lines, WARC records, configurations, a rule pack, and the writer of the files.
//!
//! Included with `#[path = "common/archive.rs"] mod archive;` by the tests that use it (not
//! from `common/mod.rs`, which every test binary compiles).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Write;

/// An environment variable as a number.
pub fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// The seeds a randomized test runs: the one in `seed_var`, else `0..N` for `N` in
/// `cases_var`, else `0..default`.
pub fn seeds(seed_var: &str, cases_var: &str, default: u64) -> Vec<u64> {
    match (env_u64(seed_var), env_u64(cases_var)) {
        (Some(s), _) => vec![s],
        (None, Some(n)) => (0..n).collect(),
        (None, None) => (0..default).collect(),
    }
}

/// Runs `case` for each seed, which returns a failure's description and tallies in `seen`
/// what it met (findings by rule, `summary.…` counts); fails with every failure, and, over
/// 8 seeds or more, when something of `must_see` never occurred (the archive does exercise
/// what it is meant to).
pub fn run_seeds(
    seeds: &[u64],
    mut case: impl FnMut(u64, &mut BTreeMap<String, usize>) -> Result<(), String>,
    must_see: &[&str],
) {
    let mut seen = BTreeMap::new();
    let failures: Vec<String> = seeds
        .iter()
        .filter_map(|&s| case(s, &mut seen).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    eprintln!("met: {seen:?}");
    if seeds.len() >= 8 {
        for what in must_see {
            assert!(seen.contains_key(*what), "never seen: {what} ({seen:?})");
        }
    }
}

/// splitmix64: small, seeded, reproducible.
pub struct Rng(pub u64);

impl Rng {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One sentence that may or may not trigger a finding (my own wording, shaped after the rules'
/// examples: weekdays, parts of a whole, changes, figure, quote, role and spelling conflicts).
pub fn sentence(rng: &mut Rng) -> String {
    match rng.below(9) {
        0 => format!(
            "The ferry terminal reopened on Sunday, March {}, 2024.",
            rng.pick(&[2, 3, 4, 10])
        ),
        1 => format!(
            "The Port of Harbourton moved {} million tonnes of cargo in 2022, according to the Harbourton Port Authority.",
            rng.pick(&[61, 16, 62])
        ),
        2 => format!(
            "According to the Harbourton Port Authority, the port moved {} million tonnes of cargo in 2022.",
            rng.pick(&[61, 16])
        ),
        3 => format!(
            "Of the anglers asked, 45% backed the ban, 40% opposed it and {}% had no view.",
            rng.pick(&[15, 25])
        ),
        4 => format!(
            "Staff at the Marlow {} of Coastal Ecology counted the seals on the sandbank.",
            rng.pick(&["Institute", "Institute", "Institute", "Institue"])
        ),
        5 => format!(
            "\"The breakwater will hold through every winter storm we have,\" said {}.",
            rng.pick(&["Oda Venn", "Luis Maro", "Oda Venn"])
        ),
        6 => format!(
            "Mira Sol, {} of the Harbourton Port Authority, said the dock was ready.",
            rng.pick(&["chief executive", "deputy director"])
        ),
        7 => format!(
            "Visitor numbers rose from 2,000 to 2,400, a {}% rise.",
            rng.pick(&[20, 35])
        ),
        _ => "The gulls left the harbour early this year.".to_string(),
    }
}

pub fn document(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(50) {
        s.push_str(&format!(
            "HARBOURTON, March {}, 2022 -- ",
            rng.pick(&[1, 5, 9, 28])
        ));
    }
    let n = 1 + rng.below(3);
    for i in 0..n {
        if i > 0 {
            s.push(if rng.chance(50) { ' ' } else { '\n' });
        }
        if rng.chance(12) {
            // a suppression of a cross-source or per-document rule: used or not, depending
            // (for the cross-source ones) on the other documents
            s.push_str(&format!(
                "{}factlint: ignore {}\n",
                if i == 0 { "" } else { "\n" },
                rng.pick(&[
                    "figure-conflict",
                    "quote-conflict",
                    "organisation-variant",
                    "weekday",
                    "role-conflict"
                ])
            ));
        }
        s.push_str(&sentence(rng));
    }
    s
}

#[derive(Clone, Debug)]
pub struct Line {
    pub id: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub text: String,
}

pub fn line(rng: &mut Rng) -> Line {
    Line {
        id: rng
            .chance(75)
            .then(|| format!("n{}", rng.pick(&[1, 2, 3, 4, 5]))),
        date: rng.chance(60).then(|| {
            rng.pick(&["2022-03-01", "2022-03-20", "2024-03-04"])
                .to_string()
        }),
        source: rng
            .chance(50)
            .then(|| rng.pick(&["Harbour Ledger", "Coast Wire"]).to_string()),
        text: document(rng),
    }
}

pub const URIS: [&str; 4] = [
    "http://harbour.example/news/1",
    "http://harbour.example/news/2",
    "http://harbour.example/news/3",
    "http://harbour.example/news/1 (2)",
];

/// What the archive holds: file path (relative to the archive) to its contents, by format.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub texts: BTreeMap<String, String>,
    pub gz: BTreeMap<String, String>,
    pub jsonl: BTreeMap<String, Vec<Line>>,
    pub warc: BTreeMap<String, Vec<(String, String, u32)>>,
    pub configs: BTreeMap<String, String>,
}

pub fn warc_page(uri: &str, body: &str, id: u32) -> Vec<u8> {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}");
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:page-{id}>\r\nWARC-Date: 2024-04-02T09:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

impl Model {
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for (p, t) in &self.texts {
            out.insert(p.clone(), t.clone().into_bytes());
        }
        for (p, t) in &self.gz {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(t.as_bytes()).expect("gzip");
            out.insert(p.clone(), e.finish().expect("gzip"));
        }
        for (p, lines) in &self.jsonl {
            let mut s = String::new();
            for l in lines {
                let mut o = serde_json::Map::new();
                if let Some(id) = &l.id {
                    o.insert("id".into(), id.clone().into());
                }
                if let Some(d) = &l.date {
                    o.insert("date".into(), d.clone().into());
                }
                if let Some(src) = &l.source {
                    o.insert("source".into(), src.clone().into());
                }
                o.insert("text".into(), l.text.clone().into());
                s.push_str(&serde_json::Value::Object(o).to_string());
                s.push('\n');
            }
            out.insert(p.clone(), s.into_bytes());
        }
        for (p, pages) in &self.warc {
            let mut b = Vec::new();
            for (uri, body, id) in pages {
                b.extend(warc_page(
                    uri,
                    &format!("<html><body><p>{body}</p></body></html>"),
                    *id,
                ));
            }
            out.insert(p.clone(), b);
        }
        for (p, c) in &self.configs {
            out.insert(p.clone(), c.clone().into_bytes());
        }
        out
    }
}

pub const TEXT_PATHS: [&str; 6] = [
    "a.txt",
    "b.md",
    "sub/c.txt",
    "sub/d.md",
    "sub/deep/e.txt",
    "f.txt",
];
pub const CONFIGS: [&str; 5] = [
    "disable: [weekday-mismatch]\n",
    "severity: {organisation-name: info}\n",
    "date: 2022-03-05\n",
    "disable: [figure-conflict]\n",
    "rules: [house]\n",
];

/// The `house` rule pack (`house/pack.yaml` at the archive's root, used by the
/// configurations that name it from the root): a house-style swap and a figure-conflict
/// rule of its own, whose texts the edits change.
pub fn house_pack(swap: &str, tolerance: &str) -> String {
    format!(
        "rules:\n  - id: house-gulls\n    kind: substitution\n    severity: warning\n    message: \"use {{replace}}\"\n    description: >\n      House style.\n    swaps:\n      - {{ find: {swap}, replace: birds }}\n  - id: house-figures\n    kind: figure_conflicts\n    severity: warning\n    message: \"{{figure}} against {{other}}\"\n    description: >\n      House figures.\n    tolerance: {tolerance}\n"
    )
}

pub fn initial(rng: &mut Rng) -> Model {
    let mut m = Model::default();
    for p in &TEXT_PATHS[..4] {
        m.texts.insert(p.to_string(), document(rng));
    }
    m.gz.insert("notes.txt.gz".into(), document(rng));
    m.jsonl
        .insert("wire.jsonl".into(), (0..4).map(|_| line(rng)).collect());
    m.warc.insert(
        "web1.warc".into(),
        vec![
            (URIS[0].into(), document(rng), 1),
            (URIS[1].into(), document(rng), 2),
        ],
    );
    m.configs
        .insert("house/pack.yaml".into(), house_pack("gulls", "0.05"));
    m.warc.insert(
        "sub/web2.warc".into(),
        vec![(URIS[0].into(), document(rng), 3)],
    );
    m
}
