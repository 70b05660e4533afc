//! The one view model every export is written from: the session's blocks with their computed
//! times, labels in the reader's language, and only what the audience may see.

use crate::{Options, Source};
use domain::session::{BlockKind, GroupFormat, LocationKind, Material};
use domain::{BlockId, FileId, ImageId, Locale, Session};
use jiff::Zoned;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Who the export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone who may view the session: what the Programme shows them.
    Team,
    /// A public link's holder: the flow and its times, without facilitator notes, leads,
    /// materials, custom fields or note blocks.
    Participant,
}

/// A category of the palette: its stored value, its name in the reader's language, its colour
/// (`#rrggbb`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub value: String,
    pub label: String,
    pub colour: String,
}

/// A file of the session, as the JSON export refers to it (its bytes stay on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub id: FileId,
    pub name: String,
    /// The block it belongs to; none for the session's own files.
    pub block: Option<BlockId>,
    /// What the file is, as Plenary sniffed it (`pdf`, `png`, `docx`…).
    pub kind: String,
    pub size: i64,
}

/// The words an export prints, which the caller names in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Programme,
    Design,
    Date,
    Start,
    End,
    Time,
    Duration,
    /// The heading of a duration column that holds minutes as numbers.
    DurationMinutes,
    Kind,
    Section,
    Title,
    Description,
    Category,
    GroupFormat,
    Lead,
    Notes,
    Materials,
    Quantity,
    UsedIn,
    Goals,
    Place,
    Online,
    TimeZone,
    Total,
    Page,
    Participants,
    Untitled,
    /// What the materials list says when the flow needs none.
    NoMaterials,
}

/// The reader's language, as the caller speaks it.
pub trait Labels {
    fn locale(&self) -> Locale;
    fn word(&self, word: Word) -> String;
    fn kind(&self, kind: BlockKind) -> String;
    fn group_format(&self, format: GroupFormat) -> String;
    /// A duration such as "1 h 30 min".
    fn minutes(&self, minutes: i64) -> String;
    /// A wall-clock time.
    fn clock(&self, at: &Zoned) -> String;
    fn date(&self, date: Date) -> String;
}

/// One block of the flow as an export shows it.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: BlockId,
    pub kind: BlockKind,
    pub kind_label: String,
    /// Which day (0-based).
    pub day: usize,
    pub date: Date,
    pub start: Zoned,
    pub end: Zoned,
    pub start_text: String,
    pub end_text: String,
    /// "9:00 AM–9:30 AM", or the start alone for a block that takes no time.
    pub time_text: String,
    /// The minutes of an activity or break; none for the other kinds.
    pub minutes: Option<u32>,
    pub duration: String,
    pub title: String,
    pub description: String,
    /// The title of the section the block is under; empty when none.
    pub section: String,
    pub category: String,
    /// The category's colour (`#rrggbb`); empty when the block has none.
    pub colour: String,
    pub group_format: String,
    pub lead: String,
    pub notes: String,
    pub materials: Vec<Material>,
    /// One per column of [`View::columns`].
    pub values: Vec<String>,
    /// For a section or a day: what it adds up to ("2 h 30 min", or the day's date and span).
    pub subtotal: Option<String>,
    pub card_image: Option<ImageId>,
}

impl Row {
    /// A section or a day: a heading of the flow rather than a timed block.
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Section | BlockKind::Day)
    }
}

/// A material of the whole session, with where it is used.
#[derive(Debug, Clone)]
pub struct MaterialLine {
    pub name: String,
    pub quantity: u32,
    pub used_in: String,
}

/// The session as an export shows it.
#[derive(Debug, Clone)]
pub struct View {
    pub title: String,
    pub description: String,
    pub goals: Vec<String>,
    /// Where it happens: the place, or "Online" and the link's text.
    pub place: String,
    /// The first date, or the first and the last.
    pub dates: String,
    pub time_zone: String,
    pub participants: Option<u32>,
    /// The minutes of activities and breaks, spelled out.
    pub total: String,
    /// The names of the custom fields shown as columns (none for participants).
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    /// Every material of the flow, summed by name (none for participants).
    pub materials: Vec<MaterialLine>,
    pub audience: Audience,
}

