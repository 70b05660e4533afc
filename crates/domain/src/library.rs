//! Libraries of methods and designs (session templates): their fields parsed into valid
//! values, where they live (scope) and how far along the way to the public library they are.

use crate::session::{
    BlockKind, DEFAULT_CATEGORIES, GroupFormat, MINUTES_MAX, Material, NAME_MAX, OpError,
    TITLE_MAX, line, text,
};
use crate::{Locale, MethodId};
use jiff::civil::Time;
use serde::{Deserialize, Serialize};

/// Characters in a summary.
pub const SUMMARY_MAX: usize = 2000;
/// Characters in one step, tip or variation.
pub const STEP_MAX: usize = 2000;
/// Entries in a method's lists (steps, goals, tips, variations, tags, materials).
pub const METHOD_LIST_MAX: usize = 40;
/// People in a group.
pub const GROUP_MAX: u32 = 10_000;
/// Blocks in one design.
pub const TEMPLATE_BLOCKS_MAX: usize = crate::session::MAX_BLOCKS;

/// Whether `key` is one of the fixed taxonomy's categories.
pub fn is_taxonomy(key: &str) -> bool {
    DEFAULT_CATEGORIES.iter().any(|(k, _)| *k == key)
}

/// Whether `name` can name a bundled illustration (`some-name.svg`).
pub fn is_illustration(name: &str) -> bool {
    name.strip_suffix(".svg").is_some_and(|stem| {
        !stem.is_empty()
            && stem.len() <= 80
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    })
}

/// How much practice a method asks of its facilitator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Complexity {
    #[default]
    Easy,
    Medium,
    Advanced,
}

impl Complexity {
    pub const ALL: [Complexity; 3] = [Self::Easy, Self::Medium, Self::Advanced];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Easy => "easy",
            Self::Medium => "medium",
            Self::Advanced => "advanced",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Where a method or design lives: who may see and change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The public library: starter content and approved publications. Nobody edits the
    /// starter content; an approved publication stays its author's to change.
    Public,
    /// A team workspace's library: its members see and change it.
    Workspace,
    /// One person's library.
    Personal,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Self::Public, Self::Workspace, Self::Personal];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Workspace => "workspace",
            Self::Personal => "personal",
        }
    }
}

/// How far a method or design is on its way to the public library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Publication {
    /// Seen only in its own scope.
    #[default]
    Private,
    /// Waiting for an administrator's review.
    Pending,
    /// In the public library.
    Published,
    /// Refused, with a reason.
    Rejected,
}

impl Publication {
    pub const ALL: [Publication; 4] = [
        Self::Private,
        Self::Pending,
        Self::Published,
        Self::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Private => "private",
            Self::Pending => "pending",
            Self::Published => "published",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A refused method or design: which field and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {error}")]
pub struct FieldProblem {
    pub field: &'static str,
    pub error: OpError,
}

fn at<T>(field: &'static str, r: Result<T, OpError>) -> Result<T, FieldProblem> {
    r.map_err(|error| FieldProblem { field, error })
}

/// A title: one line, not empty.
fn title(text: &str) -> Result<String, FieldProblem> {
    let t = at("title", line(text, TITLE_MAX))?;
    if t.is_empty() {
        return Err(FieldProblem {
            field: "title",
            error: OpError::InvalidValue,
        });
    }
    Ok(t)
}

fn lines(
    field: &'static str,
    items: Vec<String>,
    max_each: usize,
) -> Result<Vec<String>, FieldProblem> {
    if items.len() > METHOD_LIST_MAX {
        return Err(FieldProblem {
            field,
            error: OpError::ListTooLong,
        });
    }
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        let l = at(field, line(&i, max_each))?;
        if !l.is_empty() {
            out.push(l);
        }
    }
    Ok(out)
}

/// Everything a method says, as a person or the starter library wrote it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodFields {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// A bundled illustration, such as `dot-voting.svg`.
    #[serde(default)]
    pub image: Option<String>,
    pub duration_min: u32,
    pub duration_max: u32,
    pub group_min: u32,
    pub group_max: u32,
    /// Keys of the fixed taxonomy.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Free tags of the workspace.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub steps: Vec<String>,
    #[serde(default)]
    pub materials: Vec<Material>,
    #[serde(default)]
    pub tips: Vec<String>,
    #[serde(default)]
    pub variations: Vec<String>,
    pub in_person: bool,
    pub online: bool,
    #[serde(default)]
    pub complexity: Complexity,
    pub language: Locale,
    #[serde(default)]
    pub attribution: String,
    #[serde(default)]
    pub source_url: String,
    #[serde(default)]
    pub licence: String,
}

