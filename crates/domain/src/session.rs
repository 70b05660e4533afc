//! Sessions and blocks: their kinds, fields and limits, parsed into valid values.

use crate::{BlockId, ImageId, Locale, MethodId, SessionId, TimeZoneName, WorkspaceId};
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

/// At most this many blocks in one session.
pub const MAX_BLOCKS: usize = 2000;
/// Characters in a title.
pub const TITLE_MAX: usize = 200;
/// Characters in a description or facilitator notes.
pub const DESCRIPTION_MAX: usize = 20_000;
/// Minutes in a block's duration.
pub const MINUTES_MAX: u32 = 1440;
/// Entries in a list field (goals, materials, tags).
pub const LIST_MAX: usize = 100;
/// Custom fields one session defines.
pub const CUSTOM_FIELDS_MAX: usize = 20;
/// Characters in a custom field's name, a choice, a category or a folder name.
pub const NAME_MAX: usize = 60;

/// The default palette: category keys (named in the locale files as `category-KEY`) and their
/// colours. Workspaces add their own categories beside these.
pub const DEFAULT_CATEGORIES: &[(&str, &str)] = &[
    ("check-in", "#2f6fde"),
    ("icebreaker", "#0f8b8d"),
    ("energizer", "#e4572e"),
    ("ideation", "#f3a712"),
    ("prioritisation", "#8f5bd6"),
    ("decision-making", "#a8201a"),
    ("planning", "#3d6b35"),
    ("reflection", "#5c6f84"),
    ("retrospective", "#b0568f"),
    ("team-building", "#1b998b"),
    ("feedback", "#c46d12"),
    ("closing", "#37474f"),
];

/// A colour as `#rrggbb` (lower case), or `None` when it is not one.
pub fn colour(text: &str) -> Option<String> {
    let t = text.trim().to_ascii_lowercase();
    let hex = t.strip_prefix('#')?;
    (hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit())).then_some(t)
}

/// What a custom field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomKind {
    Text,
    Number,
    Choice,
}

impl CustomKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Number => "number",
            Self::Choice => "choice",
        }
    }
}

/// An extra block field a session defines: shown as a Programme column (when `column`) and
/// as a line on the cards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomFieldDef {
    /// Stable within the session; values refer to it.
    pub id: String,
    pub name: String,
    pub kind: CustomKind,
    /// The choices, for `choice`.
    #[serde(default)]
    pub options: Vec<String>,
    /// Shown as a column of the Programme.
    #[serde(default = "yes")]
    pub column: bool,
}

fn yes() -> bool {
    true
}

impl CustomFieldDef {
    /// The value checked against the field's kind, normalised; empty means no value.
    pub fn check(&self, value: &str) -> Result<Option<String>, OpError> {
        let v = line(value, TITLE_MAX)?;
        if v.is_empty() {
            return Ok(None);
        }
        match self.kind {
            CustomKind::Text => Ok(Some(v)),
            CustomKind::Number => {
                let n: f64 = v
                    .replace(',', ".")
                    .parse()
                    .map_err(|_| OpError::InvalidValue)?;
                if n.is_finite() {
                    Ok(Some(n.to_string()))
                } else {
                    Err(OpError::InvalidValue)
                }
            }
            CustomKind::Choice => self
                .options
                .iter()
                .find(|o| o.eq_ignore_ascii_case(&v))
                .cloned()
                .map(Some)
                .ok_or(OpError::InvalidValue),
        }
    }
}

/// A value of a custom field on a block; `None` clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomValue {
    pub id: String,
    pub value: Option<String>,
}

