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

/// Words people use for the same kind of activity, in English and Russian: a query word of a
/// group also finds the others. Phrases count as one word when typed together.
const SYNONYMS: &[&[&str]] = &[
    &[
        "icebreaker",
        "ice breaker",
        "warm-up",
        "warmup",
        "energizer",
        "energiser",
        "разминка",
        "ледокол",
        "энерджайзер",
        "разогрев",
    ],
    &["check-in", "checkin", "чек-ин", "чекин"],
    &["retrospective", "retro", "ретроспектива", "ретро"],
    &[
        "brainstorm",
        "brainstorming",
        "ideation",
        "брейншторм",
        "мозговой штурм",
        "генерация идей",
    ],
    &[
        "prioritisation",
        "prioritization",
        "prioritise",
        "prioritize",
        "приоритизация",
    ],
    &["decision making", "decide", "принятие решений"],
    &["vote", "voting", "poll", "голосование"],
    &[
        "closing",
        "check-out",
        "checkout",
        "wrap-up",
        "завершение",
        "закрытие",
    ],
    &["feedback", "обратная связь", "фидбек", "фидбэк"],
    &[
        "team building",
        "teambuilding",
        "командообразование",
        "тимбилдинг",
    ],
    &["reflection", "рефлексия"],
];

/// The words of each default category's name in both languages: a method is indexed with
/// them, so a search finds it by its category in either language.
pub const CATEGORY_WORDS: &[(&str, &str)] = &[
    ("check-in", "Check-in Чек-ин"),
    ("icebreaker", "Icebreaker Разминка знакомство"),
    ("energizer", "Energizer Энерджайзер"),
    ("ideation", "Ideation Генерация идей"),
    ("prioritisation", "Prioritisation Приоритизация"),
    ("decision-making", "Decision making Принятие решений"),
    ("planning", "Planning Планирование"),
    ("reflection", "Reflection Рефлексия"),
    ("retrospective", "Retrospective Ретроспектива"),
    ("team-building", "Team building Командообразование"),
    ("feedback", "Feedback Обратная связь"),
    ("closing", "Closing Завершение"),
];

/// The words a category adds to a method's index: its names, for a default category.
pub fn category_words(key: &str) -> &str {
    CATEGORY_WORDS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, words)| words)
}

/// The synonym groups as phrases of stems.
static SYNONYM_STEMS: LazyLock<Vec<Vec<Vec<String>>>> = LazyLock::new(|| {
    SYNONYMS
        .iter()
        .map(|group| {
            let mut phrases: Vec<Vec<String>> = Vec::new();
            for word in *group {
                let phrase: Vec<String> =
                    words(word).filter_map(|(s, e)| stem(&word[s..e])).collect();
                if !phrase.is_empty() && !phrases.contains(&phrase) {
                    phrases.push(phrase);
                }
            }
            phrases
        })
        .collect()
});

/// One term of a query: what was typed (a word, or a phrase that is a synonym) and the other
/// ways to say it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    words: Vec<String>,
    others: Vec<Vec<String>>,
}

/// The terms of a run of stems: each word alone, unless it starts a synonym phrase.
fn terms_of(stems: &[String]) -> Vec<Term> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < stems.len() {
        let found = SYNONYM_STEMS
            .iter()
            .flat_map(|group| group.iter().map(move |phrase| (group, phrase)))
            .filter(|(_, phrase)| stems[i..].starts_with(phrase))
            .max_by_key(|(_, phrase)| phrase.len());
        match found {
            Some((group, phrase)) => {
                out.push(Term {
                    words: phrase.clone(),
                    others: group.iter().filter(|p| *p != phrase).cloned().collect(),
                });
                i += phrase.len();
            }
            None => {
                out.push(Term {
                    words: vec![stems[i].clone()],
                    others: Vec::new(),
                });
                i += 1;
            }
        }
    }
    out
}

