//! The Programme as Markdown: headings for the days and sections, a line per block with its
//! time and duration, the description under it, and the notes and materials when asked for.

use crate::Options;
use crate::view::{Audience, Labels, View, Word};
use domain::session::BlockKind;
use std::fmt::Write;

pub fn write(view: &View, labels: &dyn Labels, options: &Options) -> String {
    let team = view.audience == Audience::Team;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&view.title));
    let mut meta = vec![view.dates.clone()];
    if !view.place.is_empty() {
        meta.push(inline(&view.place));
    }
    meta.push(format!("{}: {}", labels.word(Word::Total), view.total));
    meta.push(format!(
        "{}: {}",
        labels.word(Word::TimeZone),
        view.time_zone
    ));
    let _ = writeln!(out, "{}\n", meta.join(" · "));
    if !view.description.trim().is_empty() {
        let _ = writeln!(out, "{}\n", view.description.trim());
    }
    if !view.goals.is_empty() {
        let _ = writeln!(out, "## {}\n", labels.word(Word::Goals));
        for g in &view.goals {
            let _ = writeln!(out, "- {}", inline(g));
        }
        out.push('\n');
    }
    for r in &view.rows {
        match r.kind {
            BlockKind::Day => {
                let _ = writeln!(out, "## {}\n", inline(&r.title));
                if let Some(s) = &r.subtotal {
                    let _ = writeln!(out, "_{s}_\n");
                }
            }
            BlockKind::Section => {
                let sub = r.subtotal.as_deref().map(|s| format!(" ({s})"));
                let _ = writeln!(out, "### {}{}\n", inline(&r.title), sub.unwrap_or_default());
            }
            _ => {
                let mut line = format!("- **{}** {}", r.time_text, inline(&r.title));
                if !r.duration.is_empty() {
                    let _ = write!(line, " ({})", r.duration);
                }
                if r.kind != BlockKind::Activity {
                    let _ = write!(line, " · {}", r.kind_label);
                }
                if !r.category.is_empty() {
                    let _ = write!(line, " · {}", inline(&r.category));
                }
                if !r.lead.is_empty() {
                    let _ = write!(line, " — {}", inline(&r.lead));
                }
                let _ = writeln!(out, "{line}");
                for (name, value) in view.columns.iter().zip(&r.values) {
                    if !value.is_empty() {
                        let _ = writeln!(out, "  - {}: {}", inline(name), inline(value));
                    }
                }
                indented(&mut out, &r.description);
                if team && options.notes && !r.notes.trim().is_empty() {
                    let _ = writeln!(out, "\n  > **{}:**", labels.word(Word::Notes));
                    for l in r.notes.trim().lines() {
                        let _ = writeln!(out, "  > {l}");
                    }
                }
                out.push('\n');
            }
        }
    }
    if team && options.materials && !view.materials.is_empty() {
        let _ = writeln!(out, "## {}\n", labels.word(Word::Materials));
        for m in &view.materials {
            let _ = writeln!(
                out,
                "- {} × {} ({})",
                inline(&m.name),
                m.quantity,
                inline(&m.used_in)
            );
        }
    }
    out
}

/// A block's description, kept as the Markdown it is, indented under its list item.
fn indented(out: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    out.push('\n');
    for l in text.lines() {
        if l.trim().is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "  {l}");
        }
    }
}

/// Plain text made safe inside a Markdown line: the characters that would start emphasis,
/// links, code or HTML are escaped, and line breaks become spaces.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{English, blocks, session, source};

    #[test]
    fn the_markdown_has_the_days_sections_times_and_notes_only_when_asked() {
        let (s, b) = (session(), blocks());
        let mut o = Options::new(Audience::Team);
        let v = View::new(&source(&s, &b), &English, &o);
        let plain = write(&v, &English, &o);
        assert!(plain.starts_with("# Strategy day\n"), "{plain}");
        assert!(plain.contains("## Day one"), "{plain}");
        assert!(plain.contains("### Opening (90 min)"), "{plain}");
        assert!(
            plain.contains("- **09:00–09:30** Welcome (30 min) · energiser — Anna"),
            "{plain}"
        );
        assert!(!plain.contains("bring the cake"), "{plain}");
        o.notes = true;
        assert!(write(&v, &English, &o).contains("> Secret: bring the cake"));
    }

    #[test]
    fn a_title_cannot_turn_into_a_link_or_html() {
        assert_eq!(
            inline("[x](javascript:1) <b>"),
            "\\[x\\](javascript:1) \\<b\\>"
        );
    }
}
