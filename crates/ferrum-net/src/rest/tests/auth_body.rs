use super::*;
use crate::rest::{sign_jwt, Decision};
use serde_json::json;

const SECRET: &str = "s3cret";

fn secured() -> RestService {
    let mut private = route("GET", "/me", "me");
    private.auth = true;
    let mut config = with_routes(vec![private, route("GET", "/public", "public")]);
    config.jwt_secret = Some(SECRET.to_string());
    service(config)
}

fn bearer(token: &str) -> Vec<(String, String)> {
    headers(&[("authorization", &format!("Bearer {token}"))])
}

#[test]
fn valid_token_puts_claims_in_auth() {
    let token = sign_jwt(SECRET, &json!({"sub": "alice"}), Some(300)).unwrap();
    let me = matched(secured().decide("GET", "/me", &bearer(&token), b"", client()));
    assert_eq!(me.auth.unwrap()["sub"], "alice");
    // Verified on public routes too.
    let public = matched(secured().decide("GET", "/public", &bearer(&token), b"", client()));
    assert_eq!(public.auth.unwrap()["sub"], "alice");
}

#[test]
fn missing_token_on_auth_route_is_401_bearer() {
    let response = answer(secured().decide("GET", "/me", &[], b"", client()));
    assert_eq!(response.status, 401);
    assert_eq!(header(&response, "www-authenticate"), Some("Bearer"));
    assert_eq!(
        error_body(&response),
        json!({"error": "authentication required", "status": 401})
    );
    let basic = headers(&[("authorization", "Basic YTpi")]);
    assert_eq!(
        answer(secured().decide("GET", "/me", &basic, b"", client())).status,
        401
    );
}

#[test]
fn expired_or_forged_tokens_are_401_invalid_token() {
    let expired = sign_jwt(SECRET, &json!({"sub": "a", "exp": 1_000_000}), None).unwrap();
    let response = answer(secured().decide("GET", "/me", &bearer(&expired), b"", client()));
    assert_eq!(response.status, 401);
    assert_eq!(
        header(&response, "www-authenticate"),
        Some("Bearer error=\"invalid_token\"")
    );
    assert_eq!(
        error_body(&response)["error"],
        "invalid token: token expired"
    );

    let forged = sign_jwt("other secret", &json!({"sub": "a"}), None).unwrap();
    let response = answer(secured().decide("GET", "/me", &bearer(&forged), b"", client()));
    assert_eq!(
        error_body(&response)["error"],
        "invalid token: invalid signature"
    );
}

#[test]
fn bad_token_on_public_route_is_anonymous() {
    let public = matched(secured().decide("GET", "/public", &bearer("garbage"), b"", client()));
    assert_eq!(public.auth, None);
}

#[test]
fn auth_route_without_secret_fails_closed() {
    let mut private = route("GET", "/me", "me");
    private.auth = true;
    let service = service(with_routes(vec![private]));
    let token = sign_jwt(SECRET, &json!({}), None).unwrap();
    assert_eq!(
        answer(service.decide("GET", "/me", &bearer(&token), b"", client())).status,
        401
    );
}

#[test]
fn unauthorized_goes_to_lpc_handler_with_challenge() {
    let mut private = route("GET", "/me", "me");
    private.auth = true;
    let mut config = with_routes(vec![private]);
    config.jwt_secret = Some(SECRET.to_string());
    config.lpc_error_handler = true;
    match service(config).decide("GET", "/me", &[], b"", client()) {
        Decision::Forward(RestOutcome::Error {
            status,
            message,
            headers,
        }) => {
            assert_eq!((status, message.as_str()), (401, "authentication required"));
            assert_eq!(
                headers,
                vec![("WWW-Authenticate".to_string(), "Bearer".to_string())]
            );
        }
        other => panic!("{other:?}"),
    }
}

fn json_headers() -> Vec<(String, String)> {
    headers(&[("content-type", "application/json; charset=utf-8")])
}

fn user_schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "age": {"type": "integer", "minimum": 0}
        },
        "required": ["name"],
        "additionalProperties": 0
    })
}

fn with_schema() -> RestService {
    let mut create = route("POST", "/users", "create");
    create.schema = Some(user_schema());
    service(with_routes(vec![
        create,
        route("POST", "/free", "free"),
        route("DELETE", "/users", "wipe"),
    ]))
}

#[test]
fn json_body_is_decoded_for_lpc() {
    let service = with_schema();
    let free = matched(service.decide(
        "POST",
        "/free",
        &json_headers(),
        br#"{"a": [1, 2]}"#,
        client(),
    ));
    assert_eq!(free.json, Some(json!({"a": [1, 2]})));
    let plus_json = headers(&[("content-type", "application/vnd.api+json")]);
    assert_eq!(
        matched(service.decide("POST", "/free", &plus_json, b"7", client())).json,
        Some(json!(7))
    );
    let text = headers(&[("content-type", "text/plain")]);
    assert_eq!(
        matched(service.decide("POST", "/free", &text, b"{", client())).json,
        None
    );
}

