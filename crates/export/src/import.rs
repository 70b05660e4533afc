//! Files read back into a new session: the JSON export whole, or a CSV of blocks (title,
//! duration, kind, notes and custom fields by header), previewed first with its bad rows
//! marked. Everything is checked here, as the ops will check it, before anything is created.

use crate::json::{Document, FORMAT_VERSION};
use crate::table::FORMULA;
use crate::view::{Category, Labels, Word};
use domain::session::{
    BlockField, BlockKind, CustomFieldDef, CustomKind, CustomValue, OpError, SessionField,
};
use domain::snapshot::{Draft, DraftBlock};
use domain::{BlockId, Session};

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("the file is not a Plenary session export: {0}")]
    NotAnExport(String),
    #[error("the export's format version is {0}; this Plenary reads version {FORMAT_VERSION}")]
    Version(u64),
    #[error("the file is not UTF-8 text")]
    NotText,
    #[error("the file is not CSV: {0}")]
    NotCsv(String),
    #[error("the CSV has no title column")]
    NoTitleColumn,
    #[error("the file has no blocks to import")]
    Empty,
    #[error("{what} is not valid: {error}")]
    Invalid { what: String, error: String },
}

impl ImportError {
    /// A stable code the doors translate.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotJson(_) => "import_not_json",
            Self::NotAnExport(_) => "import_not_an_export",
            Self::Version(_) => "import_format_version",
            Self::NotText => "import_not_text",
            Self::NotCsv(_) => "import_not_csv",
            Self::NoTitleColumn => "import_no_title_column",
            Self::Empty => "import_empty",
            Self::Invalid { .. } => "import_invalid",
        }
    }
}

/// A session read from a file: what to call it and when it starts (for creating it), and its
/// content as a version holds it, which `domain::snapshot::restore_ops` turns into ops.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub title: String,
    pub first_date: Option<jiff::civil::Date>,
    pub start_time: Option<jiff::civil::Time>,
    pub time_zone: Option<String>,
    pub language: Option<String>,
    pub draft: Draft,
}