/// Checks a session's list of custom field definitions.
fn custom_fields(defs: Vec<CustomFieldDef>) -> Result<Vec<CustomFieldDef>, OpError> {
    if defs.len() > CUSTOM_FIELDS_MAX {
        return Err(OpError::ListTooLong);
    }
    let mut out: Vec<CustomFieldDef> = Vec::with_capacity(defs.len());
    for d in defs {
        let id = line(&d.id, 40)?;
        let name = line(&d.name, NAME_MAX)?;
        if id.is_empty()
            || name.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            || out.iter().any(|o| o.id == id)
        {
            return Err(OpError::InvalidValue);
        }
        if out
            .iter()
            .any(|o| o.name.to_lowercase() == name.to_lowercase())
        {
            return Err(OpError::FieldNameTaken);
        }
        let options = if d.kind == CustomKind::Choice {
            let o = list(&d.options, NAME_MAX)?;
            if o.is_empty() {
                return Err(OpError::InvalidValue);
            }
            o
        } else {
            Vec::new()
        };
        out.push(CustomFieldDef {
            id,
            name,
            kind: d.kind,
            options,
            column: d.column,
        });
    }
    Ok(out)
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Activity,
    Break,
    Note,
    /// A heading that groups the blocks after it.
    Section,
    /// Starts a new day with its own date and start time.
    Day,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Activity => "activity",
            Self::Break => "break",
            Self::Note => "note",
            Self::Section => "section",
            Self::Day => "day",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "activity" => Self::Activity,
            "break" => Self::Break,
            "note" => Self::Note,
            "section" => Self::Section,
            "day" => Self::Day,
            _ => return None,
        })
    }

    pub fn timing(self) -> crate::timing::Kind {
        use crate::timing::Kind;
        match self {
            Self::Activity => Kind::Activity,
            Self::Break => Kind::Break,
            Self::Note => Kind::Note,
            Self::Section => Kind::Section,
            Self::Day => Kind::Day,
        }
    }
}

/// How participants work during a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupFormat {
    Plenary,
    SmallGroups,
    Pairs,
    Individual,
}

impl GroupFormat {
    /// The stable text, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plenary => "plenary",
            Self::SmallGroups => "small_groups",
            Self::Pairs => "pairs",
            Self::Individual => "individual",
        }
    }
}

/// Where a session is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    #[default]
    Draft,
    Ready,
    Done,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Ready => "ready",
            Self::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Self::Draft,
            "ready" => Self::Ready,
            "done" => Self::Done,
            _ => return None,
        })
    }
}

/// Where a session takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    #[default]
    InPerson,
    Online,
}

impl LocationKind {
    /// The stable text, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::Online => "online",
        }
    }
}

/// A material a block needs, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub name: String,
    pub quantity: u32,
}

/// Why a change to a session was refused. `code()` is stable and appears in the API.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    #[error("the text is too long")]
    TooLong,
    #[error("the duration is outside 0 to 1440 minutes")]
    DurationOutOfRange,
    #[error("the list is too long")]
    ListTooLong,
    #[error("a session holds at most 2,000 blocks")]
    TooManyBlocks,
    #[error("no such block")]
    BlockNotFound,
    #[error("a block with this id exists")]
    BlockExists,
    #[error("the block to place it after does not exist")]
    AnchorNotFound,
    #[error("unknown time zone")]
    UnknownTimeZone,
    #[error("this field does not apply to this kind of block")]
    FieldNotApplicable,
    #[error("contains control characters")]
    ControlCharacters,
    #[error("the value does not fit the field")]
    InvalidValue,
    #[error("the session has no such custom field")]
    UnknownField,
    #[error("the session has no such image")]
    ImageNotFound,
    #[error("another custom field has this name")]
    FieldNameTaken,
}

impl OpError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::TooLong => "too_long",
            Self::DurationOutOfRange => "duration_out_of_range",
            Self::ListTooLong => "list_too_long",
            Self::TooManyBlocks => "too_many_blocks",
            Self::BlockNotFound => "block_not_found",
            Self::BlockExists => "block_exists",
            Self::AnchorNotFound => "anchor_not_found",
            Self::UnknownTimeZone => "unknown_time_zone",
            Self::FieldNotApplicable => "field_not_applicable",
            Self::FieldNameTaken => "field_name_taken",
            Self::ControlCharacters => "control_characters",
            Self::InvalidValue => "invalid_value",
            Self::UnknownField => "unknown_field",
            Self::ImageNotFound => "image_not_found",
        }
    }
}

