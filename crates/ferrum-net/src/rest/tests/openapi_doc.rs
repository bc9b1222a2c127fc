use super::*;
use crate::http::protocol::{RateKey, RateLimit};
use serde_json::json;
use std::process::Command;
use std::time::Duration;

/// A configuration using every feature the document describes.
fn full_config() -> RestConfig {
    let mut get_user = route("GET", "/api/users/{id}", "get_user");
    get_user.openapi = Some(json!({
        "summary": "Get user by ID",
        "tags": "users",
        "deprecated": 0,
        "not-an-openapi-field": 1,
        // The design guide's form: name -> schema.
        "parameters": {
            "id": {"type": "integer", "description": "User ID"},
            "fields": {"type": "string"}
        },
        "responses": {"200": "The user", "404": {"description": "No such user"}, "bogus": "dropped"}
    }));
    let mut create = route("POST", "/api/users", "create_user");
    create.auth = true;
    create.schema = Some(json!({
        "type": "object",
        "properties": {"name": {"type": "string"}},
        "required": ["name"],
        "additionalProperties": 0
    }));
    create.openapi = Some(json!({"description": "Creates a user", "tags": ["users", 5]}));
    let mut search = route("GET", "/api/search", "search");
    // The standard form: an array of parameter objects.
    search.openapi = Some(json!({"parameters": [
        {"name": "q", "in": "query", "required": 1, "schema": {"type": "string"}},
        {"name": "limit", "in": "query", "type": "integer", "minimum": 1},
        {"name": "X-Trace", "in": "header"}
    ]}));
    let routes = vec![
        route("GET", "/api/users", "list_users"),
        create,
        get_user,
        route("DELETE", "/api/users/{id}", "delete_user"),
        route("GET", "/files/{*path}", "files"),
        route("*", "/echo", "echo"),
        route("GET", "/dup", "same"),
        route("POST", "/dup", "same"),
        route("PURGE", "/cache", "purge"),
        route("GET", "/api/users/{id}/items/{item}", ""),
        search,
    ];
    let mut config = with_routes(routes);
    config.jwt_secret = Some("secret".to_string());
    config.docs_path = Some("/docs".to_string());
    config.openapi_info = Some(
        json!({"title": "Test REST API", "version": 2, "description": "Testing", "servers": []}),
    );
    config.rate_limit = Some(RateLimit {
        requests: 10,
        window: Duration::from_secs(1),
        key: RateKey::Ip,
    });
    config
}

fn document() -> Value {
    service(full_config()).openapi()
}

