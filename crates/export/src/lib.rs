//! A session taken anywhere: the Programme and the Design as PDF, the Programme as DOCX, XLSX,
//! CSV, iCalendar and Markdown, and the whole session as JSON; JSON and CSV read back into
//! a new session (`import`).
//!
//! The crate is handed a session, its blocks and the labels in the reader's language, and
//! returns bytes. Every export is built from one view model ([`view::View`]), which applies the
//! visibility rules of the doors: a participant's export (a public link) has no facilitator
//! notes, leads, materials or custom fields. It depends on `domain` only; the heavy crates
//! (typst and the office writers) live here and nowhere else.

pub mod document;
pub mod import;
pub mod json;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod view;

mod csv_out;
mod docx;
mod ics;
mod markdown;
mod pdf;
mod table;
mod xlsx;

pub use view::{Audience, Category, FileRef, Labels, View, Word};

use domain::{Block, ImageId, Session};

/// What an export is made of: the session as the store holds it, and what goes with it.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub session: &'a Session,
    /// The live blocks, in flow order.
    pub blocks: &'a [Block],
    /// The category palette the blocks' categories are named and coloured from.
    pub categories: &'a [Category],
    /// The session's files, for the JSON export's references.
    pub files: &'a [FileRef],
    /// The card pictures the Design PDF shows, by image id (a missing one is left out).
    pub images: &'a [(ImageId, Vec<u8>)],
}

/// The file formats a session exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The Programme as a PDF.
    Pdf,
    /// The Design as cards, several to an A4 page.
    CardsPdf,
    /// The materials list as a PDF.
    MaterialsPdf,
    Docx,
    Xlsx,
    Csv,
    /// iCalendar.
    Ics,
    Markdown,
    Json,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Self::Pdf,
        Self::CardsPdf,
        Self::MaterialsPdf,
        Self::Docx,
        Self::Xlsx,
        Self::Csv,
        Self::Ics,
        Self::Markdown,
        Self::Json,
    ];

    /// The formats a participant (a public link) may take: no facilitator's working files.
    pub const FOR_PARTICIPANTS: [Format; 3] = [Self::Pdf, Self::CardsPdf, Self::Ics];

    /// The name the API and the pages use.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::CardsPdf => "cards-pdf",
            Self::MaterialsPdf => "materials-pdf",
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
            Self::Ics => "ics",
            Self::Markdown => "md",
            Self::Json => "json",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The file name's ending, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf | Self::CardsPdf | Self::MaterialsPdf => "pdf",
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
            Self::Ics => "ics",
            Self::Markdown => "md",
            Self::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf | Self::CardsPdf | Self::MaterialsPdf => "application/pdf",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Ics => "text/calendar; charset=utf-8",
            Self::Markdown => "text/markdown; charset=utf-8",
            Self::Json => "application/json",
        }
    }
}

/// One calendar event per block, or one per day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Events {
    #[default]
    PerBlock,
    PerDay,
}

/// How an export is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub audience: Audience,
    /// Facilitator notes in the Programme's PDF, DOCX and Markdown (never for participants).
    pub notes: bool,
    /// The materials list after the Programme (never for participants).
    pub materials: bool,
    /// A4 landscape instead of portrait, for the Programme's PDF.
    pub landscape: bool,
    pub events: Events,
}

impl Options {
    pub fn new(audience: Audience) -> Self {
        Self {
            audience,
            notes: false,
            materials: false,
            landscape: false,
            events: Events::PerBlock,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} is not an export participants may take")]
    NotForParticipants(&'static str),
    #[error("the {0} writer failed: {1}")]
    Writer(&'static str, String),
}

/// The session in `format`, as `options.audience` may see it, in `labels`' language.
pub fn export(
    source: &Source<'_>,
    labels: &dyn Labels,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    if options.audience == Audience::Participant && !Format::FOR_PARTICIPANTS.contains(&format) {
        return Err(Error::NotForParticipants(format.as_str()));
    }
    if format == Format::Json {
        return json::write(source);
    }
    let view = View::new(source, labels, options);
    match format {
        Format::Pdf => pdf::programme(&view, labels, options),
        Format::CardsPdf => pdf::cards(&view, labels, source.images),
        Format::MaterialsPdf => pdf::materials(&view, labels),
        Format::Docx => docx::write(&view, labels, options),
        Format::Xlsx => xlsx::write(&view, labels),
        Format::Csv => csv_out::write(&view, labels),
        Format::Ics => Ok(ics::write(source.session, &view, options.events)),
        Format::Markdown => Ok(markdown::write(&view, labels, options).into_bytes()),
        Format::Json => unreachable!("handled above"),
    }
}

/// A file name for the export: the session's title made safe, and the format's ending.
pub fn file_name(title: &str, format: Format) -> String {
    let mut base: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    if base.is_empty() {
        base = "session".into();
    }
    let base: String = base.chars().take(80).collect();
    let suffix = match format {
        Format::CardsPdf => "-cards",
        Format::MaterialsPdf => "-materials",
        _ => "",
    };
    format!("{base}{suffix}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_reads_back_from_its_own_name() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        assert_eq!(Format::parse("exe"), None);
    }

    #[test]
    fn a_file_name_keeps_letters_of_any_script_and_drops_what_a_path_could_misuse() {
        assert_eq!(
            file_name("Стратегия 2027: день/1", Format::Pdf),
            "Стратегия-2027-день-1.pdf"
        );
        assert_eq!(file_name("../..", Format::Json), "session.json");
        assert_eq!(
            file_name("Kick-off", Format::CardsPdf),
            "Kick-off-cards.pdf"
        );
    }
}
