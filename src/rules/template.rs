//! Message templates ("{claimed} does not follow from {total}") and figure formatting.

/// The `{field}` names a template uses.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

/// Checks that a template only uses fields the kind fills.
pub fn check(template: &str, fields: &[&str]) -> Result<(), String> {
    for p in placeholders(template) {
        if !fields.contains(&p) {
            return Err(format!(
                "the message uses {{{p}}}, which this kind does not fill (it fills: {})",
                fields.join(", ")
            ));
        }
    }
    Ok(())
}

/// Fills a template; a field with no value is left as written.
pub fn render(template: &str, fields: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match fields.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `v` with exactly `decimals` decimals and thousands separators ("29,032", "-4.5").
pub fn fixed(v: f64, decimals: u32) -> String {
    let s = format!("{:.*}", decimals as usize, v);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A figure for a message: thousands separators, about four significant digits, no
/// trailing zeros (2711.4 → "2,711"; 0.0345 → "0.0345"; 85500000000 → "85,500,000,000").
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return if v > 0.0 { "∞".into() } else { "-∞".into() };
    }
    let sig = 4;
    let mag = if v == 0.0 {
        0
    } else {
        v.abs().log10().floor() as i32
    };
    let decimals = (sig - 1 - mag).clamp(0, 6) as u32;
    let s = fixed(v, decimals);
    match s.split_once('.') {
        Some((int, frac)) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            }
        }
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_checks() {
        let t = "{claimed} vs {derived}";
        assert_eq!(placeholders(t), vec!["claimed", "derived"]);
        assert!(check(t, &["claimed", "derived"]).is_ok());
        assert!(check(t, &["claimed"]).unwrap_err().contains("{derived}"));
        assert_eq!(
            render(t, &[("claimed", "a".into()), ("derived", "b".into())]),
            "a vs b"
        );
        assert_eq!(render("{x} {y", &[("x", "1".into())]), "1 {y");
    }

    #[test]
    fn numbers() {
        assert_eq!(number(2711.4), "2,711");
        assert_eq!(number(85.5e9), "85,500,000,000");
        assert_eq!(number(0.0345), "0.0345");
        assert_eq!(number(33.333), "33.33");
        assert_eq!(number(-4.5), "-4.5");
        assert_eq!(number(120.0), "120");
    }
}
