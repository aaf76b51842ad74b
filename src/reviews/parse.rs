//! Reading ClaimReview as fact-checkers publish it: JSON-LD (one object, an
//! array, or a document with `@graph`) or JSONL (one JSON value a line).
//! Every problem names the file and, where known, the line.

use serde_json::Value;

use super::ImportedReview;
use crate::render::safe_text;

/// One input that could not be read as a review, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// 1-based line in the file, when known.
    pub line: Option<usize>,
    /// What is wrong and what to do (untrusted text made safe).
    pub message: String,
}

/// The reviews of one file's text, and what could not be read. Items that
/// are not a `ClaimReview` (a `WebPage`, an `Organization` in `@graph`) are
/// skipped silently; a `ClaimReview` without `url` or `claimReviewed` is a
/// problem.
pub fn parse_reviews(text: &str) -> (Vec<ImportedReview>, Vec<ParseProblem>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reviews = Vec::new();
    let mut problems = Vec::new();
    match serde_json::from_str::<Value>(text) {
        Ok(v) => collect(&v, None, &mut reviews, &mut problems),
        Err(whole) => {
            let lines: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| (i + 1, l))
                .collect();
            // JSONL when the first line is a value of its own; else one
            // value on several lines that does not parse: say where.
            let jsonl = lines.len() > 1 && serde_json::from_str::<Value>(lines[0].1).is_ok();
            if !jsonl {
                problems.push(ParseProblem {
                    line: Some(whole.line()),
                    message: format!(
                        "not JSON-LD or JSONL: {}; fix the file or export it again",
                        safe_text(&whole.to_string())
                    ),
                });
                return (reviews, problems);
            }
            for (n, l) in lines {
                match serde_json::from_str::<Value>(l) {
                    Ok(v) => collect(&v, Some(n), &mut reviews, &mut problems),
                    Err(e) => problems.push(ParseProblem {
                        line: Some(n),
                        message: format!(
                            "not a JSON value (column {}): {}; one review a line in JSONL",
                            e.column(),
                            safe_text(&e.to_string())
                        ),
                    }),
                }
            }
        }
    }
    (reviews, problems)
}

/// Walks a value: an array, a `@graph`, or one item.
fn collect(
    v: &Value,
    line: Option<usize>,
    out: &mut Vec<ImportedReview>,
    problems: &mut Vec<ParseProblem>,
) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect(i, line, out, problems)),
        Value::Object(o) => {
            if let Some(graph) = o.get("@graph") {
                collect(graph, line, out, problems);
            } else if is_claim_review(v) {
                match review(v) {
                    Ok(r) => out.push(r),
                    Err(why) => problems.push(ParseProblem { line, message: why }),
                }
            }
        }
        _ => {}
    }
}

fn is_claim_review(v: &Value) -> bool {
    let is = |t: &Value| t.as_str().is_some_and(|s| s.ends_with("ClaimReview"));
    match v.get("@type") {
        Some(Value::Array(types)) => types.iter().any(is),
        Some(t) => is(t),
        None => false,
    }
}