impl MethodFields {
    /// The fields checked and normalised, or the first field that is wrong.
    pub fn validate(self) -> Result<Self, FieldProblem> {
        let title = title(&self.title)?;
        let range = |field, min: u32, max: u32, top: u32| {
            if min == 0 || min > max || max > top {
                Err(FieldProblem {
                    field,
                    error: OpError::InvalidValue,
                })
            } else {
                Ok(())
            }
        };
        range(
            "duration",
            self.duration_min,
            self.duration_max,
            MINUTES_MAX,
        )?;
        range("group", self.group_min, self.group_max, GROUP_MAX)?;
        if let Some(img) = &self.image
            && !is_illustration(img)
        {
            return Err(FieldProblem {
                field: "image",
                error: OpError::InvalidValue,
            });
        }
        let mut categories: Vec<String> = Vec::new();
        for c in self.categories {
            if !is_taxonomy(&c) {
                return Err(FieldProblem {
                    field: "categories",
                    error: OpError::InvalidValue,
                });
            }
            if !categories.contains(&c) {
                categories.push(c);
            }
        }
        let source_url = at("source_url", line(&self.source_url, 500))?;
        if !source_url.is_empty()
            && (!(source_url.starts_with("https://") || source_url.starts_with("http://"))
                || source_url.contains(char::is_whitespace))
        {
            return Err(FieldProblem {
                field: "source_url",
                error: OpError::InvalidValue,
            });
        }
        if self.materials.len() > METHOD_LIST_MAX {
            return Err(FieldProblem {
                field: "materials",
                error: OpError::ListTooLong,
            });
        }
        let mut materials = Vec::new();
        for m in self.materials {
            let name = at("materials", line(&m.name, TITLE_MAX))?;
            if !name.is_empty() {
                materials.push(Material {
                    name,
                    quantity: m.quantity,
                });
            }
        }
        Ok(Self {
            title,
            summary: at("summary", text(self.summary.trim(), SUMMARY_MAX))?,
            image: self.image,
            categories,
            tags: lines("tags", self.tags, NAME_MAX)?,
            goals: lines("goals", self.goals, STEP_MAX)?,
            steps: lines("steps", self.steps, STEP_MAX)?,
            materials,
            tips: lines("tips", self.tips, STEP_MAX)?,
            variations: lines("variations", self.variations, STEP_MAX)?,
            attribution: at("attribution", line(&self.attribution, 300))?,
            source_url,
            licence: at("licence", line(&self.licence, NAME_MAX))?,
            ..self
        })
    }

    /// What the search index holds for it: title, summary, steps, goals, tags.
    pub fn search_text(&self) -> (String, String) {
        let title = crate::search::index_text([self.title.as_str()]);
        // Tags and categories are words people search for too; a default category's
        // names in both languages.
        let body = crate::search::index_text(
            std::iter::once(self.summary.as_str())
                .chain(self.steps.iter().map(String::as_str))
                .chain(self.goals.iter().map(String::as_str))
                .chain(self.tags.iter().map(String::as_str))
                .chain(
                    self.categories
                        .iter()
                        .map(|c| crate::search::category_words(c)),
                ),
        );
        (title, body)
    }
}

/// One block of a design: a session's block without its dates, people and comments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateBlock {
    pub kind: BlockKind,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub minutes: u32,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub group_format: Option<GroupFormat>,
    #[serde(default)]
    pub materials: Vec<Material>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub notes: String,
    /// The method the block was taken from.
    #[serde(default)]
    pub method: Option<MethodId>,
    #[serde(default)]
    pub illustration: Option<String>,
    /// For a `day` block: its start time (its date is chosen when a session starts from it).
    #[serde(default)]
    pub day_start: Option<Time>,
}

/// Everything a design says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateFields {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub goals: Vec<String>,
    pub language: Locale,
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub licence: String,
    pub blocks: Vec<TemplateBlock>,
}

impl TemplateFields {
    /// The fields checked, or the first field that is wrong.
    pub fn validate(self) -> Result<Self, FieldProblem> {
        let title = title(&self.title)?;
        if self.blocks.len() > TEMPLATE_BLOCKS_MAX {
            return Err(FieldProblem {
                field: "blocks",
                error: OpError::TooManyBlocks,
            });
        }
        if self.image.as_deref().is_some_and(|i| !is_illustration(i))
            || self
                .blocks
                .iter()
                .any(|b| b.minutes > MINUTES_MAX || b.title.chars().count() > TITLE_MAX)
        {
            return Err(FieldProblem {
                field: "blocks",
                error: OpError::InvalidValue,
            });
        }
        Ok(Self {
            title,
            summary: at("summary", text(self.summary.trim(), SUMMARY_MAX))?,
            goals: lines("goals", self.goals, STEP_MAX)?,
            licence: at("licence", line(&self.licence, NAME_MAX))?,
            ..self
        })
    }

