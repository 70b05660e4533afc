//! What the tests of exports share (this crate's and, with the `testing` feature, others'): a
//! session with a custom column on the eve of Europe/Berlin's move to summer time, its blocks,
//! and plain English labels.

use crate::Source;
use crate::view::{Labels, Word};
use domain::session::{BlockKind, CustomFieldDef, CustomKind, GroupFormat, LocationKind, Material};
use domain::{Block, BlockId, Locale, Session, TimeZoneName};
use jiff::Zoned;
use jiff::civil::{Date, date, time};

/// English labels for the tests, as a server would give them.
pub struct English;

impl Labels for English {
    fn locale(&self) -> Locale {
        Locale::En
    }
    fn word(&self, word: Word) -> String {
        format!("{word:?}")
    }
    fn kind(&self, kind: BlockKind) -> String {
        kind.as_str().to_owned()
    }
    fn group_format(&self, format: GroupFormat) -> String {
        format.as_str().to_owned()
    }
    fn minutes(&self, minutes: i64) -> String {
        format!("{minutes} min")
    }
    fn clock(&self, at: &Zoned) -> String {
        at.strftime("%H:%M").to_string()
    }
    fn date(&self, d: Date) -> String {
        d.to_string()
    }
}

/// A one-day session from 09:00 on 28 March 2026 in Europe/Berlin, with a custom column
/// `Room` (id `room`).
pub fn session() -> Session {
    Session {
        id: uuid::Uuid::nil().into(),
        workspace_id: uuid::Uuid::nil().into(),
        title: "Strategy day".into(),
        description: "Where we go next".into(),
        goals: vec!["A plan".into()],
        first_date: date(2026, 3, 28),
        start_time: time(9, 0, 0, 0),
        end_time: None,
        time_zone: TimeZoneName::parse("Europe/Berlin").expect("a zone"),
        location_kind: LocationKind::InPerson,
        location: "Room 4".into(),
        participants: Some(12),
        language: Locale::En,
        tags: vec![],
        status: domain::session::SessionStatus::Draft,
        version: 7,
        created_at: 1,
        updated_at: 2,
        folder: String::new(),
        archived: false,
        held: false,
        custom_fields: vec![CustomFieldDef {
            id: "room".into(),
            name: "Room".into(),
            kind: CustomKind::Text,
            options: vec![],
            column: true,
        }],
        cover_image: None,
        deleted_at: None,
    }
}

/// A block with a new id and nothing but its kind, title and minutes.
pub fn block(kind: BlockKind, title: &str, minutes: u32) -> Block {
    Block {
        id: BlockId::new(),
        kind,
        order_key: String::new(),
        title: title.into(),
        description: String::new(),
        minutes,
        category: None,
        group_format: None,
        lead: String::new(),
        materials: vec![],
        goals: vec![],
        notes: String::new(),
        pinned_start: None,
        day_date: None,
        day_start: None,
        day_end: None,
        card_image: None,
        method: None,
        illustration: None,
        values: vec![],
    }
}

/// A day, a section, an activity with everything a facilitator writes, and a break.
pub fn blocks() -> Vec<Block> {
    let mut welcome = block(BlockKind::Activity, "Welcome", 30);
    welcome.notes = "Secret: bring the cake".into();
    welcome.lead = "Anna".into();
    welcome.category = Some("energiser".into());
    welcome.materials = vec![Material {
        name: "Markers".into(),
        quantity: 4,
    }];
    welcome.values = vec![("room".into(), "4B".into())];
    let mut talk = block(BlockKind::Activity, "Talk", 45);
    talk.materials = vec![Material {
        name: "markers".into(),
        quantity: 2,
    }];
    vec![
        block(BlockKind::Day, "Day one", 0),
        block(BlockKind::Section, "Opening", 0),
        welcome,
        talk,
        block(BlockKind::Break, "Coffee", 15),
    ]
}

/// An export's source: `session` and `blocks`, without categories, files or pictures.
pub fn source<'a>(session: &'a Session, blocks: &'a [Block]) -> Source<'a> {
    Source {
        session,
        blocks,
        categories: &[],
        files: &[],
        images: &[],
    }
}
