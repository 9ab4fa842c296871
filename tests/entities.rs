//! Organisation, person, attribution and source claims, end to end through
//! `factlint::extract`. Every test text is written for these tests.

use factlint::claims::{AttributionClaim, EntityClaim, SourceClaim};
use factlint::{Claim, Document};
use proptest::prelude::*;

fn extract(text: &str) -> Vec<Claim> {
    let doc = Document::from_text("t.txt", text.to_string());
    factlint::extract(&doc)
        .into_iter()
        .filter(|c| {
            matches!(
                c.kind(),
                "organisation" | "person" | "attribution" | "source"
            )
        })
        .collect()
}

fn orgs(text: &str) -> Vec<EntityClaim> {
    extract(text)
        .into_iter()
        .filter_map(|c| match c {
            Claim::Organisation(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn org_names(text: &str) -> Vec<String> {
    orgs(text).into_iter().map(|e| e.name).collect()
}

fn person_names(text: &str) -> Vec<String> {
    extract(text)
        .into_iter()
        .filter_map(|c| match c {
            Claim::Person(e) => Some(e.name),
            _ => None,
        })
        .collect()
}

fn attributions(text: &str) -> Vec<AttributionClaim> {
    extract(text)
        .into_iter()
        .filter_map(|c| match c {
            Claim::Attribution(a) => Some(*a),
            _ => None,
        })
        .collect()
}

fn sources(text: &str) -> Vec<SourceClaim> {
    extract(text)
        .into_iter()
        .filter_map(|c| match c {
            Claim::Source(s) => Some(*s),
            _ => None,
        })
        .collect()
}

fn quote<'a>(text: &'a str, a: &AttributionClaim) -> &'a str {
    let q = a.quote.expect("a quotation");
    &text[q.start..q.end]
}

// --- organisations ----------------------------------------------------------------------------

#[test]
fn misspelled_institution_is_one_whole_name() {
    let text = "Delegates from China Institue for Innovation & Dev't Strategy arrived on Monday.";
    let o = orgs(text);
    assert_eq!(o.len(), 1, "{o:?}");
    assert_eq!(o[0].name, "China Institue for Innovation & Dev't Strategy");
    assert_eq!(o[0].text, o[0].name);
    assert_eq!(
        o[0].key,
        "china institue for innovation and development strategy"
    );
    assert_eq!(&text[o[0].span.start..o[0].span.end], o[0].name);
}

#[test]
fn misspelled_heads_of_all_kinds() {
    assert_eq!(
        org_names("She studied law at Peking Univeristy before joining the bank."),
        ["Peking Univeristy"]
    );
    assert_eq!(
        org_names("The European Comission fined the firm."),
        ["European Comission"]
    );
    // real words near a head word are not misspellings
    assert!(org_names("Foreign Policy matters, said the Prime Minister.").is_empty());
}

#[test]
fn connectors_numbers_and_slashes_stay_inside_names() {
    assert_eq!(
        org_names("A fellow of the Center for China & Globalization spoke first."),
        ["Center for China & Globalization"]
    );
    assert_eq!(
        org_names("Engineers at 360 Security Center traced the attack."),
        ["360 Security Center"]
    );
    assert_eq!(
        org_names(
            "Analysts at China's National Computer Network Emergency Response Technical \
             Team/Coordination Center counted the incidents."
        ),
        ["National Computer Network Emergency Response Technical Team/Coordination Center"]
    );
    assert_eq!(
        org_names("The People's Bank of China cut its main rate."),
        ["People's Bank of China"]
    );
}

#[test]
fn two_organisations_joined_by_and_stay_two() {
    assert_eq!(
        org_names("Peking University and Tsinghua University signed the pact."),
        ["Peking University", "Tsinghua University"]
    );
    assert_eq!(
        org_names("The Bank of England and the Federal Reserve acted together."),
        ["Bank of England", "Federal Reserve"]
    );
    // an "and" inside one name
    assert_eq!(
        org_names("The National Development and Reform Commission approved it."),
        ["National Development and Reform Commission"]
    );
}

#[test]
fn acronyms_in_brackets_and_alone() {
    let text = "The World Health Organization (WHO) warned of a new wave.";
    let o = orgs(text);
    let names: Vec<&str> = o.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["World Health Organization", "WHO"]);
    assert_eq!(o[1].key, "who");
    // initials make a name without a head word an organisation
    assert_eq!(
        org_names("Leaders of the Asia-Pacific Economic Cooperation (APEC) met in Lima."),
        ["Asia-Pacific Economic Cooperation", "APEC"]
    );
    assert_eq!(
        org_names("The IMF and NATO were not invited, nor was the US."),
        ["IMF", "NATO"]
    );
}

#[test]
fn keys_match_across_spellings() {
    let a = orgs("He left the Center for China & Globalization in May.");
    let b = orgs("She joined the Centre for China and Globalization last year.");
    assert_eq!(a.len(), 1);
    assert_eq!(b.len(), 1);
    assert_ne!(a[0].name, b[0].name);
    assert_eq!(a[0].key, b[0].key);
    assert_eq!(
        factlint::claims::entity::normalise_key("The World Health Organisation"),
        "world health organization"
    );
}

#[test]
fn not_organisations() {
    for text in [
        "The Internet can help create growth.",
        "Experts believe G20 nations should cooperate.",
        "The G20 Hangzhou Summit opens on Sunday.",
        "The second World Internet Conference opened in Wuzhen.",
        "Islamic State claimed the attack.",
        "Chinese President Xi Jinping attended.",
        "Yesterday was quiet.",
        "US EUROPE AFRICA ASIA",
    ] {
        assert!(org_names(text).is_empty(), "{text}: {:?}", org_names(text));
    }
}

#[test]
fn a_title_after_the_head_word_ends_the_name() {
    let text = "Peking University President Lin Jianhua opened the session.";
    assert_eq!(org_names(text), ["Peking University"]);
    assert_eq!(person_names(text), ["Lin Jianhua"]);
}

#[test]
fn abbreviations_do_not_break_names() {
    let text = "Dr. Jane Roe of the U.S. Department of State said the talks went well.";
    assert_eq!(org_names(text), ["U.S. Department of State"]);
    assert_eq!(person_names(text), ["Jane Roe"]);
    let a = attributions(text);
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].speaker, "Jane Roe");
    assert_eq!(
        a[0].organisation.as_deref(),
        Some("U.S. Department of State")
    );
    assert_eq!(
        org_names("Researchers at St. Petersburg State University agreed."),
        ["St. Petersburg State University"]
    );
}