/// Unicode's bidirectional formatting characters. They reorder what is shown, so a title or
/// file name holding one can pass for another ("invoice\u{202e}fdp.exe" shows as
/// "invoiceexe.pdf").
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// A one-line text: no control characters (bidirectional formatting included), at most
/// `max` characters, trimmed.
pub fn line(text: &str, max: usize) -> Result<String, OpError> {
    let t = text.trim();
    if t.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        return Err(OpError::ControlCharacters);
    }
    if t.chars().count() > max {
        return Err(OpError::TooLong);
    }
    Ok(t.to_owned())
}

/// A multi-line text (Markdown): line breaks and tabs allowed, at most `max` characters.
pub fn text(text: &str, max: usize) -> Result<String, OpError> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(OpError::ControlCharacters);
    }
    if text.chars().count() > max {
        return Err(OpError::TooLong);
    }
    Ok(text.to_owned())
}

fn list(items: &[String], max_each: usize) -> Result<Vec<String>, OpError> {
    if items.len() > LIST_MAX {
        return Err(OpError::ListTooLong);
    }
    items
        .iter()
        .map(|i| line(i, max_each))
        .filter(|r| r.as_ref().map_or(true, |s| !s.is_empty()))
        .collect()
}

/// A block field and its new value; the unit of last-writer-wins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum BlockField {
    Title(String),
    Description(String),
    Minutes(u32),
    Category(Option<String>),
    GroupFormat(Option<GroupFormat>),
    Lead(String),
    Materials(Vec<Material>),
    Goals(Vec<String>),
    /// Facilitator notes, shown only to people who may edit.
    Notes(String),
    PinnedStart(Option<Time>),
    /// For a `day` block.
    DayDate(Option<Date>),
    DayStart(Option<Time>),
    DayEnd(Option<Time>),
    /// The card's picture, an image uploaded to the session.
    CardImage(Option<ImageId>),
    /// A value of one of the session's custom fields.
    Custom(CustomValue),
    /// The library method the block was taken from.
    Method(Option<MethodId>),
    /// A bundled illustration shown on the card when it has no picture of its own.
    Illustration(Option<String>),
}

impl BlockField {
    /// The column the field is stored in; also its name in the API.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Description(_) => "description",
            Self::Minutes(_) => "minutes",
            Self::Category(_) => "category",
            Self::GroupFormat(_) => "group_format",
            Self::Lead(_) => "lead",
            Self::Materials(_) => "materials",
            Self::Goals(_) => "goals",
            Self::Notes(_) => "notes",
            Self::PinnedStart(_) => "pinned_start",
            Self::DayDate(_) => "day_date",
            Self::DayStart(_) => "day_start",
            Self::DayEnd(_) => "day_end",
            Self::CardImage(_) => "card_image",
            Self::Custom(_) => "custom",
            Self::Method(_) => "method",
            Self::Illustration(_) => "illustration",
        }
    }

    /// The field checked for a block of `kind` in a session with custom fields `defs`.
    pub fn validate_in(self, kind: BlockKind, defs: &[CustomFieldDef]) -> Result<Self, OpError> {
        match self {
            Self::Custom(CustomValue { id, value }) => {
                let def = defs
                    .iter()
                    .find(|d| d.id == id)
                    .ok_or(OpError::UnknownField)?;
                let value = match value {
                    Some(v) => def.check(&v)?,
                    None => None,
                };
                Ok(Self::Custom(CustomValue { id, value }))
            }
            other => other.validate(kind),
        }
    }

    /// The field with its value checked and normalised, for a block of `kind`.
    pub fn validate(self, kind: BlockKind) -> Result<Self, OpError> {
        let day_only = matches!(self, Self::DayDate(_) | Self::DayStart(_) | Self::DayEnd(_));
        if day_only && kind != BlockKind::Day {
            return Err(OpError::FieldNotApplicable);
        }
        if matches!(self, Self::PinnedStart(Some(_)))
            && matches!(kind, BlockKind::Day | BlockKind::Section)
        {
            return Err(OpError::FieldNotApplicable);
        }
        Ok(match self {
            Self::Title(t) => Self::Title(line(&t, TITLE_MAX)?),
            Self::Description(t) => Self::Description(text(&t, DESCRIPTION_MAX)?),
            Self::Notes(t) => Self::Notes(text(&t, DESCRIPTION_MAX)?),
            Self::Lead(t) => Self::Lead(line(&t, TITLE_MAX)?),
            Self::Category(c) => Self::Category(match c {
                Some(c) => Some(line(&c, NAME_MAX)?).filter(|c| !c.is_empty()),
                None => None,
            }),
            Self::Custom(_) => return Err(OpError::UnknownField),
            Self::Illustration(Some(i)) if !crate::library::is_illustration(&i) => {
                return Err(OpError::InvalidValue);
            }
            Self::Minutes(m) if m > MINUTES_MAX => return Err(OpError::DurationOutOfRange),
            Self::Goals(g) => Self::Goals(list(&g, TITLE_MAX)?),
            Self::Materials(m) => {
                if m.len() > LIST_MAX {
                    return Err(OpError::ListTooLong);
                }
                Self::Materials(
                    m.into_iter()
                        .map(|x| {
                            Ok(Material {
                                name: line(&x.name, TITLE_MAX)?,
                                quantity: x.quantity,
                            })
                        })
                        .collect::<Result<Vec<_>, OpError>>()?
                        .into_iter()
                        .filter(|x| !x.name.is_empty())
                        .collect(),
                )
            }
            other => other,
        })
    }
}

