//! `DocRecord`: what the cross-source rules need of one document, without its text.
//!
//! One record per document, small enough to keep in a SQLite row as JSON and to stream as one
//! JSONL line (`factlint extract --format jsonl`). Every place is given as a byte span of the
//! original input with its 1-based line and column, so findings can be reported without
//! re-reading the document.

use crate::claims::Claim;
use crate::document::{Document, LineIndex, Span};
use crate::extract::Extraction;
use crate::numbers::interval::Interval;
use crate::numbers::units::Dimension;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A place in a document: byte span of the original input, 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Place {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

impl Place {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end.max(self.start))
    }
}

/// An interval with `None` for an unbounded end (as [`Interval`], which is not
/// deserialisable).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bounds {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub lower_inclusive: bool,
    pub upper_inclusive: bool,
}

impl Bounds {
    /// The interval scaled by `factor` (a unit's factor to its base unit; positive).
    fn scaled(i: &Interval, factor: f64) -> Bounds {
        Bounds {
            lower: i.lower.map(|v| v * factor),
            upper: i.upper.map(|v| v * factor),
            lower_inclusive: i.lower_inclusive,
            upper_inclusive: i.upper_inclusive,
        }
    }

    pub fn interval(&self) -> Interval {
        Interval {
            lower: self.lower,
            upper: self.upper,
            lower_inclusive: self.lower_inclusive,
            upper_inclusive: self.upper_inclusive,
        }
    }
}

/// One organisation name as written in a document: its first place and how often it occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgMention {
    /// The name as written, white space folded.
    pub name: String,
    /// Its matching key ([`crate::claims::entity::normalise_key`]).
    pub key: String,
    pub at: Place,
    /// Occurrences of this written form in the document.
    pub count: usize,
}

/// A person given a role at an organisation ("Dana Kell, chief executive of the Wellport Port
/// Authority, said").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleMention {
    pub person: String,
    pub person_key: String,
    pub role: String,
    pub organisation: String,
    pub organisation_key: String,
    pub at: Place,
}

/// The period a figure covers, resolved to days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRecord {
    pub text: String,
    pub start: Date,
    pub end: Date,
}

/// Who a figure is attributed to: a source ("according to the port authority"), else the
/// organisation or person the sentence quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub name: String,
    pub key: String,
}

/// A figure attributed to a source in its sentence, with the thing it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureMention {
    /// The figure as written ("61 million tonnes of cargo").
    pub text: String,
    /// The head of the counted or measured noun, singular ("cargo").
    pub thing: String,
    /// The unit, as a dimension ("mass", "count") or a currency ("currency:USD"); values are
    /// in the dimension's base unit.
    pub unit: String,
    pub value: Bounds,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodRecord>,
    pub source: SourceRef,
    pub at: Place,
}

/// A quotation and its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteMention {
    /// The quotation as written, without its quotation marks.
    pub text: String,
    pub speaker: String,
    pub speaker_key: String,
    pub at: Place,
}

/// Everything the cross-source rules need of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub path: String,
    /// A hash of the document's content, when the caller keeps one (the audit index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
    #[serde(default)]
    pub date: Option<Date>,
    /// The outlet or publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<OrgMention>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleMention>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureMention>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteMention>,
}

/// Quotation marks stripped from the ends of a quotation.
const QUOTE_MARKS: &[char] = &[
    '"', '\'', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{00AB}', '\u{00BB}', '\u{201E}',
    '\u{300C}', '\u{300D}',
];

