//! `--format sarif`: SARIF 2.1.0 (one run; every loaded rule in `tool.driver.rules`; one
//! result per finding). Columns count Unicode characters (`columnKind: unicodeCodePoints`);
//! `byteOffset`/`byteLength` are the exact span. Written when the run ends.

use super::{CheckSummary, Reporter};
use crate::document::{Document, LineIndex, Span};
use crate::findings::{Finding, Severity};
use crate::rules::Registry;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleOut {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    byte_offset: usize,
    byte_length: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub struct Sarif {
    rules: Vec<RuleOut>,
    index: HashMap<String, usize>,
    results: Vec<SarifResult>,
}

impl Sarif {
    /// A reporter describing every rule of `registry`.
    pub fn new(registry: &Registry) -> Sarif {
        let rules: Vec<RuleOut> = registry
            .rules
            .iter()
            .map(|r| RuleOut {
                id: r.id.clone(),
                name: r.id.clone(),
                short_description: Text {
                    text: r.summary().to_string(),
                },
                full_description: Text {
                    text: r.description.trim().to_string(),
                },
                default_configuration: Configuration {
                    level: level(r.severity),
                },
            })
            .collect();
        let index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        Sarif {
            rules,
            index,
            results: Vec::new(),
        }
    }
}

impl Sarif {
    /// The index of a rule in `tool.driver.rules`; a built-in rule that is in no pack
    /// (`unused-suppression`) is described there when its first result comes.
    fn rule_index(&mut self, id: &str) -> Option<usize> {
        if let Some(&i) = self.index.get(id) {
            return Some(i);
        }
        let b = crate::suppress::builtin_rule(id)?;
        self.rules.push(RuleOut {
            id: b.id.to_string(),
            name: b.id.to_string(),
            short_description: Text {
                text: b.summary.to_string(),
            },
            full_description: Text {
                text: b.description.to_string(),
            },
            default_configuration: Configuration {
                level: level(b.severity),
            },
        });
        self.index.insert(id.to_string(), self.rules.len() - 1);
        Some(self.rules.len() - 1)
    }
}

/// Bytes written as they are in a path: RFC 3986's unreserved characters, sub-delimiters,
/// `@` and `/`; everything else (space, `%`, `#`, `?`, `:`, non-ASCII bytes, …) is
/// percent-encoded.
const PATH_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'@')
    .remove(b'/');

/// What a URI may hold as it is besides [`PATH_KEEPS`]: its delimiters and escapes.
const URI_KEEPS: &AsciiSet = &PATH_KEEPS
    .remove(b':')
    .remove(b'?')
    .remove(b'#')
    .remove(b'[')
    .remove(b']')
    .remove(b'%');

/// A document's name as a SARIF `artifactLocation.uri` (a URI reference). A name that is a
/// URI (a WARC page's, `scheme://…`) keeps its delimiters and escapes, only characters no
/// URI holds (a space, as in a repeat's `URI (2)`, non-ASCII, a `%` that starts no escape)
/// being encoded. Anything else is a path, the name of a file or of a document in one
/// (`FILE#ID`, `FILE:LINE`): on Windows `\` becomes `/`, and every byte but the unreserved
/// ones, sub-delimiters, `@` and `/` is encoded, so `a.jsonl#id` stays one artifact rather
/// than a file and a fragment.
fn artifact_uri(name: &str) -> String {
    let is_uri = name.split_once("://").is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if is_uri {
        // a `%` that does not start an escape is a character of its own
        let bytes = name.as_bytes();
        let mut escaped = String::with_capacity(name.len());
        for (i, c) in name.char_indices() {
            let escape = bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
            if c == '%' && !escape {
                escaped.push_str("%25");
            } else {
                escaped.push(c);
            }
        }
        utf8_percent_encode(&escaped, URI_KEEPS).to_string()
    } else {
        let name = if std::path::MAIN_SEPARATOR == '\\' {
            std::borrow::Cow::Owned(name.replace('\\', "/"))
        } else {
            std::borrow::Cow::Borrowed(name)
        };
        utf8_percent_encode(&name, PATH_KEEPS).to_string()
    }
}

/// A location in `path`; lines and columns only when `lines` indexes that file's `source`.
fn location(path: &str, source: Option<(&str, &LineIndex)>, span: Span) -> PhysicalLocation {
    let (start, end) = match source {
        Some((text, lines)) => (
            Some(lines.line_col(text, span.start)),
            Some(lines.line_col(text, span.end)),
        ),
        None => (None, None),
    };
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: artifact_uri(path),
        },
        region: Region {
            start_line: start.map(|p| p.0),
            start_column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            byte_offset: span.start,
            byte_length: span.len(),
        },
    }
}

impl Reporter for Sarif {
    fn document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let lines = LineIndex::new(&doc.source);
        let own = Some((doc.source.as_str(), &lines));
        for f in findings {
            let related = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| Location {
                    id: Some(i),
                    physical_location: match &r.path {
                        Some(p) => {
                            let mut at = location(p, None, r.span);
                            at.region.start_line = r.line;
                            at.region.start_column = r.column;
                            at
                        }
                        None => location(&doc.path, own, r.span),
                    },
                    message: Some(Text {
                        text: r.message.clone(),
                    }),
                })
                .collect();
            let rule_index = self.rule_index(&f.rule);
            self.results.push(SarifResult {
                rule_id: f.rule.clone(),
                rule_index,
                level: level(f.severity),
                message: Text {
                    text: f.message.clone(),
                },
                locations: vec![Location {
                    id: None,
                    physical_location: location(&doc.path, own, f.span),
                    message: None,
                }],
                related_locations: related,
            });
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &CheckSummary, out: &mut dyn Write) -> io::Result<()> {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "factlint",
                        version: env!("CARGO_PKG_VERSION"),
                        rules: std::mem::take(&mut self.rules),
                    },
                },
                column_kind: "unicodeCodePoints",
                results: std::mem::take(&mut self.results),
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::artifact_uri;

    #[test]
    fn document_names_become_uri_references() {
        for (name, uri) in [
            ("archive/2021/a.txt", "archive/2021/a.txt"),
            ("./a b.md", "./a%20b.md"),
            ("50%.txt", "50%25.txt"),
            ("wire.jsonl#n1", "wire.jsonl%23n1"),
            ("wire.jsonl:3", "wire.jsonl%3A3"),
            ("wire.jsonl#n1 (2)", "wire.jsonl%23n1%20(2)"),
            ("http://e.com/a%20b?q=1#top", "http://e.com/a%20b?q=1#top"),
            ("http://e.com/a (2)", "http://e.com/a%20(2)"),
            ("https://e.com/100%", "https://e.com/100%25"),
            ("https://e.com/café", "https://e.com/caf%C3%A9"),
            // not a scheme: a path with a colon
            ("1a://x", "1a%3A//x"),
        ] {
            assert_eq!(artifact_uri(name), uri, "{name}");
        }
        // a backslash separates folders on Windows only
        let sep = if cfg!(windows) { "/" } else { "%5C" };
        assert_eq!(artifact_uri("archive\\a.txt"), format!("archive{sep}a.txt"));
    }
}
