//! The Programme's rows, totals and materials, and the Design board's grouping of the same
//! rows, computed from a session and its blocks.

use crate::i18n::Tr;
use crate::sessions::{self, Category};
use domain::session::BlockKind;
use domain::timing::Conflict;
use domain::{Block, Session};
use domain::{BlockId, ImageId};

/// The accessible names of a block's drag handle and action menu, each naming the block.
#[derive(Clone, Default)]
pub struct Labels {
    pub drag: String,
    pub actions: String,
}

/// Formats the label messages once per page with a marker for the title, so a row costs a
/// string replacement instead of message lookups. A row's menu items need no label of their
/// own: the menu is named after the block.
struct LabelPatterns([String; 2]);

const TITLE_MARK: &str = "\u{E000}";

impl LabelPatterns {
    fn new(tr: &Tr) -> Self {
        let p = |key: &str| tr.ts(key, "title", TITLE_MARK);
        Self([p("drag-label"), p("actions-label")])
    }

    fn for_title(&self, title: &str) -> Labels {
        let [drag, actions] = self.0.clone().map(|p| p.replace(TITLE_MARK, title));
        Labels { drag, actions }
    }
}

/// Words every row repeats, looked up once per page.
pub struct Words {
    pub edit: String,
    pub lead: String,
    pub delete: String,
    pub insert_after: String,
    pub move_up: String,
    pub move_down: String,
    pub untitled: String,
}

impl Words {
    fn new(tr: &Tr) -> Self {
        Self {
            edit: tr.t("edit"),
            lead: tr.t("col-lead"),
            delete: tr.t("delete"),
            insert_after: tr.t("insert-after"),
            move_up: tr.t("move-up"),
            move_down: tr.t("move-down"),
            untitled: tr.t("untitled"),
        }
    }
}

/// One line of the Programme.
#[derive(Clone)]
pub struct Row {
    pub id: BlockId,
    pub kind: &'static str,
    pub title: String,
    pub duration: String,
    pub start: String,
    pub end: String,
    /// When the block runs: "9:00–9:20", or only its start when it takes no time.
    pub time: String,
    pub lead: String,
    pub description: String,
    /// The description as sanitised HTML.
    pub description_html: String,
    pub notes: String,
    /// The description's first line as plain text (or the notes' when there is none).
    pub preview: String,
    pub materials: Vec<(String, u32)>,
    /// Minutes as stored, for editing in place.
    pub minutes: u32,
    /// The category's colour, or one for the kind of block.
    pub colour: String,
    /// The category's label; empty for none.
    pub category: String,
    /// The group format in the reader's language; empty for none.
    pub group_format: String,
    pub image: Option<ImageId>,
    /// A bundled illustration, shown when the card has no picture of its own.
    pub illustration: Option<String>,
    /// The library method the block was taken from.
    pub method: Option<domain::MethodId>,
    /// Values of the custom fields shown as columns, in their order.
    pub columns: Vec<String>,
    /// Every custom field with a value: (name, value), for the cards.
    pub lines: Vec<(String, String)>,
    pub labels: Labels,
    /// For a section: its subtotal; for a day: its date and total.
    pub heading: Option<String>,
    pub conflict: Option<String>,
    pub first: bool,
    pub last: bool,
    /// Open comment threads about this block, with its label ("2 open comments").
    pub comments: Option<String>,
    pub comment_count: i64,
    /// The block's files that may be downloaded: (id, name).
    pub files: Vec<(domain::FileId, String)>,
}

impl Row {
    /// Whether the row has more to show than its title line: what its details hold.
    pub fn has_more(&self) -> bool {
        !self.description.is_empty()
            || !self.notes.is_empty()
            || !self.materials.is_empty()
            || !self.group_format.is_empty()
            || !self.lines.is_empty()
            || !self.files.is_empty()
            || self.method.is_some()
            || self.comments.is_some()
    }
}

