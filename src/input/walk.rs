//! Expanding the paths the user named into inputs.

use super::InputRef;
use std::path::Path;

/// Extensions read when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Expands paths: `-` is stdin, a file is itself, a directory is walked recursively for
/// files with a known extension, in a stable (sorted) order.
pub fn expand(paths: &[String]) -> Result<Vec<InputRef>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(InputRef::Stdin);
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(path)
                .require_git(false)
                .sort_by_file_path(|a, b| a.cmp(b))
                .build()
            {
                let entry = entry.map_err(|e| e.to_string())?;
                if entry.file_type().is_some_and(|t| t.is_file())
                    && entry
                        .path()
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
                {
                    found.push(InputRef::File(entry.into_path()));
                }
            }
            out.extend(found);
        } else {
            out.push(InputRef::File(path.to_path_buf()));
        }
    }
    Ok(out)
}
