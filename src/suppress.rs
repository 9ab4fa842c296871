//! Inline suppression: directives written in a document that silence the findings of named
//! rules on one line or over a range, and the `unused-suppression` findings for directives
//! that silence nothing.
//!
//! Markdown (`.md`, `.markdown`, standard input with front matter): HTML comments, honoured
//! only where pulldown-cmark reports HTML, so never inside a code block, inline code or front
//! matter:
//!
//! ```text
//! <!-- factlint-disable-next-line names, weekday -- optional reason -->
//! <!-- factlint-disable-line names -->
//! <!-- factlint-disable names --> … <!-- factlint-enable names -->
//! ```
//!
//! HTML pages (and WARC records): the same comments, anywhere in the page's source (text that
//! shows a comment is escaped, `&lt;!--`, so it is none).
//!
//! Plain text (and JSONL articles): marker lines, the whole line (any case for `factlint:`):
//!
//! ```text
//! factlint: ignore names        (the next non-blank line)
//! factlint: disable names       …   factlint: enable names
//! ```
//!
//! A name is a rule id (`organisation-name`), a rule kind (`names`, `weekday`) or a pack (the
//! directory a rule file is in: `core`, `names`, `style`); no name means every rule. A
//! disabled range runs from the end of the `disable` directive to the start of the `enable`
//! that names the same name (an `enable` with no name closes every open range), or to the end
//! of the document. Inside a range of every rule, an `enable` naming rules enables them again
//! from there to the range's end (`disable` … `enable weekday` … `enable`). A finding is suppressed when its span *starts* inside the line or range.
//!
//! Directives are read from [`Document::source`], whose offsets are those of the findings.

use crate::document::{Document, Span};
use crate::findings::{Finding, Severity};
use crate::input::{markdown, Format};
use crate::rules::Registry;
use pulldown_cmark::{Event, Options, Parser};
use regex::Regex;
use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

/// The rule id of the findings this module reports.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// A rule that is not loaded from a pack but built in (for `explain` and SARIF metadata).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinRule {
    pub id: &'static str,
    pub severity: Severity,
    /// One sentence.
    pub summary: &'static str,
    pub description: &'static str,
}

const UNUSED: BuiltinRule = BuiltinRule {
    id: UNUSED_SUPPRESSION,
    severity: Severity::Warning,
    summary: "A suppression directive that suppresses no finding.",
    description: "A suppression directive that suppresses no finding. A directive that \
        silences nothing (the finding was fixed, the rule renamed, the directive put on the \
        wrong line) would swallow the next real finding in its place, so it is reported, as \
        are a name in a directive that is no rule id, rule kind or pack, an `enable` with no \
        open `disable` of the same name, and a `factlint-` comment or `factlint:` line that \
        is no directive. Forms: `<!-- factlint-disable-next-line RULE -->`, \
        `<!-- factlint-disable-line RULE -->`, `<!-- factlint-disable RULE -->` … \
        `<!-- factlint-enable RULE -->` in Markdown and HTML; `factlint: ignore RULE`, \
        `factlint: disable RULE`, `factlint: enable RULE` lines in plain text.",
};

/// The rules built into factlint rather than loaded from a pack.
pub const BUILTIN_RULES: &[BuiltinRule] = &[UNUSED];

/// The built-in rule with this id (`unused-suppression`), if any.
pub fn builtin_rule(id: &str) -> Option<&'static BuiltinRule> {
    BUILTIN_RULES.iter().find(|b| b.id == id)
}

/// The names a directive may use, each with the rule ids it stands for.
#[derive(Debug, Clone, Default)]
pub struct RuleNames {
    by_name: HashMap<String, Vec<String>>,
}

impl RuleNames {
    /// Every rule of `registry` under its id, its kind and its pack.
    pub fn from_registry(registry: &Registry) -> RuleNames {
        let mut names = RuleNames::default();
        for r in &registry.rules {
            names.add(&r.id, &r.id);
            names.add(r.kind.as_str(), &r.id);
            if let Some(pack) = pack_of(&r.origin) {
                names.add(pack, &r.id);
            }
        }
        names
    }

