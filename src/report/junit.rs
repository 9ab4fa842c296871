//! `--format junit`: JUnit XML for CI dashboards (quick-junit). One test suite per
//! document; one test case per finding, named `RULE at LINE:COL`, with the path as class
//! name. Errors and warnings are failures (type = the severity, message = the finding's
//! message); info findings are passing cases whose system-out holds the message. A document
//! without findings gets one passing case, `no findings`. Written when the run ends.

use super::{CheckSummary, Reporter};
use crate::document::{Document, LineIndex};
use crate::findings::{Finding, Severity};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use std::io::{self, Write};

pub struct Junit {
    report: Report,
}

impl Default for Junit {
    fn default() -> Self {
        Junit {
            report: Report::new("factlint"),
        }
    }
}

impl Reporter for Junit {
    fn document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let lines = LineIndex::new(&doc.source);
        let mut suite = TestSuite::new(doc.path.as_str());
        for f in findings {
            let (line, col) = lines.line_col(&doc.source, f.span.start);
            let at = format!("{}:{line}:{col}", doc.path);
            let mut text = format!("{at}: {}[{}] {}", f.severity.as_str(), f.rule, f.message);
            if let Some(s) = &f.suggestion {
                text.push_str(&format!("\nreplace with: {s}"));
            }
            let mut case = match f.severity {
                Severity::Error | Severity::Warning => {
                    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    status
                        .set_message(f.message.as_str())
                        .set_type(f.severity.as_str())
                        .set_description(text);
                    TestCase::new(format!("{} at {line}:{col}", f.rule), status)
                }
                Severity::Info => {
                    let mut case = TestCase::new(
                        format!("{} at {line}:{col}", f.rule),
                        TestCaseStatus::success(),
                    );
                    case.set_system_out(text);
                    case
                }
            };
            case.set_classname(doc.path.as_str());
            suite.add_test_case(case);
        }
        if findings.is_empty() {
            let mut case = TestCase::new("no findings", TestCaseStatus::success());
            case.set_classname(doc.path.as_str());
            suite.add_test_case(case);
        }
        self.report.add_test_suite(suite);
        Ok(())
    }

    fn finish(&mut self, _summary: &CheckSummary, out: &mut dyn Write) -> io::Result<()> {
        // ends with a newline
        self.report.serialize(&mut *out).map_err(io::Error::other)
    }
}