    /// Minutes of all activities and breaks.
    pub fn minutes(&self) -> u32 {
        self.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Activity | BlockKind::Break))
            .map(|b| b.minutes)
            .sum()
    }

    /// What the search index holds for it.
    pub fn search_text(&self) -> String {
        crate::search::index_text(
            [self.title.as_str(), self.summary.as_str()]
                .into_iter()
                .chain(self.goals.iter().map(String::as_str))
                .chain(self.blocks.iter().map(|b| b.title.as_str())),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn method() -> MethodFields {
        MethodFields {
            title: " Dot voting ".into(),
            summary: "Vote with dots.".into(),
            image: Some("dot-voting.svg".into()),
            duration_min: 5,
            duration_max: 15,
            group_min: 3,
            group_max: 50,
            categories: vec!["prioritisation".into(), "prioritisation".into()],
            tags: vec!["quick".into(), " ".into()],
            goals: vec![],
            steps: vec!["Put up the options.".into(), "".into(), "Vote.".into()],
            materials: vec![],
            tips: vec![],
            variations: vec![],
            in_person: true,
            online: true,
            complexity: Complexity::Easy,
            language: Locale::En,
            attribution: "Widely used".into(),
            source_url: String::new(),
            licence: "CC BY-SA 4.0".into(),
        }
    }

    #[test]
    fn a_method_is_trimmed_and_empty_list_entries_dropped() {
        let m = method().validate().expect("valid");
        assert_eq!(m.title, "Dot voting");
        assert_eq!(m.categories, ["prioritisation"]);
        assert_eq!(m.tags, ["quick"]);
        assert_eq!(m.steps.len(), 2);
    }

    #[test]
    fn a_method_with_a_wrong_range_names_the_field() {
        let m = MethodFields {
            duration_min: 20,
            duration_max: 10,
            ..method()
        };
        assert_eq!(m.validate().map_err(|p| p.field), Err("duration"));
        let m = MethodFields {
            group_min: 0,
            ..method()
        };
        assert_eq!(m.validate().map_err(|p| p.field), Err("group"));
    }

    #[test]
    fn a_method_outside_the_taxonomy_or_with_a_strange_url_is_refused() {
        let m = MethodFields {
            categories: vec!["juggling".into()],
            ..method()
        };
        assert_eq!(m.validate().map_err(|p| p.field), Err("categories"));
        let m = MethodFields {
            source_url: "javascript:alert(1)".into(),
            ..method()
        };
        assert_eq!(m.validate().map_err(|p| p.field), Err("source_url"));
        let m = MethodFields {
            image: Some("../secret.svg".into()),
            ..method()
        };
        assert_eq!(m.validate().map_err(|p| p.field), Err("image"));
    }

    #[test]
    fn the_search_text_of_a_method_holds_stems_of_title_and_steps() {
        let (title, body) = method().validate().expect("valid").search_text();
        assert_eq!(title, "dot vote");
        assert!(body.contains("option"), "{body}");
    }

    #[test]
    fn a_method_is_indexed_with_its_categories_names_in_both_languages() {
        let mut m = method();
        m.categories = vec!["energizer".into(), "closing".into()];
        let (_, body) = m.validate().expect("valid").search_text();
        for word in ["energizer", "энерджайзер", "closing", "завершение"] {
            assert!(
                body.split(' ')
                    .any(|w| w == crate::search::stem(word).expect("a word")),
                "{word} in {body}"
            );
        }
    }

    #[test]
    fn a_design_counts_the_minutes_of_activities_and_breaks() {
        let block = |kind, minutes| TemplateBlock {
            kind,
            title: "x".into(),
            description: String::new(),
            minutes,
            category: None,
            group_format: None,
            materials: vec![],
            goals: vec![],
            notes: String::new(),
            method: None,
            illustration: None,
            day_start: None,
        };
        let t = TemplateFields {
            title: "Retro".into(),
            summary: String::new(),
            goals: vec![],
            language: Locale::En,
            image: None,
            licence: String::new(),
            blocks: vec![
                block(BlockKind::Section, 0),
                block(BlockKind::Activity, 30),
                block(BlockKind::Break, 10),
                block(BlockKind::Note, 5),
            ],
        };
        assert_eq!(t.validate().expect("valid").minutes(), 40);
    }
}
