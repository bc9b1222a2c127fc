//! The OpenAPI 3.1 document, generated from the routes at run time (the
//! routes come from LPC). What LPC passes in `openapi` mappings is merged in,
//! filtered to what OpenAPI allows so the document always validates.

use super::body::{int_flag, lpc_booleans};
use crate::http::protocol::{RestConfig, RouteConfig};
use serde_json::{json, Map, Value};
use std::collections::HashSet;

/// Methods OpenAPI 3.1 path items can hold; a "*" route is listed under the
/// first five (those a REST client uses).
const OPENAPI_METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
const ANY_METHOD_EXPANDS_TO: &[&str] = &["get", "post", "put", "patch", "delete"];

const OPERATION_FIELDS: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "callbacks",
    "deprecated",
    "security",
    "servers",
];
const PARAMETER_FIELDS: &[&str] = &[
    "name",
    "in",
    "description",
    "required",
    "deprecated",
    "allowEmptyValue",
    "style",
    "explode",
    "allowReserved",
    "schema",
    "example",
    "examples",
    "content",
];
const PARAMETER_FLAGS: &[&str] = &[
    "required",
    "deprecated",
    "allowEmptyValue",
    "explode",
    "allowReserved",
];
const INFO_FIELDS: &[&str] = &[
    "title",
    "summary",
    "description",
    "termsOfService",
    "contact",
    "license",
    "version",
];

/// What the document needs to know about one route.
pub(crate) struct DocRoute<'a> {
    pub route: &'a RouteConfig,
    /// The body schema in force (the route's own or REST_VALIDATION_SCHEMA's).
    pub schema: Option<&'a Value>,
}

pub(crate) fn document(config: &RestConfig, routes: &[DocRoute<'_>]) -> Value {
    let jwt = config.jwt_secret.is_some() || routes.iter().any(|r| r.route.auth);
    let mut paths = Map::new();
    let mut operation_ids = HashSet::new();
    for doc in routes {
        let route = doc.route;
        let key = openapi_path(&route.pattern);
        let explicit: HashSet<String> = routes
            .iter()
            .filter(|other| other.route.pattern == route.pattern)
            .map(|other| other.route.method.trim().to_ascii_lowercase())
            .collect();
        let methods: Vec<&str> = if route.method.trim() == "*" {
            ANY_METHOD_EXPANDS_TO
                .iter()
                .copied()
                .filter(|m| !explicit.contains(*m))
                .collect()
        } else {
            let method = route.method.trim().to_ascii_lowercase();
            // Extension methods have no place in an OpenAPI 3.1 path item.
            OPENAPI_METHODS
                .iter()
                .copied()
                .filter(|m| *m == method)
                .collect()
        };
        let expanded = methods.len() > 1 || route.method.trim() == "*";
        for method in methods {
            let operation = operation(config, doc, method, expanded, jwt, &mut operation_ids);
            let item = paths
                .entry(key.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            item.as_object_mut()
                .expect("path items are objects")
                .insert(method.to_string(), operation);
        }
    }
    let mut components = json!({ "schemas": { "Error": error_schema() } });
    if jwt {
        components["securitySchemes"] = json!({
            "bearerAuth": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT" }
        });
    }
    json!({
        "openapi": "3.1.0",
        "info": info(config.openapi_info.as_ref()),
        "paths": paths,
        "components": components,
    })
}

/// matchit's "{*rest}" is OpenAPI's "{rest}".
fn openapi_path(pattern: &str) -> String {
    pattern.replace("{*", "{")
}

/// Names of the `{name}` / `{*name}` segments of a pattern ("{{" and "}}"
/// are matchit's escaped braces).
pub(crate) fn path_params(pattern: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        if rest[start..].starts_with("{{") {
            rest = &rest[start + 2..];
            continue;
        }
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        names.push(
            rest[start + 1..start + len]
                .trim_start_matches('*')
                .to_string(),
        );
        rest = &rest[start + len + 1..];
    }
    names
}

fn info(given: Option<&Value>) -> Value {
    let mut info = Map::new();
    if let Some(Value::Object(given)) = given {
        for (key, value) in given {
            if INFO_FIELDS.contains(&key.as_str()) || key.starts_with("x-") {
                info.insert(key.clone(), value.clone());
            }
        }
    }
    for (key, default) in [("title", "Ferrum REST API"), ("version", "1.0.0")] {
        let text = match info.get(key) {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => default.to_string(),
        };
        info.insert(key.to_string(), Value::String(text));
    }
    for key in ["summary", "description", "termsOfService"] {
        if info.get(key).is_some_and(|v| !v.is_string()) {
            info.remove(key);
        }
    }
    for key in ["contact", "license"] {
        if info.get(key).is_some_and(|v| !v.is_object()) {
            info.remove(key);
        }
    }
    if info.get("license").is_some_and(|l| !l["name"].is_string()) {
        info.remove("license");
    }
    Value::Object(info)
}

fn error_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "error": { "type": "string" },
            "status": { "type": "integer" },
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": { "path": { "type": "string" }, "message": { "type": "string" } }
                }
            }
        },
        "required": ["error", "status"]
    })
}