/// A session field and its new value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum SessionField {
    Title(String),
    Description(String),
    Goals(Vec<String>),
    FirstDate(Date),
    StartTime(Time),
    EndTime(Option<Time>),
    TimeZone(String),
    LocationKind(LocationKind),
    Location(String),
    Participants(Option<u32>),
    Language(String),
    Tags(Vec<String>),
    Status(SessionStatus),
    /// The dashboard folder; empty for none.
    Folder(String),
    /// Archived sessions leave the dashboard's main list.
    Archived(bool),
    CustomFields(Vec<CustomFieldDef>),
    CoverImage(Option<ImageId>),
}

impl SessionField {
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Description(_) => "description",
            Self::Goals(_) => "goals",
            Self::FirstDate(_) => "first_date",
            Self::StartTime(_) => "start_time",
            Self::EndTime(_) => "end_time",
            Self::TimeZone(_) => "time_zone",
            Self::LocationKind(_) => "location_kind",
            Self::Location(_) => "location",
            Self::Participants(_) => "participants",
            Self::Language(_) => "language",
            Self::Tags(_) => "tags",
            Self::Status(_) => "status",
            Self::Folder(_) => "folder",
            Self::Archived(_) => "archived",
            Self::CustomFields(_) => "custom_fields",
            Self::CoverImage(_) => "cover_image",
        }
    }

    pub fn validate(self) -> Result<Self, OpError> {
        Ok(match self {
            Self::Title(t) => Self::Title(line(&t, TITLE_MAX)?),
            Self::Description(t) => Self::Description(text(&t, DESCRIPTION_MAX)?),
            Self::Goals(g) => Self::Goals(list(&g, TITLE_MAX)?),
            Self::Tags(t) => Self::Tags(list(&t, 40)?),
            Self::Location(t) => Self::Location(line(&t, TITLE_MAX)?),
            Self::Folder(t) => Self::Folder(line(&t, NAME_MAX)?),
            Self::CustomFields(d) => Self::CustomFields(custom_fields(d)?),
            Self::Language(l) => Self::Language(
                crate::Locale::parse(&l)
                    .map(|l| l.code().to_owned())
                    .map_err(|_| OpError::FieldNotApplicable)?,
            ),
            Self::TimeZone(z) => Self::TimeZone(
                crate::TimeZoneName::parse(&z)
                    .map_err(|_| OpError::UnknownTimeZone)?
                    .as_str()
                    .to_owned(),
            ),
            other => other,
        })
    }
}

/// Writes an enum's stable text with `as_str`, for templates and logs.
macro_rules! display_as_str {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )*};
}
display_as_str!(BlockKind, SessionStatus, LocationKind, GroupFormat);

