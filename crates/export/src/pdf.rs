//! The PDFs, typeset by typst from the templates in `typst/` with IBM Plex Sans embedded (Latin
//! and Cyrillic): the Programme, the Design as cards and the materials list. The view model
//! goes in as JSON (`sys.inputs.data`) and the card pictures as bytes (`sys.inputs.images`);
//! the text in the PDF is real text. No file, font or package is read from outside the binary.

use crate::view::{Audience, Labels, Row, View, Word};
use crate::{Error, Options};
use domain::ImageId;
use domain::session::BlockKind;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use typst::foundations::{Bytes, Dict, IntoValue};
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;

const FONTS: [&[u8]; 4] = [
    include_bytes!("../fonts/IBMPlexSans-Regular.ttf"),
    include_bytes!("../fonts/IBMPlexSans-Italic.ttf"),
    include_bytes!("../fonts/IBMPlexSans-SemiBold.ttf"),
    include_bytes!("../fonts/IBMPlexSans-Bold.ttf"),
];

const TEMPLATES: [(&str, &str); 5] = [
    ("common.typ", include_str!("../typst/common.typ")),
    ("programme.typ", include_str!("../typst/programme.typ")),
    ("cards.typ", include_str!("../typst/cards.typ")),
    ("materials.typ", include_str!("../typst/materials.typ")),
    ("document.typ", include_str!("../typst/document.typ")),
];

/// The engine with its fonts read once; a compilation shares nothing else.
fn engine() -> &'static TypstEngine {
    static ENGINE: OnceLock<TypstEngine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .fonts(FONTS)
            .with_static_source_file_resolver(TEMPLATES)
            .build()
    })
}

pub fn programme(view: &View, labels: &dyn Labels, options: &Options) -> Result<Vec<u8>, Error> {
    let team = view.audience == Audience::Team;
    let data = Data::new(view, labels, options.landscape, team && options.notes);
    let data = Data {
        materials: if team && options.materials {
            data.materials
        } else {
            Vec::new()
        },
        ..data
    };
    render("programme.typ", &data, &[])
}

pub fn cards(
    view: &View,
    labels: &dyn Labels,
    images: &[(ImageId, Vec<u8>)],
) -> Result<Vec<u8>, Error> {
    let mut data = Data::new(view, labels, false, false);
    // A picture the export was not handed is left out rather than failing the cards.
    for r in &mut data.rows {
        if let Some(id) = &r.image
            && !images.iter().any(|(i, _)| &i.to_string() == id)
        {
            r.image = None;
        }
    }
    data.materials.clear();
    render("cards.typ", &data, images)
}

pub fn materials(view: &View, labels: &dyn Labels) -> Result<Vec<u8>, Error> {
    let mut data = Data::new(view, labels, false, false);
    data.rows.clear();
    render("materials.typ", &data, &[])
}

pub(crate) fn render(
    main: &str,
    data: &impl Serialize,
    images: &[(ImageId, Vec<u8>)],
) -> Result<Vec<u8>, Error> {
    let json = serde_json::to_string(data).map_err(|e| Error::Writer("pdf", e.to_string()))?;
    let mut pictures = Dict::new();
    for (id, bytes) in images {
        pictures.insert(
            id.to_string().as_str().into(),
            Bytes::new(bytes.clone()).into_value(),
        );
    }
    let mut inputs = Dict::new();
    inputs.insert("data".into(), json.into_value());
    inputs.insert("images".into(), pictures.into_value());
    let doc: PagedDocument = engine()
        .compile_with_input(main, inputs)
        .output
        .map_err(|e| Error::Writer("pdf", e.to_string()))?;
    typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        let first = errors
            .first()
            .map(|e| e.message.to_string())
            .unwrap_or_default();
        Error::Writer("pdf", first)
    })
}

/// What the templates read.
#[derive(Serialize)]
struct Data<'a> {
    lang: &'static str,
    landscape: bool,
    team: bool,
    words: BTreeMap<&'static str, String>,
    title: &'a str,
    description: &'a str,
    goals: &'a [String],
    place: &'a str,
    dates: &'a str,
    time_zone: &'a str,
    total: &'a str,
    columns: &'a [String],
    rows: Vec<PdfRow<'a>>,
    materials: Vec<PdfMaterial<'a>>,
}

#[derive(Serialize)]
struct PdfRow<'a> {
    kind: &'static str,
    kind_label: &'a str,
    /// The kind's name for a break or a note; empty for an activity.
    kind_note: &'a str,
    heading: bool,
    title: &'a str,
    time: &'a str,
    duration: &'a str,
    category: &'a str,
    colour: &'a str,
    lead: &'a str,
    description: String,
    notes: &'a str,
    materials: String,
    values: &'a [String],
    subtotal: &'a str,
    image: Option<String>,
}

#[derive(Serialize)]
struct PdfMaterial<'a> {
    name: &'a str,
    quantity: u32,
    used_in: &'a str,
}

impl<'a> Data<'a> {
    fn new(view: &'a View, labels: &dyn Labels, landscape: bool, notes: bool) -> Self {
        let words = [
            ("programme", Word::Programme),
            ("time", Word::Time),
            ("duration", Word::Duration),
            ("title", Word::Title),
            ("lead", Word::Lead),
            ("notes", Word::Notes),
            ("materials", Word::Materials),
            ("quantity", Word::Quantity),
            ("used_in", Word::UsedIn),
            ("goals", Word::Goals),
            ("total", Word::Total),
            ("time_zone", Word::TimeZone),
            ("page", Word::Page),
            ("no_materials", Word::NoMaterials),
        ]
        .into_iter()
        .map(|(k, w)| (k, labels.word(w)))
        .collect();
        Data {
            lang: labels.locale().code(),
            landscape,
            team: view.audience == Audience::Team,
            words,
            title: &view.title,
            description: view.description.trim(),
            goals: &view.goals,
            place: &view.place,
            dates: &view.dates,
            time_zone: &view.time_zone,
            total: &view.total,
            columns: &view.columns,
            rows: view.rows.iter().map(|r| PdfRow::new(r, notes)).collect(),
            materials: view
                .materials
                .iter()
                .map(|m| PdfMaterial {
                    name: &m.name,
                    quantity: m.quantity,
                    used_in: &m.used_in,
                })
                .collect(),
        }
    }
}

impl<'a> PdfRow<'a> {
    fn new(r: &'a Row, notes: bool) -> Self {
        PdfRow {
            kind: r.kind.as_str(),
            kind_label: &r.kind_label,
            kind_note: if matches!(r.kind, BlockKind::Break | BlockKind::Note) {
                &r.kind_label
            } else {
                ""
            },
            heading: r.is_heading(),
            title: &r.title,
            time: &r.time_text,
            duration: &r.duration,
            category: &r.category,
            colour: if domain::session::colour(&r.colour).is_some() {
                &r.colour
            } else {
                ""
            },
            lead: &r.lead,
            description: plain(&r.description),
            notes: if notes { r.notes.trim() } else { "" },
            materials: r
                .materials
                .iter()
                .map(|m| format!("{} × {}", m.name, m.quantity))
                .collect::<Vec<_>>()
                .join(", "),
            values: &r.values,
            subtotal: r.subtotal.as_deref().unwrap_or_default(),
            image: r.card_image.map(|i| i.to_string()),
        }
    }
}

/// A description's Markdown as plain text for print: emphasis and heading marks dropped,
/// list items kept as lines.
fn plain(markdown: &str) -> String {
    markdown
        .trim()
        .lines()
        .map(|l| {
            let l = l.trim_start_matches('#').trim_start();
            l.replace("**", "").replace("__", "")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