// --- persons ----------------------------------------------------------------------------------

#[test]
fn persons_after_titles() {
    assert_eq!(
        person_names("Chinese President Xi Jinping will attend the opening."),
        ["Xi Jinping"]
    );
    assert_eq!(
        person_names("Mr. Smith met Prime Minister Theresa May in London."),
        ["Smith", "Theresa May"]
    );
    assert_eq!(
        person_names("Foreign Ministry spokesperson Hua Chunying declined to comment."),
        ["Hua Chunying"]
    );
    // a single capitalised word is no person
    assert!(person_names("Achilles was killed for his heel.").is_empty());
}

#[test]
fn persons_before_roles() {
    let text = "Hao Yeli, vice chairman of China Institue for Innovation & Dev't Strategy, \
                attended the forum.";
    assert_eq!(person_names(text), ["Hao Yeli"]);
    assert_eq!(
        org_names(text),
        ["China Institue for Innovation & Dev't Strategy"]
    );
    let p = extract(text)
        .into_iter()
        .find_map(|c| match c {
            Claim::Person(e) => Some(e),
            _ => None,
        })
        .unwrap();
    assert_eq!(p.key, "hao yeli");
    assert_eq!(
        person_names("Jane Roe, 58, moved to Shanghai."),
        ["Jane Roe"]
    );
    // a place before a comma is not a person
    assert!(person_names("Hong Kong, a trading hub, recovered.").is_empty());
}

