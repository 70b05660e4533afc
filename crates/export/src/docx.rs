//! The Programme as a Word document (docx-rs): the title and what the session is, then the flow
//! as a table with day and section rows across it, editable in Word and LibreOffice.

use crate::Error;
use crate::Options;
use crate::view::{Audience, Labels, Row, View, Word};
use docx_rs::{
    AlignmentType, Docx, Footer, NumPages, PageNum, PageOrientationType, Paragraph, Run, RunFonts,
    Shading, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);

pub fn write(view: &View, labels: &dyn Labels, options: &Options) -> Result<Vec<u8>, Error> {
    let team = view.audience == Audience::Team;
    let notes = team && options.notes;
    let (w, h) = if options.landscape { (A4.1, A4.0) } else { A4 };
    let mut doc = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii("Calibri")
                .hi_ansi("Calibri")
                .cs("Calibri"),
        )
        .default_size(20)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .bold()
                .size(36)
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .bold()
                .size(26)
                .outline_lvl(1),
        )
        .page_size(w, h)
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(
                        Run::new()
                            .size(16)
                            .add_text(format!("{} ", labels.word(Word::Page))),
                    )
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().size(16).add_text(" / "))
                    .add_num_pages(NumPages::new()),
            ),
        )
        .add_paragraph(heading(&view.title, "Heading1"));
    if options.landscape {
        doc = doc.page_orient(PageOrientationType::Landscape);
    }
    let mut meta = vec![view.dates.clone()];
    if !view.place.is_empty() {
        meta.push(view.place.clone());
    }
    meta.push(format!("{}: {}", labels.word(Word::Total), view.total));
    doc = doc.add_paragraph(text_paragraph(&meta.join(" · ")));
    if !view.description.trim().is_empty() {
        doc = doc.add_paragraph(text_paragraph(view.description.trim()));
    }
    if !view.goals.is_empty() {
        doc = doc.add_paragraph(heading(&labels.word(Word::Goals), "Heading2"));
        for g in &view.goals {
            doc = doc.add_paragraph(text_paragraph(&format!("• {g}")));
        }
    }

    let mut header = vec![
        labels.word(Word::Time),
        labels.word(Word::Duration),
        labels.word(Word::Title),
    ];
    if team {
        header.push(labels.word(Word::Lead));
    }
    header.extend(view.columns.iter().cloned());
    let span = header.len();
    let mut rows = vec![TableRow::new(
        header
            .iter()
            .map(|h| {
                TableCell::new()
                    .shading(Shading::new().fill("E8E8E8"))
                    .add_paragraph(Paragraph::new().add_run(Run::new().bold().add_text(h)))
            })
            .collect(),
    )];
    for r in &view.rows {
        rows.push(if r.is_heading() {
            heading_row(r, span)
        } else {
            block_row(r, team, notes, labels)
        });
    }
    let width = (w - 2 * 1_440) as usize;
    doc = doc.add_table(Table::new(rows).width(width, WidthType::Dxa));

    if team && options.materials && !view.materials.is_empty() {
        doc = doc.add_paragraph(heading(&labels.word(Word::Materials), "Heading2"));
        let mut rows = vec![TableRow::new(
            [Word::Materials, Word::Quantity, Word::UsedIn]
                .into_iter()
                .map(|w| {
                    TableCell::new().add_paragraph(
                        Paragraph::new().add_run(Run::new().bold().add_text(labels.word(w))),
                    )
                })
                .collect(),
        )];
        for m in &view.materials {
            rows.push(TableRow::new(vec![
                cell(&m.name),
                cell(&m.quantity.to_string()),
                cell(&m.used_in),
            ]));
        }
        doc = doc.add_table(Table::new(rows).width(width, WidthType::Dxa));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| Error::Writer("docx", e.to_string()))?;
    Ok(out.into_inner())
}

fn heading(text: &str, style: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(text))
}

/// A paragraph whose line breaks stay line breaks.
fn text_paragraph(text: &str) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, line) in text.lines().enumerate() {
        let mut run = Run::new();
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        p = p.add_run(run.add_text(line));
    }
    p
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(text_paragraph(text))
}

/// A day or a section: one cell across the table, shaded, with its subtotal.
fn heading_row(r: &Row, span: usize) -> TableRow {
    let mut p = Paragraph::new().add_run(Run::new().bold().add_text(&r.title));
    if let Some(s) = &r.subtotal {
        p = p.add_run(Run::new().color("555555").add_text(format!("  {s}")));
    }
    let fill = if r.kind == domain::session::BlockKind::Day {
        "D9D9D9"
    } else {
        "F0F0F0"
    };
    TableRow::new(vec![
        TableCell::new()
            .grid_span(span)
            .shading(Shading::new().fill(fill))
            .add_paragraph(p),
    ])
}

fn block_row(r: &Row, team: bool, notes: bool, labels: &dyn Labels) -> TableRow {
    let mut title = TableCell::new().add_paragraph({
        let mut p = Paragraph::new().add_run(Run::new().bold().add_text(&r.title));
        let mut tags = Vec::new();
        if matches!(
            r.kind,
            domain::session::BlockKind::Break | domain::session::BlockKind::Note
        ) {
            tags.push(r.kind_label.clone());
        }
        if !r.category.is_empty() {
            tags.push(r.category.clone());
        }
        if !tags.is_empty() {
            p = p.add_run(
                Run::new()
                    .color("555555")
                    .add_text(format!("  {}", tags.join(" · "))),
            );
        }
        p
    });
    if !r.description.trim().is_empty() {
        title = title.add_paragraph(text_paragraph(r.description.trim()));
    }
    if notes && !r.notes.trim().is_empty() {
        title = title.add_paragraph(Paragraph::new().add_run(
            Run::new().italic().add_text(format!(
                "{}: {}",
                labels.word(Word::Notes),
                r.notes.trim()
            )),
        ));
    }
    let mut time = cell(&r.time_text);
    if let Some(c) = r.colour.strip_prefix('#') {
        time = time.set_border(
            docx_rs::TableCellBorder::new(docx_rs::TableCellBorderPosition::Left)
                .size(24)
                .color(c),
        );
    }
    let mut cells = vec![time, cell(&r.duration), title];
    if team {
        cells.push(cell(&r.lead));
    }
    cells.extend(r.values.iter().map(|v| cell(v)));
    TableRow::new(cells)
}