    /// Lets `name` (any case) stand for rule `id`.
    pub fn add(&mut self, name: &str, id: &str) {
        let ids = self.by_name.entry(name.to_ascii_lowercase()).or_default();
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }

    fn is_known(&self, name: &str) -> bool {
        self.by_name.contains_key(&name.to_ascii_lowercase())
    }

    fn covers(&self, name: &str, rule: &str) -> bool {
        self.by_name
            .get(&name.to_ascii_lowercase())
            .is_some_and(|ids| ids.iter().any(|i| i == rule))
    }
}

/// The pack of a rule's origin: the directory its file is in (`builtin:core/rate.yaml` →
/// `core`, `my/rules/extra.yaml` → `rules`); `None` for a file given without a directory.
pub fn pack_of(origin: &str) -> Option<&str> {
    let file = origin.strip_prefix("builtin:").unwrap_or(origin);
    Path::new(file)
        .parent()?
        .file_name()?
        .to_str()
        .filter(|p| !p.is_empty())
}

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    NextLine,
    Line,
    Disable,
    Enable,
}

/// One directive as written.
#[derive(Debug, Clone)]
struct Directive {
    /// The comment (`<!--` … `-->`) or the marker line, trimmed.
    span: Span,
    /// The verb, or the unknown word written in its place.
    verb: Result<Verb, String>,
    /// The names as written; empty for every rule.
    names: Vec<String>,
}

/// Where a directive applies, for one of its names (`None`: every rule).
struct Scope {
    directive: usize,
    name: Option<String>,
    range: Span,
    used: bool,
    /// Names enabled again inside a range of every rule (`disable` … `enable names` …
    /// `enable`), each from its `enable` to the end of the range.
    except: Vec<(String, Span)>,
}

/// A `disable` range still open: its directive, name, start, and the names enabled again
/// inside it (with where).
type Open = (usize, Option<String>, usize, Vec<(String, usize)>);

/// The scope of an open range closed at `end`.
fn close(open: Open, end: usize) -> Scope {
    let (directive, name, start, except) = open;
    let end = end.max(start);
    Scope {
        directive,
        name,
        range: Span::new(start, end),
        used: false,
        except: except
            .into_iter()
            .map(|(n, from)| (n, Span::new(from.min(end), end)))
            .collect(),
    }
}

/// The findings the directives of `doc` leave, plus one `unused-suppression` finding per
/// directive that suppressed nothing (or names something unknown), sorted by span and rule.
/// Names are those of `registry`'s rules; a document that never says "factlint" costs one
/// scan of its source.
pub fn apply(doc: &Document, findings: Vec<Finding>, registry: &Registry) -> Vec<Finding> {
    if !mentions_factlint(&doc.source) {
        return findings;
    }
    apply_with(doc, findings, &RuleNames::from_registry(registry))
}

/// [`apply`] with the names given. Findings inside a directive itself are dropped: a
/// directive is not prose.
pub fn apply_with(doc: &Document, findings: Vec<Finding>, names: &RuleNames) -> Vec<Finding> {
    let source = doc.source.as_str();
    if !mentions_factlint(source) {
        return findings;
    }
    let directives = match syntax_of(doc) {
        Syntax::Markdown => markdown_directives(source),
        Syntax::Html => comment_directives(source, std::iter::once(Span::new(0, source.len()))),
        Syntax::Plain => plain_directives(source),
    };
    if directives.is_empty() {
        return findings;
    }
    let (mut scopes, unclosed_enables) = scopes(source, &directives);
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        if directives.iter().any(|d| d.span.contains(f.span)) {
            continue;
        }
        let mut suppressed = false;
        for s in scopes.iter_mut() {
            let at = |r: &Span| r.start <= f.span.start && f.span.start < r.end;
            let named = s.name.as_deref().is_none_or(|n| names.covers(n, &f.rule));
            let excepted = s
                .except
                .iter()
                .any(|(n, r)| at(r) && names.covers(n, &f.rule));
            if at(&s.range) && named && !excepted {
                s.used = true;
                suppressed = true;
            }
        }
        if !suppressed {
            out.push(f);
        }
    }
    for (i, d) in directives.iter().enumerate() {
        let own: Vec<&Scope> = scopes.iter().filter(|s| s.directive == i).collect();
        let closes_nothing = unclosed_enables.get(&i).map(Vec::as_slice);
        if let Some(message) = unused_message(source, d, &own, closes_nothing, names) {
            out.push(Finding {
                rule: UNUSED_SUPPRESSION.to_string(),
                severity: UNUSED.severity,
                message,
                span: d.span,
                suggestion: None,
                related: Vec::new(),
            });
        }
    }
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    out
}

