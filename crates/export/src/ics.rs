//! The Programme as iCalendar (RFC 5545): one event per timed block or one per day. Times are
//! written in UTC, computed in the session's time zone, so every calendar shows the right local
//! time on both sides of a daylight-saving change. UIDs come from the block's id (or the
//! session's and the day's number), and SEQUENCE from the session's version, so importing the
//! file again updates the events instead of adding them twice.

use crate::Events;
use crate::view::{Row, View};
use domain::Session;
use domain::session::BlockKind;
use jiff::{Timestamp, Zoned};
use std::fmt::Write;

pub fn write(session: &Session, view: &View, events: Events) -> Vec<u8> {
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Plenary//Plenary session export//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    out.property("X-WR-CALNAME", &view.title);
    out.property("X-WR-TIMEZONE", &view.time_zone);
    let stamp = Timestamp::from_millisecond(session.updated_at).unwrap_or(Timestamp::UNIX_EPOCH);
    let sequence = session.version.max(0);
    let mut event = |uid: String, start: &Zoned, end: &Zoned, summary: &str, about: &str| {
        out.line("BEGIN:VEVENT");
        out.property("UID", &uid);
        out.line(&format!("DTSTAMP:{}", utc(&stamp)));
        out.line(&format!("SEQUENCE:{sequence}"));
        out.line(&format!("DTSTART:{}", utc(&start.timestamp())));
        out.line(&format!("DTEND:{}", utc(&end.timestamp())));
        out.property("SUMMARY", summary);
        if !about.is_empty() {
            out.property("DESCRIPTION", about);
        }
        if !view.place.is_empty() {
            out.property("LOCATION", &view.place);
        }
        out.line("END:VEVENT");
    };
    match events {
        Events::PerBlock => {
            for r in view
                .rows
                .iter()
                .filter(|r| matches!(r.kind, BlockKind::Activity | BlockKind::Break))
            {
                event(
                    format!("{}@plenary", r.id),
                    &r.start,
                    &r.end,
                    &r.title,
                    &about(r),
                );
            }
        }
        Events::PerDay => {
            let days = view.rows.iter().map(|r| r.day).max().map_or(0, |d| d + 1);
            for day in 0..days {
                let rows: Vec<&Row> = view.rows.iter().filter(|r| r.day == day).collect();
                let timed: Vec<&&Row> = rows.iter().filter(|r| !r.is_heading()).collect();
                let (Some(first), Some(last)) = (timed.first(), timed.last()) else {
                    continue;
                };
                let name = rows
                    .iter()
                    .find(|r| r.kind == BlockKind::Day)
                    .map_or(view.title.clone(), |d| {
                        format!("{} — {}", view.title, d.title)
                    });
                let agenda: Vec<String> = timed
                    .iter()
                    .map(|r| format!("{} {}", r.time_text, r.title))
                    .collect();
                event(
                    format!("{}-day-{}@plenary", session.id, day + 1),
                    &first.start,
                    &last.end,
                    &name,
                    &agenda.join("\n"),
                );
            }
        }
    }
    out.line("END:VCALENDAR");
    out.0.into_bytes()
}

/// What an event says about its block: the description, then the lead and the notes when the
/// view has them.
fn about(r: &Row) -> String {
    let mut parts = vec![r.description.trim().to_owned()];
    if !r.lead.is_empty() {
        parts.push(r.lead.clone());
    }
    if !r.notes.is_empty() {
        parts.push(r.notes.clone());
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n")
}

fn utc(t: &Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// Content lines with CRLF endings, folded at 75 octets without splitting a character.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn property(&mut self, name: &str, text: &str) {
        self.line(&format!("{name}:{}", escape(text)));
    }

    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += n;
        }
        self.0.push_str("\r\n");
    }
}

/// A TEXT value: backslashes, semicolons, commas and line breaks escaped; other control
/// characters dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => {
                let _ = out.write_char(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_folds_at_75_octets_without_splitting_a_cyrillic_letter() {
        let mut l = Lines::default();
        l.property("SUMMARY", &"Ж".repeat(60));
        for line in l.0.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = l.0.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "Ж".repeat(60)));
    }

    #[test]
    fn text_escapes_what_would_end_a_value_and_drops_control_characters() {
        assert_eq!(escape("a;b,c\\d\ne\u{7}"), "a\\;b\\,c\\\\d\\ne");
    }
}
