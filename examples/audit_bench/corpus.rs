//! A generated news corpus for the audit benchmark and the audit tests: news-sized articles
//! (about 3 KB) from templates of our own, with varied places, people, organisations,
//! dates and figures, and a few deliberate errors (a weekday that does not match its date,
//! a percent change that does not match its values, a misspelled organisation, a figure
//! that another article gives differently). Deterministic: the same `seed` and `n` give the
//! same files.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// A small deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const TOWNS: &[&str] = &[
    "Kestrel Bay",
    "Arnholt",
    "Brennick",
    "Calder Point",
    "Dunmore Quay",
    "Eastwick",
    "Fallowmere",
    "Greyhaven",
    "Harlow Sound",
    "Ivel Ford",
    "Juniper Cove",
    "Kilbride",
    "Lenham",
    "Morrow Flats",
];
const ORG_KINDS: &[&str] = &[
    "Port Authority",
    "Water Board",
    "Transit Agency",
    "Chamber of Commerce",
    "Health Trust",
    "Housing Association",
    "Fisheries Council",
];
const INSTITUTES: &[&str] = &[
    "Marlow Institute of Coastal Ecology",
    "Penrose Institute for Urban Studies",
    "Halden Centre for Energy Research",
    "Voss Institute of Labour Economics",
];
const MISSPELT: &[&str] = &[
    "Marlow Institue of Coastal Ecology",
    "Penrose Institute for Urban Stuides",
    "Halden Center for Energy Reserch",
    "Voss Instiute of Labour Economics",
];
const FIRST: &[&str] = &[
    "Rosa", "Tobias", "Imke", "Daniel", "Priya", "Malik", "Ingrid", "Ottavio", "Selma", "Kwame",
    "Lucia", "Henrik", "Amara", "Felix", "Noor", "Bram",
];
const LAST: &[&str] = &[
    "Imre",
    "Wren",
    "Halvorsen",
    "Okafor",
    "Castell",
    "Duarte",
    "Lindqvist",
    "Moreau",
    "Petrov",
    "Quist",
    "Sandoval",
    "Tamura",
    "Voss",
    "Whitlow",
    "Yildiz",
    "Zeller",
];
const ROLES: &[&str] = &[
    "chief executive",
    "finance director",
    "spokeswoman",
    "spokesman",
    "head of operations",
    "board chair",
];
const THINGS: &[(&str, &str)] = &[
    ("tonnes of cargo", "cargo"),
    ("passengers", "passengers"),
    ("households", "households"),
    ("visitors", "visitors"),
    ("vessels", "vessels"),
    ("patients", "patients"),
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The weekday of a date, 0 = Monday.
fn weekday(y: i64, m: i64, d: i64) -> usize {
    jiff::civil::date(y as i16, m as i8, d as i8)
        .weekday()
        .to_monday_zero_offset() as usize
}

/// "1234567" → "1,234,567" (the rules' own number formatter).
fn thousands(n: u64) -> String {
    factlint::rules::template::fixed(n as f64, 0)
}

/// One article: (title, date as YYYY-MM-DD, body text with dateline).
pub fn article(rng: &mut Rng, i: usize) -> (String, String, String) {
    let town = rng.pick(TOWNS);
    let kind = rng.pick(ORG_KINDS);
    let org = format!("{town} {kind}");
    let inst_i = rng.below(INSTITUTES.len() as u64) as usize;
    // one article in 50 misspells its institute
    let inst = if rng.below(50) == 0 {
        MISSPELT[inst_i]
    } else {
        INSTITUTES[inst_i]
    };
    let person = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let analyst = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let role = rng.pick(ROLES);
    let y = 2019 + rng.below(5) as i64;
    let m = 1 + rng.below(12) as i64;
    let d = 1 + rng.below(28) as i64;
    let month = MONTHS[(m - 1) as usize];
    let (things, head) = THINGS[rng.below(THINGS.len() as u64) as usize];
    // every article gives the same count for one organisation, thing and year, but one in
    // 100 gets it wrong (a cross-source figure conflict)
    let key = format!("{org}|{things}|{y}");
    let total = 1_000
        + key
            .bytes()
            .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64))
            % 90_000;
    let total = if rng.below(100) == 0 {
        total * 3 + 17
    } else {
        total
    };
    let before = 100 + rng.below(5_000);
    let after = before + 1 + rng.below(2_000);
    let pct = (after - before) * 100 / before;
    // one article in 20 gets the change wrong
    let stated_pct = if rng.below(20) == 0 { pct + 7 } else { pct };
    let ev_day = 1 + rng.below(28) as i64;
    let wd = weekday(y, m, ev_day);
    // one article in 25 names the wrong weekday
    let wd = if rng.below(25) == 0 { (wd + 2) % 7 } else { wd };
    let share = 10 + rng.below(60);
    // each quotation is its own, but one article in 200 repeats the previous article's
    // words (with another speaker: a cross-source quote conflict)
    let quote_n = if i > 0 && rng.below(200) == 0 {
        i - 1
    } else {
        i
    };
    let cost = 2 + rng.below(400);
    let title = format!(
        "{town}: {head} figures for {year} under scrutiny",
        year = y - 1
    );
    let mut t = String::with_capacity(3400);
    let _ = writeln!(t, "{title}\n");
    let _ = writeln!(
        t,
        "{upper}, {month} {d}, {y} — The {org} said on {wday}, {month} {ev_day}, {y}, that it had counted {total} {things} in {prev}, according to its annual report, a figure that officials described as the highest since records began.\n",
        upper = town.to_uppercase(),
        wday = WEEKDAYS[wd],
        total = thousands(total),
        prev = y - 1,
    );
    let _ = writeln!(
        t,
        "\"We planned for growth, but not for growth of this kind in a single year, and the quays felt it every week (note {quote_n})\", said {person}, {role} of the {org}. The authority expects to publish a revised forecast before the end of {month}, once the last returns from the smaller harbours have been checked.\n"
    );
    let _ = writeln!(
        t,
        "The number of {things} rose from {b} to {a}, a {stated_pct}% increase, according to figures released by the {org}. Researchers at the {inst} cautioned that one busy season does not make a trend, and that the comparison year had been unusually quiet because of repairs to the northern breakwater.\n",
        b = thousands(before),
        a = thousands(after),
    );
    let _ = writeln!(
        t,
        "About {share}% of those surveyed by the {inst} said they used the service at least once a month, while a smaller group said they had stopped using it altogether after the timetable changes in the spring. {analyst}, an analyst at the institute, said the survey would be repeated next year with a larger sample.\n"
    );
    let _ = writeln!(
        t,
        "The council approved {cost} million euros for new equipment and repairs, to be spent over three years. Councillors asked for quarterly reports on the spending and for an independent review of the tendering process, which two bidders had criticised as rushed.\n"
    );
    let _ = writeln!(
        t,
        "Local businesses along the waterfront said trade had picked up since the spring, although several owners complained that parking near the quays remained scarce on market days. A spokesman for the {org} said a temporary car park would open on the old rail yard later in the year.\n"
    );
    let _ = writeln!(
        t,
        "Residents will be able to comment on the plans at a public meeting in the town hall, and written submissions can be sent until the end of the following month. The {org} said it would publish every submission it receives, with names removed, on its website (item {i}).\n"
    );
    let _ = writeln!(
        t,
        "Harbour workers interviewed on the quayside gave a mixed picture of the year. Some said overtime had made up for the lost winter shifts, others that the new rosters left too little time between night and morning work. A union representative said talks with the {org} would resume after the summer break, and that the workforce expected a share of the gains.\n"
    );
    let _ = writeln!(
        t,
        "Opposition councillors welcomed the figures but said the authority should explain how the extra traffic would be handled without more staff. \"The numbers are good news, but they are also a warning,\" one of them said after the meeting, adding that the harbour's staff had not grown in five years.\n"
    );
    (title, format!("{y:04}-{m:02}-{d:02}"), t)
}

