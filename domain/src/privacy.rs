//! Finding personal data in text that is about to be made public: the submitter's own phone,
//! e-mail and name, and anything shaped like a phone number, an e-mail address or an identity
//! card number (Vietnamese shapes).
//!
//! A finding is reported with the text as it appears, so an official can find it, redact it or —
//! for a number that is not personal, such as an agency's hotline — confirm it, on the record.
//! What an official confirmed for a case is not reported again for that case.

use serde::{Deserialize, Serialize};

use crate::text::words;

/// What kind of personal data a finding looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// The submitter's own phone number, however it is spaced.
    SubmitterPhone,
    /// The submitter's own e-mail address.
    SubmitterEmail,
    /// The submitter's name, on a case whose submitter asked not to be named.
    SubmitterName,
    Phone,
    Email,
    /// A citizen identity card (12 digits) or an old identity card (9 digits) number.
    IdNumber,
}

impl Shape {
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::SubmitterPhone => "submitter_phone",
            Shape::SubmitterEmail => "submitter_email",
            Shape::SubmitterName => "submitter_name",
            Shape::Phone => "phone",
            Shape::Email => "email",
            Shape::IdNumber => "id_number",
        }
    }

    /// Whether an official may confirm it is not personal: a number or address of the right
    /// shape can be an agency's; the submitter's own details cannot.
    pub fn confirmable(self) -> bool {
        matches!(self, Shape::Phone | Shape::Email | Shape::IdNumber)
    }
}

/// Which public text a finding is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    Title,
    Content,
    Answer,
    /// The public sentence of a transfer.
    TransferNote,
}

impl Place {
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Title => "title",
            Place::Content => "content",
            Place::Answer => "answer",
            Place::TransferNote => "transfer_note",
        }
    }
}

/// Something in a public text that looks personal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub place: Place,
    pub shape: Shape,
    /// The text as it appears.
    pub found: String,
}

impl Finding {
    /// The key an official's confirmation is recorded under: the digits of a number, the
    /// lower-case address, so that "0243 825 1234" and "0243.825.1234" are one thing.
    pub fn key(&self) -> String {
        key_of(&self.found)
    }
}

/// The key of a confirmed text (see [`Finding::key`]).
pub fn key_of(found: &str) -> String {
    if found.contains('@') { found.trim().to_lowercase() } else { found.chars().filter(char::is_ascii_digit).collect() }
}

/// The submitter's details to look for.
#[derive(Clone, Debug, Default)]
pub struct Own<'a> {
    /// As stored: digits, `0…` or `+84…`.
    pub phone: &'a str,
    pub email: Option<&'a str>,
    /// Only when the submitter asked not to be named.
    pub hidden_name: Option<&'a str>,
}

/// Everything in `text` that looks personal, in order of appearance.
pub fn scan(place: Place, text: &str, own: &Own<'_>) -> Vec<Finding> {
    let mut found: Vec<Finding> = Vec::new();
    let push = |found: &mut Vec<Finding>, shape, text: &str| {
        let finding = Finding { place, shape, found: text.to_owned() };
        if !found.contains(&finding) {
            found.push(finding);
        }
    };
    let own_digits = national_digits(own.phone);
    for number in numbers(text) {
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let shape = if !own_digits.is_empty() && national_digits(&digits) == own_digits {
            Some(Shape::SubmitterPhone)
        } else {
            number_shape(&number, &digits)
        };
        if let Some(shape) = shape {
            push(&mut found, shape, number.trim());
        }
    }
    // The submitter's phone written in a way the number scan does not join (one digit a group).
    if own_digits.len() >= 9 {
        let all: String = text.chars().filter(char::is_ascii_digit).collect();
        if all.contains(&own_digits) && !found.iter().any(|f| f.shape == Shape::SubmitterPhone) {
            push(&mut found, Shape::SubmitterPhone, own.phone);
        }
    }
    for address in emails(text) {
        let own_email = own.email.is_some_and(|e| e.eq_ignore_ascii_case(address));
        push(&mut found, if own_email { Shape::SubmitterEmail } else { Shape::Email }, address);
    }
    if let Some(name) = own.hidden_name {
        let name_words = words(name);
        // A one-word name ("An") would be found in ordinary words: only full names are looked for.
        if name_words.len() >= 2 {
            let words = words(text);
            if words.windows(name_words.len()).any(|w| w == name_words.as_slice()) {
                push(&mut found, Shape::SubmitterName, name.trim());
            }
        }
    }
    found
}

/// A phone number's digits without the country or trunk prefix (`0912…`, `+84 912…` and
/// `84912…` are the same number), or empty when it is too short to be one.
fn national_digits(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let national = if let Some(rest) = digits.strip_prefix("84").filter(|r| r.len() >= 9) {
        rest
    } else {
        digits.strip_prefix('0').unwrap_or(&digits)
    };
    if national.len() >= 8 { national.to_owned() } else { String::new() }
}

/// Runs of digits as people write numbers: groups of digits joined by one space, dot, dash or
/// by brackets, optionally after `+`. Groups of more than four digits joined to others (a case
/// code's `20260105.0001`, a decision's date) are taken one by one.
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts =
            chars[i].is_ascii_digit() || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '/');
        if !starts || after_word {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                j += 1;
                end = j;
            } else {
                // One separator, or two such as ") " — then digits must follow.
                let gap = chars[j..].iter().take(2).take_while(|c| matches!(c, ' ' | '.' | '-' | '(' | ')')).count();
                if gap > 0 && chars.get(j + gap).is_some_and(char::is_ascii_digit) {
                    j += gap;
                } else {
                    break;
                }
            }
        }
        // A number that runs on into a word or a slash (`12/2024`, `3km`) is not a phone.
        let runs_on = chars.get(end).is_some_and(|c| c.is_alphabetic() || *c == '/');
        if !runs_on {
            let run: String = chars[start..end].iter().collect();
            let groups: Vec<&str> = run.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
            if groups.len() > 1 && groups.iter().any(|g| g.len() > 4) && !run.starts_with('+') {
                runs.extend(groups.into_iter().map(str::to_owned));
            } else {
                runs.push(run);
            }
        }
        i = end.max(i + 1);
    }
    runs
}

