//! The whole session as JSON: every setting, every block with every field, the custom field
//! definitions and values, the categories and the files it refers to, under a
//! `format_version`. `import::from_json` reads it back into a new session.

use crate::view::{Category, FileRef};
use crate::{Error, Source};
use domain::{Block, Session};
use serde::{Deserialize, Serialize};

/// The version of the JSON a session is exported in; an import refuses any other.
pub const FORMAT_VERSION: u32 = 1;

/// What the JSON export holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub format_version: u32,
    /// Always `plenary`: what wrote the file.
    pub generator: String,
    pub session: Session,
    /// In flow order.
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub files: Vec<FileRef>,
}

#[derive(Serialize)]
struct Out<'a> {
    format_version: u32,
    generator: &'static str,
    session: &'a Session,
    blocks: &'a [Block],
    categories: &'a [Category],
    files: &'a [FileRef],
}

pub fn write(source: &Source<'_>) -> Result<Vec<u8>, Error> {
    let used: Vec<&Category> = source
        .categories
        .iter()
        .filter(|c| {
            source
                .blocks
                .iter()
                .any(|b| b.category.as_deref() == Some(c.value.as_str()))
        })
        .collect();
    let categories: Vec<Category> = used.into_iter().cloned().collect();
    serde_json::to_vec_pretty(&Out {
        format_version: FORMAT_VERSION,
        generator: "plenary",
        session: source.session,
        blocks: source.blocks,
        categories: &categories,
        files: source.files,
    })
    .map_err(|e| Error::Writer("json", e.to_string()))
}
