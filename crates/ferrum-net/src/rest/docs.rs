//! REST_DOCS_PATH: a page that shows the OpenAPI document with Swagger UI
//! (loaded from a CDN; nothing of it is bundled) and the document itself.

use crate::http::protocol::HttpResponse;

/// Swagger UI major version the page loads.
const SWAGGER_UI: &str = "https://unpkg.com/swagger-ui-dist@5";

/// The answers at the docs paths, built once per configuration.
pub(crate) struct Docs {
    page_path: String,
    json_path: String,
    page: Vec<u8>,
    json: Vec<u8>,
}

impl Docs {
    /// `docs_path` like "/docs" (a missing leading slash is added, a
    /// trailing one dropped).
    pub(crate) fn new(docs_path: &str, document: &serde_json::Value) -> Docs {
        let base = format!("/{}", docs_path.trim().trim_matches('/'));
        let base = if base == "/" { String::new() } else { base };
        let json_path = format!("{base}/openapi.json");
        let title = document["info"]["title"].as_str().unwrap_or("API");
        let page = page(title, &json_path).into_bytes();
        let json = serde_json::to_vec_pretty(document).unwrap_or_default();
        let page_path = if base.is_empty() {
            "/".to_string()
        } else {
            base
        };
        Docs {
            page_path,
            json_path,
            page,
            json,
        }
    }

    /// The answer for a GET or HEAD of `path`, when it is a docs path.
    pub(crate) fn answer(&self, path: &str) -> Option<HttpResponse> {
        let (content_type, body) = if path == self.json_path {
            ("application/json", &self.json)
        } else if path == self.page_path || path.strip_suffix('/') == Some(self.page_path.as_str())
        {
            ("text/html; charset=utf-8", &self.page)
        } else {
            return None;
        };
        Some(HttpResponse {
            status: 200,
            headers: vec![
                ("Content-Type".to_string(), content_type.to_string()),
                ("Cache-Control".to_string(), "no-cache".to_string()),
            ],
            body: body.clone(),
        })
    }
}

fn page(title: &str, json_path: &str) -> String {
    let title = html_escape(title);
    // A JSON string is a JavaScript string; "</" is split so it cannot close the script.
    let url = serde_json::to_string(json_path)
        .unwrap_or_default()
        .replace("</", "<\\/");
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{SWAGGER_UI}/swagger-ui.css">
</head>
<body>
<noscript>This page needs JavaScript. The API description is at <a href="{href}">{href}</a>.</noscript>
<div id="swagger-ui"></div>
<script src="{SWAGGER_UI}/swagger-ui-bundle.js" crossorigin="anonymous"></script>
<script>
window.addEventListener("load", function () {{
  window.ui = SwaggerUIBundle({{ url: {url}, dom_id: "#swagger-ui" }});
}});
</script>
</body>
</html>
"##,
        href = html_escape(json_path),
    )
}

fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(response: &HttpResponse) -> String {
        String::from_utf8(response.body.clone()).unwrap()
    }

    #[test]
    fn page_loads_swagger_ui_pointed_at_the_document() {
        let docs = Docs::new("/docs", &json!({"info": {"title": "Mud <API>"}}));
        let page = docs.answer("/docs").unwrap();
        assert_eq!(page.status, 200);
        assert_eq!(
            page.headers[0],
            (
                "Content-Type".to_string(),
                "text/html; charset=utf-8".to_string()
            )
        );
        let html = body(&page);
        assert!(html.contains(
            r#"<link rel="stylesheet" href="https://unpkg.com/swagger-ui-dist@5/swagger-ui.css">"#
        ));
        assert!(html
            .contains(r#"<script src="https://unpkg.com/swagger-ui-dist@5/swagger-ui-bundle.js""#));
        assert!(html.contains(r#"url: "/docs/openapi.json""#));
        assert!(html.contains("<title>Mud &lt;API&gt;</title>"));
        assert_eq!(body(&docs.answer("/docs/").unwrap()), html);
    }

    #[test]
    fn document_is_served_as_json() {
        let document = json!({"openapi": "3.1.0", "info": {"title": "T"}});
        let docs = Docs::new("docs/", &document);
        let answer = docs.answer("/docs/openapi.json").unwrap();
        assert_eq!(answer.headers[0].1, "application/json");
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&answer.body).unwrap(),
            document
        );
        assert!(docs.answer("/docsx").is_none());
        assert!(docs.answer("/other").is_none());
    }

    #[test]
    fn root_docs_path() {
        let docs = Docs::new("/", &json!({}));
        assert!(body(&docs.answer("/").unwrap()).contains(r#"url: "/openapi.json""#));
        assert!(docs.answer("/openapi.json").is_some());
    }

    #[test]
    fn script_cannot_be_closed_by_the_path() {
        let docs = Docs::new("/a</script>", &json!({}));
        let html = body(&docs.answer("/a</script>").unwrap());
        assert!(!html.contains("/a</script>/openapi.json\""));
        assert!(html.contains(r#"url: "/a<\/script>/openapi.json""#));
    }
}
