//! The JSON Schema and the parser agree: what the schema requires, the parser requires.

use carte_mentale::model::json::parse_json;
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(include_str!(
        "../assets/schema/carte-mentale-v1.schema.json"
    ))
    .unwrap()
}

fn required(s: &Value, path: &str) -> Vec<String> {
    s.pointer(path)
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

const GOOD: &str = include_str!("../assets/motion-2021.json");

/// Removes `field` from the first object found at `pointer` in the real motion.
fn without(pointer: &str, field: &str) -> String {
    let mut doc: Value = serde_json::from_str(GOOD).unwrap();
    doc.pointer_mut(pointer)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(field);
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn every_required_field_of_the_schema_is_required_by_the_parser() {
    let s = schema();
    assert!(
        parse_json(GOOD).diagnostics.is_empty(),
        "the real motion is valid"
    );
    let places = [
        ("/required", ""),
        ("/$defs/motion/required", "/motion"),
        ("/$defs/axis/required", "/motion/axes/0"),
        ("/$defs/lever/required", "/motion/axes/0/levers/0"),
        ("/$defs/contribution/required", "/motion/contributions/0"),
    ];
    for (schema_path, doc_path) in places {
        let fields = required(&s, schema_path);
        assert!(!fields.is_empty());
        for field in fields {
            let p = parse_json(&without(doc_path, &field));
            assert!(
                p.has_errors(),
                "{doc_path}/{field} is required by the schema but the parser accepts its absence"
            );
        }
    }
}

#[test]
fn the_schema_names_the_format_and_version_the_parser_reads() {
    let s = schema();
    assert_eq!(
        s.pointer("/properties/format/const"),
        Some(&Value::from("carte-mentale"))
    );
    assert_eq!(
        s.pointer("/properties/version/const"),
        Some(&Value::from(1))
    );
    assert_eq!(carte_mentale::model::json::VERSION, 1);
}

#[test]
fn optional_fields_of_the_schema_are_known_to_the_model() {
    let s = schema();
    let props: Vec<String> = s
        .pointer("/$defs/contribution/properties")
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let written = carte_mentale::model::json::to_json(&parse_json(GOOD).value.unwrap());
    for p in [
        "author",
        "role",
        "collectivity",
        "department",
        "year",
        "label",
        "levers",
    ] {
        assert!(props.contains(&p.to_string()));
        assert!(
            written.contains(&format!("\"{p}\"")),
            "{p} is written by to_json"
        );
    }
}

/// Checks `value` against the subset of JSON Schema the schema file uses (`$ref`, `type`,
/// `const`, `required`, `properties`, `items`, `minItems`, `minLength`, `minimum`, `maximum`,
/// `uniqueItems`, and its two `pattern`s), pushing a message per violation.
fn validate(schema: &Value, root: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = root
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("unresolved {r}"));
        return validate(target, root, value, at, out);
    }
    let known = [
        "$schema",
        "$id",
        "title",
        "description",
        "$defs",
        "type",
        "const",
        "required",
        "properties",
        "items",
        "minItems",
        "minLength",
        "minimum",
        "maximum",
        "uniqueItems",
        "pattern",
    ];
    for key in schema.as_object().unwrap().keys() {
        assert!(
            known.contains(&key.as_str()),
            "the test does not know the keyword {key}"
        );
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            other => panic!("type {other}"),
        };
        if !ok {
            out.push(format!("{at}: not {t}"));
            return;
        }
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        out.push(format!("{at}: not {c}"));
    }
    if let Some(n) = schema.get("minLength").and_then(Value::as_u64)
        && (value.as_str().unwrap().chars().count() as u64) < n
    {
        out.push(format!("{at}: shorter than {n}"));
    }
    if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
        let s = value.as_str().unwrap();
        let ok = match p {
            "^([0-9]{2,3}|2[AaBb])$" => {
                carte_mentale::model::json::is_department(s) && s.trim() == s
            }
            "^([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)" => {
                let l = s.to_ascii_lowercase();
                l.starts_with("http://") || l.starts_with("https://") || l.starts_with("mailto:")
            }
            other => panic!("the test does not know the pattern {other}"),
        };
        if !ok {
            out.push(format!("{at}: does not match {p}"));
        }
    }
    if let Some(min) = schema.get("minimum").and_then(Value::as_i64)
        && value.as_i64().is_some_and(|v| v < min)
    {
        out.push(format!("{at}: below {min}"));
    }
    if let Some(max) = schema.get("maximum").and_then(Value::as_i64)
        && value.as_i64().is_none_or(|v| v > max)
    {
        out.push(format!("{at}: above {max}"));
    }
    if let Some(obj) = value.as_object() {
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !obj.contains_key(r.as_str().unwrap()) {
                out.push(format!("{at}: missing {r}"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (k, v) in obj {
                if let Some(s) = props.get(k) {
                    validate(s, root, v, &format!("{at}/{k}"), out);
                }
            }
        }
    }
    if let Some(items) = value.as_array() {
        if let Some(n) = schema.get("minItems").and_then(Value::as_u64)
            && (items.len() as u64) < n
        {
            out.push(format!("{at}: fewer than {n} items"));
        }
        if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, x) in items.iter().enumerate() {
                if items[..i].contains(x) {
                    out.push(format!("{at}/{i}: repeated"));
                }
            }
        }
        if let Some(s) = schema.get("items") {
            for (i, x) in items.iter().enumerate() {
                validate(s, root, x, &format!("{at}/{i}"), out);
            }
        }
    }
}

