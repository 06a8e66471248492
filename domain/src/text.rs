//! Vietnamese text folding for search (DOMAIN.md §4).
//!
//! People type "khai sinh" for "khai sinh", "dang ky" for "đăng ký", and sometimes half the accents.
//! Matching therefore happens on a folded form: lower case, canonical decomposition, combining
//! marks removed, and `đ` mapped to `d` by hand because it has no decomposition.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Unicode NFC, so that text typed on keyboards that decompose accents compares equal. In the
/// browser the engine's own normalisation does it, and the islands' bundle needs no tables.
pub fn nfc(raw: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(raw).normalize("NFC"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        raw.nfc().collect()
    }
}

/// Folds text for matching: `"Đăng ký Nội trú"` → `"dang ky noi tru"`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The folded words of a text, in order: the unit both search engines index and match.
pub fn words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// The folded words joined by single spaces: what is stored in the search columns, so that both
/// engines tokenise exactly the same string.
pub fn search_text(text: &str) -> String {
    words(text).join(" ")
}

/// A query as the user typed it, parsed once: its folded words (each matched as a word prefix)
/// and, when it looks like a procedure code, that code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchQuery {
    pub words: Vec<String>,
    pub code: Option<String>,
}

/// The most words a query keeps; more only slows the search without narrowing it usefully.
const MAX_QUERY_WORDS: usize = 12;

impl SearchQuery {
    pub fn parse(raw: &str) -> Self {
        let trimmed = raw.trim();
        let code = looks_like_code(trimmed).then(|| trimmed.to_owned());
        let mut words = words(trimmed);
        words.truncate(MAX_QUERY_WORDS);
        SearchQuery { words, code }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.code.is_none()
    }
}

/// National codes are `1.001193`; local instances add segments such as `.000.00.00.H01`;
/// procedures a province numbers itself carry its prefix (`HN.0042`).
fn looks_like_code(s: &str) -> bool {
    let mut parts = s.split('.');
    let first = parts.next().unwrap_or_default();
    let second = parts.next().unwrap_or_default();
    !first.is_empty()
        && first.len() <= 4
        && (first.chars().all(|c| c.is_ascii_digit()) || first.chars().all(|c| c.is_ascii_uppercase()))
        && second.len() >= 3
        && second.chars().all(|c| c.is_ascii_digit())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A piece of a text, marked when it is a word the query matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

/// Splits `text` into segments, marking each word whose folded form starts with one of the
/// query's words, so a result list can show why it matched.
pub fn highlight(text: &str, query_words: &[String]) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut push = |piece: &str, hit: bool| match segments.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(piece),
        _ => segments.push(Segment { text: piece.to_owned(), hit }),
    };
    let mut rest = text;
    while let Some(start) = rest.find(is_word_char) {
        push(&rest[..start], false);
        let word_len = rest[start..].find(|c: char| !is_word_char(c)).unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        let folded = fold(word);
        let hit = query_words.iter().any(|q| folded.starts_with(q.as_str()));
        push(word, hit);
        rest = &rest[start + word_len..];
    }
    push(rest, false);
    segments.retain(|s| !s.text.is_empty());
    segments
}

/// A URL slug: folded words joined by hyphens (`"Sở Tư pháp"` → `"so-tu-phap"`).
pub fn slug(text: &str) -> String {
    words(text).join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_d_with_stroke_in_both_cases() {
        assert_eq!(fold("Đăng ký đất đai"), "dang ky dat dai");
    }

    #[test]
    fn folds_letters_with_two_marks() {
        // "ộ" carries a circumflex and a dot below; "ễ" a circumflex and a tilde.
        assert_eq!(fold("Nội trú, Tiễn"), "noi tru, tien");
        assert_eq!(fold("NGƯỜI"), "nguoi");
    }

    #[test]
    fn folds_decomposed_input_like_composed() {
        let composed = "Hộ tịch";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed, decomposed);
        assert_eq!(fold(&decomposed), fold(composed));
        assert_eq!(fold(&decomposed), "ho tich");
    }

    #[test]
    fn partly_accented_query_folds_like_the_unaccented_one() {
        assert_eq!(words("đăng ky khai sinh"), words("dang ký khai sinh"));
    }

    #[test]
    fn words_split_on_punctuation() {
        assert_eq!(words("Cấp phiếu lý lịch tư pháp (số 1)"), ["cap", "phieu", "ly", "lich", "tu", "phap", "so", "1"]);
    }

    #[test]
    fn recognises_national_and_local_codes() {
        assert_eq!(SearchQuery::parse(" 1.001193 ").code.as_deref(), Some("1.001193"));
        assert!(SearchQuery::parse("1.001612.000.00.00.H01").code.is_some());
        assert!(SearchQuery::parse("khai sinh").code.is_none());
        assert!(SearchQuery::parse("2024").code.is_none());
        assert!(SearchQuery::parse("HN.0042").code.is_some());
        assert!(SearchQuery::parse("so.1234").code.is_none());
    }

    #[test]
    fn highlights_words_matching_a_prefix_without_accents() {
        let segments = highlight("Đăng ký khai sinh", &words("khai si"));
        assert_eq!(
            segments,
            vec![
                Segment { text: "Đăng ký ".into(), hit: false },
                Segment { text: "khai".into(), hit: true },
                Segment { text: " ".into(), hit: false },
                Segment { text: "sinh".into(), hit: true },
            ]
        );
    }

    #[test]
    fn highlight_keeps_every_character() {
        let text = "Cấp bản sao trích lục (hộ tịch) – lần 2";
        let joined: String = highlight(text, &words("ho tich")).into_iter().map(|s| s.text).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn slugs_have_no_accents() {
        assert_eq!(slug("Sở Tư pháp tỉnh Đồng Nai"), "so-tu-phap-tinh-dong-nai");
    }
}
