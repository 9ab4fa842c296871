//! Configuration files end to end: discovery in nested directories (closest wins),
//! `--config`, `--isolated`, every key's effect, located errors, `factlint init`, and the
//! exit-code flags.

use std::path::Path;
use std::process::{Command, Output};

/// An article the built-in rules flag three ways: a misspelled institute (organisation-name,
/// error), a weekday that is not the date's (weekday-mismatch, error) and "cyber space"
/// (house-style, warning).
const ARTICLE: &str = "The China Institue for Innovation and Development Strategies met on \
Friday, March 3, 2020. Its fellows wrote about cyber space.\n";

/// An article whose only finding needs the document date: 1958 and "aged 60" disagree in 2016.
const DATED: &str = "Maria Lopez, aged 60, was born in 1948 and now runs the museum.\n";

fn factlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .expect("factlint runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The `rule` of every concise line, in order.
fn rules_fired(o: &Output) -> Vec<String> {
    stdout(o)
        .lines()
        .filter_map(|l| {
            let start = l.find('[')? + 1;
            let end = l[start..].find(']')? + start;
            Some(format!(
                "{}:{}",
                l.split(':').next().unwrap_or(""),
                &l[start..end]
            ))
        })
        .collect()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// root/factlint.yaml disables house-style; root/desk/.factlint.yaml (closer) disables
/// weekday-mismatch only, so house-style fires again there.
fn nested() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d, "factlint.yaml", "disable: [house-style]\n");
    write(d, "top.txt", ARTICLE);
    write(d, "desk/.factlint.yaml", "disable: [weekday-mismatch]\n");
    write(d, "desk/story.txt", ARTICLE);
    write(d, "desk/deeper/story.txt", ARTICLE);
    t
}

#[test]
fn closest_configuration_wins() {
    let t = nested();
    let o = factlint(t.path(), &["check", "--format", "concise", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        rules_fired(&o),
        [
            "./desk/deeper/story.txt:organisation-name",
            "./desk/deeper/story.txt:house-style",
            "./desk/story.txt:organisation-name",
            "./desk/story.txt:house-style",
            "./top.txt:organisation-name",
            "./top.txt:weekday-mismatch",
        ]
    );
    // discovery walks up from the file, not from the working directory
    let o = factlint(
        &t.path().join("desk/deeper"),
        &["check", "--format", "concise", "../../top.txt"],
    );
    assert_eq!(
        rules_fired(&o),
        [
            "../../top.txt:organisation-name",
            "../../top.txt:weekday-mismatch"
        ]
    );
}

#[test]
fn config_flag_overrides_discovery_and_isolated_ignores_it() {
    let t = nested();
    write(t.path(), "other.yaml", "disable: [organisation-name]\n");
    let o = factlint(
        t.path(),
        &[
            "check",
            "--format",
            "concise",
            "--config",
            "other.yaml",
            "desk/story.txt",
        ],
    );
    assert_eq!(
        rules_fired(&o),
        [
            "desk/story.txt:weekday-mismatch",
            "desk/story.txt:house-style"
        ]
    );
    let o = factlint(
        t.path(),
        &[
            "check",
            "--format",
            "concise",
            "--isolated",
            "desk/story.txt",
        ],
    );
    assert_eq!(
        rules_fired(&o),
        [
            "desk/story.txt:organisation-name",
            "desk/story.txt:weekday-mismatch",
            "desk/story.txt:house-style"
        ]
    );
}

#[test]
fn packs_severities_vocabulary_overrides_and_fail_on() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(
        d,
        "factlint.yaml",
        "# everything off, then the names pack back on\n\
         disable: [all]\n\
         enable: [names, house-style]\n\
         severity:\n  organisation-name: warning\n\
         vocabulary: [Cyber Space]\n\
         fail-on: warning\n\
         overrides:\n  - files: ['archive/**']\n    severity: {organisation-name: info}\n",
    );
    write(d, "new.txt", ARTICLE);
    write(d, "archive/2020/old.txt", ARTICLE);
    let o = factlint(d, &["check", "--format", "concise", "."]);
    let out = stdout(&o);
    assert!(
        out.contains("new.txt:1:11: warning[organisation-name]"),
        "{out}"
    );
    assert!(
        out.contains("archive/2020/old.txt:1:11: info[organisation-name]"),
        "{out}"
    );
    assert!(!out.contains("house-style"), "vocabulary accepts it: {out}");
    assert!(!out.contains("weekday"), "{out}");
    // fail-on: warning from the configuration; the command line wins over it
    assert_eq!(o.status.code(), Some(1));
    let o = factlint(
        d,
        &["check", "--format", "concise", "--fail-on", "error", "."],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = factlint(d, &["check", "--format", "concise", "--exit-zero", "."]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("warning[organisation-name]"));
}

#[test]
fn date_fallback_and_extra_rule_directory() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d, "story.txt", DATED);
    // without a date the age cannot be checked
    let o = factlint(d, &["check", "--format", "concise", "story.txt"]);
    assert!(!stdout(&o).contains("age-birth-year"), "{}", stdout(&o));
    write(
        d,
        "factlint.yaml",
        "date: 2016-06-01\nrules: [house]\ndisable: [unsourced-statistic]\n",
    );
    write(
        d,
        "house/museum.yaml",
        "rules:\n- id: museum-word\n  kind: substitution\n  severity: warning\n  message: 'write \"{replace}\" rather than \"{found}\"'\n  description: House spelling.\n  swaps:\n    - find: runs\n      replace: directs\n  examples:\n    flag: [She runs the place.]\n    pass: [She directs it.]\n",
    );
    let o = factlint(d, &["check", "--format", "concise", "story.txt"]);
    let out = stdout(&o);
    assert!(out.contains("error[age-birth-year]"), "{out}{}", stderr(&o));
    assert!(out.contains("warning[museum-word]"), "{out}");
}

