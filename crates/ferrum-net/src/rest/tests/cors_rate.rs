use super::*;
use crate::http::protocol::{CorsConfig, RateKey, RateLimit};
use crate::rest::Decision;
use serde_json::json;
use std::time::{Duration, Instant};

fn cors_service(cors: CorsConfig) -> RestService {
    let mut config = with_routes(vec![
        route("GET", "/items", "list"),
        route("POST", "/items", "add"),
    ]);
    config.cors = Some(cors);
    service(config)
}

fn preflight(origin: &str, method: &str) -> Vec<(String, String)> {
    headers(&[
        ("origin", origin),
        ("access-control-request-method", method),
        (
            "access-control-request-headers",
            "content-type, authorization",
        ),
    ])
}

fn listed(origins: &[&str]) -> CorsConfig {
    CorsConfig {
        origins: origins.iter().map(|o| o.to_string()).collect(),
        methods: vec!["GET".to_string(), "post".to_string()],
        headers: vec!["Content-Type".to_string(), "Authorization".to_string()],
        credentials: false,
        max_age: Some(600),
    }
}

#[test]
fn preflight_from_allowed_origin_is_204_with_cors_headers() {
    let service = cors_service(listed(&["https://game.example"]));
    let response = answer(service.decide(
        "OPTIONS",
        "/items",
        &preflight("https://game.example", "POST"),
        b"",
        client(),
    ));
    assert_eq!(response.status, 204);
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        Some("https://game.example")
    );
    assert_eq!(
        header(&response, "access-control-allow-methods"),
        Some("GET, POST")
    );
    assert_eq!(
        header(&response, "access-control-allow-headers"),
        Some("Content-Type, Authorization")
    );
    assert_eq!(header(&response, "access-control-max-age"), Some("600"));
    assert_eq!(header(&response, "access-control-allow-credentials"), None);
    assert!(header(&response, "vary").unwrap().contains("Origin"));
    // The preflight answer carries its own headers: nothing more to add.
    assert!(service
        .response_headers("OPTIONS", &preflight("https://game.example", "POST"))
        .is_empty());
}

#[test]
fn preflight_from_other_origin_is_403_without_cors_headers() {
    let service = cors_service(listed(&["https://game.example"]));
    let response = answer(service.decide(
        "OPTIONS",
        "/items",
        &preflight("https://evil.example", "POST"),
        b"",
        client(),
    ));
    assert_eq!(response.status, 403);
    assert!(response
        .headers
        .iter()
        .all(|(name, _)| !name.to_ascii_lowercase().starts_with("access-control")));
}

#[test]
fn wildcard_origin_is_star_without_credentials_and_echoed_with_them() {
    let any = cors_service(listed(&["*"]));
    let response = answer(any.decide(
        "OPTIONS",
        "/items",
        &preflight("https://x.example", "GET"),
        b"",
        client(),
    ));
    assert_eq!(header(&response, "access-control-allow-origin"), Some("*"));

    let mut with_credentials = listed(&["*"]);
    with_credentials.credentials = true;
    let service = cors_service(with_credentials);
    let response = answer(service.decide(
        "OPTIONS",
        "/items",
        &preflight("https://x.example", "GET"),
        b"",
        client(),
    ));
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        Some("https://x.example")
    );
    assert_eq!(
        header(&response, "access-control-allow-credentials"),
        Some("true")
    );
}

#[test]
fn unconfigured_methods_and_headers_follow_routes_and_request() {
    let service = cors_service(CorsConfig::default());
    let response = answer(service.decide(
        "OPTIONS",
        "/items",
        &preflight("https://x.example", "PUT"),
        b"",
        client(),
    ));
    assert_eq!(response.status, 204);
    assert_eq!(
        header(&response, "access-control-allow-methods"),
        Some("GET, HEAD, OPTIONS, POST")
    );
    assert_eq!(
        header(&response, "access-control-allow-headers"),
        Some("content-type, authorization")
    );
    assert_eq!(header(&response, "access-control-max-age"), None);
}

#[test]
fn actual_requests_get_allow_origin_and_vary() {
    let service = cors_service(listed(&["https://game.example"]));
    let from_game = headers(&[("origin", "https://game.example")]);
    assert!(matches!(
        service.decide("GET", "/items", &from_game, b"", client()),
        Decision::Forward(_)
    ));
    let added = service.response_headers("GET", &from_game);
    assert_eq!(
        added,
        vec![
            (
                "Access-Control-Allow-Origin".to_string(),
                "https://game.example".to_string()
            ),
            ("Vary".to_string(), "Origin".to_string()),
        ]
    );
    let from_elsewhere = headers(&[("origin", "https://evil.example")]);
    assert_eq!(
        service.response_headers("GET", &from_elsewhere),
        vec![("Vary".to_string(), "Origin".to_string())]
    );
    assert_eq!(
        service.response_headers("GET", &[]),
        vec![("Vary".to_string(), "Origin".to_string())]
    );

    let any = cors_service(listed(&["*"]));
    assert_eq!(
        any.response_headers("POST", &from_elsewhere),
        vec![("Access-Control-Allow-Origin".to_string(), "*".to_string())]
    );
}