/// How many characters of a description a row's preview shows.
const PREVIEW_CHARS: usize = 160;

pub struct Programme {
    /// Words every row repeats, looked up once.
    pub words: Words,
    pub session: Session,
    pub rows: Vec<Row>,
    /// The heading of the first day when no day block starts the session: later days start
    /// with a day block, which has its own.
    pub first_day: Option<DayHeading>,
    /// Names of the custom fields shown as columns.
    pub columns: Vec<String>,
    pub total: String,
    pub days: Vec<String>,
    /// Every material with its total quantity and the blocks that use it.
    pub materials: Vec<MaterialTotal>,
    /// Whether the reader may change the session (viewers and commenters may not).
    pub can_edit: bool,
    /// The library's categories, for the library panel's filter.
    pub categories: Vec<(String, String)>,
}

/// A day's heading: its date, hours and total, and how far it runs past its end time.
pub struct DayHeading {
    pub line: String,
    pub overrun: Option<String>,
}

fn day_heading(tr: &Tr, d: &domain::timing::DayTotal) -> DayHeading {
    DayHeading {
        line: format!(
            "{} · {}–{} · {}",
            tr.date(d.date),
            tr.clock(&d.start),
            tr.clock(&d.end),
            tr.minutes(d.minutes)
        ),
        overrun: d
            .overrun
            .map(|o| tr.ts("overrun", "duration", &tr.minutes(o))),
    }
}

pub struct MaterialTotal {
    pub name: String,
    pub quantity: u64,
    pub blocks: String,
}

/// Adds up materials of the same name (any case) across blocks.
fn material_totals(tr: &Tr, rows: &[Row]) -> Vec<MaterialTotal> {
    let mut totals: Vec<(String, u64, Vec<String>)> = Vec::new();
    for r in rows {
        for (name, qty) in &r.materials {
            let title = if r.title.is_empty() {
                tr.t("untitled")
            } else {
                r.title.clone()
            };
            match totals
                .iter_mut()
                .find(|(n, _, _)| n.to_lowercase() == name.to_lowercase())
            {
                Some((_, q, blocks)) => {
                    *q += u64::from(*qty);
                    if !blocks.contains(&title) {
                        blocks.push(title);
                    }
                }
                None => totals.push((name.clone(), u64::from(*qty), vec![title])),
            }
        }
    }
    totals.sort_by_key(|(n, _, _)| n.to_lowercase());
    totals
        .into_iter()
        .map(|(name, quantity, blocks)| MaterialTotal {
            name,
            quantity,
            blocks: blocks.join(", "),
        })
        .collect()
}

/// Materials typed one per line as "Markers × 12", "Markers, 12" or just "Markers" (one).
pub fn parse_materials(text: &str) -> Vec<domain::session::Material> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let split = ['×', ',', '*']
                .iter()
                .filter_map(|sep| line.rsplit_once(*sep))
                .chain(line.rsplit_once(" x "))
                .find_map(|(name, n)| n.trim().parse::<u32>().ok().map(|q| (name.trim(), q)));
            let (name, quantity) = split.unwrap_or((line, 1));
            domain::session::Material {
                name: name.to_owned(),
                quantity,
            }
        })
        .collect()
}

/// The colour of a block of `kind` without a category.
fn kind_colour(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Break => "#2f8f4e",
        BlockKind::Note => sessions::NO_COLOUR,
        _ => "#2457c5",
    }
}

