//! Markdown written by people (block descriptions), rendered to HTML and then cleaned by an
//! allow-list, so that what reaches a page can hold no script, style or event handler.

//!
//! Rendering is the costliest part of a Programme page, and descriptions rarely change between
//! requests, so results are kept in a small process-wide cache keyed by the text itself (its
//! size is bounded; it is emptied when full).

use pulldown_cmark::{Event, Options, Parser, TagEnd, html};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// The cache holds at most this many bytes of source and HTML together.
const CACHE_BYTES: usize = 8 * 1024 * 1024;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"));
    b
});

struct Cache {
    entries: HashMap<String, String>,
    bytes: usize,
}

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| {
    Mutex::new(Cache {
        entries: HashMap::new(),
        bytes: 0,
    })
});

/// Safe HTML for `markdown`.
pub fn render(markdown: &str) -> String {
    if markdown.is_empty() {
        return String::new();
    }
    if let Some(html) = CACHE
        .lock()
        .ok()
        .and_then(|c| c.entries.get(markdown).cloned())
    {
        return html;
    }
    let html = render_uncached(markdown);
    if let Ok(mut c) = CACHE.lock() {
        let size = markdown.len() + html.len();
        if c.bytes + size > CACHE_BYTES {
            c.entries.clear();
            c.bytes = 0;
        }
        if size <= CACHE_BYTES {
            c.bytes += size;
            c.entries.insert(markdown.to_owned(), html.clone());
        }
    }
    html
}

/// The first paragraph, heading or list item of `markdown` as plain text on one line, cut to
/// `max_chars` characters with an ellipsis: a preview that a page escapes like any text.
pub fn preview(markdown: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
                if !out.trim().is_empty() =>
            {
                break;
            }
            _ => {}
        }
        if out.chars().count() > max_chars {
            break;
        }
    }
    let line = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > max_chars {
        let cut: String = line.chars().take(max_chars).collect();
        format!("{}…", cut.trim_end())
    } else {
        line
    }
}

/// `markdown` as plain text for an email: its paragraphs, headings and list items (with a
/// bullet) each a paragraph of their own, separated by blank lines, without markup.
pub fn plain(markdown: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let line = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() && line != "•" {
            paragraphs.push(line);
        }
        current.clear();
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(pulldown_cmark::Tag::Item) => {
                flush(&mut current);
                current.push_str("• ");
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                flush(&mut current);
            }
            _ => {}
        }
    }
    flush(&mut current);
    paragraphs.join("\n\n")
}

fn render_uncached(markdown: &str) -> String {
    let options =
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    CLEANER.clean(&raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::{preview, render};

    #[test]
    fn a_preview_is_the_first_paragraph_as_plain_text_on_one_line() {
        assert_eq!(
            preview("**Pairs** talk for\n*two* minutes.\n\nThen they swap.", 80),
            "Pairs talk for two minutes."
        );
        assert_eq!(preview("- listen\n- ask", 80), "listen");
        assert_eq!(preview("# Goal\n\nText", 80), "Goal");
        assert_eq!(preview("", 80), "");
        assert_eq!(preview("<script>x</script>", 80), "");
    }

    #[test]
    fn plain_text_keeps_paragraphs_and_list_items_without_markup() {
        assert_eq!(
            super::plain("Support answers within **two** days.\n\n- Clause *5.16*\n- Clause 6"),
            "Support answers within two days.\n\n• Clause 5.16\n\n• Clause 6"
        );
        assert_eq!(
            super::plain("## Heading\n\n<b>raw</b> text"),
            "Heading\n\nraw text"
        );
    }

    #[test]
    fn a_long_preview_is_cut_with_an_ellipsis() {
        let text = "word ".repeat(100);
        let p = preview(&text, 20);
        assert!(p.ends_with('…') && p.chars().count() <= 21, "{p}");
    }

    #[test]
    fn markdown_becomes_html() {
        let html = render("**Pairs** talk for *two* minutes:\n\n- listen\n- ask");
        assert!(html.contains("<strong>Pairs</strong>") && html.contains("<em>two</em>"));
        assert!(html.contains("<li>listen</li>"));
    }

    #[test]
    fn a_cached_rendering_is_the_same_as_a_fresh_one() {
        let text = "Cache *me* <script>x</script>";
        let first = render(text);
        assert_eq!(render(text), first);
        assert_eq!(super::render_uncached(text), first);
        assert!(!first.contains("<script"));
    }

    #[test]
    fn scripts_handlers_and_dangerous_links_are_removed() {
        let html = render(
            "<script>alert(1)</script><img src=x onerror=alert(2)> <b style=\"color:red\">b</b>",
        );
        assert!(
            !html.contains("<script") && !html.contains("onerror") && !html.contains("style="),
            "{html}"
        );
        let bad_link = render("[x](javascript:alert(3))");
        assert!(!bad_link.contains("href=\"javascript"), "{bad_link}");
        let link = render("[site](https://example.org)");
        assert!(link.contains(r#"href="https://example.org""#) && link.contains("noopener"));
    }
}
