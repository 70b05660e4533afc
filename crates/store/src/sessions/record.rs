//! Session and block rows as the tables hold them (lists as JSON text, dates and times as
//! ISO 8601 text), and their reading into `domain::Session` and `domain::Block`. A row that
//! does not read is [`StoreError::Unreadable`], never a default. Versions keep these rows as
//! they were (`crate::snapshots`), so one reading serves both.

use crate::StoreError;
use domain::session::{
    Block, BlockKind, CustomFieldDef, GroupFormat, LocationKind, Material, Session, SessionStatus,
};
use domain::{BlockId, ImageId, Locale, MethodId, SessionId, TimeZoneName, WorkspaceId};
use serde::de::DeserializeOwned;

/// A row of `sessions`.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub(crate) struct SessionRecord {
    pub id: SessionId,
    pub workspace_id: WorkspaceId,
    pub title: String,
    pub description: String,
    pub goals: String,
    pub first_date: String,
    pub start_time: String,
    pub end_time: Option<String>,
    pub time_zone: String,
    pub location_kind: String,
    pub location: String,
    pub participants: Option<i32>,
    pub language: String,
    pub tags: String,
    pub status: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub folder: String,
    pub archived: bool,
    /// Versions kept before holds existed have none.
    #[serde(default)]
    pub held: bool,
    pub custom_fields: String,
    pub cover_image: Option<ImageId>,
    pub deleted_at: Option<i64>,
}

/// A row of `blocks`.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub(crate) struct BlockRecord {
    pub id: BlockId,
    pub kind: String,
    pub order_key: String,
    pub title: String,
    pub description: String,
    pub minutes: i32,
    pub category: Option<String>,
    pub group_format: Option<String>,
    pub lead: String,
    pub materials: String,
    pub goals: String,
    pub notes: String,
    pub pinned_start: Option<String>,
    pub day_date: Option<String>,
    pub day_start: Option<String>,
    pub day_end: Option<String>,
    pub card_image: Option<ImageId>,
    pub method: Option<MethodId>,
    pub illustration: Option<String>,
    /// A JSON object of field id to value.
    pub custom: String,
}

/// Reads one column of the row of `table` with id `id`, naming it when it does not read.
struct Reader<'a> {
    table: &'static str,
    id: &'a dyn std::fmt::Display,
}

impl Reader<'_> {
    fn fail(&self, column: &str, why: impl std::fmt::Display) -> StoreError {
        StoreError::Unreadable(format!("{}.{column} of {}: {why}", self.table, self.id))
    }

    /// A JSON text (a list or an object).
    fn json<T: DeserializeOwned>(&self, column: &str, text: &str) -> Result<T, StoreError> {
        serde_json::from_str(text).map_err(|e| self.fail(column, e))
    }

    /// A word with the stable text serde gives it (an enum's snake_case name).
    fn word<T: DeserializeOwned>(&self, column: &str, text: &str) -> Result<T, StoreError> {
        serde_json::from_value(serde_json::Value::String(text.to_owned()))
            .map_err(|e| self.fail(column, e))
    }

    /// A date, a time or another value written by its `Display`.
    fn parsed<T: std::str::FromStr>(&self, column: &str, text: &str) -> Result<T, StoreError>
    where
        T::Err: std::fmt::Display,
    {
        text.parse().map_err(|e| self.fail(column, e))
    }

    fn maybe<T: std::str::FromStr>(
        &self,
        column: &str,
        text: Option<&str>,
    ) -> Result<Option<T>, StoreError>
    where
        T::Err: std::fmt::Display,
    {
        text.map(|t| self.parsed(column, t)).transpose()
    }

    fn count(&self, column: &str, n: i32) -> Result<u32, StoreError> {
        u32::try_from(n).map_err(|e| self.fail(column, e))
    }
}

impl TryFrom<SessionRecord> for Session {
    type Error = StoreError;

    fn try_from(r: SessionRecord) -> Result<Self, StoreError> {
        let id = r.id;
        let read = Reader {
            table: "sessions",
            id: &id,
        };
        Ok(Session {
            goals: read.json("goals", &r.goals)?,
            first_date: read.parsed("first_date", &r.first_date)?,
            start_time: read.parsed("start_time", &r.start_time)?,
            end_time: read.maybe("end_time", r.end_time.as_deref())?,
            time_zone: TimeZoneName::parse(&r.time_zone).map_err(|e| read.fail("time_zone", e))?,
            location_kind: read.word::<LocationKind>("location_kind", &r.location_kind)?,
            participants: r
                .participants
                .map(|p| read.count("participants", p))
                .transpose()?,
            language: Locale::parse(&r.language).map_err(|e| read.fail("language", e))?,
            tags: read.json("tags", &r.tags)?,
            status: SessionStatus::parse(&r.status)
                .ok_or_else(|| read.fail("status", &r.status))?,
            custom_fields: read.json::<Vec<CustomFieldDef>>("custom_fields", &r.custom_fields)?,
            id,
            workspace_id: r.workspace_id,
            title: r.title,
            description: r.description,
            location: r.location,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
            folder: r.folder,
            archived: r.archived,
            held: r.held,
            cover_image: r.cover_image,
            deleted_at: r.deleted_at,
        })
    }
}

impl TryFrom<BlockRecord> for Block {
    type Error = StoreError;

    fn try_from(r: BlockRecord) -> Result<Self, StoreError> {
        let id = r.id;
        let read = Reader {
            table: "blocks",
            id: &id,
        };
        let values: std::collections::BTreeMap<String, String> = read.json("custom", &r.custom)?;
        Ok(Block {
            kind: BlockKind::parse(&r.kind).ok_or_else(|| read.fail("kind", &r.kind))?,
            minutes: read.count("minutes", r.minutes)?,
            group_format: r
                .group_format
                .as_deref()
                .map(|g| read.word::<GroupFormat>("group_format", g))
                .transpose()?,
            materials: read.json::<Vec<Material>>("materials", &r.materials)?,
            goals: read.json("goals", &r.goals)?,
            pinned_start: read.maybe("pinned_start", r.pinned_start.as_deref())?,
            day_date: read.maybe("day_date", r.day_date.as_deref())?,
            day_start: read.maybe("day_start", r.day_start.as_deref())?,
            day_end: read.maybe("day_end", r.day_end.as_deref())?,
            values: values.into_iter().collect(),
            id,
            order_key: r.order_key,
            title: r.title,
            description: r.description,
            category: r.category,
            lead: r.lead,
            notes: r.notes,
            card_image: r.card_image,
            method: r.method,
            illustration: r.illustration,
        })
    }
}