pub fn programme_of(
    tr: &Tr,
    session: Session,
    blocks: &[Block],
    palette: &[Category],
) -> Programme {
    let plan = domain::timing::schedule_of(&session, blocks);
    let defs = session.custom_fields.clone();
    let patterns = LabelPatterns::new(tr);
    let n = blocks.len();
    let rows: Vec<Row> = blocks
        .iter()
        .zip(&plan.slots)
        .enumerate()
        .map(|(i, (b, slot))| {
            let kind = b.kind;
            let category = b.category.as_ref().map(|c| {
                palette
                    .iter()
                    .find(|p| &p.value == c)
                    .cloned()
                    .unwrap_or(Category {
                        value: c.clone(),
                        label: c.clone(),
                        colour: sessions::NO_COLOUR.into(),
                    })
            });
            let heading = match kind {
                BlockKind::Section => plan
                    .sections
                    .iter()
                    .find(|(s, _)| *s == i)
                    .map(|(_, m)| tr.minutes(*m)),
                BlockKind::Day => plan.days.get(slot.day).map(|d| day_heading(tr, d).line),
                _ => None,
            };
            let overrun = match kind {
                BlockKind::Day => plan
                    .days
                    .get(slot.day)
                    .and_then(|d| day_heading(tr, d).overrun),
                _ => None,
            };
            let start = tr.clock(&slot.start);
            let end = tr.clock(&slot.end);
            Row {
                comments: None,
                comment_count: 0,
                files: Vec::new(),
                id: b.id,
                kind: kind.as_str(),
                title: b.title.clone(),
                duration: if matches!(kind, BlockKind::Activity | BlockKind::Break) {
                    tr.minutes(i64::from(b.minutes))
                } else {
                    String::new()
                },
                time: if slot.start == slot.end {
                    start.clone()
                } else {
                    format!("{start}–{end}")
                },
                start,
                end,
                lead: b.lead.clone(),
                description: b.description.clone(),
                description_html: crate::markdown::render(&b.description),
                preview: if b.description.trim().is_empty() {
                    crate::markdown::preview(&b.notes, PREVIEW_CHARS)
                } else {
                    crate::markdown::preview(&b.description, PREVIEW_CHARS)
                },
                notes: b.notes.clone(),
                materials: b
                    .materials
                    .iter()
                    .map(|m| (m.name.clone(), m.quantity))
                    .collect(),
                minutes: b.minutes,
                colour: category
                    .as_ref()
                    .map_or_else(|| kind_colour(kind).to_owned(), |c| c.colour.clone()),
                category: category.map(|c| c.label).unwrap_or_default(),
                group_format: b
                    .group_format
                    .as_ref()
                    .map(|g| tr.t(&format!("group-format-{g}")))
                    .unwrap_or_default(),
                image: b.card_image,
                illustration: b.illustration.clone(),
                method: b.method,
                columns: defs
                    .iter()
                    .filter(|d| d.column)
                    .map(|d| b.value(&d.id).unwrap_or_default().to_owned())
                    .collect(),
                lines: defs
                    .iter()
                    .filter_map(|d| b.value(&d.id).map(|v| (d.name.clone(), v.to_owned())))
                    .collect(),
                labels: patterns.for_title(&b.title),
                heading,
                conflict: slot
                    .conflict
                    .map(|c| match c {
                        Conflict::Gap(m) => tr.ts("conflict-gap", "duration", &tr.minutes(m)),
                        Conflict::Overlap(m) => {
                            tr.ts("conflict-overlap", "duration", &tr.minutes(m))
                        }
                    })
                    .or(overrun),
                first: i == 0,
                last: i + 1 == n,
            }
        })
        .collect();
    let first_day = match (blocks.first(), plan.days.first()) {
        (Some(b), Some(d)) if b.kind != BlockKind::Day => Some(day_heading(tr, d)),
        _ => None,
    };
    let days = plan
        .days
        .iter()
        .map(|d| {
            let mut line = format!(
                "{}: {}–{}, {}",
                tr.date(d.date),
                tr.clock(&d.start),
                tr.clock(&d.end),
                tr.minutes(d.minutes)
            );
            if let Some(o) = d.overrun {
                line.push_str(&format!(
                    " — {}",
                    tr.ts("overrun", "duration", &tr.minutes(o))
                ));
            }
            line
        })
        .collect();
    let materials = material_totals(tr, &rows);
    Programme {
        words: Words::new(tr),
        first_day,
        columns: defs
            .iter()
            .filter(|d| d.column)
            .map(|d| d.name.clone())
            .collect(),
        session,
        rows,
        total: tr.minutes(plan.total_minutes),
        days,
        materials,
        can_edit: true,
        categories: Vec::new(),
    }
}