#[test]
fn top_level_structure() {
    let doc = document();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["info"],
        json!({"title": "Test REST API", "version": "2", "description": "Testing"})
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["bearerAuth"],
        json!({"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    );
    assert_eq!(
        doc["components"]["schemas"]["Error"]["required"],
        json!(["error", "status"])
    );
}

#[test]
fn default_info() {
    let doc = service(with_routes(vec![])).openapi();
    assert_eq!(
        doc["info"],
        json!({"title": "Ferrum REST API", "version": "1.0.0"})
    );
    assert_eq!(doc["paths"], json!({}));
    assert!(doc["components"].get("securitySchemes").is_none());
}

#[test]
fn operations_carry_route_documentation() {
    let doc = document();
    let op = &doc["paths"]["/api/users/{id}"]["get"];
    assert_eq!(op["operationId"], "get_user");
    assert_eq!(op["summary"], "Get user by ID");
    assert_eq!(op["tags"], json!(["users"]));
    assert_eq!(op["deprecated"], json!(false));
    assert!(op.get("not-an-openapi-field").is_none());
    assert_eq!(op["responses"]["200"], json!({"description": "The user"}));
    assert_eq!(
        op["responses"]["404"],
        json!({"description": "No such user"})
    );
    assert!(op["responses"].get("bogus").is_none());
    assert_eq!(
        op["responses"]["429"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Error"
    );
    assert!(op.get("security").is_none());
    assert_eq!(
        doc["paths"]["/api/users/{id}"]["delete"]["operationId"],
        "delete_user"
    );
}

#[test]
fn mapping_form_parameters() {
    let doc = document();
    let params = doc["paths"]["/api/users/{id}"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .clone();
    assert!(params.contains(&json!({
        "name": "id", "in": "path", "required": true, "description": "User ID",
        "schema": {"type": "integer", "description": "User ID"}
    })));
    assert!(
        params.contains(&json!({"name": "fields", "in": "query", "schema": {"type": "string"}}))
    );
    assert_eq!(params.len(), 2);
}

#[test]
fn array_form_parameters() {
    let doc = document();
    let params = doc["paths"]["/api/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(
        params,
        vec![
            json!({"name": "q", "in": "query", "required": true, "schema": {"type": "string"}}),
            json!({"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}),
            json!({"name": "X-Trace", "in": "header", "schema": {"type": "string"}}),
        ]
    );
}

#[test]
fn undeclared_path_params_are_added_and_catch_all_is_templated() {
    let doc = document();
    let files = &doc["paths"]["/files/{path}"]["get"];
    assert_eq!(
        files["parameters"],
        json!([{"name": "path", "in": "path", "required": true, "schema": {"type": "string"}}])
    );
    let nested = &doc["paths"]["/api/users/{id}/items/{item}"]["get"];
    let names: Vec<&str> = nested["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["id", "item"]);
    // No handler name: an id from method and path.
    assert_eq!(nested["operationId"], "getApiUsersIdItemsItem");
    assert!(doc["paths"].get("/files/{*path}").is_none());
}

#[test]
fn request_body_security_and_error_responses_of_auth_schema_routes() {
    let doc = document();
    let op = &doc["paths"]["/api/users"]["post"];
    assert_eq!(op["requestBody"]["required"], json!(true));
    assert_eq!(
        op["requestBody"]["content"]["application/json"]["schema"],
        json!({"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"], "additionalProperties": false})
    );
    assert_eq!(op["security"], json!([{"bearerAuth": []}]));
    assert_eq!(op["tags"], json!(["users"]));
    let codes: Vec<&String> = op["responses"].as_object().unwrap().keys().collect();
    assert_eq!(codes, vec!["200", "400", "401", "429"]);
    // No parameters, no 404.
    assert!(op.get("parameters").is_none());
}

#[test]
fn operation_ids_are_unique_and_any_method_is_expanded() {
    let doc = document();
    assert_eq!(doc["paths"]["/dup"]["get"]["operationId"], "same");
    assert_eq!(doc["paths"]["/dup"]["post"]["operationId"], "same_2");
    let echo = doc["paths"]["/echo"].as_object().unwrap();
    let mut methods: Vec<&String> = echo.keys().collect();
    methods.sort();
    assert_eq!(methods, vec!["delete", "get", "patch", "post", "put"]);
    assert_eq!(echo["patch"]["operationId"], "echo_patch");
    // Extension methods cannot be described in OpenAPI 3.1.
    assert!(doc["paths"].get("/cache").is_none());
}

/// The document validates with openapi-spec-validator (PyPI).
#[test]
fn document_passes_openapi_spec_validator() {
    if Command::new("python3").arg("--version").output().is_err() {
        println!("NOTE: python3 is not installed; the OpenAPI document was not validated");
        return;
    }
    let importable = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output()
        .unwrap();
    assert!(
        importable.status.success(),
        "the Python module openapi_spec_validator is missing: run `pip install openapi-spec-validator`"
    );
    let documents = [
        ("full", document()),
        ("empty", service(with_routes(vec![])).openapi()),
        (
            "minimal",
            service(with_routes(vec![route("GET", "/{a}/{*b}", "x")])).openapi(),
        ),
    ];
    for (name, doc) in documents {
        let file =
            std::env::temp_dir().join(format!("ferrum-openapi-{}-{name}.json", std::process::id()));
        std::fs::write(&file, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
        let output = Command::new("python3")
            .args(["-m", "openapi_spec_validator"])
            .arg(&file)
            .output()
            .unwrap();
        let _ = std::fs::remove_file(&file);
        assert!(
            output.status.success(),
            "{name} document is invalid:\n{}{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
            serde_json::to_string_pretty(&doc).unwrap()
        );
    }
}