/// Writes `n` articles under `dir` (in subfolders of 1,000): plain text, with every 10th as
/// Markdown with front matter and every 25th as HTML. Returns the bytes written.
pub fn write_corpus(dir: &Path, n: usize, seed: u64) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut bytes = 0u64;
    for i in 0..n {
        let (title, date, body) = article(&mut rng, i);
        let sub = dir.join(format!("batch-{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub)?;
        }
        let (name, content) = if i % 25 == 7 {
            let paras: String = body
                .split("\n\n")
                .skip(1)
                .filter(|p| !p.trim().is_empty())
                .map(|p| format!("<p>{}</p>\n", html_escape(p.trim())))
                .collect();
            (
                format!("article-{i:06}.html"),
                format!(
                    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{t}</title>\n<meta property=\"article:published_time\" content=\"{date}\">\n<script>var tracking = 1;</script></head>\n<body><nav><a href=\"/\">Home</a></nav><article><h1>{t}</h1>\n{paras}</article></body></html>\n",
                    t = html_escape(&title)
                ),
            )
        } else if i % 10 == 3 {
            (
                format!("article-{i:06}.md"),
                format!(
                    "---\ntitle: \"{}\"\ndate: {date}\nsource: Generated Gazette\n---\n\n{body}",
                    title.replace('"', "'")
                ),
            )
        } else {
            (format!("article-{i:06}.txt"), body)
        };
        bytes += content.len() as u64;
        std::fs::write(sub.join(name), content)?;
    }
    Ok(bytes)
}

fn html_escape(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}