#[test]
fn no_cors_config_no_cors_headers_and_options_is_routed() {
    let service = service(with_routes(vec![route("GET", "/items", "list")]));
    let from_game = headers(&[("origin", "https://game.example")]);
    assert!(service.response_headers("GET", &from_game).is_empty());
    let response = answer(service.decide(
        "OPTIONS",
        "/items",
        &preflight("https://game.example", "GET"),
        b"",
        client(),
    ));
    assert_eq!(response.status, 405);
    assert_eq!(header(&response, "allow"), Some("GET, HEAD"));
}

fn limited(requests: u32, key: RateKey) -> RestService {
    let mut config = with_routes(vec![route("GET", "/x", "x")]);
    config.rate_limit = Some(RateLimit {
        requests,
        window: Duration::from_secs(60),
        key,
    });
    service(config)
}

#[test]
fn over_the_limit_is_429_with_retry_after() {
    let service = limited(2, RateKey::Ip);
    let now = Instant::now();
    for _ in 0..2 {
        assert!(matches!(
            service.decide_at("GET", "/x", &[], b"", client(), now),
            Decision::Forward(_)
        ));
    }
    let response = answer(service.decide_at("GET", "/x", &[], b"", client(), now));
    assert_eq!(response.status, 429);
    assert_eq!(header(&response, "retry-after"), Some("30"));
    assert_eq!(
        error_body(&response),
        json!({"error": "rate limit exceeded", "status": 429})
    );
    // Counted per client.
    let other = std::net::IpAddr::from([198, 51, 100, 1]);
    assert!(matches!(
        service.decide_at("GET", "/x", &[], b"", other, now),
        Decision::Forward(_)
    ));
    // Requests that find no route count too.
    let later = now + Duration::from_secs(30);
    assert_eq!(
        answer(service.decide_at("GET", "/nope", &[], b"", client(), later)).status,
        404
    );
    assert_eq!(
        answer(service.decide_at("GET", "/x", &[], b"", client(), later)).status,
        429
    );
}

#[test]
fn limit_by_header_value() {
    let service = limited(1, RateKey::Header("x-api-key".to_string()));
    let now = Instant::now();
    let key = |k: &str| headers(&[("x-api-key", k)]);
    assert!(matches!(
        service.decide_at("GET", "/x", &key("a"), b"", client(), now),
        Decision::Forward(_)
    ));
    assert_eq!(
        answer(service.decide_at("GET", "/x", &key("a"), b"", client(), now)).status,
        429
    );
    assert!(matches!(
        service.decide_at("GET", "/x", &key("b"), b"", client(), now),
        Decision::Forward(_)
    ));
}

#[test]
fn rate_limit_reaches_lpc_handler_with_retry_after() {
    let mut config = with_routes(vec![route("GET", "/x", "x")]);
    config.rate_limit = Some(RateLimit {
        requests: 1,
        window: Duration::from_secs(10),
        key: RateKey::Ip,
    });
    config.lpc_error_handler = true;
    let service = service(config);
    let now = Instant::now();
    service.decide_at("GET", "/x", &[], b"", client(), now);
    match service.decide_at("GET", "/x", &[], b"", client(), now) {
        Decision::Forward(RestOutcome::Error {
            status, headers, ..
        }) => {
            assert_eq!(status, 429);
            assert_eq!(headers, vec![("Retry-After".to_string(), "10".to_string())]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn zero_rate_limit_is_a_configuration_error() {
    let mut config = with_routes(vec![]);
    config.rate_limit = Some(RateLimit {
        requests: 0,
        window: Duration::from_secs(1),
        key: RateKey::Ip,
    });
    assert!(RestService::new(config).is_err());
}

#[test]
fn service_is_shared_between_threads() {
    let service = std::sync::Arc::new(limited(1000, RateKey::Ip));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let service = service.clone();
            std::thread::spawn(move || {
                (0..100)
                    .filter(|_| matches!(get(&service, "GET", "/x"), Decision::Forward(_)))
                    .count()
            })
        })
        .collect();
    let passed: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(passed, 400);
}
