//! `/api/docs`: a browsable API reference rendered on the server from the merged OpenAPI
//! document. Plain HTML and CSS, no script and nothing fetched from elsewhere, so it works
//! offline and under a strict Content-Security-Policy.

use std::fmt::Write;

use serde_json::Value;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn anchor(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

/// A schema as a short human type: links for references, `array of …`, enums spelled out.
fn type_of(schema: &Value) -> String {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r);
        return format!("<a href=\"#schema-{}\">{}</a>", anchor(name), esc(name));
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(list) = schema.get(key).and_then(Value::as_array) {
            let parts: Vec<String> = list.iter().map(type_of).collect();
            return parts.join(if key == "allOf" { " and " } else { " or " });
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let values: Vec<String> = values.iter().map(|v| format!("<code>{}</code>", esc(&v.to_string()))).collect();
        return format!("one of {}", values.join(", "));
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let mut out: Vec<String> = types
        .iter()
        .map(|t| match *t {
            "array" => format!("array of {}", schema.get("items").map_or_else(|| "any".to_owned(), type_of)),
            other => match schema.get("format").and_then(Value::as_str) {
                Some(f) if other != "null" => format!("{other} ({})", esc(f)),
                _ => other.to_owned(),
            },
        })
        .collect();
    if out.is_empty() {
        out.push(if schema.get("properties").is_some() { "object".to_owned() } else { "any".to_owned() });
    }
    out.join(" or ")
}

fn body_schema(content: Option<&Value>) -> String {
    content
        .and_then(Value::as_object)
        .map(|c| {
            c.iter()
                .map(|(media, v)| {
                    format!(
                        "{} <span class=\"media\">{}</span>",
                        v.get("schema").map_or_else(String::new, type_of),
                        esc(media)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

fn render_operation(out: &mut String, method: &str, path: &str, op: &Value) {
    let id = op.get("operationId").and_then(Value::as_str).unwrap_or(path);
    let summary = op.get("summary").and_then(Value::as_str).unwrap_or_default();
    let _ = write!(
        out,
        "<article class=\"op\" id=\"op-{}\"><h3><span class=\"method {method}\">{}</span> <code>{}</code></h3><p>{}</p>",
        anchor(id),
        method.to_uppercase(),
        esc(path),
        esc(summary)
    );
    if let Some(d) = op.get("description").and_then(Value::as_str) {
        let _ = write!(out, "<p>{}</p>", esc(d));
    }
    if let Some(params) = op.get("parameters").and_then(Value::as_array).filter(|p| !p.is_empty()) {
        out.push_str("<table><tr><th>Parameter</th><th>In</th><th>Type</th><th>Description</th></tr>");
        for p in params {
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
            let _ = write!(
                out,
                "<tr><td><code>{}</code>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(name),
                if required { " <span class=\"req\">required</span>" } else { "" },
                esc(p.get("in").and_then(Value::as_str).unwrap_or_default()),
                p.get("schema").map_or_else(String::new, type_of),
                esc(p.get("description").and_then(Value::as_str).unwrap_or_default())
            );
        }
        out.push_str("</table>");
    }
    if let Some(body) = op.get("requestBody") {
        let _ = write!(out, "<p><strong>Body:</strong> {}</p>", body_schema(body.get("content")));
    }
    if let Some(responses) = op.get("responses").and_then(Value::as_object) {
        out.push_str("<ul class=\"responses\">");
        for (code, r) in responses {
            let _ = write!(
                out,
                "<li><span class=\"status s{}\">{}</span> {} {}</li>",
                code.get(..1).unwrap_or("x"),
                esc(code),
                esc(r.get("description").and_then(Value::as_str).unwrap_or_default()),
                body_schema(r.get("content"))
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</article>");
}

fn render_schema(out: &mut String, name: &str, schema: &Value) {
    let _ = write!(out, "<article class=\"schema\" id=\"schema-{}\"><h3>{}</h3>", anchor(name), esc(name));
    if let Some(d) = schema.get("description").and_then(Value::as_str) {
        let _ = write!(out, "<p>{}</p>", esc(d));
    }
    match schema.get("properties").and_then(Value::as_object) {
        Some(props) => {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            out.push_str("<table><tr><th>Field</th><th>Type</th><th>Description</th></tr>");
            for (field, p) in props {
                let _ = write!(
                    out,
                    "<tr><td><code>{}</code>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(field),
                    if required.contains(&field.as_str()) { " <span class=\"req\">required</span>" } else { "" },
                    type_of(p),
                    esc(p.get("description").and_then(Value::as_str).unwrap_or_default())
                );
            }
            out.push_str("</table>");
        }
        None => {
            let _ = write!(out, "<p>{}</p>", type_of(schema));
        }
    }
    out.push_str("</article>");
}

/// The reference page's stylesheet, served at `/api/docs/style.css` (the CSP allows no inline
/// style).
pub const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1c2833;display:flex}\
nav{width:300px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;background:#f3f6f9;padding:1rem;box-sizing:border-box;font-size:13px}\
nav a{display:block;color:#1c4e80;text-decoration:none;padding:1px 0}nav h4{margin:1rem 0 .2rem}\
main{padding:1.5rem 2rem;max-width:70rem}h2{border-bottom:2px solid #1c4e80;padding-bottom:.2rem;margin-top:2.5rem}\
.op,.schema{border:1px solid #d5dde5;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}\
.method{display:inline-block;min-width:4.2em;text-align:center;color:#fff;border-radius:4px;padding:0 .4em;font-size:.8em}\
.get{background:#1f7a4d}.post{background:#1c4e80}.put,.patch{background:#9a6700}.delete{background:#b42318}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border-top:1px solid #e3e8ee;padding:.25rem .5rem;text-align:left;vertical-align:top}\
.req{color:#b42318;font-size:.8em}.media{color:#667;font-size:.85em}.status{font-weight:600}.s2{color:#1f7a4d}.s4,.s5{color:#b42318}\
code{background:#eef2f6;padding:0 .25em;border-radius:3px}";

/// The whole reference page for `doc`.
pub fn render(doc: &Value) -> String {
    let title = doc.pointer("/info/title").and_then(Value::as_str).unwrap_or("API");
    let version = doc.pointer("/info/version").and_then(Value::as_str).unwrap_or_default();
    let description = doc.pointer("/info/description").and_then(Value::as_str).unwrap_or_default();

    // Operations by tag, in path order.
    let mut by_tag: std::collections::BTreeMap<String, Vec<(String, String, Value)>> = Default::default();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            for method in METHODS {
                if let Some(op) = item.get(method) {
                    let tag = op.pointer("/tags/0").and_then(Value::as_str).unwrap_or("other").to_owned();
                    by_tag.entry(tag).or_default().push((method.to_owned(), path.clone(), op.clone()));
                }
            }
        }
    }
    let mut nav = String::new();
    let mut body = String::new();
    for (tag, ops) in &by_tag {
        let _ = write!(nav, "<h4><a href=\"#tag-{}\">{}</a></h4>", anchor(tag), esc(tag));
        let _ = write!(body, "<h2 id=\"tag-{}\">{}</h2>", anchor(tag), esc(tag));
        for (method, path, op) in ops {
            let id = op.get("operationId").and_then(Value::as_str).unwrap_or(path);
            let _ = write!(nav, "<a href=\"#op-{}\">{} {}</a>", anchor(id), method.to_uppercase(), esc(path));
            render_operation(&mut body, method, path, op);
        }
    }
    if let Some(schemas) = doc.pointer("/components/schemas").and_then(Value::as_object) {
        nav.push_str("<h4><a href=\"#schemas\">Schemas</a></h4>");
        body.push_str("<h2 id=\"schemas\">Schemas</h2>");
        for (name, schema) in schemas {
            render_schema(&mut body, name, schema);
        }
    }
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{t} reference</title><link rel=\"stylesheet\" href=\"/api/docs/style.css\"></head><body><nav><strong>{t}</strong> {v}<p><a href=\"/api/openapi.json\">openapi.json</a></p>{nav}</nav>\
<main><h1>{t} <small>{v}</small></h1>{d}{body}</main></body></html>",
        t = esc(title),
        v = esc(version),
        d = description.split("\n\n").map(|p| format!("<p>{}</p>", esc(p))).collect::<String>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_operations_parameters_and_linked_schemas() {
        let doc = json!({
            "info": {"title": "Trellis API", "version": "0.1.0", "description": "Hello <world>"},
            "paths": {"/api/membership/countries": {"get": {
                "operationId": "membership_list_countries", "tags": ["membership: reference"], "summary": "Countries",
                "parameters": [{"name": "region", "in": "query", "schema": {"type": ["string", "null"]}}],
                "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PageCountry"}}}}}
            }}},
            "components": {"schemas": {"CountryResponse": {"type": "object", "required": ["code"], "properties": {
                "code": {"type": "string"}, "income_level": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/IncomeLevel"}]}
            }}}}
        });
        let html = render(&doc);
        assert!(html.contains("<span class=\"method get\">GET</span> <code>/api/membership/countries</code>"));
        assert!(html.contains("string or null"));
        assert!(html.contains("href=\"#schema-pagecountry\""));
        assert!(html.contains("id=\"schema-countryresponse\""));
        assert!(html.contains("Hello &lt;world&gt;"), "text is escaped");
        assert!(!html.contains("<script") && !html.contains("<style"), "no inline script or style");
    }
}