/// A parsed search: the terms every match must hold, each a word or one of its synonyms. The
/// last word also matches as a prefix, so a half-typed word already finds something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    stems: Vec<String>,
    prefix: bool,
    terms: Vec<Term>,
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
        (!stems.is_empty()).then(|| Self::of(stems, prefix))
    }

    fn of(stems: Vec<String>, prefix: bool) -> Self {
        let terms = terms_of(&stems);
        Self {
            stems,
            prefix,
            terms,
        }
    }

    /// The stems of the words as typed.
    pub fn stems(&self) -> &[String] {
        &self.stems
    }

    /// Whether the last word also matches as a prefix.
    pub fn is_prefix(&self) -> bool {
        self.prefix
    }

    /// Whether a word of the query is written in Cyrillic (`true`) or in Latin (`false`)
    /// letters: a query in another script than the reader's language searches that
    /// language too.
    pub fn has_script(&self, cyrillic: bool) -> bool {
        self.stems.iter().any(|s| {
            s.chars().any(|c| {
                if cyrillic {
                    ('\u{0400}'..='\u{04ff}').contains(&c)
                } else {
                    c.is_ascii_alphabetic()
                }
            })
        })
    }

    /// The same query with the last word matching whole words only. A search uses it when
    /// some text holds the last word whole: the word was typed out, and a prefix search over
    /// a frequent word would cost much and add little.
    pub fn whole_words(&self) -> Self {
        Self {
            prefix: false,
            ..self.clone()
        }
    }

    /// The last word alone, matched whole.
    pub fn last_word(&self) -> Self {
        Self::of(self.stems.last().cloned().into_iter().collect(), false)
    }

    /// Whether the last term is a word that matches as a prefix.
    fn prefix_term(&self, i: usize) -> bool {
        self.prefix
            && i + 1 == self.terms.len()
            && self.terms[i].others.is_empty()
            && self.terms[i].words.len() == 1
    }

    /// Every term as `phrase` writes it, its synonyms joined by `or` and the terms by `and`:
    /// the shape both backends' expressions share.
    fn expression(
        &self,
        phrase: impl Fn(&[String], bool) -> String,
        or: &str,
        and: &str,
    ) -> String {
        self.terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let own = phrase(&t.words, self.prefix_term(i));
                if t.others.is_empty() {
                    own
                } else {
                    let all: Vec<String> = std::iter::once(own)
                        .chain(t.others.iter().map(|o| phrase(o, false)))
                        .collect();
                    format!("({})", all.join(or))
                }
            })
            .collect::<Vec<_>>()
            .join(and)
    }

    /// The FTS5 MATCH expression. Stems hold only letters and digits, so quoting is enough.
    pub fn fts5(&self) -> String {
        let phrase = |p: &[String], prefix: bool| {
            format!("\"{}\"{}", p.join(" "), if prefix { "*" } else { "" })
        };
        self.expression(phrase, " OR ", " AND ")
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
        let phrase = |p: &[String], prefix: bool| {
            let words: Vec<String> = p.iter().map(|s| format!("'{s}'")).collect();
            let joined = words.join(" <-> ");
            match (prefix, p.len()) {
                (true, _) => format!("{joined}:*"),
                (false, 1) => joined,
                (false, _) => format!("({joined})"),
            }
        };
        self.expression(phrase, " | ", " & ")
    }

    /// Whether a stem of the text matches one of the query (or a one-word synonym; the words
    /// of a synonym phrase mean little alone).
    pub fn matches(&self, stem: &str) -> bool {
        self.terms.iter().enumerate().any(|(i, t)| {
            t.words
                .iter()
                .chain(t.others.iter().filter(|o| o.len() == 1).flatten())
                .any(|q| q == stem)
                || (self.prefix_term(i) && stem.starts_with(t.words[0].as_str()))
        })
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
        let q = Query::parse("Dot walks").expect("words");
        assert_eq!(q.fts5(), "\"dot\" AND \"walk\"*");
        assert_eq!(q.tsquery(), "'dot' & 'walk':*");
        assert_eq!(
            q.fts5_rest(),
            "(\"dot\" AND \"walk\"*) NOT {search_title} : (\"dot\" AND \"walk\"*)"
        );
        let q = Query::parse("dot walks ").expect("words");
        assert_eq!(q.fts5(), "\"dot\" AND \"walk\"");
    }

    #[test]
    fn a_word_with_synonyms_matches_any_of_them() {
        let q = Query::parse("icebreaker ideas").expect("words");
        let fts = q.fts5();
        assert!(
            fts.starts_with("(\"icebreak\" OR ")
                && fts.contains("\"warm up\"")
                && fts.contains("\"разминк\"")
                && fts.ends_with(") AND \"idea\"*"),
            "{fts}"
        );
        let ts = q.tsquery();
        assert!(
            ts.contains("('warm' <-> 'up')") && ts.contains(" | 'ледокол'"),
            "{ts}"
        );
        assert!(q.matches(&stem("energizer").expect("a word")));
        assert!(!q.matches("up"), "a word of a synonym phrase alone");
        // A phrase typed whole is one term; its words are not required apart.
        let q = Query::parse("мозговой штурм").expect("words");
        assert!(
            q.fts5().starts_with("(\"мозгов штурм\" OR "),
            "{}",
            q.fts5()
        );
        assert!(q.fts5().contains("\"brainstorm\""));
    }

    #[test]
    fn a_query_knows_its_script() {
        let q = Query::parse("разминка").expect("words");
        assert!(q.has_script(true) && !q.has_script(false));
        let q = Query::parse("dot voting").expect("words");
        assert!(q.has_script(false) && !q.has_script(true));
    }

    #[test]
    fn every_category_has_its_words_in_both_languages() {
        for (key, words) in CATEGORY_WORDS {
            assert!(
                words.chars().any(|c| c.is_ascii_alphabetic())
                    && words
                        .chars()
                        .any(|c| ('\u{0400}'..='\u{04ff}').contains(&c)),
                "{key}"
            );
            assert_eq!(category_words(key), *words);
        }
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