// --- attributions -----------------------------------------------------------------------------

#[test]
fn quote_then_speaker_role_and_organisation() {
    let text = "\"Security online is a shared task. No country can do it alone,\" Lyu Benfu, \
                deputy head of China Institue for Innovation & Dev't Strategy, said.";
    let a = attributions(text);
    assert_eq!(a.len(), 1, "{a:?}");
    let a = &a[0];
    assert_eq!(a.speaker, "Lyu Benfu");
    assert_eq!(a.role.as_deref(), Some("deputy head"));
    assert_eq!(
        a.organisation.as_deref(),
        Some("China Institue for Innovation & Dev't Strategy")
    );
    assert_eq!(a.verb, "said");
    assert_eq!(
        quote(text, a),
        "\"Security online is a shared task. No country can do it alone,\""
    );
    assert_eq!(
        a.text,
        "Lyu Benfu, deputy head of China Institue for Innovation & Dev't Strategy, said"
    );
    assert_eq!(person_names(text), ["Lyu Benfu"]);
    assert_eq!(
        org_names(text),
        ["China Institue for Innovation & Dev't Strategy"]
    );
}

#[test]
fn quote_then_verb_then_speaker() {
    let text = "\u{201C}We need common rules,\u{201D} said Wang Huiyao, founder & president of \
                Center for China & Globalization.";
    let a = attributions(text);
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].speaker, "Wang Huiyao");
    assert_eq!(a[0].role.as_deref(), Some("founder & president"));
    assert_eq!(
        a[0].organisation.as_deref(),
        Some("Center for China & Globalization")
    );
    assert_eq!(quote(text, &a[0]), "\u{201C}We need common rules,\u{201D}");
    assert_eq!(
        a[0].text,
        "said Wang Huiyao, founder & president of Center for China & Globalization"
    );
}

#[test]
fn organisation_named_only_by_the_role() {
    let text = "\"Consensus is within reach,\" Fang Xindong, founder of Blogchina.com, said.";
    let a = attributions(text);
    assert_eq!(a[0].organisation.as_deref(), Some("Blogchina.com"));
    assert_eq!(a[0].role.as_deref(), Some("founder"));
    assert_eq!(org_names(text), ["Blogchina.com"]);
    let text = "Jane Roe, chief economist at Nomura, told Xinhua that the yuan would hold.";
    let a = attributions(text);
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].verb, "told");
    assert_eq!(a[0].outlet.as_deref(), Some("Xinhua"));
    assert_eq!(a[0].role.as_deref(), Some("chief economist"));
    assert_eq!(a[0].organisation.as_deref(), Some("Nomura"));
    assert!(a[0].quote.is_none());
    assert_eq!(org_names(text), ["Nomura", "Xinhua"]);
}

#[test]
fn short_attributions() {
    let text = "\"It is too early to tell,\" Hao Yeli said.";
    let a = attributions(text);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].speaker, "Hao Yeli");
    assert_eq!(a[0].role, None);
    assert_eq!(quote(text, &a[0]), "\"It is too early to tell,\"");
    assert_eq!(a[0].text, "Hao Yeli said");

    let text = "Smith said: \"We will not back down.\"";
    let a = attributions(text);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].speaker, "Smith");
    assert_eq!(quote(text, &a[0]), "\"We will not back down.\"");

    let text = "Wang Huiyao also said the centre would publish a report.";
    let a = attributions(text);
    assert_eq!(a[0].speaker, "Wang Huiyao");
    assert!(a[0].quote.is_none());
}

#[test]
fn titled_speaker_takes_title_as_role_and_preceding_organisation() {
    let text = "\"We welcome the decision,\" Foreign Ministry spokesperson Hua Chunying told \
                reporters.";
    let a = attributions(text);
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].speaker, "Hua Chunying");
    assert_eq!(a[0].role.as_deref(), Some("spokesperson"));
    assert_eq!(a[0].organisation.as_deref(), Some("Foreign Ministry"));
    assert_eq!(a[0].verb, "told");
    assert_eq!(a[0].outlet, None);
}