/// The JSON export read back. Ids are new; pictures are left out, since their files stay with
/// the session they came from; every field is checked as an op would check it.
pub fn from_json(bytes: &[u8]) -> Result<Imported, ImportError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ImportError::NotJson(e.to_string()))?;
    match value
        .get("format_version")
        .and_then(serde_json::Value::as_u64)
    {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) => return Err(ImportError::Version(v)),
        None => return Err(ImportError::NotAnExport("no format_version".into())),
    }
    let doc: Document =
        serde_json::from_value(value).map_err(|e| ImportError::NotAnExport(e.to_string()))?;
    let s: Session = doc.session;
    let mut fields: Vec<SessionField> = s
        .content_fields()
        .into_iter()
        .filter(|f| !matches!(f, SessionField::CoverImage(_)))
        .collect();
    fields.push(SessionField::Status(s.status));
    let session = fields
        .into_iter()
        .map(|f| {
            let name = f.name();
            f.validate().map_err(|e| invalid(name, &e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let defs = s.custom_fields.clone();
    let mut blocks = Vec::with_capacity(doc.blocks.len());
    for (i, b) in doc.blocks.iter().enumerate() {
        let fields = b
            .fields()
            .into_iter()
            .map(|f| match f {
                BlockField::CardImage(_) => Ok(BlockField::CardImage(None)),
                f => {
                    let name = f.name();
                    f.validate_in(b.kind, &defs)
                        .map_err(|e| invalid(&format!("block {} {name}", i + 1), &e))
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        blocks.push(DraftBlock {
            id: BlockId::new(),
            kind: b.kind,
            fields,
        });
    }
    Ok(Imported {
        title: s.title,
        first_date: Some(s.first_date),
        start_time: Some(s.start_time),
        time_zone: Some(s.time_zone.as_str().to_owned()),
        language: Some(s.language.code().to_owned()),
        draft: Draft { session, blocks },
    })
}

fn invalid(what: &str, e: &OpError) -> ImportError {
    ImportError::Invalid {
        what: what.to_owned(),
        error: e.code().to_owned(),
    }
}

/// What is wrong with one row of a CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowProblem {
    NoTitle,
    /// Not a number of minutes (`45`) or hours and minutes (`1:30`), or out of range.
    BadDuration,
    BadKind,
    /// A text longer than its field allows.
    TooLong,
    /// A value a custom field cannot hold.
    BadValue,
}

impl RowProblem {
    pub fn code(self) -> &'static str {
        match self {
            Self::NoTitle => "no_title",
            Self::BadDuration => "bad_duration",
            Self::BadKind => "bad_kind",
            Self::TooLong => "too_long",
            Self::BadValue => "bad_value",
        }
    }
}

/// One row of a CSV as it would be imported, with what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvRow {
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    pub kind: BlockKind,
    pub title: String,
    pub minutes: u32,
    pub fields: Vec<BlockField>,
    pub problems: Vec<RowProblem>,
}

impl CsvRow {
    pub fn is_good(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A CSV read and checked, not yet imported.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvPreview {
    /// The columns that became custom fields (a header the importer does not know).
    pub custom: Vec<String>,
    /// The columns of Plenary's own export that are computed, so not read (date, start, end,
    /// section).
    pub ignored: Vec<String>,
    pub rows: Vec<CsvRow>,
}

impl CsvPreview {
    pub fn good(&self) -> usize {
        self.rows.iter().filter(|r| r.is_good()).count()
    }

    /// The good rows as a new session's content: a text custom field per unknown column.
    pub fn draft(&self) -> Draft {
        Draft {
            session: vec![SessionField::CustomFields(self.defs())],
            blocks: self
                .rows
                .iter()
                .filter(|r| r.is_good())
                .map(|r| DraftBlock {
                    id: BlockId::new(),
                    kind: r.kind,
                    fields: r.fields.clone(),
                })
                .collect(),
        }
    }

    fn defs(&self) -> Vec<CustomFieldDef> {
        self.custom
            .iter()
            .enumerate()
            .map(|(i, name)| CustomFieldDef {
                id: format!("c{}", i + 1),
                name: name.clone(),
                kind: CustomKind::Text,
                options: Vec::new(),
                column: true,
            })
            .collect()
    }
}

/// What a CSV column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Title,
    Minutes,
    Kind,
    Notes,
    Description,
    Lead,
    Category,
    Ignored,
    Custom(usize),
}

/// The most rows one CSV may bring (the most blocks an import makes).
pub const CSV_ROWS_MAX: usize = 2000;

/// Reads a CSV of blocks: its header names the columns, in English or in the reader's
/// language, in any case; a comma, semicolon or tab separates them. A header it does not know
/// becomes a custom text field.
pub fn preview_csv(
    bytes: &[u8],
    labels: &dyn Labels,
    categories: &[Category],
) -> Result<CsvPreview, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(ImportError::NotText);
    }
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| ImportError::NotCsv(e.to_string()))?
        .clone();
    let mut custom = Vec::new();
    let mut ignored = Vec::new();
    let columns: Vec<Column> = header
        .iter()
        .map(|h| {
            let c = column(h, labels);
            if c == Column::Ignored {
                ignored.push(h.trim().to_owned());
            }
            if c == Column::Custom(0) {
                custom.push(h.trim().to_owned());
                Column::Custom(custom.len() - 1)
            } else {
                c
            }
        })
        .collect();
    if !columns.contains(&Column::Title) {
        return Err(ImportError::NoTitleColumn);
    }
    let mut preview = CsvPreview {
        custom,
        ignored,
        rows: Vec::new(),
    };
    let defs = preview.defs();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ImportError::NotCsv(e.to_string()))?;
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if preview.rows.len() == CSV_ROWS_MAX {
            return Err(ImportError::Invalid {
                what: "the CSV".into(),
                error: format!("more than {CSV_ROWS_MAX} rows"),
            });
        }
        preview
            .rows
            .push(row(i + 2, &columns, &record, labels, categories, &defs));
    }
    if preview.rows.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(preview)
}

fn column(header: &str, labels: &dyn Labels) -> Column {
    let h = header.trim().to_lowercase();
    let is = |english: &[&str], word: Word| {
        english.contains(&h.as_str()) || labels.word(word).to_lowercase() == h
    };
    if is(&["title", "name"], Word::Title) {
        Column::Title
    } else if is(
        &["duration", "minutes", "duration (min)"],
        Word::DurationMinutes,
    ) || labels.word(Word::Duration).to_lowercase() == h
    {
        Column::Minutes
    } else if is(&["kind", "type"], Word::Kind) {
        Column::Kind
    } else if is(&["notes", "facilitator notes"], Word::Notes) {
        Column::Notes
    } else if is(&["description"], Word::Description) {
        Column::Description
    } else if is(&["lead", "facilitator"], Word::Lead) {
        Column::Lead
    } else if is(&["category"], Word::Category) {
        Column::Category
    } else if is(&["date", "day"], Word::Date)
        || is(&["start"], Word::Start)
        || is(&["end"], Word::End)
        || is(&["section"], Word::Section)
    {
        Column::Ignored
    } else {
        Column::Custom(0)
    }
}

