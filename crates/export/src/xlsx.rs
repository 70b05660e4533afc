//! The Programme as a spreadsheet: a row per block, dates as dates, times as times and
//! durations as numbers, with a frozen, filterable header.

use crate::Error;
use crate::table::{Cell, table};
use crate::view::{Labels, View, Word};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

pub fn write(view: &View, labels: &dyn Labels) -> Result<Vec<u8>, Error> {
    build(view, labels).map_err(|e| Error::Writer("xlsx", e.to_string()))
}

fn build(view: &View, labels: &dyn Labels) -> Result<Vec<u8>, XlsxError> {
    let (header, rows) = table(view, labels);
    let mut book = Workbook::new();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(&view.title)
            .set_author("Plenary"),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&labels.word(Word::Programme)))?;
    let bold = Format::new().set_bold().set_text_wrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("hh:mm");
    let wrap = Format::new().set_text_wrap();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            let c = col(c);
            match cell {
                Cell::Text(t) => {
                    sheet.write_string_with_format(r, c, t, &wrap)?;
                }
                Cell::Date(d) => {
                    let at = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::try_from(d.month()).unwrap_or(1),
                        u8::try_from(d.day()).unwrap_or(1),
                    )?;
                    sheet.write_datetime_with_format(r, c, &at, &date)?;
                }
                Cell::Time(t) => {
                    let at = ExcelDateTime::from_hms(
                        u16::try_from(t.hour()).unwrap_or(0),
                        u8::try_from(t.minute()).unwrap_or(0),
                        0,
                    )?;
                    sheet.write_datetime_with_format(r, c, &at, &time)?;
                }
                Cell::Minutes(m) => {
                    sheet.write_number(r, c, f64::from(*m))?;
                }
                Cell::Empty => {}
            }
        }
    }
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last_col = col(header.len().saturating_sub(1));
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    for (c, h) in header.iter().enumerate() {
        let widest = rows
            .iter()
            .filter_map(|row| row.get(c))
            .map(|cell| cell.plain().chars().count().min(60))
            .chain([h.chars().count()])
            .max()
            .unwrap_or(10);
        sheet.set_column_width(col(c), f64::from(u32::try_from(widest + 2).unwrap_or(62)))?;
    }
    book.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// A worksheet's name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(word: &str) -> String {
    let name: String = word
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if name.is_empty() {
        "Programme".into()
    } else {
        name
    }
}
