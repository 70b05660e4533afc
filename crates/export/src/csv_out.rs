//! The Programme as CSV: a row per block, UTF-8 with a byte-order mark so spreadsheet programs
//! read Cyrillic right, durations in minutes as numbers.

use crate::Error;
use crate::table::table;
use crate::view::{Labels, View};

pub fn write(view: &View, labels: &dyn Labels) -> Result<Vec<u8>, Error> {
    let (header, rows) = table(view, labels);
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let err = |e: csv::Error| Error::Writer("csv", e.to_string());
    out.write_record(&header).map_err(err)?;
    for row in rows {
        out.write_record(row.iter().map(|c| c.plain()))
            .map_err(err)?;
    }
    out.into_inner()
        .map_err(|e| Error::Writer("csv", e.to_string()))
}