fn row(
    line: usize,
    columns: &[Column],
    record: &csv::StringRecord,
    labels: &dyn Labels,
    categories: &[Category],
    defs: &[CustomFieldDef],
) -> CsvRow {
    let mut problems = Vec::new();
    let cell = |c: Column| {
        columns
            .iter()
            .position(|x| *x == c)
            .and_then(|i| record.get(i))
            .map(unformula)
            .unwrap_or_default()
    };
    let kind = match cell(Column::Kind).trim() {
        "" => BlockKind::Activity,
        k => [
            BlockKind::Activity,
            BlockKind::Break,
            BlockKind::Note,
            BlockKind::Section,
            BlockKind::Day,
        ]
        .into_iter()
        .find(|kind| {
            kind.as_str().eq_ignore_ascii_case(k)
                || labels.kind(*kind).to_lowercase() == k.to_lowercase()
        })
        .unwrap_or_else(|| {
            problems.push(RowProblem::BadKind);
            BlockKind::Activity
        }),
    };
    let title = cell(Column::Title).trim().to_owned();
    if title.is_empty() {
        problems.push(RowProblem::NoTitle);
    }
    let minutes = match minutes(&cell(Column::Minutes)) {
        Some(m) if matches!(kind, BlockKind::Activity | BlockKind::Break) => m,
        Some(_) => 0,
        None => {
            problems.push(RowProblem::BadDuration);
            0
        }
    };
    let category = cell(Column::Category).trim().to_owned();
    let category = (!category.is_empty()).then(|| {
        categories
            .iter()
            .find(|c| {
                c.value.eq_ignore_ascii_case(&category)
                    || c.label.to_lowercase() == category.to_lowercase()
            })
            .map_or(category, |c| c.value.clone())
    });
    let mut fields = vec![
        BlockField::Title(title.clone()),
        BlockField::Minutes(minutes),
        BlockField::Description(cell(Column::Description)),
        BlockField::Notes(cell(Column::Notes)),
        BlockField::Lead(cell(Column::Lead).trim().to_owned()),
        BlockField::Category(category),
    ];
    for (i, d) in defs.iter().enumerate() {
        let v = cell(Column::Custom(i));
        if !v.trim().is_empty() {
            fields.push(BlockField::Custom(CustomValue {
                id: d.id.clone(),
                value: Some(v),
            }));
        }
    }
    let fields: Vec<BlockField> = fields
        .into_iter()
        .filter_map(|f| match f.validate_in(kind, defs) {
            Ok(f) => Some(f),
            Err(OpError::DurationOutOfRange) => {
                problems.push(RowProblem::BadDuration);
                None
            }
            Err(OpError::InvalidValue | OpError::UnknownField) => {
                problems.push(RowProblem::BadValue);
                None
            }
            Err(_) => {
                problems.push(RowProblem::TooLong);
                None
            }
        })
        .collect();
    problems.dedup();
    CsvRow {
        line,
        kind,
        title,
        minutes,
        fields,
        problems,
    }
}

/// A duration as minutes (`45`, `45 min`) or hours and minutes (`1:30`); empty is none.
fn minutes(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() {
        return Some(0);
    }
    if let Some((h, m)) = t.split_once(':') {
        let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
        return (m < 60)
            .then(|| h.checked_mul(60)?.checked_add(m))
            .flatten();
    }
    let digits = t.trim_end_matches(|c: char| c.is_alphabetic() || c == '.' || c.is_whitespace());
    digits.parse().ok()
}