/// A section of the Design board (or the cards of a day before its first section): its
/// heading, its cards, and the block a new or dropped card goes after.
pub struct CardGroup {
    pub id: Option<BlockId>,
    pub title: String,
    pub subtotal: Option<String>,
    pub cards: Vec<Row>,
    /// The block a card added at the end of the group goes after; empty for the very start.
    pub anchor: String,
}

/// A day of the Design board.
pub struct DayColumn {
    pub id: Option<BlockId>,
    /// The day block's title, or none for a first day without one.
    pub title: Option<String>,
    /// Its date, hours and total.
    pub line: String,
    pub overrun: Option<String>,
    pub groups: Vec<CardGroup>,
}

impl DayColumn {
    /// Whether its sections lay out side by side (two or more) or its cards flow on their own.
    pub fn has_sections(&self) -> bool {
        self.groups.iter().filter(|g| g.id.is_some()).count() > 1
    }
}

/// Groups the Programme's rows by day and section for the Design board.
pub fn board(rows: &[Row], first_day: Option<&DayHeading>) -> Vec<DayColumn> {
    let mut out: Vec<DayColumn> = Vec::new();
    let group = |id: Option<BlockId>, title: String, subtotal, anchor: String| CardGroup {
        id,
        title,
        subtotal,
        cards: Vec::new(),
        anchor,
    };
    for r in rows {
        if r.kind == "day" {
            out.push(DayColumn {
                id: Some(r.id),
                title: Some(r.title.clone()),
                line: r.heading.clone().unwrap_or_default(),
                overrun: r.conflict.clone(),
                groups: vec![group(None, String::new(), None, r.id.to_string())],
            });
            continue;
        }
        if out.is_empty() {
            out.push(DayColumn {
                id: None,
                title: None,
                line: first_day.map(|d| d.line.clone()).unwrap_or_default(),
                overrun: first_day.and_then(|d| d.overrun.clone()),
                groups: vec![group(None, String::new(), None, String::new())],
            });
        }
        let Some(day) = out.last_mut() else { continue };
        if r.kind == "section" {
            // A day's cards before its first section keep their group only if there are any.
            if day.groups.len() == 1 && day.groups[0].id.is_none() && day.groups[0].cards.is_empty()
            {
                day.groups.clear();
            }
            day.groups.push(group(
                Some(r.id),
                r.title.clone(),
                r.heading.clone(),
                r.id.to_string(),
            ));
        } else if let Some(g) = day.groups.last_mut() {
            g.anchor = r.id.to_string();
            g.cards.push(r.clone());
        }
    }
    if out.is_empty() {
        // An empty session still has a first day to drop a block into.
        out.push(DayColumn {
            id: None,
            title: None,
            line: String::new(),
            overrun: None,
            groups: vec![group(None, String::new(), None, String::new())],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::parse_materials;

    #[test]
    fn materials_are_read_one_per_line_with_an_optional_quantity() {
        let m = parse_materials("Markers × 12\nFlip chart, 2\n  \nSticky notes x 100\nTape");
        let got: Vec<(&str, u32)> = m.iter().map(|x| (x.name.as_str(), x.quantity)).collect();
        assert_eq!(
            got,
            vec![
                ("Markers", 12),
                ("Flip chart", 2),
                ("Sticky notes", 100),
                ("Tape", 1)
            ]
        );
        assert_eq!(
            parse_materials("Pens, red")[0].name,
            "Pens, red",
            "a comma without a number is part of the name"
        );
    }
}
