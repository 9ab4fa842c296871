//! Expanding the paths the user named into inputs.
//!
//! Nothing here aborts a run: a path that does not exist is kept as an input (loading it
//! reports the error), and what cannot be walked (an unreadable directory, a symbolic link
//! loop, a broken link) becomes an [`InputRef::Unreadable`] input, so the run's summary
//! accounts for it.

use super::InputRef;
use std::path::{Path, PathBuf};

/// Extensions read when walking a directory, also after a `.gz` (`a.jsonl.gz`).
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "xhtml", "jsonl", "ndjson", "warc",
];

/// Expands paths: `-` is stdin, a file (or anything not a directory, even a missing path) is
/// itself, a directory is walked recursively for files with a known extension, in a stable
/// (sorted) order. Hidden files are skipped and `.gitignore`/`.ignore` files are obeyed (in
/// or out of a Git repository); symbolic links are followed.
/// A file named more than once (`archive archive/a.txt`, `a.md a.md`) is an input once, at
/// its first place: its findings are not reported twice, nor its figures compared with
/// themselves. Never fails: walk errors are returned as inputs that fail to load.
pub fn expand(paths: &[String]) -> Vec<InputRef> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(InputRef::Stdin);
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            walk_dir(path, &mut out);
        } else {
            out.push(InputRef::File(path.to_path_buf()));
        }
    }
    if paths.len() > 1 {
        // (one path cannot name a file twice: a walk visits each path once)
        let mut seen = std::collections::HashSet::new();
        out.retain(|inp| match inp {
            InputRef::File(p) => seen.insert(p.clone()),
            _ => true,
        });
    }
    out
}

/// Whether a file name has one of the [`EXTENSIONS`], gzip-compressed or not.
pub fn has_known_extension(path: &Path) -> bool {
    super::compressed::inner_name(path)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn walk_dir(root: &Path, out: &mut Vec<InputRef>) {
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .hidden(true)
        .follow_links(true)
        // siblings share their parent: their names order them as their paths would, and
        // comparing names is cheaper than comparing paths component by component
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_some_and(|t| t.is_file())
                    && has_known_extension(entry.path())
                {
                    out.push(InputRef::File(entry.into_path()));
                }
            }
            Err(err) => {
                if let Some(input) = walk_error(root, &err) {
                    out.push(input);
                }
            }
        }
    }
}

/// The input that stands for a walk error, or `None` when the error cannot hide an input:
/// a bad pattern in an ignore file, or a broken link to a file we would not read anyway.
fn walk_error(root: &Path, err: &ignore::Error) -> Option<InputRef> {
    let (path, error) = describe(err);
    if path.is_none() && error.is_none() {
        return None;
    }
    let path = path.unwrap_or_else(|| root.to_path_buf());
    if path.extension().is_some() && !has_known_extension(&path) && !path.is_dir() {
        return None;
    }
    Some(InputRef::Unreadable {
        path,
        error: error.unwrap_or_else(|| err.to_string()),
    })
}

/// The path and message of a walk error; no message for ignore-file pattern errors.
fn describe(err: &ignore::Error) -> (Option<PathBuf>, Option<String>) {
    use ignore::Error as E;
    match err {
        E::WithDepth { err, .. } | E::WithLineNumber { err, .. } => describe(err),
        E::WithPath { path, err } => {
            let (inner, msg) = describe(err);
            match msg {
                Some(m) => (Some(inner.unwrap_or_else(|| path.clone())), Some(m)),
                None => (None, None),
            }
        }
        E::Loop { ancestor, child } => (
            Some(child.clone()),
            Some(format!(
                "symbolic link loop: {} leads back to {}",
                child.display(),
                ancestor.display()
            )),
        ),
        E::Io(e) => (None, Some(e.to_string())),
        E::Partial(errs) => errs
            .iter()
            .map(describe)
            .find(|(_, m)| m.is_some())
            .unwrap_or((None, None)),
        E::Glob { .. } | E::UnrecognizedFileType(_) | E::InvalidDefinition => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("factlint-walk-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn walks_sorted_known_visible_files() {
        let d = tmp("sorted");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::create_dir_all(d.join(".hidden")).unwrap();
        for f in [
            "b.txt",
            "a.md",
            "sub/c.markdown",
            "sub/d.TXT",
            "e.html",
            "f.png",
            "g.jsonl.gz",
            "h.gz",
            "i.warc.gz",
            "j.tar.gz",
            ".f.txt",
            ".hidden/g.txt",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let got = expand(&[d.display().to_string(), "-".into(), "nope.txt".into()]);
        let want = vec![
            InputRef::File(d.join("a.md")),
            InputRef::File(d.join("b.txt")),
            InputRef::File(d.join("e.html")),
            InputRef::File(d.join("g.jsonl.gz")),
            InputRef::File(d.join("i.warc.gz")),
            InputRef::File(d.join("sub/c.markdown")),
            InputRef::File(d.join("sub/d.TXT")),
            InputRef::Stdin,
            InputRef::File(PathBuf::from("nope.txt")),
        ];
        assert_eq!(got, want);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_file_named_twice_is_one_input_at_its_first_place() {
        let d = tmp("twice");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        for f in ["a.txt", "sub/b.txt"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let (a, b) = (d.join("a.txt"), d.join("sub/b.txt"));
        let s = |p: &Path| p.display().to_string();
        let got = expand(&[s(&b), s(&d), s(&a), s(&b), "-".into(), "-".into()]);
        assert_eq!(
            got,
            [
                InputRef::File(b.clone()),
                InputRef::File(a),
                InputRef::Stdin,
                InputRef::Stdin
            ]
        );
        let _ = std::fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_and_broken_links_are_inputs() {
        let d = tmp("loop");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&d, d.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(d.join("missing.txt"), d.join("broken.txt")).unwrap();
        std::os::unix::fs::symlink(d.join("missing.png"), d.join("broken.png")).unwrap();
        let got = expand(&[d.display().to_string()]);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            matches!(&got[0], InputRef::Unreadable { path, error } if path == &d.join("broken.txt") && error.contains("No such file")),
            "{got:?}"
        );
        assert_eq!(got[1], InputRef::File(d.join("sub/a.txt")));
        assert!(
            matches!(&got[2], InputRef::Unreadable { path, error } if path == &d.join("sub/loop") && error.contains("loop")),
            "{got:?}"
        );
        let _ = std::fs::remove_dir_all(&d);
    }
}