fn operation(
    config: &RestConfig,
    doc: &DocRoute<'_>,
    method: &str,
    expanded: bool,
    jwt: bool,
    operation_ids: &mut HashSet<String>,
) -> Value {
    let route = doc.route;
    let given = match &route.openapi {
        Some(Value::Object(map)) => map.clone(),
        _ => Map::new(),
    };
    let mut op = Map::new();
    for (key, value) in &given {
        if OPERATION_FIELDS.contains(&key.as_str()) || key.starts_with("x-") {
            op.insert(key.clone(), value.clone());
        }
    }
    clean_descriptive_fields(&mut op);

    let base = match op.remove("operationId") {
        Some(Value::String(id)) if !id.is_empty() && !expanded => id,
        _ if route.handler_name.is_empty() => {
            format!("{method}{}", identifier_tail(&route.pattern))
        }
        _ if expanded => format!("{}_{method}", route.handler_name),
        _ => route.handler_name.clone(),
    };
    op.insert(
        "operationId".to_string(),
        Value::String(unique(base, operation_ids)),
    );

    let names = path_params(&route.pattern);
    let params = parameters(given.get("parameters"), &names);
    if params.is_empty() {
        op.remove("parameters");
    } else {
        op.insert("parameters".to_string(), Value::Array(params));
    }

    match op.get("requestBody") {
        Some(Value::Object(_)) => {}
        _ => {
            op.remove("requestBody");
            if let Some(schema) = doc.schema {
                op.insert(
                    "requestBody".to_string(),
                    json!({ "required": true, "content": { "application/json": { "schema": schema } } }),
                );
            }
        }
    }

    let needs = ErrorAnswers {
        bad_request: doc.schema.is_some(),
        unauthorized: route.auth,
        not_found: !names.is_empty(),
        rate_limited: config.rate_limit.is_some(),
    };
    op.insert(
        "responses".to_string(),
        responses(given.get("responses"), &needs),
    );

    if route.auth && !op.get("security").is_some_and(Value::is_array) {
        op.insert("security".to_string(), json!([{ "bearerAuth": [] }]));
    } else if !jwt || !op.get("security").is_some_and(Value::is_array) {
        op.remove("security");
    }
    Value::Object(op)
}

/// Keeps LPC-written fields in the types OpenAPI wants (there are no
/// booleans in LPC; a single tag is often written as a string).
fn clean_descriptive_fields(op: &mut Map<String, Value>) {
    for key in ["summary", "description"] {
        if op.get(key).is_some_and(|v| !v.is_string()) {
            op.remove(key);
        }
    }
    match op.get("tags").cloned() {
        Some(Value::String(tag)) => {
            op.insert("tags".to_string(), json!([tag]));
        }
        Some(Value::Array(tags)) => {
            let tags: Vec<Value> = tags.into_iter().filter(Value::is_string).collect();
            op.insert("tags".to_string(), Value::Array(tags));
        }
        Some(_) => {
            op.remove("tags");
        }
        None => {}
    }
    if let Some(value) = op.get("deprecated") {
        match value.as_bool().or_else(|| int_flag(value)) {
            Some(flag) => op.insert("deprecated".to_string(), Value::Bool(flag)),
            None => op.remove("deprecated"),
        };
    }
    for key in ["externalDocs", "callbacks"] {
        if op.get(key).is_some_and(|v| !v.is_object()) {
            op.remove(key);
        }
    }
    if op.get("servers").is_some_and(|v| !v.is_array()) {
        op.remove("servers");
    }
}

fn identifier_tail(pattern: &str) -> String {
    pattern
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Parameters from the route's `openapi` "parameters" — either the design
/// guide's mapping name → schema (or name → parameter fields) or a standard
/// OpenAPI array — plus every path parameter not declared there.
fn parameters(given: Option<&Value>, path_names: &[String]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    match given {
        Some(Value::Object(by_name)) => {
            for (name, spec) in by_name {
                if let Some(param) = parameter(Some(name), spec, path_names) {
                    out.push(param);
                }
            }
        }
        Some(Value::Array(list)) => {
            for spec in list {
                if spec.get("$ref").is_some_and(Value::is_string) {
                    out.push(json!({ "$ref": spec["$ref"] }));
                } else if let Some(param) = parameter(None, spec, path_names) {
                    out.push(param);
                }
            }
        }
        _ => {}
    }
    for name in path_names {
        let declared = out
            .iter()
            .any(|p| p["in"] == "path" && p["name"] == name.as_str());
        if !declared {
            out.push(json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }));
        }
    }
    out
}

