use super::*;
use crate::rest::Decision;
use serde_json::json;

fn users() -> RestService {
    service(with_routes(vec![
        route("GET", "/api/users", "list_users"),
        route("POST", "/api/users", "create_user"),
        route("GET", "/api/users/{id}", "get_user"),
        route("delete", "/api/users/{id}", "delete_user"),
        route("GET", "/files/{*path}", "get_file"),
        route("*", "/any", "anything"),
    ]))
}

#[test]
fn routes_by_method_and_pattern() {
    let service = users();
    let list = matched(get(&service, "GET", "/api/users"));
    assert_eq!(
        (
            list.route.as_str(),
            list.handler,
            list.handler_name.as_str()
        ),
        ("/api/users", 0, "list_users")
    );
    let create = matched(get(&service, "POST", "/api/users"));
    assert_eq!(
        (create.handler, create.handler_name.as_str()),
        (1, "create_user")
    );
    let one = matched(get(&service, "GET", "/api/users/42"));
    assert_eq!(one.route, "/api/users/{id}");
    assert_eq!(one.params, vec![("id".to_string(), "42".to_string())]);
    assert_eq!(one.json, None);
    assert_eq!(one.auth, None);
    // Methods are case-insensitive on both sides.
    assert_eq!(
        matched(get(&service, "Delete", "/api/users/42")).handler_name,
        "delete_user"
    );
}

#[test]
fn query_is_ignored_for_matching() {
    let one = matched(get(&users(), "GET", "/api/users/7?fields=name"));
    assert_eq!(one.params, vec![("id".to_string(), "7".to_string())]);
}

#[test]
fn catch_all_takes_the_rest_of_the_path() {
    let file = matched(get(&users(), "GET", "/files/a/b/c.txt"));
    assert_eq!(file.route, "/files/{*path}");
    assert_eq!(
        file.params,
        vec![("path".to_string(), "a/b/c.txt".to_string())]
    );
}

#[test]
fn path_params_are_percent_decoded_once() {
    let service = users();
    let one = matched(get(&service, "GET", "/api/users/j%C3%B6rg%20x"));
    assert_eq!(one.params[0].1, "jörg x");
    // An encoded slash stays inside the segment.
    let slash = matched(get(&service, "GET", "/api/users/a%2Fb"));
    assert_eq!(slash.params[0].1, "a/b");
    let percent = matched(get(&service, "GET", "/api/users/100%2541"));
    assert_eq!(percent.params[0].1, "100%41");
    // Static segments match their encoded form too.
    assert_eq!(
        matched(get(&service, "GET", "/api/%75sers")).handler_name,
        "list_users"
    );
}

#[test]
fn unknown_path_is_404_json() {
    let response = answer(get(&users(), "GET", "/nowhere"));
    assert_eq!(response.status, 404);
    assert_eq!(
        error_body(&response),
        json!({"error": "not found", "status": 404})
    );
}

#[test]
fn wrong_method_is_405_with_sorted_allow() {
    let service = users();
    let response = answer(get(&service, "PUT", "/api/users/1"));
    assert_eq!(response.status, 405);
    assert_eq!(header(&response, "allow"), Some("DELETE, GET, HEAD"));
    assert_eq!(
        error_body(&response),
        json!({"error": "method not allowed", "status": 405})
    );
    let response = answer(get(&service, "DELETE", "/api/users"));
    assert_eq!(header(&response, "allow"), Some("GET, HEAD, POST"));
}

#[test]
fn allow_lists_options_when_cors_is_on() {
    let mut config = with_routes(vec![route("POST", "/items", "add")]);
    config.cors = Some(Default::default());
    let service = service(config);
    let response = answer(get(&service, "GET", "/items"));
    assert_eq!(response.status, 405);
    assert_eq!(header(&response, "allow"), Some("OPTIONS, POST"));
    // ...and a plain OPTIONS is answered with it.
    let options = answer(get(&service, "OPTIONS", "/items"));
    assert_eq!(options.status, 204);
    assert_eq!(header(&options, "allow"), Some("OPTIONS, POST"));
}

#[test]
fn head_is_served_by_get_routes() {
    let service = users();
    assert_eq!(
        matched(get(&service, "HEAD", "/api/users/3")).handler_name,
        "get_user"
    );
    let config = with_routes(vec![
        route("GET", "/x", "get_x"),
        route("HEAD", "/x", "head_x"),
    ]);
    assert_eq!(
        matched(get(&service_of(config), "HEAD", "/x")).handler_name,
        "head_x"
    );
}

fn service_of(config: RestConfig) -> RestService {
    service(config)
}

