//! Tests of the whole pipeline through the public API.

mod auth_body;
mod cors_rate;
mod openapi_doc;
mod routing;

use super::{Decision, RestService};
use crate::http::protocol::{HttpResponse, RestConfig, RestOutcome, RouteConfig};
use serde_json::Value;
use std::net::IpAddr;

pub(super) fn route(method: &str, pattern: &str, handler_name: &str) -> RouteConfig {
    RouteConfig {
        method: method.to_string(),
        pattern: pattern.to_string(),
        handler: 0,
        handler_name: handler_name.to_string(),
        auth: false,
        schema: None,
        openapi: None,
    }
}

pub(super) fn with_routes(routes: Vec<RouteConfig>) -> RestConfig {
    let routes = routes
        .into_iter()
        .enumerate()
        .map(|(i, r)| RouteConfig {
            handler: i as u32,
            ..r
        })
        .collect();
    RestConfig {
        routes,
        ..RestConfig::default()
    }
}

pub(super) fn service(config: RestConfig) -> RestService {
    RestService::new(config).expect("valid configuration")
}

pub(super) fn client() -> IpAddr {
    IpAddr::from([192, 0, 2, 7])
}

pub(super) fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

pub(super) fn get(service: &RestService, method: &str, path: &str) -> Decision {
    service.decide(method, path, &[], b"", client())
}

pub(super) fn answer(decision: Decision) -> HttpResponse {
    match decision {
        Decision::Answer(response) => response,
        Decision::Forward(outcome) => panic!("expected an answer, got {outcome:?}"),
    }
}

pub(super) struct Matched {
    pub route: String,
    pub handler: u32,
    pub handler_name: String,
    pub params: Vec<(String, String)>,
    pub json: Option<Value>,
    pub auth: Option<Value>,
}

pub(super) fn matched(decision: Decision) -> Matched {
    match decision {
        Decision::Forward(RestOutcome::Matched {
            route,
            handler,
            handler_name,
            path_params,
            json,
            auth,
        }) => Matched {
            route,
            handler,
            handler_name,
            params: path_params,
            json,
            auth,
        },
        other => panic!("expected a match, got {other:?}"),
    }
}

pub(super) fn header<'a>(response: &'a HttpResponse, name: &str) -> Option<&'a str> {
    response
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The JSON body of an error answer, after checking its content type.
pub(super) fn error_body(response: &HttpResponse) -> Value {
    assert_eq!(header(response, "content-type"), Some("application/json"));
    serde_json::from_slice(&response.body).expect("JSON body")
}
