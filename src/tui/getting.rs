//! Getting text out and coming back to a way of looking: copy keys (OSC 52,
//! through [`Effect::Clipboard`]), opening URLs ([`Effect::OpenUrl`]), the
//! compare view's entry, and saved views (`:view NAME`).

use super::action::CopyWhat;
use super::app::{App, Overlay};
use super::clipboard::{openable, osc52, sanitise, with_source};
use super::filter::{self, ClaimFilter, Sort};
use super::update::Effect;

/// What copy key `what` puts on the clipboard for the selection, and what
/// to call it in the message; an error to show otherwise.
fn copy_text(app: &App, what: CopyWhat) -> Result<(String, String), String> {
    let a = app.selected_article().ok_or("no article selected")?;
    let meta = &app.index.articles[a].article.meta;
    if what == CopyWhat::Url {
        return Ok((article_url(app, a)?, "the article's URL".into()));
    }
    let (a, c) = app.selected_claim().ok_or("no claim selected")?;
    let claim = app.claim(a, c);
    Ok(match what {
        CopyWhat::Text => (app.claim_text(a, c).to_string(), "the claim's text".into()),
        CopyWhat::Id => (claim.id.to_string(), format!("the id {}", claim.id)),
        CopyWhat::Source => (
            with_source(
                app.claim_text(a, c),
                meta.source.as_deref(),
                meta.date.as_deref(),
                &meta.title,
                meta.url.as_deref(),
            ),
            "the claim with its source line".into(),
        ),
        CopyWhat::Evidence(n) => (evidence(app, n)?, format!("evidence {n}")),
        CopyWhat::Url => (article_url(app, a)?, "the article's URL".into()),
    })
}

/// The `url` of article `a`'s front matter.
fn article_url(app: &App, a: usize) -> Result<String, String> {
    app.index.articles[a]
        .article
        .meta
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string)
        .ok_or_else(|| "this article has no url in its front matter".to_string())
}

/// The selected claim's `n`-th evidence URL (from 1).
fn evidence(app: &App, n: usize) -> Result<String, String> {
    let (a, c) = app.selected_claim().ok_or("no claim selected")?;
    let list = app
        .verdicts
        .get(&app.claim(a, c).id)
        .map(|r| r.evidence.as_slice())
        .unwrap_or_default();
    list.get(n.wrapping_sub(1))
        .cloned()
        .ok_or_else(|| match list.len() {
            0 => "this claim has no evidence (e adds some)".to_string(),
            k => format!("evidence {n}: the claim has {k} (1 to {k})"),
        })
}

/// Puts something of the selection on the clipboard (OSC 52).
pub fn copy(app: &mut App, what: CopyWhat) -> Vec<Effect> {
    match copy_text(app, what) {
        Ok((text, name)) => {
            let clean = sanitise(&text);
            if clean.is_empty() {
                app.error("nothing to copy (the text is empty)");
                return Vec::new();
            }
            app.say(format!(
                "copied {name} ({} characters, OSC 52)",
                clean.chars().count()
            ));
            vec![Effect::Clipboard(osc52(&clean))]
        }
        Err(e) => {
            app.error(e);
            Vec::new()
        }
    }
}

/// Opens the article's URL (`None`) or the claim's `n`-th evidence URL; a
/// text that is not a web address is only shown.
pub fn open_url(app: &mut App, which: Option<usize>) -> Vec<Effect> {
    let url = match which {
        None => app
            .selected_article()
            .ok_or_else(|| "no article selected".to_string())
            .and_then(|a| article_url(app, a)),
        Some(n) => evidence(app, n),
    };
    match url {
        Ok(url) if openable(&url) => vec![Effect::OpenUrl(url)],
        Ok(url) => {
            app.say(format!("not a web address, not opened: {}", sanitise(&url)));
            Vec::new()
        }
        Err(e) => {
            app.error(e);
            Vec::new()
        }
    }
}

/// What the run loop says after trying to open `url`: `opened` is the
/// host's answer (false: no display to open it on).
pub fn opened(app: &mut App, url: &str, opened: std::io::Result<bool>) {
    match opened {
        Ok(true) => app.say(format!("opened {url}")),
        Ok(false) => app.say(format!("no display here; the URL: {url}")),
        Err(e) => app.error(format!("could not open {url}: {e}")),
    }
}

/// Opens the compare view for the selected claim when it has something to compare.
pub fn compare(app: &mut App) {
    let Some((a, c)) = app.selected_claim() else {
        app.error("no claim selected");
        return;
    };
    let rec = app.verdicts.get(&app.claim(a, c).id);
    if rec.is_some_and(|r| r.recheck || !r.conflicts.is_empty()) {
        app.overlay = Overlay::Compare { scroll: 0 };
    } else {
        app.say("nothing to compare: this claim has no conflict and no re-check");
    }
}

/// A saved view read: its filter and, when it says `sort WORD`, its order.
pub fn parse_view(spec: &str) -> Result<(ClaimFilter, Option<Sort>), String> {
    let (terms, sort) = match spec
        .split_once(" sort ")
        .or_else(|| spec.strip_prefix("sort ").map(|rest| ("", rest)))
    {
        Some((terms, sort)) => {
            let s = Sort::parse(sort.trim()).ok_or_else(|| {
                format!("sort `{}`: try date, outlet, verdict, links", sort.trim())
            })?;
            (terms, Some(s))
        }
        None => (spec, None),
    };
    let mut f = ClaimFilter::default();
    f.apply(&filter::parse(terms)?);
    Ok((f, sort))
}

/// `:view NAME`: replaces the filter (and the order) with a saved view;
/// without a name, lists them.
pub fn apply_view(app: &mut App, name: &str) {
    let views = &app.settings.views;
    if name.is_empty() {
        if views.is_empty() {
            app.say("no saved views: add a [views] table to the config (claimdesk --paths)");
        } else {
            let names: Vec<&str> = views.keys().map(String::as_str).collect();
            app.say(format!("views: {} (:view NAME)", names.join(", ")));
        }
        return;
    }
    let Some(spec) = views.get(name) else {
        let names: Vec<&str> = views.keys().map(String::as_str).collect();
        app.error(format!(
            "no view `{name}`; saved views: {}",
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ));
        return;
    };
    match parse_view(spec) {
        Ok((f, sort)) => {
            if let Some(s) = sort {
                app.sort = s;
            }
            super::update::set_filter(app, f);
            if let Some(m) = app.message.as_mut() {
                m.text = format!("view {name}: {}", m.text);
            }
        }
        Err(e) => app.error(format!("view `{name}` in the config: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_read_filter_and_sort() {
        let (f, s) = parse_view("disputed kind number sort date").unwrap();
        assert_eq!(f.label(), "disputed · kind number");
        assert_eq!(s, Some(Sort::Date));
        let (f, s) = parse_view("sort links").unwrap();
        assert!(f.is_all());
        assert_eq!(s, Some(Sort::Links));
        assert_eq!(parse_view("conflict").unwrap().1, None);
        assert!(parse_view("sideways").is_err());
        assert!(
            parse_view("pending sort size")
                .unwrap_err()
                .contains("size")
        );
    }
}