impl View {
    pub fn new(source: &Source<'_>, labels: &dyn Labels, options: &Options) -> Self {
        let session = source.session;
        let team = options.audience == Audience::Team;
        let plan = domain::timing::schedule_of(session, source.blocks);
        let defs: Vec<_> = if team {
            session.custom_fields.iter().filter(|d| d.column).collect()
        } else {
            Vec::new()
        };
        let untitled = labels.word(Word::Untitled);
        let mut section = String::new();
        let mut rows = Vec::with_capacity(source.blocks.len());
        for (i, (b, slot)) in source.blocks.iter().zip(&plan.slots).enumerate() {
            let title = if b.title.trim().is_empty() {
                untitled.clone()
            } else {
                b.title.clone()
            };
            match b.kind {
                BlockKind::Section => section = title.clone(),
                BlockKind::Day => section.clear(),
                _ => {}
            }
            let category = b
                .category
                .as_ref()
                .map(|c| match source.categories.iter().find(|p| &p.value == c) {
                    Some(p) => (p.label.clone(), p.colour.clone()),
                    None => (c.clone(), String::new()),
                })
                .unwrap_or_default();
            let timed = matches!(b.kind, BlockKind::Activity | BlockKind::Break);
            let start_text = labels.clock(&slot.start);
            let end_text = labels.clock(&slot.end);
            let subtotal = match b.kind {
                BlockKind::Section => plan
                    .sections
                    .iter()
                    .find(|(s, _)| *s == i)
                    .map(|(_, m)| labels.minutes(*m)),
                BlockKind::Day => plan.days.get(slot.day).map(|d| {
                    format!(
                        "{} · {}–{} · {}",
                        labels.date(d.date),
                        labels.clock(&d.start),
                        labels.clock(&d.end),
                        labels.minutes(d.minutes)
                    )
                }),
                _ => None,
            };
            rows.push(Row {
                id: b.id,
                kind: b.kind,
                kind_label: labels.kind(b.kind),
                day: slot.day,
                date: slot.start.date(),
                time_text: if slot.start == slot.end {
                    start_text.clone()
                } else {
                    format!("{start_text}–{end_text}")
                },
                start: slot.start.clone(),
                end: slot.end.clone(),
                start_text,
                end_text,
                minutes: timed.then_some(b.minutes),
                duration: if timed {
                    labels.minutes(i64::from(b.minutes))
                } else {
                    String::new()
                },
                title,
                description: b.description.clone(),
                section: if matches!(b.kind, BlockKind::Section | BlockKind::Day) {
                    String::new()
                } else {
                    section.clone()
                },
                category: category.0,
                colour: category.1,
                group_format: b
                    .group_format
                    .map(|g| labels.group_format(g))
                    .unwrap_or_default(),
                lead: if team { b.lead.clone() } else { String::new() },
                notes: if team { b.notes.clone() } else { String::new() },
                materials: if team {
                    b.materials.clone()
                } else {
                    Vec::new()
                },
                values: defs
                    .iter()
                    .map(|d| b.value(&d.id).unwrap_or_default().to_owned())
                    .collect(),
                subtotal,
                card_image: b.card_image,
            });
        }
        let materials = if team {
            materials_of(&rows)
        } else {
            // Notes are the facilitators' asides, as on the participant page.
            rows.retain(|r| r.kind != BlockKind::Note);
            Vec::new()
        };
        let dates = match (plan.days.first(), plan.days.last()) {
            (Some(a), Some(b)) if a.date != b.date => {
                format!("{} – {}", labels.date(a.date), labels.date(b.date))
            }
            (Some(a), _) => labels.date(a.date),
            _ => labels.date(session.first_date),
        };
        View {
            title: if session.title.trim().is_empty() {
                untitled
            } else {
                session.title.clone()
            },
            description: session.description.clone(),
            goals: session.goals.clone(),
            place: place(session, labels),
            dates,
            time_zone: session.time_zone.as_str().to_owned(),
            participants: session.participants,
            total: labels.minutes(plan.total_minutes),
            columns: defs.iter().map(|d| d.name.clone()).collect(),
            rows,
            materials,
            audience: options.audience,
        }
    }
}

fn place(session: &Session, labels: &dyn Labels) -> String {
    match (session.location_kind, session.location.trim()) {
        (LocationKind::Online, "") => labels.word(Word::Online),
        (LocationKind::Online, at) => format!("{} · {at}", labels.word(Word::Online)),
        (LocationKind::InPerson, at) => at.to_owned(),
    }
}

/// The materials of every block, summed by name (in any case), in the order first used.
fn materials_of(rows: &[Row]) -> Vec<MaterialLine> {
    let mut out: Vec<(String, u32, Vec<String>)> = Vec::new();
    for r in rows {
        for m in &r.materials {
            let key = m.name.trim();
            if key.is_empty() {
                continue;
            }
            match out
                .iter_mut()
                .find(|(n, _, _)| n.to_lowercase() == key.to_lowercase())
            {
                Some((_, q, used)) => {
                    *q = q.saturating_add(m.quantity);
                    if !used.contains(&r.title) {
                        used.push(r.title.clone());
                    }
                }
                None => out.push((key.to_owned(), m.quantity, vec![r.title.clone()])),
            }
        }
    }
    out.into_iter()
        .map(|(name, quantity, used)| MaterialLine {
            name,
            quantity,
            used_in: used.join(", "),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use crate::testing::{English, blocks, session, source};

    #[test]
    fn a_team_view_has_times_sections_notes_leads_columns_and_summed_materials() {
        let (s, b) = (session(), blocks());
        let v = View::new(&source(&s, &b), &English, &Options::new(Audience::Team));
        let welcome = &v.rows[2];
        assert_eq!(welcome.time_text, "09:00–09:30");
        assert_eq!(welcome.section, "Opening");
        assert_eq!(welcome.notes, "Secret: bring the cake");
        assert_eq!(welcome.lead, "Anna");
        assert_eq!(welcome.values, vec!["4B".to_owned()]);
        assert_eq!(v.rows[1].subtotal.as_deref(), Some("90 min"));
        assert_eq!(v.columns, vec!["Room".to_owned()]);
        assert_eq!(v.materials.len(), 1, "{:?}", v.materials);
        assert_eq!(v.materials[0].quantity, 6);
        assert_eq!(v.materials[0].used_in, "Welcome, Talk");
        assert_eq!(v.total, "90 min");
    }

    #[test]
    fn a_participant_view_has_no_notes_leads_materials_or_custom_fields() {
        let (s, b) = (session(), blocks());
        let v = View::new(
            &source(&s, &b),
            &English,
            &Options::new(Audience::Participant),
        );
        assert!(v.columns.is_empty());
        assert!(v.materials.is_empty());
        for r in &v.rows {
            assert!(r.notes.is_empty() && r.lead.is_empty() && r.materials.is_empty());
            assert!(r.values.is_empty());
        }
        assert_eq!(v.rows[2].title, "Welcome");
    }
}