fn number_shape(written: &str, digits: &str) -> Option<Shape> {
    let single_group = written.chars().all(|c| c.is_ascii_digit());
    match digits.len() {
        // Mobile and landline numbers: 0 and 9 or 10 more digits, or the country code.
        10 | 11 if digits.starts_with('0') => Some(Shape::Phone),
        11 | 12 if digits.starts_with("84") && !single_group || written.starts_with('+') => Some(Shape::Phone),
        // A citizen identity card: a province code 001–096, then 9 digits.
        12 if digits.starts_with('0') => Some(Shape::IdNumber),
        // An old identity card: 9 digits written together.
        9 if single_group && !digits.starts_with('0') => Some(Shape::IdNumber),
        _ => None,
    }
}

/// E-mail addresses: a local part, `@`, a domain with a dot and a top-level name of letters.
fn emails(text: &str) -> Vec<&str> {
    let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start =
            text[..at].rfind(|c: char| !local(c)).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
        let end = text[at + 1..].find(|c: char| !domain(c)).map_or(text.len(), |i| at + 1 + i);
        let candidate = text[start..end].trim_end_matches('.');
        let Some((name, host)) = candidate.split_once('@') else { continue };
        let tld = host.rsplit('.').next().unwrap_or_default();
        if !name.is_empty() && host.contains('.') && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()) {
            found.push(candidate);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str, own: &Own<'_>) -> Vec<(Shape, String)> {
        scan(Place::Content, text, own).into_iter().map(|f| (f.shape, f.found)).collect()
    }

    #[test]
    fn phone_numbers_are_found_however_they_are_written() {
        let none = Own::default();
        for (text, number) in [
            ("Gọi tôi: 0912 345 678 nhé", "0912 345 678"),
            ("sđt 0912.345.678.", "0912.345.678"),
            ("liên hệ 0912-345-678", "0912-345-678"),
            ("(+84) 912 345 678", "+84) 912 345 678"),
            ("+84 912 345 678", "+84 912 345 678"),
            ("máy bàn 024 3825 1234", "024 3825 1234"),
            ("0912345678", "0912345678"),
        ] {
            assert_eq!(shapes(text, &none), [(Shape::Phone, number.to_owned())], "{text}");
        }
    }

    #[test]
    fn codes_dates_money_and_legal_numbers_are_not_personal() {
        let none = Own::default();
        for text in [
            "Hồ sơ PAKN.20260105.0001 đã nộp ngày 05/01/2026",
            "Thủ tục 1.001193 theo Nghị định 123/2015/NĐ-CP",
            "lệ phí 1.000.000 đồng, phạt 10.000.000.000 đồng",
            "Quyết định số 766/QĐ-TTg ngày 23/6/2022",
            "đường dây nóng 1900 1234, km 12",
            "số 12 phố Hàng Bạc, tầng 3",
        ] {
            assert_eq!(shapes(text, &none), [], "{text}");
        }
    }

    #[test]
    fn identity_numbers_and_addresses_are_found() {
        let none = Own::default();
        assert_eq!(shapes("CCCD 001203004567 cấp ngày", &none), [(Shape::IdNumber, "001203004567".into())]);
        assert_eq!(shapes("CMND số 123456789", &none), [(Shape::IdNumber, "123456789".into())]);
        assert_eq!(shapes("thư gửi (an.nguyen@example.vn).", &none), [(Shape::Email, "an.nguyen@example.vn".into())]);
        assert_eq!(shapes("không phải thư: @home, a@b, x@y.1", &none), []);
    }

    #[test]
    fn the_submitters_own_details_are_named_as_theirs() {
        let own = Own { phone: "0912345678", email: Some("an@example.vn"), hidden_name: Some("Nguyễn Văn An") };
        assert_eq!(
            shapes("Tôi là nguyen van an, số +84 912 345 678, thư AN@example.vn", &own),
            [
                (Shape::SubmitterPhone, "+84 912 345 678".into()),
                (Shape::SubmitterEmail, "AN@example.vn".into()),
                (Shape::SubmitterName, "Nguyễn Văn An".into())
            ]
        );
        assert_eq!(shapes("số 0 9 1 2 3 4 5 6 7 8", &own), [(Shape::SubmitterPhone, "0 9 1 2 3 4 5 6 7 8".into())]);
        assert_eq!(shapes("số 09/12/34/56/78", &own), [(Shape::SubmitterPhone, "0912345678".into())]);
        let shown = Own { hidden_name: None, ..own.clone() };
        assert_eq!(shapes("Nguyễn Văn An đề nghị", &shown), [], "a submitter who chose to be named");
        let one_word = Own { hidden_name: Some("An"), ..Own::default() };
        assert_eq!(shapes("An toàn giao thông", &one_word), []);
    }

    #[test]
    fn confirmations_are_keyed_by_digits_or_address() {
        let a = Finding { place: Place::Answer, shape: Shape::Phone, found: "0243 825 1234".into() };
        assert_eq!(a.key(), key_of("0243.825.1234"));
        assert_eq!(key_of(" Hotline@Example.vn "), "hotline@example.vn");
    }
}
