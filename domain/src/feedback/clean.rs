//! What typed text is made into before any rule reads it: one line or several in NFC, without
//! control characters; a phone number in national form; an e-mail address with its domain in
//! lower case.

/// Characters no text field takes: controls (but tab and line ends), and U+FFFD, which stands
/// for bytes that were not text.
fn unusable(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFD}'
}

/// One line of text: Unicode NFC (so decomposed input from some keyboards compares equal),
/// trimmed, inner runs of white space made one space. `None` if it holds control characters.
pub fn clean_line(raw: &str) -> Option<String> {
    let text = crate::text::nfc(raw);
    if text.chars().any(unusable) {
        return None;
    }
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Several lines: NFC, line ends made `\n`, trailing spaces and surrounding blank lines dropped.
pub fn clean_text(raw: &str) -> Option<String> {
    let text = crate::text::nfc(raw).replace("\r\n", "\n").replace('\r', "\n");
    if text.chars().any(unusable) {
        return None;
    }
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    Some(lines.join("\n").trim_matches('\n').trim_start_matches([' ', '\t']).to_owned())
}

/// A Vietnamese phone number in national form, or `None`. Accepts spaces, dots, dashes and
/// brackets between digits, and the `+84` / `84` country prefix.
pub fn normalise_phone(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if !rest.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')')) {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let national = if plus || (digits.starts_with("84") && digits.len() >= 11) {
        format!("0{}", digits.strip_prefix("84")?)
    } else {
        digits
    };
    (national.starts_with('0') && !national.starts_with("00") && (10..=11).contains(&national.len()))
        .then_some(national)
}

/// An e-mail address with its domain in lower case, or `None` when it is not one.
pub fn normalise_email(raw: &str) -> Option<String> {
    let email = raw.trim();
    let (local, domain) = email.rsplit_once('@')?;
    let printable =
        |s: &str| s.chars().all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '"'));
    let labels_ok = domain.split('.').count() >= 2
        && domain.split('.').all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    (!local.is_empty() && local.len() <= 64 && !local.contains('@') && printable(local) && labels_ok)
        .then(|| format!("{local}@{}", domain.to_ascii_lowercase()))
}