fn schema_errors(doc: &Value) -> Vec<String> {
    let s = schema();
    let mut out = Vec::new();
    validate(&s, &s, doc, "", &mut out);
    out
}

/// The JSON documents shipped with the project and its tests.
fn examples() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("assets/motion-2021.json")];
    for dir in ["tests/parse", "tests/data"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn schema_and_parser_agree_on_the_shipped_examples() {
    let mut checked = 0;
    for (name, text) in examples() {
        let Ok(doc) = serde_json::from_str::<Value>(&text) else {
            assert!(parse_json(&text).has_errors(), "{name}: invalid JSON");
            continue;
        };
        checked += 1;
        let schema = schema_errors(&doc);
        let parsed = parse_json(&text);
        if parsed.diagnostics.is_empty() {
            assert!(
                schema.is_empty(),
                "{name}: the parser accepts it silently, the schema does not: {schema:?}"
            );
        }
        if schema.is_empty() {
            assert!(
                parsed.value.is_some(),
                "{name}: valid for the schema but unreadable: {:?}",
                parsed.diagnostics
            );
        } else {
            assert!(
                !parsed.diagnostics.is_empty(),
                "{name}: the schema rejects it ({schema:?}) but the parser says nothing"
            );
        }
    }
    assert!(checked >= 4, "examples were found");
}

#[test]
fn a_wrong_type_anywhere_is_refused_by_both() {
    let s = schema();
    let places = [
        ("/$defs/motion/properties", "/motion"),
        ("/$defs/axis/properties", "/motion/axes/0"),
        ("/$defs/lever/properties", "/motion/axes/0/levers/0"),
        ("/$defs/contribution/properties", "/motion/contributions/0"),
    ];
    for (schema_path, doc_path) in places {
        for (field, spec) in s.pointer(schema_path).unwrap().as_object().unwrap() {
            if field == "layout" {
                // Saved positions are a cache: one that does not read is ignored, not refused
                // (`tests/interaction.rs`, saved positions).
                continue;
            }
            // A boolean everywhere, a string where a boolean is expected (`folded`).
            let wrong = if spec.get("type").and_then(Value::as_str) == Some("boolean") {
                Value::String("oui".into())
            } else {
                Value::Bool(true)
            };
            let mut doc: Value = serde_json::from_str(GOOD).unwrap();
            doc.pointer_mut(doc_path)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .insert(field.clone(), wrong.clone());
            assert!(
                !schema_errors(&doc).is_empty(),
                "{doc_path}/{field}: the schema accepts {wrong}"
            );
            let p = parse_json(&serde_json::to_string_pretty(&doc).unwrap());
            assert!(
                p.has_errors(),
                "{doc_path}/{field}: the parser accepts {wrong}"
            );
        }
    }
}

#[test]
fn the_validator_used_here_does_reject() {
    let mut doc: Value = serde_json::from_str(GOOD).unwrap();
    assert!(schema_errors(&doc).is_empty(), "{:?}", schema_errors(&doc));
    doc["motion"]["contributions"][0]["label"] = Value::from(6);
    doc["motion"]["contributions"][0]["department"] = Value::from("Val-de-Marne");
    doc["version"] = Value::from(2);
    assert_eq!(schema_errors(&doc).len(), 3, "{:?}", schema_errors(&doc));
}