/// A session as the store holds it, every setting read into its type. The store reads a row
/// into this once, and a row that does not read is an error, never a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub workspace_id: WorkspaceId,
    pub title: String,
    pub description: String,
    pub goals: Vec<String>,
    pub first_date: Date,
    pub start_time: Time,
    /// When the first day (and a day without its own) ends, if it has an end.
    pub end_time: Option<Time>,
    pub time_zone: TimeZoneName,
    pub location_kind: LocationKind,
    pub location: String,
    pub participants: Option<u32>,
    pub language: Locale,
    pub tags: Vec<String>,
    pub status: SessionStatus,
    /// Bumped by every applied op.
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// The dashboard folder; empty for none.
    pub folder: String,
    pub archived: bool,
    /// Read-only because its workspace's plan allows fewer active sessions than it has: it
    /// does not count as active, its people keep reading it, and it can still be exported
    /// or deleted.
    #[serde(default)]
    pub held: bool,
    /// The extra block fields the session defines.
    pub custom_fields: Vec<CustomFieldDef>,
    pub cover_image: Option<ImageId>,
    /// When it went to the trash (ms since the epoch).
    pub deleted_at: Option<i64>,
}

impl Session {
    /// The fields a version restores: what the session says, not where it is filed
    /// (status, folder and archived stay as they are).
    pub fn content_fields(&self) -> Vec<SessionField> {
        vec![
            SessionField::Title(self.title.clone()),
            SessionField::Description(self.description.clone()),
            SessionField::Goals(self.goals.clone()),
            SessionField::FirstDate(self.first_date),
            SessionField::StartTime(self.start_time),
            SessionField::EndTime(self.end_time),
            SessionField::TimeZone(self.time_zone.as_str().to_owned()),
            SessionField::LocationKind(self.location_kind),
            SessionField::Location(self.location.clone()),
            SessionField::Participants(self.participants),
            SessionField::Language(self.language.code().to_owned()),
            SessionField::Tags(self.tags.clone()),
            SessionField::CustomFields(self.custom_fields.clone()),
            SessionField::CoverImage(self.cover_image),
        ]
    }

    /// Where and when the session starts, for timing.
    pub fn clock(&self) -> crate::timing::Clock {
        crate::timing::Clock {
            first_date: self.first_date,
            start: self.start_time,
            end: self.end_time,
            time_zone: self.time_zone.zone(),
        }
    }

    /// True when the session carries `tag` (in any case).
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}

/// A block of a session's flow as the store holds it, every field read into its type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub id: BlockId,
    pub kind: BlockKind,
    /// Where it stands in the flow (`crate::op::OrderKey`'s text).
    pub order_key: String,
    pub title: String,
    pub description: String,
    pub minutes: u32,
    /// A default category's key or a workspace category's name.
    pub category: Option<String>,
    pub group_format: Option<GroupFormat>,
    pub lead: String,
    pub materials: Vec<Material>,
    pub goals: Vec<String>,
    /// Facilitator notes, shown only to people who may edit.
    pub notes: String,
    pub pinned_start: Option<Time>,
    /// For a `day`: its date, start and end.
    pub day_date: Option<Date>,
    pub day_start: Option<Time>,
    pub day_end: Option<Time>,
    pub card_image: Option<ImageId>,
    pub method: Option<MethodId>,
    pub illustration: Option<String>,
    /// Custom field values: (field id, value), by field id.
    pub values: Vec<(String, String)>,
}