/// One parameter object. `spec` is either parameter fields (it has "in",
/// "schema" or "content") or, in the mapping form, just the schema.
fn parameter(name: Option<&String>, spec: &Value, path_names: &[String]) -> Option<Value> {
    let Value::Object(fields) = spec else {
        // "id": "integer" is taken as the type.
        let name = name?;
        let schema = match spec {
            Value::String(kind) => json!({ "type": kind }),
            _ => json!({ "type": "string" }),
        };
        return Some(located(
            name,
            Map::from_iter([("schema".to_string(), schema)]),
            path_names,
        ));
    };
    let is_parameter = ["in", "schema", "content"]
        .iter()
        .any(|k| fields.contains_key(*k));
    let name = name.cloned().or_else(|| {
        fields
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string)
    })?;
    let mut param = Map::new();
    if is_parameter {
        let mut schema_extras = Map::new();
        for (key, value) in fields {
            if PARAMETER_FIELDS.contains(&key.as_str()) || key.starts_with("x-") {
                param.insert(key.clone(), value.clone());
            } else {
                // "type", "format", "minimum"... written beside "in" belong to the schema.
                schema_extras.insert(key.clone(), value.clone());
            }
        }
        if !schema_extras.is_empty() && !param.contains_key("content") {
            let schema = param
                .entry("schema")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(schema) = schema {
                for (key, value) in schema_extras {
                    schema.entry(key).or_insert(value);
                }
            }
        }
    } else {
        if let Some(description) = fields.get("description").filter(|d| d.is_string()) {
            param.insert("description".to_string(), description.clone());
        }
        param.insert("schema".to_string(), spec.clone());
    }
    Some(located(&name, param, path_names))
}

/// Fills name, location and requiredness; path parameters are always required.
fn located(name: &str, mut param: Map<String, Value>, path_names: &[String]) -> Value {
    param.insert("name".to_string(), Value::String(name.to_string()));
    let location = match param.get("in").and_then(Value::as_str) {
        Some(place @ ("query" | "header" | "path" | "cookie")) => place.to_string(),
        _ if path_names.iter().any(|n| n == name) => "path".to_string(),
        _ => "query".to_string(),
    };
    param.insert("in".to_string(), Value::String(location.clone()));
    for key in PARAMETER_FLAGS {
        if let Some(value) = param.get(*key) {
            match value.as_bool().or_else(|| int_flag(value)) {
                Some(flag) => param.insert(key.to_string(), Value::Bool(flag)),
                None => param.remove(*key),
            };
        }
    }
    if location == "path" {
        param.insert("required".to_string(), Value::Bool(true));
    }
    if param.get("description").is_some_and(|d| !d.is_string()) {
        param.remove("description");
    }
    let has_content = param.contains_key("content");
    match param.get_mut("schema") {
        Some(schema @ Value::Object(_)) => lpc_booleans(schema),
        Some(Value::Bool(_)) => {}
        Some(schema) => *schema = json!({ "type": "string" }),
        None if !has_content => {
            param.insert("schema".to_string(), json!({ "type": "string" }));
        }
        None => {}
    }
    Value::Object(param)
}

struct ErrorAnswers {
    bad_request: bool,
    unauthorized: bool,
    not_found: bool,
    rate_limited: bool,
}

fn responses(given: Option<&Value>, needs: &ErrorAnswers) -> Value {
    let mut out = Map::new();
    out.insert(
        "200".to_string(),
        json!({ "description": "Successful response" }),
    );
    let error = |description: &str| {
        json!({
            "description": description,
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } }
        })
    };
    if needs.bad_request {
        out.insert("400".to_string(), error("Invalid request body"));
    }
    if needs.unauthorized {
        out.insert("401".to_string(), error("Missing or invalid bearer token"));
    }
    if needs.not_found {
        out.insert("404".to_string(), error("Not found"));
    }
    if needs.rate_limited {
        out.insert("429".to_string(), error("Too many requests"));
    }
    if let Some(Value::Object(given)) = given {
        for (code, response) in given {
            if !is_status_key(code) {
                continue;
            }
            let response = match response {
                Value::String(description) => json!({ "description": description }),
                Value::Object(fields) => {
                    let mut fields = fields.clone();
                    if !fields.get("description").is_some_and(Value::is_string) {
                        fields.insert(
                            "description".to_string(),
                            Value::String(format!("Response {code}")),
                        );
                    }
                    Value::Object(fields)
                }
                _ => json!({ "description": format!("Response {code}") }),
            };
            out.insert(code.clone(), response);
        }
    }
    Value::Object(out)
}

/// "default", "200" or "2XX": the keys an OpenAPI responses object takes.
fn is_status_key(code: &str) -> bool {
    if code == "default" {
        return true;
    }
    let bytes = code.as_bytes();
    bytes.len() == 3
        && (b'1'..=b'5').contains(&bytes[0])
        && (bytes[1..].iter().all(u8::is_ascii_digit) || &bytes[1..] == b"XX")
}