#[test]
fn invalid_json_and_non_utf8_are_400() {
    let service = with_schema();
    let response = answer(service.decide("POST", "/free", &json_headers(), b"{\"a\":", client()));
    assert_eq!(response.status, 400);
    let body = error_body(&response);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .starts_with("invalid JSON: "),
        "{body}"
    );
    assert_eq!(body["status"], 400);
    let response = answer(service.decide("POST", "/free", &json_headers(), b"\"\xff\"", client()));
    assert_eq!(
        error_body(&response)["error"],
        "request body is not valid UTF-8"
    );
}

#[test]
fn schema_failures_are_all_listed() {
    let body = br#"{"name": "", "age": -3, "extra": true}"#;
    let response = answer(with_schema().decide("POST", "/users", &json_headers(), body, client()));
    assert_eq!(response.status, 400);
    let body = error_body(&response);
    assert_eq!(body["error"], "validation failed");
    assert_eq!(body["status"], 400);
    let errors = body["errors"].as_array().unwrap();
    let mut paths: Vec<&str> = errors.iter().map(|e| e["path"].as_str().unwrap()).collect();
    paths.sort();
    // additionalProperties: 0 (LPC for false) reports at the object itself.
    assert_eq!(paths, vec!["", "/age", "/name"]);
    assert!(errors
        .iter()
        .all(|e| e["message"].as_str().is_some_and(|m| !m.is_empty())));
}

#[test]
fn valid_body_passes_the_schema() {
    let ok = matched(with_schema().decide(
        "POST",
        "/users",
        &json_headers(),
        br#"{"name": "ann", "age": 3}"#,
        client(),
    ));
    assert_eq!(ok.json.unwrap()["name"], "ann");
}

#[test]
fn schema_routes_need_a_json_body() {
    let service = with_schema();
    let text = headers(&[("content-type", "text/plain")]);
    let response = answer(service.decide("POST", "/users", &text, b"name=x", client()));
    assert_eq!(
        error_body(&response)["error"],
        "request body must be JSON (content-type application/json)"
    );
    let response = answer(service.decide("POST", "/users", &[], b"", client()));
    assert_eq!(error_body(&response)["error"], "missing JSON body");
}

#[test]
fn pattern_schemas_apply_to_routes_with_that_pattern() {
    let mut config = with_routes(vec![
        route("PUT", "/users/{id}", "update"),
        route("PUT", "/other", "other"),
    ]);
    config.schemas = vec![("/users/{id}".to_string(), user_schema())];
    let service = service(config);
    let response = answer(service.decide("PUT", "/users/1", &json_headers(), b"{}", client()));
    assert_eq!(response.status, 400);
    assert_eq!(error_body(&response)["errors"][0]["path"], "");
    assert!(matches!(
        service.decide("PUT", "/other", &json_headers(), b"{}", client()),
        Decision::Forward(_)
    ));
}

#[test]
fn route_schema_wins_over_pattern_schema() {
    let mut update = route("PUT", "/users/{id}", "update");
    update.schema = Some(json!({"type": "object"}));
    let mut config = with_routes(vec![update]);
    config.schemas = vec![("/users/{id}".to_string(), user_schema())];
    let service = service(config);
    assert!(matches!(
        service.decide("PUT", "/users/1", &json_headers(), b"{}", client()),
        Decision::Forward(_)
    ));
}

#[test]
fn bad_schemas_are_refused_at_configuration() {
    let mut bad = route("POST", "/x", "x");
    bad.schema = Some(json!({"type": "no-such-type"}));
    let error = RestService::new(with_routes(vec![bad])).err().unwrap();
    assert!(error.starts_with("schema of route POST /x: "), "{error}");
    let mut config = with_routes(vec![]);
    config.schemas = vec![("/y".to_string(), json!({"minimum": "zero"}))];
    assert!(RestService::new(config)
        .err()
        .unwrap()
        .starts_with("schema for /y: "));
}

#[test]
fn validation_failure_reaches_lpc_handler_as_one_message() {
    let mut create = route("POST", "/users", "create");
    create.schema = Some(user_schema());
    let mut config = with_routes(vec![create]);
    config.lpc_error_handler = true;
    match service(config).decide(
        "POST",
        "/users",
        &json_headers(),
        br#"{"name": 5}"#,
        client(),
    ) {
        Decision::Forward(RestOutcome::Error {
            status, message, ..
        }) => {
            assert_eq!(status, 400);
            assert!(
                message.starts_with("validation failed: /name: "),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bodyless_methods_may_omit_the_body() {
    let mut wipe = route("DELETE", "/users", "wipe");
    wipe.schema = Some(user_schema());
    let service = service(with_routes(vec![wipe]));
    assert!(matches!(
        service.decide("DELETE", "/users", &[], b"", client()),
        Decision::Forward(_)
    ));
}
