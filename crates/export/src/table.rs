//! The Programme as a table of typed cells, a row per block: what the CSV and the spreadsheet
//! are both written from.

use crate::view::{Audience, Labels, View, Word};
use jiff::civil::{Date, Time};

/// What starts a formula in a spreadsheet program.
pub const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One cell, typed so a spreadsheet can hold dates, times and numbers as such.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(Date),
    Time(Time),
    Minutes(u32),
    Empty,
}

impl Cell {
    /// The cell as CSV writes it: ISO dates, 24-hour times, plain numbers. A text a
    /// spreadsheet program would take for a formula (`=`, `+`, `-`, `@`, a tab or a carriage
    /// return first) gets an apostrophe before it, which the CSV import takes off again.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(t) if t.starts_with(FORMULA) => format!("'{t}"),
            Cell::Text(t) => t.clone(),
            Cell::Date(d) => d.to_string(),
            Cell::Time(t) => t.strftime("%H:%M").to_string(),
            Cell::Minutes(m) => m.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// The header and the rows; the columns a participant may not see are left out.
pub fn table(view: &View, labels: &dyn Labels) -> (Vec<String>, Vec<Vec<Cell>>) {
    let team = view.audience == Audience::Team;
    let mut header: Vec<String> = [
        Word::Date,
        Word::Start,
        Word::End,
        Word::DurationMinutes,
        Word::Kind,
        Word::Section,
        Word::Title,
        Word::Category,
    ]
    .into_iter()
    .map(|w| labels.word(w))
    .collect();
    if team {
        header.push(labels.word(Word::Lead));
        header.extend(view.columns.iter().cloned());
    }
    header.push(labels.word(Word::Description));
    if team {
        header.push(labels.word(Word::Notes));
    }
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_owned())
        }
    };
    let rows = view
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::Date(r.date),
                Cell::Time(r.start.time()),
                Cell::Time(r.end.time()),
                r.minutes.map_or(Cell::Empty, Cell::Minutes),
                Cell::Text(r.kind_label.clone()),
                text(&r.section),
                Cell::Text(r.title.clone()),
                text(&r.category),
            ];
            if team {
                row.push(text(&r.lead));
                row.extend(r.values.iter().map(|v| text(v)));
            }
            row.push(text(&r.description));
            if team {
                row.push(text(&r.notes));
            }
            row
        })
        .collect();
    (header, rows)
}