impl DocRecord {
    /// The record of a document from its extraction.
    pub fn from_document(doc: &Document, ex: &Extraction) -> DocRecord {
        let lines = LineIndex::new(&doc.source);
        let place = |span: Span| {
            let (line, column) = lines.line_col(&doc.source, span.start);
            Place {
                start: span.start,
                end: span.end,
                line,
                column,
            }
        };
        // the source each sentence cites: a source claim, else the organisation (or the
        // person) an attribution quotes
        let mut sources: Vec<Option<SourceRef>> = vec![None; ex.sentences.len()];
        for (k, c) in ex.claims.iter().enumerate() {
            let Some(slot) = ex.claim_sentence.get(k).and_then(|&s| sources.get_mut(s)) else {
                continue;
            };
            let found = match c {
                Claim::Source(s) => Some(SourceRef {
                    name: s.name.clone(),
                    key: s.key.clone(),
                }),
                Claim::Attribution(a) => {
                    let name = a.organisation.as_ref().unwrap_or(&a.speaker);
                    Some(SourceRef {
                        name: name.clone(),
                        key: crate::claims::entity::normalise_key(name),
                    })
                }
                _ => None,
            };
            // a source claim wins over an attribution in the same sentence
            match (&slot, found) {
                (None, Some(f)) => *slot = Some(f),
                (Some(_), Some(f)) if matches!(c, Claim::Source(_)) => *slot = Some(f),
                _ => {}
            }
        }
        let mut rec = DocRecord {
            path: doc.path.clone(),
            hash: None,
            date: doc.date,
            source: doc.meta.source.clone(),
            organisations: Vec::new(),
            roles: Vec::new(),
            figures: Vec::new(),
            quotes: Vec::new(),
        };
        for (k, c) in ex.claims.iter().enumerate() {
            match c {
                Claim::Organisation(o) => {
                    if o.key.is_empty() {
                        continue;
                    }
                    match rec.organisations.iter_mut().find(|m| m.name == o.name) {
                        Some(m) => m.count += 1,
                        None => rec.organisations.push(OrgMention {
                            name: o.name.clone(),
                            key: o.key.clone(),
                            at: place(o.span),
                            count: 1,
                        }),
                    }
                }
                Claim::Attribution(a) => {
                    let speaker_key = crate::claims::entity::normalise_key(&a.speaker);
                    if let (Some(role), Some(org)) = (&a.role, &a.organisation) {
                        rec.roles.push(RoleMention {
                            person: a.speaker.clone(),
                            person_key: speaker_key.clone(),
                            role: role.clone(),
                            organisation: org.clone(),
                            organisation_key: crate::claims::entity::normalise_key(org),
                            at: place(a.span),
                        });
                    }
                    if let Some(q) = a.quote {
                        let text = doc.original_slice(q).trim().trim_matches(QUOTE_MARKS);
                        let text = text.trim_end_matches([',', ' ']).trim();
                        if !text.is_empty() {
                            rec.quotes.push(QuoteMention {
                                text: text.to_string(),
                                speaker: a.speaker.clone(),
                                speaker_key,
                                at: place(q),
                            });
                        }
                    }
                }
                Claim::Quantity(q) => {
                    let source = ex
                        .claim_sentence
                        .get(k)
                        .and_then(|&s| sources.get(s))
                        .and_then(|s| s.clone());
                    let (Some(source), Some(thing)) = (source, &q.head) else {
                        continue;
                    };
                    let unit = match q.unit.dimension {
                        Dimension::Temperature => continue,
                        Dimension::Currency => {
                            format!("currency:{}", q.unit.symbol.as_deref().unwrap_or(""))
                        }
                        d => dimension_name(d).to_string(),
                    };
                    let factor = if q.unit.factor.is_finite() && q.unit.factor > 0.0 {
                        q.unit.factor
                    } else {
                        1.0
                    };
                    let period = q.period.as_ref().and_then(|p| {
                        Some(PeriodRecord {
                            text: p.text.clone(),
                            start: p.start?,
                            end: p.end?,
                        })
                    });
                    rec.figures.push(FigureMention {
                        text: q.text.clone(),
                        thing: thing.clone(),
                        unit,
                        value: Bounds::scaled(&q.interval, factor),
                        period,
                        source,
                        at: place(q.span),
                    });
                }
                _ => {}
            }
        }
        rec
    }
}

fn dimension_name(d: Dimension) -> &'static str {
    match d {
        Dimension::Count => "count",
        Dimension::Percent => "percent",
        Dimension::Currency => "currency",
        Dimension::Length => "length",
        Dimension::Mass => "mass",
        Dimension::Area => "area",
        Dimension::Volume => "volume",
        Dimension::Speed => "speed",
        Dimension::Temperature => "temperature",
        Dimension::Duration => "duration",
    }
}
