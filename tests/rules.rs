//! The rule engine: every example of every built-in rule holds; loading is strict and says
//! where a pack is wrong; user packs load from a directory; `check` exit codes.

mod common;

use factlint::rules::{LoadError, Registry};
use std::path::Path;
use std::process::Command;

#[test]
fn every_builtin_example_holds() {
    let reg = Registry::builtin().expect("built-in packs load");
    assert!(!reg.rules.is_empty());
    let failures = reg.test_examples();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn load(text: &str) -> Result<Registry, LoadError> {
    let mut reg = Registry::default();
    reg.add_pack("pack.yaml", text, Path::new(".")).map(|_| reg)
}

const GOOD: &str = "rules:
  - id: wd
    kind: weekday
    severity: warning
    message: \"{weekday} is not {actual}\"
    description: Weekdays must match dates.
    examples:
      flag: [\"It opened on Friday, Sept. 3, 2016.\"]
";

#[test]
fn a_good_pack_loads_and_runs() {
    let reg = load(GOOD).expect("loads");
    assert!(reg.test_examples().is_empty());
    assert_eq!(reg.rules[0].severity, factlint::findings::Severity::Warning);
}

#[test]
fn an_unknown_key_names_file_line_column_and_rule() {
    let e =
        load(&GOOD.replace("    description:", "    colour: red\n    description:")).unwrap_err();
    assert_eq!(
        (e.file.as_str(), e.line, e.column),
        ("pack.yaml", 6, 5),
        "{e}"
    );
    assert_eq!(e.rule.as_deref(), Some("wd"));
    assert!(e.message.contains("unknown field `colour`"), "{e}");
    assert!(
        e.to_string().starts_with("pack.yaml:6:5: rule `wd`: "),
        "{e}"
    );
}

#[test]
fn a_wrong_type_or_kind_is_located() {
    let e = load(&GOOD.replace("severity: warning", "severity: loud")).unwrap_err();
    assert_eq!(e.line, 4, "{e}");
    assert!(e.message.contains("unknown variant `loud`"), "{e}");
    let e = load(&GOOD.replace("kind: weekday", "kind: horoscope")).unwrap_err();
    assert_eq!(e.line, 3, "{e}");
    let e = load(&GOOD.replace("rules:", "rules: 5\nx:")).unwrap_err();
    assert_eq!(e.line, 1, "{e}");
}

#[test]
fn a_parameter_of_another_kind_or_an_unknown_field_is_an_error() {
    let e = load(&GOOD.replace("    description:", "    tolerance: 0.2\n    description:"))
        .unwrap_err();
    assert_eq!((e.line, e.column), (6, 5), "{e}");
    assert!(
        e.message
            .contains("`tolerance` is not a parameter of kind `weekday`"),
        "{e}"
    );
    let e = load(&GOOD.replace("{actual}", "{derived}")).unwrap_err();
    assert_eq!(e.line, 5, "{e}");
    assert!(e.message.contains("{derived}"), "{e}");
}

#[test]
fn duplicate_ids_and_bad_dates_are_errors_and_nothing_half_loads() {
    let twice = format!("{GOOD}{}", GOOD.trim_start_matches("rules:\n"));
    let e = load(&twice).unwrap_err();
    assert!(e.message.contains("already loaded"), "{e}");
    assert_eq!(e.line, 9, "{e}");
    let e =
        load(&GOOD.replace("    examples:", "    date: 2016-02-30\n    examples:")).unwrap_err();
    assert!(e.message.contains("bad date"), "{e}");
    let mut reg = Registry::default();
    assert!(reg.add_pack("p.yaml", &twice, Path::new(".")).is_err());
    assert!(reg.rules.is_empty(), "a pack with an error adds no rule");
}

#[test]
fn a_billion_laughs_pack_is_rejected() {
    // one valid key (`examples.flag`) holding nested anchors: 9^9 strings once expanded, so
    // only the aliases' expansion can make this pack fail before its types are checked
    let mut levels = vec![format!("&a [{}]", ["lol"; 9].join(","))];
    for (i, c) in "bcdefghi".chars().enumerate() {
        let prev = (b'a' + i as u8) as char;
        levels.push(format!("&{c} [{}]", vec![format!("*{prev}"); 9].join(",")));
    }
    let bomb = format!(
        "rules:\n  - id: bomb\n    kind: substitution\n    severity: warning\n    message: m\n    \
         description: d\n    examples:\n      flag: [{}]\n",
        levels.join(", ")
    );
    let e = load(&bomb).expect_err("the bomb is refused");
    assert!(e.message.contains("expands to more than"), "{e}");
}

fn factlint(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_rules_test_and_check_exit_codes() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rules-cli");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pack")).unwrap();
    std::fs::write(dir.join("pack/mine.yaml"), GOOD).unwrap();
    let (code, out, err) = factlint(&["rules", "test", dir.join("pack").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("passed, 0 failed"), "{out}");

    std::fs::write(
        dir.join("bad.yaml"),
        GOOD.replace("kind: weekday", "kind: nope"),
    )
    .unwrap();
    let (code, _, err) = factlint(&["rules", "--rules", dir.join("bad.yaml").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.yaml:3:"), "{err}");

    let doc = dir.join("doc.txt");
    std::fs::write(&doc, "The vote was held on Friday, Sept. 1, 2016.\n").unwrap();
    let (code, out, _) = factlint(&["check", doc.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[weekday-mismatch]"), "{out}");
    let (code, out, _) = factlint(&[
        "check",
        "--format",
        "json",
        "--rules",
        dir.join("pack").to_str().unwrap(),
        doc.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"];
    assert_eq!(
        f.as_array().unwrap().len(),
        2,
        "built-in error and the user's warning: {out}"
    );
    assert_eq!(f[0]["line"], 1);
    assert_eq!(f[0]["column"], 22);
    assert_eq!(v["summary"]["errors"], 1);
    assert_eq!(v["summary"]["warnings"], 1);
    std::fs::write(&doc, "The vote was held on Thursday, Sept. 1, 2016.\n").unwrap();
    let (code, _, _) = factlint(&["check", doc.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (code, _, _) = factlint(&[
        "check",
        "--fail-on",
        "warning",
        doc.to_str().unwrap(),
        dir.join("missing.txt").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "a read error is exit code 2");
}