/// A cell as written before the CSV export guarded it against formulas.
fn unformula(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{English, blocks, session, source};
    use crate::{Audience, Format, Options, export};

    #[test]
    fn a_json_export_reads_back_with_new_ids_and_every_field_but_pictures() {
        let (s, mut b) = (session(), blocks());
        b[2].card_image = Some(uuid::Uuid::nil().into());
        let json = export(
            &source(&s, &b),
            &English,
            Format::Json,
            &Options::new(Audience::Team),
        )
        .expect("an export");
        let back = from_json(&json).expect("an import");
        assert_eq!(back.title, "Strategy day");
        assert_eq!(back.draft.blocks.len(), b.len());
        let welcome = &back.draft.blocks[2];
        assert_ne!(welcome.id, b[2].id, "a new id");
        assert!(
            welcome
                .fields
                .contains(&BlockField::Notes("Secret: bring the cake".into()))
        );
        assert!(welcome.fields.contains(&BlockField::CardImage(None)));
        assert!(welcome.fields.contains(&BlockField::Custom(CustomValue {
            id: "room".into(),
            value: Some("4B".into())
        })));
    }

    #[test]
    fn a_file_that_is_not_an_export_is_refused_with_its_reason() {
        assert_eq!(
            from_json(b"%PDF-1.7").map_err(|e| e.code()),
            Err("import_not_json")
        );
        assert_eq!(
            from_json(br#"{"title": "x"}"#).map_err(|e| e.code()),
            Err("import_not_an_export")
        );
        assert_eq!(
            from_json(br#"{"format_version": 9}"#).map_err(|e| e.code()),
            Err("import_format_version")
        );
        assert_eq!(
            from_json(br#"{"format_version": 1, "generator": "plenary"}"#).map_err(|e| e.code()),
            Err("import_not_an_export")
        );
    }

    #[test]
    fn a_csv_preview_marks_the_bad_rows_and_keeps_the_good_ones() {
        let csv = "Title;Duration;Kind;Notes;Room\n\
                   Welcome;30;activity;Bring cake;4B\n\
                   ;15;break;;\n\
                   Lunch;1:00;break;;\n\
                   Talk;forty;;;\n\
                   Dance;10;party;;\n\
                   '=cmd;5;;;\n";
        let p = preview_csv(csv.as_bytes(), &English, &[]).expect("a preview");
        assert_eq!(p.custom, vec!["Room".to_owned()]);
        let problems: Vec<(usize, Vec<RowProblem>)> = p
            .rows
            .iter()
            .map(|r| (r.line, r.problems.clone()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (2, vec![]),
                (3, vec![RowProblem::NoTitle]),
                (4, vec![]),
                (5, vec![RowProblem::BadDuration]),
                (6, vec![RowProblem::BadKind]),
                (7, vec![]),
            ]
        );
        assert_eq!(p.rows[2].minutes, 60);
        assert_eq!(
            p.rows[5].title, "=cmd",
            "the export's formula guard comes off"
        );
        let draft = p.draft();
        assert_eq!(draft.blocks.len(), 3);
        assert!(
            draft.blocks[0]
                .fields
                .contains(&BlockField::Custom(CustomValue {
                    id: "c1".into(),
                    value: Some("4B".into())
                }))
        );
    }

    #[test]
    fn a_csv_export_reads_back_as_the_same_blocks() {
        let (s, b) = (session(), blocks());
        let csv = export(
            &source(&s, &b),
            &English,
            Format::Csv,
            &Options::new(Audience::Team),
        )
        .expect("an export");
        let p = preview_csv(&csv, &English, &[]).expect("a preview");
        assert_eq!(p.good(), b.len(), "{p:?}");
        let titles: Vec<&str> = p.rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["Day one", "Opening", "Welcome", "Talk", "Coffee"]);
        let kinds: Vec<BlockKind> = p.rows.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, b.iter().map(|b| b.kind).collect::<Vec<_>>());
        assert_eq!(p.rows[2].minutes, 30);
        assert_eq!(p.custom, vec!["Room".to_owned()]);
        assert!(
            p.rows[2]
                .fields
                .contains(&BlockField::Notes("Secret: bring the cake".into()))
        );
    }

    #[test]
    fn binary_or_headless_files_are_not_csv() {
        assert_eq!(
            preview_csv(b"\xff\xfe\x00x", &English, &[]).map_err(|e| e.code()),
            Err("import_not_text")
        );
        assert_eq!(
            preview_csv(b"a,b\n1,2\n", &English, &[]).map_err(|e| e.code()),
            Err("import_no_title_column")
        );
        assert_eq!(
            preview_csv(b"title\n", &English, &[]).map_err(|e| e.code()),
            Err("import_empty")
        );
    }
}
