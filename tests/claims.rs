//! Snapshot tests of claim extraction over fixture sentences written for factlint, one
//! fixture file per claim kind (tests/fixtures/claims/), snapshots in snapshots/.

mod common;

use common::{fixture, render_cases, with_snapshots};

fn snapshot_fixture(name: &str) {
    let text = std::fs::read_to_string(fixture(&format!("claims/{name}.txt"))).expect("fixture");
    with_snapshots(|| insta::assert_snapshot!(format!("claims_{name}"), render_cases(&text, None)));
}

#[test]
fn quantity() {
    snapshot_fixture("quantity");
}

#[test]
fn rate() {
    snapshot_fixture("rate");
}

#[test]
fn change() {
    snapshot_fixture("change");
}

#[test]
fn share() {
    snapshot_fixture("share");
}

#[test]
fn conversion() {
    snapshot_fixture("conversion");
}

#[test]
fn traps() {
    snapshot_fixture("traps");
}

#[test]
fn mixed() {
    snapshot_fixture("mixed");
}
