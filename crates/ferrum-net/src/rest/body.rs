//! JSON request bodies and their JSON Schema validation.

use serde_json::Value;

/// At most this many validation failures are listed in one answer.
pub(crate) const MAX_LISTED_FAILURES: usize = 50;

/// One way a body breaks its schema.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SchemaFailure {
    /// JSON pointer into the body ("" is the whole body).
    pub path: String,
    pub message: String,
}

/// A schema compiled once when the REST configuration is built.
pub(crate) struct CompiledSchema {
    validator: jsonschema::Validator,
}

impl CompiledSchema {
    /// Compiles `schema` (draft 2020-12 unless it names another with
    /// `$schema`; `format` is checked). Remote `$ref`s are never fetched:
    /// the crate is built without its HTTP and file resolvers.
    pub(crate) fn new(schema: &Value) -> Result<CompiledSchema, String> {
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(schema)
            .map_err(|e| e.to_string())?;
        Ok(CompiledSchema { validator })
    }

    pub(crate) fn failures(&self, instance: &Value) -> Vec<SchemaFailure> {
        self.validator
            .iter_errors(instance)
            .take(MAX_LISTED_FAILURES)
            .map(|error| SchemaFailure {
                path: error.instance_path().to_string(),
                message: error.to_string(),
            })
            .collect()
    }
}

/// True when the request's content type is JSON (application/json or a
/// "+json" suffix type).
pub(crate) fn is_json(headers: &[(String, String)]) -> bool {
    let Some((_, value)) = headers.iter().find(|(name, _)| name == "content-type") else {
        return false;
    };
    let media_type = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    media_type == "application/json"
        || (media_type.starts_with("application/") && media_type.ends_with("+json"))
}

/// Decodes a JSON body; an empty body is no body.
pub(crate) fn parse_json(body: &[u8]) -> Result<Option<Value>, String> {
    let text =
        std::str::from_utf8(body).map_err(|_| "request body is not valid UTF-8".to_string())?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    serde_json::from_str(text)
        .map(Some)
        .map_err(|e| format!("invalid JSON: {e}"))
}

/// Keywords whose value is a schema: an LPC 0/1 there can only mean false/true.
const SCHEMA_VALUED: &[&str] = &[
    "additionalProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "items",
    "additionalItems",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
];
/// Keywords that only take a boolean.
const BOOLEAN_VALUED: &[&str] = &[
    "uniqueItems",
    "readOnly",
    "writeOnly",
    "deprecated",
    "nullable",
];
/// Keywords whose value is data, not schema: left untouched.
const DATA_VALUED: &[&str] = &["const", "enum", "default", "examples", "example"];

/// LPC has no booleans: a schema written in LPC says `"additionalProperties": 0`.
/// Turns 0/1 into false/true where JSON Schema can only mean a boolean.
pub(crate) fn lpc_booleans(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                let key = key.as_str();
                if DATA_VALUED.contains(&key) {
                    continue;
                }
                if SCHEMA_VALUED.contains(&key) || BOOLEAN_VALUED.contains(&key) {
                    if let Some(flag) = int_flag(value) {
                        *value = Value::Bool(flag);
                        continue;
                    }
                }
                lpc_booleans(value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(lpc_booleans),
        _ => {}
    }
}