/// Whether the source could hold a directive at all (the common case is a quick no: a
/// literal search, which the regex crate runs with SIMD).
fn mentions_factlint(source: &str) -> bool {
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("(?i)factlint").expect("a valid literal pattern"));
    WORD.is_match(source)
}

/// Where a document's directives are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// HTML comments the Markdown parser sees as HTML.
    Markdown,
    /// Every HTML comment of the page.
    Html,
    /// `factlint:` marker lines.
    Plain,
}

/// The syntax of the reader `input::load` gave this document: by its name's extension,
/// standard input by its first bytes. A WARC record (named by its URI or `FILE#record-N`)
/// is an HTML page; a JSONL article (`FILE:LINE`, `FILE#ID`) is plain text.
fn syntax_of(doc: &Document) -> Syntax {
    let path = doc.path.as_str();
    let format = if path == "-" {
        Format::sniff(doc.source.as_bytes())
    } else {
        Format::of_path(Path::new(path))
    };
    match format {
        Format::Markdown => Syntax::Markdown,
        Format::Html | Format::Warc => Syntax::Html,
        _ if path.contains("://") || path.contains("#record-") => Syntax::Html,
        _ => Syntax::Plain,
    }
}

/// The message of an unused directive, or `None` when it did its job.
fn unused_message(
    source: &str,
    d: &Directive,
    scopes: &[&Scope],
    closes_nothing: Option<&[Option<String>]>,
    names: &RuleNames,
) -> Option<String> {
    let verb = match &d.verb {
        Ok(v) => *v,
        Err(word) => {
            return Some(format!(
                "`{word}` is not a factlint directive (expected {})",
                if source.get(d.span.start..d.span.start + 4) == Some("<!--") {
                    "factlint-disable-next-line, factlint-disable-line, factlint-disable or factlint-enable"
                } else {
                    "factlint: ignore, factlint: disable or factlint: enable"
                }
            ))
        }
    };
    let mut parts = Vec::new();
    let unknown: Vec<&String> = d.names.iter().filter(|n| !names.is_known(n)).collect();
    if !unknown.is_empty() {
        parts.push(format!(
            "{} {} not a rule id, rule kind or pack (see `factlint rules`)",
            quoted(unknown.iter().map(|s| s.as_str())),
            if unknown.len() == 1 { "is" } else { "are" }
        ));
    }
    if verb == Verb::Enable {
        if let Some(open) = closes_nothing {
            parts.push(match open {
                [None] => "nothing to enable: no disabled range is open here".to_string(),
                _ => format!(
                    "nothing to enable: no range disabled for {} is open here",
                    quoted(open.iter().flatten().map(String::as_str))
                ),
            });
        }
    } else {
        let place = match verb {
            Verb::NextLine => "on the next line",
            Verb::Line => "on this line",
            _ if scopes.iter().any(|s| s.range.end == source.len()) => {
                "in the disabled range (to the end of the document)"
            }
            _ => "in the disabled range",
        };
        let idle: Vec<&str> = scopes
            .iter()
            .filter(|s| !s.used)
            .filter_map(|s| match &s.name {
                None => Some(""),
                Some(n) if names.is_known(n) => Some(n.as_str()),
                Some(_) => None,
            })
            .collect();
        if idle == [""] {
            parts.push(format!("nothing to suppress: no finding {place}"));
        } else if !idle.is_empty() {
            parts.push(format!(
                "nothing to suppress: no {} finding {place}",
                quoted(idle.into_iter())
            ));
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// `` `a`, `b` `` from names.
fn quoted<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The scopes of the directives (one per directive and name), and for each `enable` that
/// closed nothing, the names it tried to close (`[None]` for an `enable` of every rule).
fn scopes(
    source: &str,
    directives: &[Directive],
) -> (Vec<Scope>, HashMap<usize, Vec<Option<String>>>) {
    let mut scopes = Vec::new();
    let mut failed_enables: HashMap<usize, Vec<Option<String>>> = HashMap::new();
    let mut open: Vec<Open> = Vec::new();
    let each_name = |d: &Directive| -> Vec<Option<String>> {
        if d.names.is_empty() {
            vec![None]
        } else {
            d.names.iter().cloned().map(Some).collect()
        }
    };
    for (i, d) in directives.iter().enumerate() {
        let range = match d.verb {
            Ok(Verb::NextLine) => next_line(source, d.span.end, directives),
            Ok(Verb::Line) => Span::new(
                line_start(source, d.span.start),
                line_end(source, d.span.end),
            ),
            Ok(Verb::Disable) => {
                for name in each_name(d) {
                    open.push((i, name, d.span.end, Vec::new()));
                }
                continue;
            }
            Ok(Verb::Enable) => {
                for name in each_name(d) {
                    let before = open.len();
                    let mut k = 0;
                    while k < open.len() {
                        let closes = match (&name, &open[k].1) {
                            (None, _) => true,
                            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                            (Some(_), None) => false,
                        };
                        if closes {
                            scopes.push(close(open.remove(k), d.span.start));
                        } else {
                            k += 1;
                        }
                    }
                    if open.len() < before {
                        continue;
                    }
                    // a name enabled again inside ranges of every rule
                    let mut excepted = false;
                    if let Some(n) = &name {
                        for o in open.iter_mut().filter(|o| o.1.is_none()) {
                            o.3.push((n.clone(), d.span.start));
                            excepted = true;
                        }
                    }
                    if !excepted {
                        failed_enables.entry(i).or_default().push(name);
                    }
                }
                continue;
            }
            Err(_) => continue,
        };
        for name in each_name(d) {
            scopes.push(Scope {
                directive: i,
                name,
                range,
                used: false,
                except: Vec::new(),
            });
        }
    }
    for o in open {
        scopes.push(close(o, source.len()));
    }
    (scopes, failed_enables)
}

/// The start of the line holding `offset`.
fn line_start(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The end of the line holding `offset` (before its line break).
fn line_end(source: &str, offset: usize) -> usize {
    source
        .get(offset..)
        .and_then(|s| s.find('\n'))
        .map_or(source.len(), |i| offset + i)
}

/// The next line after the one holding `offset` that has something besides white space and
/// other directives; an empty span at the end if there is none.
fn next_line(source: &str, offset: usize, directives: &[Directive]) -> Span {
    let mut start = line_end(source, offset);
    while start < source.len() {
        start += 1; // past the line break
        let end = line_end(source, start);
        let line = &source[start..end];
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        let content = Span::new(start + lead, start + lead + trimmed.len());
        let only_directives = directives.iter().any(|d| d.span.contains(content));
        if !trimmed.is_empty() && !only_directives {
            return Span::new(start, end);
        }
        start = end;
    }
    Span::new(source.len(), source.len())
}

/// Splits what follows a directive's verb into names (commas or white space between them)
/// and drops a reason after ` --`.
fn parse_names(rest: &str) -> Vec<String> {
    let rest = match rest.find("--") {
        Some(i) if i == 0 || rest[..i].ends_with(char::is_whitespace) => &rest[..i],
        _ => rest,
    };
    rest.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// The first word of `s` and the rest.
fn first_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// The parser options of the Markdown reader (so the same text is HTML for both).
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The `<!-- factlint-… -->` comments of a Markdown source that the Markdown parser sees as
/// HTML (not code, not front matter).
fn markdown_directives(source: &str) -> Vec<Directive> {
    let base = markdown::find_front_matter(source).map_or(0, |fm| fm.span.end);
    let html = Parser::new_ext(&source[base..], markdown_options())
        .into_offset_iter()
        .filter(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, r)| Span::new(base + r.start, base + r.end));
    comment_directives(source, html)
}

/// The `<!-- factlint-… -->` comments that open inside the given ranges of `source` (a
/// comment may run past its range, up to the first `-->`).
fn comment_directives(source: &str, ranges: impl Iterator<Item = Span>) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut done = 0; // comments found so far end here
    for range in ranges {
        let mut from = range.start.max(done);
        while from < range.end {
            let Some(open) = source[from..range.end].find("<!--").map(|i| from + i) else {
                break;
            };
            let inner = open + 4;
            let Some(close) = source[inner..].find("-->").map(|i| inner + i) else {
                break;
            };
            done = close + 3;
            from = done;
            let (keyword, rest) = first_word(&source[inner..close]);
            let lower = keyword.to_ascii_lowercase();
            let Some(verb) = lower.strip_prefix("factlint-") else {
                continue;
            };
            let verb = match verb {
                "disable-next-line" => Ok(Verb::NextLine),
                "disable-line" => Ok(Verb::Line),
                "disable" => Ok(Verb::Disable),
                "enable" => Ok(Verb::Enable),
                _ => Err(keyword.to_string()),
            };
            out.push(Directive {
                span: Span::new(open, done),
                verb,
                names: parse_names(rest),
            });
        }
    }
    out
}

/// The `factlint:` marker lines of a plain-text source.
fn plain_directives(source: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in source.split_inclusive('\n') {
        let start = pos;
        pos += raw.len();
        let line = raw.trim();
        let Some(prefix) = line.get(..9) else {
            continue;
        };
        if !prefix.eq_ignore_ascii_case("factlint:") {
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let (word, rest) = first_word(&line[9..]);
        let verb = match word.to_ascii_lowercase().as_str() {
            "ignore" => Ok(Verb::NextLine),
            "disable" => Ok(Verb::Disable),
            "enable" => Ok(Verb::Enable),
            _ => Err(format!("{prefix} {word}").trim_end().to_string()),
        };
        out.push(Directive {
            span: Span::new(start + lead, start + lead + line.len()),
            verb,
            names: parse_names(rest),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs() {
        assert_eq!(pack_of("builtin:core/rate.yaml"), Some("core"));
        assert_eq!(pack_of("my/rules/extra.yaml"), Some("rules"));
        assert_eq!(pack_of("extra.yaml"), None);
    }

    #[test]
    fn names_and_reasons() {
        assert_eq!(
            parse_names(" names, weekday -- a reason"),
            ["names", "weekday"]
        );
        assert_eq!(parse_names("  -- only a reason"), Vec::<String>::new());
        assert_eq!(parse_names(" a--b"), ["a--b"]);
    }

    #[test]
    fn comments_in_code_and_front_matter_are_not_directives() {
        let src = "---\nnote: <!-- factlint-disable -->\n---\n`<!-- factlint-disable -->`\n\n    <!-- factlint-disable -->\n\nText <!-- factlint-enable x --> and\n<!-- factlint-nope\n  y -->\n";
        let ds = markdown_directives(src);
        assert_eq!(ds.len(), 2, "{ds:?}");
        assert_eq!(
            &src[ds[0].span.start..ds[0].span.end],
            "<!-- factlint-enable x -->"
        );
        assert_eq!(ds[0].verb, Ok(Verb::Enable));
        assert_eq!(ds[1].verb, Err("factlint-nope".to_string()));
        assert_eq!(ds[1].names, ["y"]);
    }

    #[test]
    fn marker_lines() {
        let src =
            "Text.\n  Factlint: IGNORE names\nfactlint:\nfactlint: skip\nnot factlint: ignore\n";
        let ds = plain_directives(src);
        assert_eq!(ds.len(), 3, "{ds:?}");
        assert_eq!(
            &src[ds[0].span.start..ds[0].span.end],
            "Factlint: IGNORE names"
        );
        assert_eq!(ds[0].verb, Ok(Verb::NextLine));
        assert_eq!(ds[1].verb, Err("factlint:".to_string()));
        assert_eq!(ds[2].verb, Err("factlint: skip".to_string()));
    }

    #[test]
    fn next_line_skips_blank_lines_and_directives() {
        let src = "factlint: ignore a\n\nfactlint: ignore b\n  \nText\n";
        let ds = plain_directives(src);
        let l = next_line(src, ds[0].span.end, &ds);
        assert_eq!(&src[l.start..l.end], "Text");
        let end = next_line(src, src.len() - 1, &ds);
        assert_eq!(end, Span::new(src.len(), src.len()));
    }
}
