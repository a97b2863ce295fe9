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