/// 0 or 1 as a boolean.
pub(crate) fn int_flag(value: &Value) -> Option<bool> {
    match value.as_i64() {
        Some(0) => Some(false),
        Some(1) => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn headers(content_type: &str) -> Vec<(String, String)> {
        vec![("content-type".to_string(), content_type.to_string())]
    }

    #[test]
    fn json_content_types() {
        assert!(is_json(&headers("application/json")));
        assert!(is_json(&headers("Application/JSON; charset=utf-8")));
        assert!(is_json(&headers("application/merge-patch+json")));
        assert!(!is_json(&headers("text/plain")));
        assert!(!is_json(&headers("application/jsonx")));
        assert!(!is_json(&[]));
    }

    #[test]
    fn parse_errors_are_described() {
        assert_eq!(parse_json(b"{\"a\": 1}").unwrap(), Some(json!({"a": 1})));
        assert_eq!(parse_json(b"  ").unwrap(), None);
        assert!(parse_json(b"{oops")
            .unwrap_err()
            .starts_with("invalid JSON: "));
        assert_eq!(
            parse_json(b"\xff\xfe").unwrap_err(),
            "request body is not valid UTF-8"
        );
    }

    #[test]
    fn every_failure_is_listed_with_its_path() {
        let schema = CompiledSchema::new(&json!({
            "type": "object",
            "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
            "required": ["name", "age"]
        }))
        .unwrap();
        assert!(schema.failures(&json!({"name": "x", "age": 3})).is_empty());
        let failures = schema.failures(&json!({"name": 5, "age": -1}));
        let mut paths: Vec<&str> = failures.iter().map(|f| f.path.as_str()).collect();
        paths.sort();
        assert_eq!(paths, vec!["/age", "/name"]);
        // One failure per missing property, reported at the object.
        let missing = schema.failures(&json!({}));
        assert_eq!(missing.len(), 2);
        assert!(missing.iter().all(|f| f.path.is_empty()));
        assert!(
            missing[0].message.contains("required"),
            "{}",
            missing[0].message
        );
    }

    #[test]
    fn failures_are_capped() {
        let schema =
            CompiledSchema::new(&json!({"type": "array", "items": {"type": "string"}})).unwrap();
        let body = Value::Array((0..500).map(Value::from).collect());
        assert_eq!(schema.failures(&body).len(), MAX_LISTED_FAILURES);
    }

    #[test]
    fn draft_2020_12_is_the_default_and_formats_are_checked() {
        // prefixItems exists only from 2020-12 on.
        let schema = CompiledSchema::new(&json!({"prefixItems": [{"type": "integer"}]})).unwrap();
        assert_eq!(schema.failures(&json!(["x"])).len(), 1);
        let email = CompiledSchema::new(&json!({"type": "string", "format": "email"})).unwrap();
        assert_eq!(email.failures(&json!("not an address")).len(), 1);
        assert!(email.failures(&json!("a@example.com")).is_empty());
    }

    #[test]
    fn other_drafts_and_local_refs_work_offline() {
        let draft7 = CompiledSchema::new(&json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {"id": {"type": "integer"}},
            "properties": {"id": {"$ref": "#/definitions/id"}}
        }))
        .unwrap();
        assert_eq!(draft7.failures(&json!({"id": "x"})).len(), 1);
        let local = CompiledSchema::new(
            &json!({"$defs": {"n": {"type": "number"}}, "items": {"$ref": "#/$defs/n"}}),
        )
        .unwrap();
        assert_eq!(local.failures(&json!([1, "2"]))[0].path, "/1");
    }

    #[test]
    fn remote_refs_are_not_fetched() {
        let err = CompiledSchema::new(&json!({"$ref": "https://example.com/schema.json"}));
        assert!(err.is_err());
    }

    #[test]
    fn bad_schemas_are_errors() {
        assert!(CompiledSchema::new(&json!({"type": 12})).is_err());
        assert!(CompiledSchema::new(&json!({"pattern": "("})).is_err());
    }

    #[test]
    fn lpc_integers_become_booleans_only_where_schema_means_boolean() {
        let mut schema = json!({
            "type": "object",
            "additionalProperties": 0,
            "properties": {
                "tags": {"type": "array", "uniqueItems": 1, "items": {"type": "integer"}},
                "level": {"type": "integer", "const": 1, "default": 0, "enum": [0, 1]}
            }
        });
        lpc_booleans(&mut schema);
        assert_eq!(schema["additionalProperties"], json!(false));
        assert_eq!(schema["properties"]["tags"]["uniqueItems"], json!(true));
        assert_eq!(schema["properties"]["level"]["const"], json!(1));
        assert_eq!(schema["properties"]["level"]["default"], json!(0));
        assert_eq!(schema["properties"]["level"]["enum"], json!([0, 1]));
        let compiled = CompiledSchema::new(&schema).unwrap();
        assert_eq!(compiled.failures(&json!({"extra": 1})).len(), 1);
    }
}
