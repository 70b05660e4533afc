//! Search text. Words are stemmed here, in Rust (Russian Snowball for Cyrillic words, English
//! otherwise), so SQLite's FTS5 and PostgreSQL's tsvector index and query the same stems, a
//! search in either language finds other word forms, and matches are highlighted the same way
//! on both backends.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// Words too common to tell texts apart; left out of the index and of queries.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of",
    "on", "or", "the", "to", "with", "и", "в", "во", "на", "с", "со", "к", "по", "о", "об", "от",
    "до", "за", "из", "у", "а", "но", "же", "ли", "не", "для", "как", "что", "это",
];

/// At most this many words of a query count.
pub const QUERY_WORDS_MAX: usize = 8;

/// The byte ranges of the words in `text`: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some((s, i));
                }
                _ => {}
            }
        }
        None
    })
}

/// The stem of one word, lower case, with ё read as е; `None` for a stop word.
pub fn stem(word: &str) -> Option<String> {
    let lower = word.to_lowercase().replace('ё', "е");
    if STOP_WORDS.contains(&lower.as_str()) {
        return None;
    }
    let cyrillic = lower
        .chars()
        .any(|c| ('\u{0400}'..='\u{04ff}').contains(&c));
    let stemmer = if cyrillic { &*RUSSIAN } else { &*ENGLISH };
    Some(stemmer.stem(&lower).into_owned())
}

/// The stems of every word of `parts`, joined by spaces: what the index holds.
pub fn index_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        for (s, e) in words(part) {
            if let Some(st) = stem(&part[s..e]) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&st);
            }
        }
    }
    out
}

/// A parsed search: the stems every match must hold. The last word also matches as a
/// prefix, so a half-typed word already finds something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    stems: Vec<String>,
    prefix: bool,
}

/// A piece of a text to show, marked when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

impl Query {
    /// `None` when the text holds no word worth searching for.
    pub fn parse(text: &str) -> Option<Self> {
        let mut stems: Vec<String> = Vec::new();
        for (s, e) in words(text) {
            if let Some(st) = stem(&text[s..e])
                && !stems.contains(&st)
            {
                stems.push(st);
            }
            if stems.len() == QUERY_WORDS_MAX {
                break;
            }
        }
        let prefix = text.chars().last().is_some_and(char::is_alphanumeric);
        (!stems.is_empty()).then_some(Self { stems, prefix })
    }

    pub fn stems(&self) -> &[String] {
        &self.stems
    }

    /// Whether the last word also matches as a prefix.
    pub fn is_prefix(&self) -> bool {
        self.prefix
    }

    /// The same query with the last word matching whole words only. A search uses it when
    /// some text holds the last word whole: the word was typed out, and a prefix search over
    /// a frequent word would cost much and add little.
    pub fn whole_words(&self) -> Self {
        Self {
            stems: self.stems.clone(),
            prefix: false,
        }
    }

    /// The last word alone, matched whole.
    pub fn last_word(&self) -> Self {
        Self {
            stems: self.stems.last().cloned().into_iter().collect(),
            prefix: false,
        }
    }

    /// The FTS5 MATCH expression. Stems hold only letters and digits, so quoting is enough.
    pub fn fts5(&self) -> String {
        self.terms(|s, last| {
            if last {
                format!("\"{s}\"*")
            } else {
                format!("\"{s}\"")
            }
        })
        .join(" AND ")
    }

    /// The FTS5 MATCH expression for methods holding every word in their title.
    pub fn fts5_title(&self) -> String {
        format!("{{search_title}} : ({})", self.fts5())
    }

    /// The FTS5 MATCH expression for the other matches: not every word in the title.
    pub fn fts5_rest(&self) -> String {
        format!("({}) NOT {}", self.fts5(), self.fts5_title())
    }

    /// The `to_tsquery('simple', …)` expression.
    pub fn tsquery(&self) -> String {
        self.terms(|s, last| {
            if last {
                format!("'{s}':*")
            } else {
                format!("'{s}'")
            }
        })
        .join(" & ")
    }

