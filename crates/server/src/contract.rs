//! The op contract (`domain::contract`) written out twice from its one description: as JSON
//! Schemas in the OpenAPI document (`Op`, `BlockField`, `SessionField`, `BlockKind`), and as
//! the TypeScript declarations the editor's modules are type-checked against
//! (`static/editor/op-types.d.ts`, checked in; a test fails when it is out of date, and
//! `PLENARY_WRITE_CONTRACT=1 cargo test -p plenary-server --lib contract` writes it again).

use domain::contract::{BLOCK_FIELDS, BLOCK_KINDS, Entry, OPS, Param, SESSION_FIELDS, Value};
use serde_json::{Value as Json, json};

/// The JSON Schema of a value.
fn schema(value: Value) -> Json {
    match value {
        Value::Text => json!({"type": "string"}),
        Value::Count => json!({"type": "integer", "minimum": 0}),
        Value::Bool => json!({"type": "boolean"}),
        Value::Date => json!({"type": "string", "format": "date"}),
        Value::Time => {
            json!({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$"})
        }
        Value::Id => json!({"type": "string", "format": "uuid"}),
        Value::Choice(words) => json!({"type": "string", "enum": words}),
        Value::Optional(inner) => json!({"oneOf": [schema(*inner), {"type": "null"}]}),
        Value::List(inner) => json!({"type": "array", "items": schema(*inner)}),
        Value::Object(params) => object(None, params),
        Value::Named(name) => json!({"$ref": format!("#/components/schemas/{name}")}),
    }
}

/// An object of `params`, with `tag` (a property and its one value) first when given.
fn object(tag: Option<(&str, &str)>, params: &[Param]) -> Json {
    let mut properties = serde_json::Map::new();
    let mut required = Vec::new();
    if let Some((name, value)) = tag {
        properties.insert(name.to_owned(), json!({"type": "string", "enum": [value]}));
        required.push(name.to_owned());
    }
    for p in params {
        let mut s = schema(p.value);
        if let Some(o) = s.as_object_mut().filter(|o| !o.contains_key("$ref")) {
            o.insert("description".into(), p.doc.into());
        }
        properties.insert(p.name.to_owned(), s);
        if p.required {
            required.push(p.name.to_owned());
        }
    }
    json!({"type": "object", "properties": properties, "required": required})
}

/// An entry as an object: its tag (`type` of an op, `field` of a field, with the entry's name)
/// and its other properties (an op's parameters, a field's `value`).
fn shape(tag: &'static str, e: &Entry) -> ((&'static str, &'static str), Vec<Param>) {
    if tag == "field" {
        let value = Param {
            name: "value",
            value: e.value,
            required: true,
            doc: e.doc,
        };
        ((tag, e.name), vec![value])
    } else {
        ((tag, e.name), e.params.to_vec())
    }
}

/// One of `entries`, told apart by `tag`: an op by `type`, a field by `field` with its `value`.
fn tagged(tag: &'static str, entries: &[Entry], description: &str) -> Json {
    let one_of: Vec<Json> = entries
        .iter()
        .map(|e| {
            let (tag, params) = shape(tag, e);
            let mut s = object(Some(tag), &params);
            s["title"] = e.name.into();
            s["description"] = e.doc.into();
            s
        })
        .collect();
    json!({"description": description, "oneOf": one_of})
}

/// The contract's named schemas, for the OpenAPI document's components.
pub fn schemas() -> Vec<(&'static str, Json)> {
    vec![
        (
            "BlockKind",
            json!({"type": "string", "enum": BLOCK_KINDS, "description": "What a block is."}),
        ),
        (
            "BlockField",
            tagged("field", BLOCK_FIELDS, "A block field and its new value."),
        ),
        (
            "SessionField",
            tagged(
                "field",
                SESSION_FIELDS,
                "A session field and its new value.",
            ),
        ),
        (
            "Op",
            tagged(
                "type",
                OPS,
                "One change to a session (docs/API.md, \"Ops\").",
            ),
        ),
    ]
}

/// Adds the contract's schemas to the OpenAPI document.
pub fn add_to(doc: &mut utoipa::openapi::OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, json) in schemas() {
        let schema: utoipa::openapi::Schema =
            serde_json::from_value(json).expect("the contract's schemas are valid JSON Schema");
        components.schemas.insert(name.to_owned(), schema.into());
    }
}

/// The TypeScript type of a value.
fn ts(value: Value) -> String {
    match value {
        Value::Text | Value::Date | Value::Time | Value::Id => "string".into(),
        Value::Count => "number".into(),
        Value::Bool => "boolean".into(),
        Value::Choice(words) => words
            .iter()
            .map(|w| format!("'{w}'"))
            .collect::<Vec<_>>()
            .join(" | "),
        Value::Optional(inner) => format!("{} | null", ts(*inner)),
        Value::List(inner) => format!("Array<{}>", ts(*inner)),
        Value::Object(params) => ts_object(None, params),
        Value::Named(name) => name.into(),
    }
}

fn ts_object(tag: Option<(&str, &str)>, params: &[Param]) -> String {
    let mut props: Vec<String> = tag
        .map(|(name, value)| format!("{name}: '{value}'"))
        .into_iter()
        .collect();
    props.extend(params.iter().map(|p| {
        let optional = if p.required { "" } else { "?" };
        format!("{}{optional}: {}", p.name, ts(p.value))
    }));
    format!("{{ {} }}", props.join("; "))
}

fn ts_union(name: &str, doc: &str, tag: &'static str, entries: &[Entry]) -> String {
    let mut out = format!("/** {doc} */\nexport type {name} =\n");
    for e in entries {
        let (tag, params) = shape(tag, e);
        let body = ts_object(Some(tag), &params);
        out.push_str(&format!("  /** {} */\n  | {body}\n", e.doc));
    }
    out.pop();
    out.push_str(";\n");
    out
}

/// The editor's declarations of the contract.
pub fn typescript() -> String {
    let mut out = String::from(
        "// The op contract, written from crates/domain/src/contract.rs by\n\
         // `PLENARY_WRITE_CONTRACT=1 cargo test -p plenary-server --lib contract`; a test fails\n\
         // when it is out of date. Do not edit by hand.\n\n",
    );
    out.push_str(&format!(
        "/** What a block is. */\nexport type BlockKind = {};\n\n",
        ts(Value::Choice(BLOCK_KINDS))
    ));
    out.push_str(&ts_union(
        "BlockField",
        "A block field and its new value.",
        "field",
        BLOCK_FIELDS,
    ));
    out.push('\n');
    out.push_str(&ts_union(
        "SessionField",
        "A session field and its new value.",
        "field",
        SESSION_FIELDS,
    ));
    out.push('\n');
    out.push_str(&ts_union("Op", "One change to a session.", "type", OPS));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_s_op_types_are_written_from_the_contract() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/editor/op-types.d.ts");
        let written = typescript();
        if std::env::var("PLENARY_WRITE_CONTRACT").is_ok_and(|v| v == "1") {
            std::fs::write(&path, &written).expect("written");
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == written,
            "static/editor/op-types.d.ts is out of date: PLENARY_WRITE_CONTRACT=1 cargo test -p plenary-server --lib contract"
        );
    }

    #[test]
    fn the_contract_s_schemas_survive_the_openapi_types_whole() {
        // What the OpenAPI types cannot hold would be dropped on the way in: read back, each
        // schema must say what it said.
        for (name, json) in schemas() {
            let schema: utoipa::openapi::Schema =
                serde_json::from_value(json.clone()).expect("reads");
            assert_eq!(
                serde_json::to_value(&schema).expect("writes"),
                json,
                "{name}"
            );
        }
    }

    #[test]
    fn an_op_s_schema_names_its_kind_and_every_parameter() {
        let op = schemas()
            .into_iter()
            .find(|(n, _)| *n == "Op")
            .expect("Op")
            .1;
        let insert = &op["oneOf"][0];
        assert_eq!(insert["properties"]["type"]["enum"][0], "insert_block");
        assert_eq!(
            insert["properties"]["kind"]["$ref"],
            "#/components/schemas/BlockKind"
        );
        assert_eq!(
            insert["required"],
            json!(["type", "block", "kind", "after"])
        );
        assert!(typescript().contains("| { type: 'set_block'; block: string; set: BlockField }"));
    }
}