#[test]
fn quotation_cut_off_by_the_sentence_splitter() {
    // "?" ends the quoted sentence; the attribution lands in the next sentence
    let text = "\u{201C}Who guards the network? Nobody does?\u{201D} Hao Yeli said.";
    let a = attributions(text);
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].speaker, "Hao Yeli");
    assert_eq!(
        quote(text, &a[0]),
        "\u{201C}Who guards the network? Nobody does?\u{201D}"
    );
}

#[test]
fn according_to_a_person_is_an_attribution() {
    let text = "According to Lyu Benfu, deputy head of China Institue for Innovation & Dev't \
                Strategy, attacks doubled.";
    let a = attributions(text);
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0].verb, "according to");
    assert_eq!(a[0].role.as_deref(), Some("deputy head"));
    assert!(sources(text).is_empty());
}

#[test]
fn same_person_two_roles_and_one_quote_two_speakers() {
    let text = "Hao Yeli, vice chairman of China Institue for Innovation & Dev't Strategy, said \
                rules were needed.\n\nHao Yeli, a researcher at Peking University, said the \
                opposite.\n\n\"Rules come first,\" Lyu Benfu said.\n\n\"Rules come first,\" \
                Wang Huiyao said.";
    let a = attributions(text);
    assert_eq!(a.len(), 4, "{a:?}");
    assert_eq!(a[0].speaker, a[1].speaker);
    assert_eq!(a[0].role.as_deref(), Some("vice chairman"));
    assert_eq!(a[1].role.as_deref(), Some("researcher"));
    assert_eq!(a[1].organisation.as_deref(), Some("Peking University"));
    assert_eq!(quote(text, &a[2]), quote(text, &a[3]));
    assert_ne!(a[2].speaker, a[3].speaker);
}

#[test]
fn organisation_speakers_and_non_speakers() {
    let a = attributions("The World Bank said growth would slow.");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].speaker, "World Bank");
    assert_eq!(a[0].text, "The World Bank said");
    for text in [
        "Experts believe G20 nations should work together.",
        "\"We agree,\" they said.",
        "South Korea said it would respond.",
        "\"Micius\" is the satellite's name.",
    ] {
        assert!(
            attributions(text).is_empty(),
            "{text}: {:?}",
            attributions(text)
        );
    }
}

// --- sources ----------------------------------------------------------------------------------

#[test]
fn according_to_a_report_by() {
    let text = "According to a report by 360 Security Center, a Chinese security firm, attacks \
                rose.";
    let s = sources(text);
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].name, "360 Security Center");
    assert_eq!(s[0].key, "360 security center");
    assert_eq!(s[0].document.as_deref(), Some("report"));
    assert_eq!(s[0].text, "According to a report by 360 Security Center");
    assert_eq!(org_names(text), ["360 Security Center"]);

    let s = sources(
        "Incidents rose 124 percent, according to a latest report from China's National \
         Computer Network Emergency Response Technical Team/Coordination Center.",
    );
    assert_eq!(s.len(), 1);
    assert_eq!(
        s[0].name,
        "National Computer Network Emergency Response Technical Team/Coordination Center"
    );
    assert_eq!(s[0].document.as_deref(), Some("report"));
    assert!(s[0]
        .text
        .starts_with("according to a latest report from China's"));
}

#[test]
fn according_to_an_organisation() {
    let s = sources("Poverty fell, according to the World Bank.");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].name, "World Bank");
    assert_eq!(s[0].document, None);
    assert_eq!(s[0].text, "according to the World Bank");
    let s = sources("Growth will slow, according to the IMF's latest forecast.");
    assert_eq!(s[0].name, "IMF");
    assert_eq!(s[0].document.as_deref(), Some("forecast"));
    assert!(sources("Output fell, according to the latest figures.").is_empty());
}