/// A string field, trimmed, if it is a non-empty string.
fn text_of(v: Option<&Value>) -> Option<String> {
    let s = v?.as_str()?.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// An organisation's name and URL: an object, the first of an array, or a
/// plain string (a name).
fn org(v: Option<&Value>) -> (Option<String>, Option<String>) {
    match v {
        Some(Value::Array(a)) => org(a.first()),
        Some(Value::String(_)) => (text_of(v), None),
        Some(o @ Value::Object(_)) => (text_of(o.get("name")), text_of(o.get("url"))),
        _ => (None, None),
    }
}

/// A number written as a number or a string.
fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn review(v: &Value) -> Result<ImportedReview, String> {
    let url = text_of(v.get("url"));
    let claim = text_of(v.get("claimReviewed"));
    let (url, claim) = match (url, claim) {
        (Some(u), Some(c)) => (u, c),
        (None, Some(c)) => {
            return Err(format!(
                "ClaimReview of \"{}\" has no `url`; every review needs its address",
                safe_text(&short(&c))
            ));
        }
        (_, None) => {
            return Err(
                "ClaimReview without `claimReviewed` (the claim's text); nothing to match it by"
                    .to_string(),
            );
        }
    };
    let rating = v.get("reviewRating");
    let (author, author_url) = org(v.get("author"));
    let item = v.get("itemReviewed");
    let appearances = match item.and_then(|i| i.get("appearance")) {
        Some(Value::Array(a)) => a.iter().filter_map(|x| text_of(x.get("url"))).collect(),
        Some(x @ Value::Object(_)) => text_of(x.get("url")).into_iter().collect(),
        Some(x @ Value::String(_)) => text_of(Some(x)).into_iter().collect(),
        _ => Vec::new(),
    };
    Ok(ImportedReview {
        url,
        claim: claim.split_whitespace().collect::<Vec<_>>().join(" "),
        rating: rating.and_then(|r| text_of(r.get("alternateName"))),
        rating_value: rating.and_then(|r| number(r.get("ratingValue"))),
        best_rating: rating.and_then(|r| number(r.get("bestRating"))),
        worst_rating: rating.and_then(|r| number(r.get("worstRating"))),
        author,
        author_url,
        date: text_of(v.get("datePublished")),
        lang: text_of(v.get("inLanguage")),
        appearances,
        source: String::new(),
    })
}

/// The first words of a long text, for messages.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"@context":"https://schema.org","@type":"ClaimReview",
        "url":"https://a.example/1","claimReviewed":"The lake  dried up in 2020.",
        "reviewRating":{"@type":"Rating","alternateName":"False","ratingValue":"1"},
        "author":{"@type":"Organization","name":"A Checks","url":"https://a.example"},
        "itemReviewed":{"@type":"Claim","appearance":[{"url":"https://x.example/p"}]}}"#;

    #[test]
    fn an_object_an_array_a_graph_and_jsonl() {
        let (r, p) = parse_reviews(ONE);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(r[0].claim, "The lake dried up in 2020.");
        assert_eq!(r[0].rating.as_deref(), Some("False"));
        assert_eq!(r[0].rating_value, Some(1.0));
        assert_eq!(r[0].author.as_deref(), Some("A Checks"));
        assert_eq!(r[0].appearances, ["https://x.example/p"]);
        let (r, _) = parse_reviews(&format!("[{ONE},{ONE}]"));
        assert_eq!(r.len(), 2);
        let graph = format!(r#"{{"@graph":[{{"@type":"WebPage"}},{ONE}]}}"#);
        assert_eq!(parse_reviews(&graph).0.len(), 1);
        let jsonl = format!("{}\n\n{}\n", ONE.replace('\n', " "), ONE.replace('\n', " "));
        assert_eq!(parse_reviews(&jsonl).0.len(), 2);
    }

    #[test]
    fn bad_input_names_the_line() {
        let one = ONE.replace('\n', " ");
        let (r, p) = parse_reviews(&format!("{one}\n{{\"@type\": oops}}\n"));
        assert_eq!(r.len(), 1);
        assert_eq!(p[0].line, Some(2), "{p:?}");
        let no_url = r#"{"@type":"ClaimReview","claimReviewed":"x"}"#;
        let (_, p) = parse_reviews(no_url);
        assert!(p[0].message.contains("has no `url`"), "{p:?}");
        let (_, p) = parse_reviews("{\n\"a\": [1,\n");
        assert!(p[0].message.starts_with("not JSON-LD or JSONL"), "{p:?}");
        // A terminal escape in the input comes out harmless.
        let (_, p) = parse_reviews("{\"@type\":\"ClaimReview\",\"claimReviewed\":\"\u{1b}]0;x\"}");
        assert!(!p[0].message.contains('\u{1b}'), "{p:?}");
    }
}