    fn terms(&self, f: impl Fn(&str, bool) -> String) -> Vec<String> {
        let n = self.stems.len();
        self.stems
            .iter()
            .enumerate()
            .map(|(i, s)| f(s, self.prefix && i + 1 == n))
            .collect()
    }

    /// Whether a stem of the text matches one of the query.
    pub fn matches(&self, stem: &str) -> bool {
        let n = self.stems.len();
        self.stems
            .iter()
            .enumerate()
            .any(|(i, q)| stem == q || (self.prefix && i + 1 == n && stem.starts_with(q.as_str())))
    }

    /// `text` cut into pieces, the words that match marked.
    pub fn highlight(&self, text: &str) -> Vec<Segment> {
        let mut out = Vec::new();
        let mut last = 0;
        for (s, e) in words(text) {
            if stem(&text[s..e]).is_some_and(|st| self.matches(&st)) {
                if s > last {
                    out.push(Segment {
                        text: text[last..s].to_owned(),
                        hit: false,
                    });
                }
                out.push(Segment {
                    text: text[s..e].to_owned(),
                    hit: true,
                });
                last = e;
            }
        }
        if last < text.len() || out.is_empty() {
            out.push(Segment {
                text: text[last..].to_owned(),
                hit: false,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_word_forms_share_a_stem() {
        assert_eq!(stem("ретроспектива"), stem("ретроспективы"));
        assert_eq!(stem("ретроспективу"), stem("ретроспективой"));
        assert_eq!(stem("Ёлка"), stem("елки"));
    }

    #[test]
    fn english_word_forms_share_a_stem() {
        assert_eq!(stem("voting"), stem("votes"));
        assert_eq!(stem("Prioritising"), stem("prioritise"));
    }

    #[test]
    fn stop_words_are_left_out_of_the_index_and_queries() {
        assert_eq!(index_text(["The art of voting"]), "art vote");
        assert!(Query::parse("the and of").is_none());
        assert!(Query::parse("  ,.; ").is_none());
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_in_any_script() {
        let t = "1-2-4-All: мозговой штурм!";
        let w: Vec<&str> = words(t).map(|(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["1", "2", "4", "All", "мозговой", "штурм"]);
    }

    #[test]
    fn a_query_becomes_quoted_stems_with_the_last_word_as_a_prefix() {
        let q = Query::parse("Dot votes").expect("words");
        assert_eq!(q.fts5(), "\"dot\" AND \"vote\"*");
        assert_eq!(q.tsquery(), "'dot' & 'vote':*");
        assert_eq!(
            q.fts5_rest(),
            "(\"dot\" AND \"vote\"*) NOT {search_title} : (\"dot\" AND \"vote\"*)"
        );
        let q = Query::parse("dot votes ").expect("words");
        assert_eq!(q.fts5(), "\"dot\" AND \"vote\"");
    }

    #[test]
    fn a_query_cannot_smuggle_fts_syntax() {
        let q = Query::parse("\"a\" OR NEAR(x y) *").expect("words");
        assert!(
            q.stems()
                .iter()
                .all(|s| s.chars().all(char::is_alphanumeric))
        );
    }

    #[test]
    fn highlighting_marks_other_forms_of_the_searched_word() {
        let q = Query::parse("ретроспективы").expect("words");
        let segs = q.highlight("Быстрая ретроспектива команды");
        let hits: Vec<&str> = segs
            .iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(hits, ["ретроспектива"]);
        let whole: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(whole, "Быстрая ретроспектива команды");
    }

    #[test]
    fn a_text_without_matches_is_one_plain_segment() {
        let q = Query::parse("zebra").expect("words");
        assert_eq!(
            q.highlight("Dot voting"),
            [Segment {
                text: "Dot voting".into(),
                hit: false
            }]
        );
    }
}