#[test]
fn extract_dates_undated_documents_by_the_configuration() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d, "story.txt", "The ferry ran every day last year.\n");
    let date_of = |o: &Output| -> serde_json::Value {
        let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("JSON");
        v["documents"][0]["date"].clone()
    };
    let o = factlint(d, &["extract", "story.txt"]);
    assert_eq!(date_of(&o), serde_json::Value::Null);
    write(d, "factlint.yaml", "date: 2016-06-01\n");
    let o = factlint(d, &["extract", "story.txt"]);
    assert_eq!(date_of(&o), "2016-06-01", "{}", stderr(&o));
    // "last year" resolved against it
    assert!(stdout(&o).contains("\"2015-01-01\""), "{}", stdout(&o));
    // the command line wins; --isolated ignores the file; --config names another
    let o = factlint(d, &["extract", "story.txt", "--date", "2020-01-02"]);
    assert_eq!(date_of(&o), "2020-01-02");
    let o = factlint(d, &["extract", "story.txt", "--isolated"]);
    assert_eq!(date_of(&o), serde_json::Value::Null);
    write(d, "other.yaml", "date: 2011-05-05\n");
    let o = factlint(d, &["extract", "story.txt", "--config", "other.yaml"]);
    assert_eq!(date_of(&o), "2011-05-05");
    // a broken configuration is a located error, exit 2, nothing printed
    write(d, "factlint.yaml", "date: 2016-02-30\n");
    for format in ["json", "jsonl"] {
        let o = factlint(d, &["extract", "story.txt", "--format", format]);
        assert_eq!(o.status.code(), Some(2));
        assert!(stdout(&o).is_empty(), "{}", stdout(&o));
        assert!(
            stderr(&o).contains("factlint.yaml:1:7: date \"2016-02-30\""),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn errors_name_file_line_and_column() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(d, "story.txt", ARTICLE);
    for (config, want) in [
        (
            "fail-on: warning\nvocabluary: [x]\n",
            "factlint.yaml:2:1: unknown field `vocabluary`",
        ),
        (
            "disable:\n  - names\n  - weekday-mismatches\n",
            "factlint.yaml:3:5: unknown rule or pack `weekday-mismatches`",
        ),
        (
            "severity:\n  house-style: loud\n",
            "factlint.yaml:2:16: severity.house-style: unknown variant `loud`",
        ),
        ("rules: [missing-dir]\n", "factlint.yaml:1:9: rules:"),
        (
            "date: 2016-02-30\n",
            "factlint.yaml:1:7: date \"2016-02-30\"",
        ),
    ] {
        write(d, "factlint.yaml", config);
        let o = factlint(d, &["check", "story.txt"]);
        assert_eq!(o.status.code(), Some(2), "{config}");
        assert!(stdout(&o).is_empty(), "{config}: {}", stdout(&o));
        assert!(
            stderr(&o).contains(want),
            "{config}: want {want:?} in {}",
            stderr(&o)
        );
    }
}

#[test]
fn init_writes_a_starter_that_loads_and_does_not_overwrite() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    let o = factlint(d, &["init"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read_to_string(d.join("factlint.yaml")).unwrap();
    assert!(written.starts_with("# factlint configuration"));
    write(d, "story.txt", ARTICLE);
    let o = factlint(d, &["check", "--format", "concise", "story.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    std::fs::write(d.join("factlint.yaml"), "disable: [all]\n").unwrap();
    let o = factlint(d, &["init"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(d.join("factlint.yaml")).unwrap(),
        "disable: [all]\n"
    );
    let o = factlint(d, &["init", "--force"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "story.txt", ARTICLE);
    let esc = |o: &Output| stdout(o).contains('\u{1b}');
    // standard output is a pipe here: auto means plain
    assert!(!esc(&factlint(t.path(), &["check", "story.txt"])));
    assert!(esc(&factlint(
        t.path(),
        &["check", "--color", "always", "story.txt"]
    )));
    assert!(!esc(&factlint(
        t.path(),
        &["check", "--color", "never", "story.txt"]
    )));
}

#[test]
fn pre_commit_hook_entry_is_a_working_command() {
    let hooks: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
        )
        .unwrap(),
    )
    .unwrap();
    let entry = hooks[0]["entry"].as_str().expect("an entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("factlint"));
    let t = tempfile::tempdir().unwrap();
    write(t.path(), "draft.md", ARTICLE);
    let mut args: Vec<&str> = words.collect();
    args.push("draft.md");
    let o = factlint(t.path(), &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("draft.md:1:11: error[organisation-name]"));
}

#[test]
fn built_in_rules_can_be_switched_off_and_regraded() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    // a suppression that suppresses nothing: reported as unused-suppression (warning)
    write(
        d,
        "story.md",
        "<!-- factlint-disable-next-line weekday-mismatch -->\nThe museum opened in 1998.\n",
    );
    let o = factlint(d, &["check", "--format", "concise", "story.md"]);
    assert!(
        stdout(&o).contains("warning[unused-suppression]"),
        "{}",
        stdout(&o)
    );
    write(
        d,
        "factlint.yaml",
        "severity: {unused-suppression: error}\n",
    );
    let o = factlint(d, &["check", "--format", "concise", "story.md"]);
    assert!(
        stdout(&o).contains("error[unused-suppression]"),
        "{}",
        stdout(&o)
    );
    assert_eq!(o.status.code(), Some(1));
    write(d, "factlint.yaml", "disable: [unused-suppression]\n");
    let o = factlint(d, &["check", "--format", "concise", "story.md"]);
    assert!(!stdout(&o).contains("unused-suppression"), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn rules_explain_and_reconcile_read_the_configuration() {
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    write(
        d,
        "factlint.yaml",
        "rules: [house]\ndisable: [weekday-mismatch, quote-conflict]\nseverity: {house-style: error, figure-conflict: warning}\n",
    );
    write(
        d,
        "house/museum.yaml",
        "rules:\n- id: museum-word\n  kind: substitution\n  severity: warning\n  message: 'write \"{replace}\" rather than \"{found}\"'\n  description: House spelling.\n  swaps:\n    - find: runs\n      replace: directs\n  examples:\n    flag: [She runs the place.]\n    pass: [She directs it.]\n",
    );
    let line_of = |out: &str, id: &str| -> String {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_default()
            .to_string()
    };
    // `rules list`: the configuration's pack, its switches and severities
    let o = factlint(d, &["rules", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(line_of(&out, "museum-word").contains(" warning "), "{out}");
    assert!(line_of(&out, "weekday-mismatch").contains(" off "), "{out}");
    assert!(line_of(&out, "house-style").contains(" error "), "{out}");
    let o = factlint(d, &["rules", "list", "--isolated"]);
    let out = stdout(&o);
    assert!(line_of(&out, "museum-word").is_empty(), "{out}");
    assert!(
        line_of(&out, "weekday-mismatch").contains(" error "),
        "{out}"
    );
    // `explain` knows the configuration's rules
    let o = factlint(d, &["explain", "museum-word"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("museum-word (substitution rule"),
        "{}",
        stdout(&o)
    );

    // `reconcile`: cross-source rules switched off and regraded
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cross");
    let o = factlint(
        d,
        &["extract", "--format", "jsonl", fixtures.to_str().unwrap()],
    );
    std::fs::write(d.join("records.jsonl"), &o.stdout).unwrap();
    let o = factlint(
        d,
        &[
            "reconcile",
            "--isolated",
            "--format",
            "concise",
            "records.jsonl",
        ],
    );
    let isolated = stdout(&o);
    assert!(isolated.contains("error[figure-conflict]"), "{isolated}");
    assert!(isolated.contains("[quote-conflict]"), "{isolated}");
    let o = factlint(d, &["reconcile", "--format", "concise", "records.jsonl"]);
    let out = stdout(&o);
    assert!(out.contains("warning[figure-conflict]"), "{out}");
    assert!(!out.contains("error[figure-conflict]"), "{out}");
    assert!(!out.contains("[quote-conflict]"), "{out}");
}

#[test]
fn a_warc_page_is_checked_under_its_files_configuration() {
    // A WARC page is named by its target URI, not by its file: `check` once looked up the
    // configuration of that name (no such folder, so the current directory's) instead of
    // the WARC file's, and reported what the file's `factlint.yaml` switched off (the audit,
    // which looks up the file's, did not).
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    write(
        dir,
        "archive/factlint.yaml",
        "disable: [weekday-mismatch]\n",
    );
    let body =
        "<html><body><p>The ferry terminal reopened on Sunday, March 4, 2024.</p></body></html>";
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}");
    let record = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:page-1>\r\nWARC-Date: 2024-04-02T09:00:00Z\r\nWARC-Target-URI: http://harbour.example/news/1\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    );
    write(dir, "archive/crawl.warc", &record);
    write(
        dir,
        "archive/a.txt",
        "The ferry terminal reopened on Sunday, March 4, 2024.\n",
    );
    for cmd in ["check", "audit"] {
        let out = factlint(dir, &[cmd, "archive", "--format", "concise"]);
        assert!(rules_fired(&out).is_empty(), "{cmd}: {}", stdout(&out));
    }
    // the page's own file decides, as for a text file: without the configuration, both fire
    let out = factlint(
        dir,
        &["check", "archive", "--format", "concise", "--isolated"],
    );
    let fired = rules_fired(&out);
    assert_eq!(fired.len(), 2, "{fired:?}");
    assert!(
        fired.iter().all(|r| r.ends_with(":weekday-mismatch")),
        "{fired:?}"
    );
}