#[test]
fn documents_and_their_authors() {
    let s = sources("Data from the National Bureau of Statistics show output slowed.");
    assert_eq!(s[0].name, "National Bureau of Statistics");
    assert_eq!(s[0].document.as_deref(), Some("data"));
    assert_eq!(s[0].text, "Data from the National Bureau of Statistics");

    let s = sources("A survey by the China Internet Network Information Center found growth.");
    assert_eq!(s[0].name, "China Internet Network Information Center");
    assert_eq!(s[0].document.as_deref(), Some("survey"));
    assert_eq!(
        s[0].text,
        "A survey by the China Internet Network Information Center"
    );

    let s = sources("Exports fell, figures released by the Ministry of Commerce showed.");
    assert_eq!(s[0].name, "Ministry of Commerce");
    assert_eq!(s[0].document.as_deref(), Some("figures"));
    assert_eq!(s[0].text, "figures released by the Ministry of Commerce");

    let s = sources("The Ministry of Commerce said in a statement that talks would go on.");
    assert_eq!(s.len(), 1, "{s:?}");
    assert_eq!(s[0].document.as_deref(), Some("statement"));
    assert_eq!(s[0].text, "The Ministry of Commerce said in a statement");

    let s = sources("World Bank data show poverty fell.");
    assert_eq!(s[0].name, "World Bank");
    assert_eq!(s[0].document.as_deref(), Some("data"));
}

// --- a whole article ------------------------------------------------------------------------

#[test]
fn article_snapshot() {
    let text = std::fs::read_to_string("tests/fixtures/entities/article.txt").unwrap();
    let doc = Document::from_text("article.txt", text);
    let claims: Vec<Claim> = factlint::extract(&doc)
        .into_iter()
        .filter(|c| {
            matches!(
                c.kind(),
                "organisation" | "person" | "attribution" | "source"
            )
        })
        .collect();
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_yaml_snapshot!("entities_article", claims);
    });
}

// --- robustness -------------------------------------------------------------------------------

const FRAGMENTS: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    ",",
    ".",
    "\"",
    "\u{201C}",
    "\u{201D}",
    "'s",
    "\u{2019}s",
    "&",
    "(",
    ")",
    "/",
    "-",
    ":",
    "?",
    "Lyu",
    "Benfu",
    "said",
    "told",
    "of",
    "the",
    "The",
    "and",
    "Institue",
    "University",
    "Center",
    "360",
    "2015",
    "U",
    "S",
    "Dr",
    "according",
    "to",
    "a",
    "report",
    "by",
    "from",
    "WHO",
    "Xinhua",
    "May",
    "deputy",
    "head",
    "founder",
    "President",
    "com",
    "\u{4E2D}\u{6587}",
    "\u{e9}",
    "in",
    "statement",
    "data",
    "who",
    "Blogchina",
];

proptest! {
    #[test]
    fn never_panics_and_spans_are_sound(
        parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80)
    ) {
        let text: String = parts.concat();
        let doc = Document::from_text("p.txt", text.clone());
        for c in factlint::extract(&doc) {
            let s = c.span();
            prop_assert!(s.start <= s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            if let Claim::Attribution(a) = &c {
                if let Some(q) = a.quote {
                    prop_assert!(q.start <= q.end && q.end <= text.len());
                    prop_assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
                }
            }
        }
    }
}

#[test]
fn wire_service_tags_are_sources() {
    let t = "Reuters - Profits at the carmaker rose 12% to $4 billion.";
    let s = sources(t);
    assert_eq!(s.len(), 1);
    assert_eq!(
        (s[0].name.as_str(), s[0].document.as_deref()),
        ("Reuters", Some("wire"))
    );
    let t = "BEIJING, Dec. 15 (Xinhua) -- Exports grew 5 percent in November.";
    let s = sources(t);
    assert_eq!(s.len(), 1);
    assert_eq!(&t[s[0].span.start..s[0].span.end], "(Xinhua)");
    // a place and a dash is a dateline, not a source
    assert!(sources("PARIS - Exports grew 5 percent in November.").is_empty());
    assert!(sources("The AP - style guide changed.").is_empty());
}
