//! The op contract as data: every kind of [`Op`](crate::op::Op) with its parameters, and every
//! block and session field with the type of its value. It is the one description the OpenAPI
//! document (`Op`, `BlockField`, `SessionField`) and the editor's JSDoc types
//! (`static/editor/op-types.d.ts`) are made from; tests deserialize a sample of every entry
//! into the Rust types and check that every Rust variant has its entry, so the three cannot
//! drift apart.

/// The type of a value in the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Text,
    /// A whole number from 0.
    Count,
    Bool,
    /// A calendar date, `2026-12-01`.
    Date,
    /// A wall-clock time, `09:30` (seconds allowed).
    Time,
    /// A UUID: a block, an image or a library method.
    Id,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// The value, or null.
    Optional(&'static Value),
    List(&'static Value),
    /// An object with these properties, no others.
    Object(&'static [Param]),
    /// A type the contract names: `BlockKind`, `BlockField`, `SessionField`.
    Named(&'static str),
}

/// A property of an op or of an object value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    pub name: &'static str,
    pub value: Value,
    /// False when it may be left out.
    pub required: bool,
    pub doc: &'static str,
}

/// A kind of op (its `type`) or a field (its `field`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub doc: &'static str,
    /// An op's properties beside `type`.
    pub params: &'static [Param],
    /// A field's value; an op's is the object of its parameters.
    pub value: Value,
}

const fn param(name: &'static str, value: Value, doc: &'static str) -> Param {
    Param {
        name,
        value,
        required: true,
        doc,
    }
}

const fn op(name: &'static str, doc: &'static str, params: &'static [Param]) -> Entry {
    Entry {
        name,
        doc,
        params,
        value: Value::Object(params),
    }
}

const fn field(name: &'static str, value: Value, doc: &'static str) -> Entry {
    Entry {
        name,
        doc,
        params: &[],
        value,
    }
}

const TEXT: Value = Value::Text;
const OPT_TEXT: Value = Value::Optional(&Value::Text);
const OPT_TIME: Value = Value::Optional(&Value::Time);
const OPT_ID: Value = Value::Optional(&Value::Id);
const TEXTS: Value = Value::List(&Value::Text);
const AFTER: Param = param(
    "after",
    OPT_ID,
    "The block it goes after; null puts it first.",
);
const BLOCK: Param = param("block", Value::Id, "The block's id.");

/// The words of a block's kind.
pub const BLOCK_KINDS: &[&str] = &["activity", "break", "note", "section", "day"];

/// Every kind of op.
pub const OPS: &[Entry] = &[
    op(
        "insert_block",
        "A new block (its id chosen by the client) with its first field values.",
        &[
            BLOCK,
            param("kind", Value::Named("BlockKind"), "What the block is."),
            AFTER,
            Param {
                name: "fields",
                value: Value::List(&Value::Named("BlockField")),
                required: false,
                doc: "Field values to start with.",
            },
        ],
    ),
    op(
        "set_block",
        "One field of a block.",
        &[
            BLOCK,
            param(
                "set",
                Value::Named("BlockField"),
                "The field and its value.",
            ),
        ],
    ),
    op("move_block", "Moves a block.", &[BLOCK, AFTER]),
    op(
        "delete_block",
        "Deletes a block (it can be restored).",
        &[BLOCK],
    ),
    op(
        "restore_block",
        "Brings a deleted block back where it was.",
        &[BLOCK],
    ),
    op(
        "set_session",
        "One field of the session.",
        &[param(
            "set",
            Value::Named("SessionField"),
            "The field and its value.",
        )],
    ),
];

/// Every field of a block, as `set_block` sets it.
pub const BLOCK_FIELDS: &[Entry] = &[
    field("title", TEXT, "At most 200 characters."),
    field("description", TEXT, "Markdown."),
    field("minutes", Value::Count, "The duration, 0 to 1440."),
    field("category", OPT_TEXT, "A category's key or name."),
    field(
        "group_format",
        Value::Optional(&Value::Choice(&[
            "plenary",
            "small_groups",
            "pairs",
            "individual",
        ])),
        "How participants work.",
    ),
    field("lead", TEXT, "Who leads it."),
    field(
        "materials",
        Value::List(&Value::Object(&[
            param("name", Value::Text, "What is needed."),
            param("quantity", Value::Count, "How many."),
        ])),
        "What the block needs.",
    ),
    field("goals", TEXTS, "The block's goals."),
    field(
        "notes",
        TEXT,
        "Facilitator notes, shown only to who may edit.",
    ),
    field("pinned_start", OPT_TIME, "A fixed start time."),
    field("day_date", Value::Optional(&Value::Date), "A day's date."),
    field("day_start", OPT_TIME, "A day's start time."),
    field("day_end", OPT_TIME, "A day's end time."),
    field("card_image", OPT_ID, "An image uploaded to the session."),
    field(
        "custom",
        Value::Object(&[
            param("id", Value::Text, "The custom field's id."),
            param("value", OPT_TEXT, "Its value; null clears it."),
        ]),
        "A value of one of the session's custom fields.",
    ),
    field("method", OPT_ID, "The library method the block came from."),
    field("illustration", OPT_TEXT, "A bundled illustration's name."),
];

/// Every field of a session, as `set_session` sets it.
pub const SESSION_FIELDS: &[Entry] = &[
    field("title", TEXT, "At most 200 characters."),
    field("description", TEXT, "Markdown."),
    field("goals", TEXTS, "The session's goals."),
    field("first_date", Value::Date, "The first day's date."),
    field("start_time", Value::Time, "The first day's start."),
    field("end_time", OPT_TIME, "The first day's planned end."),
    field("time_zone", TEXT, "An IANA time zone, `Europe/Moscow`."),
    field(
        "location_kind",
        Value::Choice(&["in_person", "online"]),
        "Where it takes place.",
    ),
    field("location", TEXT, "An address or a link."),
    field(
        "participants",
        Value::Optional(&Value::Count),
        "How many take part.",
    ),
    field("language", TEXT, "`en` or `ru`."),
    field("tags", TEXTS, "The session's tags."),
    field(
        "status",
        Value::Choice(&["draft", "ready", "done"]),
        "Where it is in its life.",
    ),
    field("folder", TEXT, "The dashboard folder; empty for none."),
    field(
        "archived",
        Value::Bool,
        "Archived sessions leave the main list.",
    ),
    field(
        "custom_fields",
        Value::List(&Value::Object(&[
            param("id", Value::Text, "Stable within the session."),
            param("name", Value::Text, "Shown as the column's heading."),
            param(
                "kind",
                Value::Choice(&["text", "number", "choice"]),
                "What it holds.",
            ),
            Param {
                name: "options",
                value: TEXTS,
                required: false,
                doc: "The choices, for `choice`.",
            },
            Param {
                name: "column",
                value: Value::Bool,
                required: false,
                doc: "Shown as a Programme column (true when left out).",
            },
        ])),
        "The session's custom fields.",
    ),
    field("cover_image", OPT_ID, "An image uploaded to the session."),
];

/// A value of type `value` the Rust types accept, as JSON text: what the tests feed them.
pub fn sample(value: Value) -> String {
    match value {
        Value::Text => "\"Check-in\"".to_owned(),
        Value::Count => "15".to_owned(),
        Value::Bool => "true".to_owned(),
        Value::Date => "\"2026-12-01\"".to_owned(),
        Value::Time => "\"09:30\"".to_owned(),
        Value::Id => "\"0193a6b2-7c1e-7000-8000-000000000001\"".to_owned(),
        Value::Choice(words) => format!("\"{}\"", words[0]),
        Value::Optional(inner) => sample(*inner),
        Value::List(inner) => format!("[{}]", sample(*inner)),
        Value::Object(params) => object(params),
        Value::Named("BlockKind") => format!("\"{}\"", BLOCK_KINDS[0]),
        Value::Named("BlockField") => entry_sample("field", &BLOCK_FIELDS[0]),
        Value::Named("SessionField") => entry_sample("field", &SESSION_FIELDS[0]),
        Value::Named(other) => panic!("the contract names no type {other}"),
    }
}

fn object(params: &[Param]) -> String {
    let props: Vec<String> = params
        .iter()
        .map(|p| format!("\"{}\": {}", p.name, sample(p.value)))
        .collect();
    format!("{{{}}}", props.join(", "))
}

/// A sample of `entry`: an op (`tag` is `type`) or a field (`tag` is `field`).
pub fn entry_sample(tag: &str, entry: &Entry) -> String {
    if tag == "field" {
        format!(
            "{{\"field\": \"{}\", \"value\": {}}}",
            entry.name,
            sample(entry.value)
        )
    } else {
        let mut props = vec![format!("\"type\": \"{}\"", entry.name)];
        props.extend(
            entry
                .params
                .iter()
                .map(|p| format!("\"{}\": {}", p.name, sample(p.value))),
        );
        format!("{{{}}}", props.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::op::Op;
    use crate::session::{BlockField, BlockKind, SessionField};

    /// The variants a serde-derived enum knows, read from its answer to an unknown one
    /// (serde lists them all), so the list cannot miss one.
    fn rust_variants<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> Vec<String> {
        let err = serde_json::from_str::<T>(json)
            .expect_err("no such variant")
            .to_string();
        let list = err
            .split("expected one of ")
            .nth(1)
            .unwrap_or_else(|| panic!("serde named no variants: {err}"));
        let list = list.split(" at line").next().unwrap_or(list);
        list.split(", ")
            .map(|v| v.trim_matches('`').to_owned())
            .collect()
    }

    #[test]
    fn every_op_kind_and_field_in_the_contract_is_read_by_the_rust_types_as_that_kind() {
        for entry in OPS {
            let json = entry_sample("type", entry);
            let op: Op = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            let back = serde_json::to_value(&op).expect("serializes");
            assert_eq!(back["type"], entry.name, "{json}");
        }
        for entry in BLOCK_FIELDS {
            let json = entry_sample("field", entry);
            let f: BlockField =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(f.name(), entry.name);
        }
        // What the contract says may be null, the Rust types take as null.
        for entry in BLOCK_FIELDS
            .iter()
            .filter(|e| matches!(e.value, Value::Optional(_)))
        {
            let json = format!("{{\"field\": \"{}\", \"value\": null}}", entry.name);
            serde_json::from_str::<BlockField>(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        }
        for entry in SESSION_FIELDS
            .iter()
            .filter(|e| matches!(e.value, Value::Optional(_)))
        {
            let json = format!("{{\"field\": \"{}\", \"value\": null}}", entry.name);
            serde_json::from_str::<SessionField>(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        }
        for entry in SESSION_FIELDS {
            let json = entry_sample("field", entry);
            let f: SessionField =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(f.name(), entry.name);
        }
        for kind in BLOCK_KINDS {
            let k: BlockKind = serde_json::from_str(&format!("\"{kind}\"")).expect("a kind");
            assert_eq!(k.as_str(), *kind);
        }
    }

    #[test]
    fn every_rust_variant_has_its_entry_in_the_contract() {
        let names = |entries: &[Entry]| {
            entries
                .iter()
                .map(|e| e.name.to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(rust_variants::<Op>(r#"{"type": "no_such_op"}"#), names(OPS));
        assert_eq!(
            rust_variants::<BlockField>(r#"{"field": "no_such_field", "value": 1}"#),
            names(BLOCK_FIELDS)
        );
        assert_eq!(
            rust_variants::<SessionField>(r#"{"field": "no_such_field", "value": 1}"#),
            names(SESSION_FIELDS)
        );
        assert_eq!(rust_variants::<BlockKind>(r#""no_such_kind""#), BLOCK_KINDS);
    }
}