impl Block {
    /// The value of custom field `id`, if set.
    pub fn value(&self, id: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(f, _)| f == id)
            .map(|(_, v)| v.as_str())
    }

    /// Every field of the block, as ops write them (day fields only on a day).
    pub fn fields(&self) -> Vec<BlockField> {
        let mut fields = vec![
            BlockField::Title(self.title.clone()),
            BlockField::Description(self.description.clone()),
            BlockField::Minutes(self.minutes),
            BlockField::Category(self.category.clone()),
            BlockField::GroupFormat(self.group_format),
            BlockField::Lead(self.lead.clone()),
            BlockField::Materials(self.materials.clone()),
            BlockField::Goals(self.goals.clone()),
            BlockField::Notes(self.notes.clone()),
            BlockField::PinnedStart(self.pinned_start),
        ];
        if self.kind == BlockKind::Day {
            fields.extend([
                BlockField::DayDate(self.day_date),
                BlockField::DayStart(self.day_start),
                BlockField::DayEnd(self.day_end),
            ]);
        }
        fields.extend([
            BlockField::CardImage(self.card_image),
            BlockField::Method(self.method),
            BlockField::Illustration(self.illustration.clone()),
        ]);
        fields.extend(self.values.iter().map(|(id, v)| {
            BlockField::Custom(CustomValue {
                id: id.clone(),
                value: Some(v.clone()),
            })
        }));
        fields
    }

    /// The block as a version holds it.
    pub fn draft(&self) -> crate::snapshot::DraftBlock {
        crate::snapshot::DraftBlock {
            id: self.id,
            kind: self.kind,
            fields: self.fields(),
        }
    }

    /// The block as timing needs it.
    pub fn item(&self) -> crate::timing::Item {
        crate::timing::Item {
            kind: self.kind.timing(),
            minutes: self.minutes,
            pinned: self.pinned_start,
            date: self.day_date,
            day_start: self.day_start,
            day_end: self.day_end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::time;

    #[test]
    fn block_fields_are_checked_against_their_limits() {
        let k = BlockKind::Activity;
        assert_eq!(
            BlockField::Title("x".repeat(201)).validate(k),
            Err(OpError::TooLong)
        );
        assert_eq!(
            BlockField::Title("  Check-in  ".into()).validate(k),
            Ok(BlockField::Title("Check-in".into()))
        );
        assert_eq!(
            BlockField::Description("y".repeat(20_001)).validate(k),
            Err(OpError::TooLong)
        );
        assert!(
            BlockField::Description("line one\nline two".into())
                .validate(k)
                .is_ok()
        );
        assert_eq!(
            BlockField::Minutes(1441).validate(k),
            Err(OpError::DurationOutOfRange)
        );
        assert_eq!(
            BlockField::Minutes(1440).validate(k),
            Ok(BlockField::Minutes(1440))
        );
        assert_eq!(
            BlockField::Title("a\u{7}b".into()).validate(k),
            Err(OpError::ControlCharacters)
        );
    }

    #[test]
    fn day_fields_belong_to_day_blocks_and_pins_to_timed_blocks() {
        assert_eq!(
            BlockField::DayStart(Some(time(9, 0, 0, 0))).validate(BlockKind::Activity),
            Err(OpError::FieldNotApplicable)
        );
        assert!(
            BlockField::DayStart(Some(time(9, 0, 0, 0)))
                .validate(BlockKind::Day)
                .is_ok()
        );
        assert_eq!(
            BlockField::PinnedStart(Some(time(12, 0, 0, 0))).validate(BlockKind::Section),
            Err(OpError::FieldNotApplicable)
        );
        assert!(
            BlockField::PinnedStart(Some(time(12, 0, 0, 0)))
                .validate(BlockKind::Break)
                .is_ok()
        );
    }

    #[test]
    fn empty_list_entries_are_dropped() {
        let goals =
            BlockField::Goals(vec!["Trust".into(), "  ".into()]).validate(BlockKind::Activity);
        assert_eq!(goals, Ok(BlockField::Goals(vec!["Trust".into()])));
        let m = BlockField::Materials(vec![
            Material {
                name: " ".into(),
                quantity: 1,
            },
            Material {
                name: "Markers".into(),
                quantity: 12,
            },
        ]);
        assert_eq!(
            m.validate(BlockKind::Activity),
            Ok(BlockField::Materials(vec![Material {
                name: "Markers".into(),
                quantity: 12
            }]))
        );
    }

    #[test]
    fn fields_travel_as_tagged_json() {
        let f: BlockField = serde_json_like(r#"{"field":"minutes","value":30}"#);
        assert_eq!(f, BlockField::Minutes(30));
        let f: BlockField = serde_json_like(r#"{"field":"pinned_start","value":"12:30:00"}"#);
        assert_eq!(f, BlockField::PinnedStart(Some(time(12, 30, 0, 0))));
        let s: SessionField = serde_json_like(r#"{"field":"first_date","value":"2026-12-01"}"#);
        assert_eq!(s, SessionField::FirstDate(jiff::civil::date(2026, 12, 1)));
    }

    fn serde_json_like<T: serde::de::DeserializeOwned>(s: &str) -> T {
        serde_json::from_str(s).expect("valid json")
    }

    fn def(kind: CustomKind, options: &[&str]) -> CustomFieldDef {
        CustomFieldDef {
            id: "f1".into(),
            name: "Energy".into(),
            kind,
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            column: true,
        }
    }

    fn custom(value: &str) -> BlockField {
        BlockField::Custom(CustomValue {
            id: "f1".into(),
            value: Some(value.into()),
        })
    }

    #[test]
    fn custom_values_are_checked_against_their_field() {
        let k = BlockKind::Activity;
        let number = [def(CustomKind::Number, &[])];
        assert_eq!(custom("2,5").validate_in(k, &number), Ok(custom("2.5")));
        assert_eq!(
            custom("many").validate_in(k, &number),
            Err(OpError::InvalidValue)
        );
        let choice = [def(CustomKind::Choice, &["High", "Low"])];
        assert_eq!(custom("high").validate_in(k, &choice), Ok(custom("High")));
        assert_eq!(
            custom("Medium").validate_in(k, &choice),
            Err(OpError::InvalidValue)
        );
        assert_eq!(
            custom("x").validate_in(k, &[]),
            Err(OpError::UnknownField),
            "a value needs its field"
        );
        assert_eq!(
            custom("  ").validate_in(k, &[def(CustomKind::Text, &[])]),
            Ok(BlockField::Custom(CustomValue {
                id: "f1".into(),
                value: None
            })),
            "an empty value clears it"
        );
    }

    #[test]
    fn custom_field_definitions_are_checked() {
        let ok = SessionField::CustomFields(vec![def(CustomKind::Choice, &["A", " "])]).validate();
        assert!(
            matches!(ok, Ok(SessionField::CustomFields(ref d)) if d[0].options == vec!["A".to_owned()])
        );
        let twice = SessionField::CustomFields(vec![
            def(CustomKind::Text, &[]),
            def(CustomKind::Text, &[]),
        ]);
        assert_eq!(twice.validate(), Err(OpError::InvalidValue));
        let no_choices = SessionField::CustomFields(vec![def(CustomKind::Choice, &[])]);
        assert_eq!(no_choices.validate(), Err(OpError::InvalidValue));
        let many = SessionField::CustomFields(
            (0..21)
                .map(|i| CustomFieldDef {
                    id: format!("f{i}"),
                    ..def(CustomKind::Text, &[])
                })
                .collect(),
        );
        assert_eq!(many.validate(), Err(OpError::ListTooLong));
    }

    #[test]
    fn the_stable_text_of_a_kind_status_place_and_format_is_the_one_serde_writes() {
        fn serde_text<T: Serialize>(v: T) -> String {
            serde_json::to_value(v)
                .expect("json")
                .as_str()
                .expect("a string")
                .to_owned()
        }
        for g in [
            GroupFormat::Plenary,
            GroupFormat::SmallGroups,
            GroupFormat::Pairs,
            GroupFormat::Individual,
        ] {
            assert_eq!(g.to_string(), serde_text(g));
        }
        for l in [LocationKind::InPerson, LocationKind::Online] {
            assert_eq!(l.to_string(), serde_text(l));
        }
        for s in [
            SessionStatus::Draft,
            SessionStatus::Ready,
            SessionStatus::Done,
        ] {
            assert_eq!(s.to_string(), serde_text(s));
        }
        for k in [
            BlockKind::Activity,
            BlockKind::Break,
            BlockKind::Note,
            BlockKind::Section,
            BlockKind::Day,
        ] {
            assert_eq!(k.to_string(), serde_text(k));
            assert_eq!(BlockKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn colours_are_six_digit_hex() {
        assert_eq!(colour(" #A1B2C3 "), Some("#a1b2c3".into()));
        assert_eq!(colour("red"), None);
        assert_eq!(colour("#abc"), None);
    }

    #[test]
    fn session_fields_are_checked() {
        assert_eq!(
            SessionField::TimeZone("Mars/Base".into()).validate(),
            Err(OpError::UnknownTimeZone)
        );
        assert_eq!(
            SessionField::Language("ru-RU".into()).validate(),
            Ok(SessionField::Language("ru".into()))
        );
        assert_eq!(
            SessionField::Tags(vec!["x".repeat(41)]).validate(),
            Err(OpError::TooLong)
        );
    }
}