#[test]
fn any_method_route_takes_everything_and_never_405s() {
    let service = users();
    for method in ["GET", "POST", "PATCH", "PURGE"] {
        assert_eq!(
            matched(get(&service, method, "/any")).handler_name,
            "anything"
        );
    }
    let mixed = service_of(with_routes(vec![
        route("GET", "/m", "get_m"),
        route("*", "/m", "other_m"),
    ]));
    assert_eq!(matched(get(&mixed, "GET", "/m")).handler_name, "get_m");
    assert_eq!(matched(get(&mixed, "PUT", "/m")).handler_name, "other_m");
}

#[test]
fn trailing_slash_is_significant_unless_ignored() {
    let routes = || vec![route("GET", "/a", "a"), route("GET", "/b/", "b")];
    let strict = service_of(with_routes(routes()));
    assert_eq!(answer(get(&strict, "GET", "/a/")).status, 404);
    assert_eq!(answer(get(&strict, "GET", "/b")).status, 404);
    let mut config = with_routes(routes());
    config.ignore_trailing_slash = true;
    let lenient = service_of(config);
    assert_eq!(matched(get(&lenient, "GET", "/a/")).handler_name, "a");
    assert_eq!(matched(get(&lenient, "GET", "/b")).handler_name, "b");
    assert_eq!(matched(get(&lenient, "GET", "/a")).handler_name, "a");
}

#[test]
fn static_segments_win_over_params() {
    let service = service_of(with_routes(vec![
        route("GET", "/u/{id}", "by_id"),
        route("GET", "/u/me", "me"),
    ]));
    assert_eq!(matched(get(&service, "GET", "/u/me")).handler_name, "me");
    assert_eq!(
        matched(get(&service, "GET", "/u/you")).handler_name,
        "by_id"
    );
}

#[test]
fn bad_route_tables_are_refused() {
    let refused = |routes: Vec<RouteConfig>| {
        RestService::new(with_routes(routes))
            .err()
            .expect("an error")
    };
    let duplicate = refused(vec![route("GET", "/a", "x"), route("get", "/a", "y")]);
    assert_eq!(duplicate, "duplicate route: GET /a");
    let ambiguous = refused(vec![
        route("GET", "/u/{id}", "x"),
        route("DELETE", "/u/{name}", "y"),
    ]);
    assert!(
        ambiguous.contains("DELETE /u/{name}") && ambiguous.contains("conflict"),
        "{ambiguous}"
    );
    assert!(refused(vec![route("GET", "/a/{*rest}/b", "x")]).contains("/a/{*rest}/b"));
    assert!(refused(vec![route("GET", "/a/{", "x")]).contains("/a/{"));
    assert!(refused(vec![route("GET", "no-slash", "x")]).contains("must start with '/'"));
    assert!(refused(vec![route("GE T", "/a", "x")]).contains("invalid method"));
}

#[test]
fn errors_go_to_lpc_when_it_has_an_error_handler() {
    let mut config = with_routes(vec![route("GET", "/a", "a")]);
    config.lpc_error_handler = true;
    let service = service_of(config);
    match get(&service, "GET", "/zzz") {
        Decision::Forward(RestOutcome::Error {
            status,
            message,
            headers,
        }) => {
            assert_eq!((status, message.as_str()), (404, "not found"));
            assert!(headers.is_empty());
        }
        other => panic!("{other:?}"),
    }
    match get(&service, "POST", "/a") {
        Decision::Forward(RestOutcome::Error {
            status, headers, ..
        }) => {
            assert_eq!(status, 405);
            assert_eq!(
                headers,
                vec![("Allow".to_string(), "GET, HEAD".to_string())]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn docs_page_and_document_are_answered_without_lpc() {
    let mut config = with_routes(vec![route("GET", "/a", "a")]);
    config.docs_path = Some("/docs".to_string());
    let service = service_of(config);
    let page = answer(get(&service, "GET", "/docs"));
    assert_eq!(page.status, 200);
    assert!(header(&page, "content-type")
        .unwrap()
        .starts_with("text/html"));
    let html = String::from_utf8(page.body).unwrap();
    assert!(html.contains("swagger-ui-bundle.js") && html.contains("/docs/openapi.json"));
    let document = answer(get(&service, "GET", "/docs/openapi.json"));
    assert_eq!(header(&document, "content-type"), Some("application/json"));
    let parsed: serde_json::Value = serde_json::from_slice(&document.body).unwrap();
    assert_eq!(parsed, service.openapi());
    assert_eq!(answer(get(&service, "HEAD", "/docs")).status, 200);
    // Other methods are not the docs' business.
    assert_eq!(answer(get(&service, "POST", "/docs")).status, 404);
}
