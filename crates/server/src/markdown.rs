//! Markdown written by people (block descriptions), rendered to HTML and then cleaned by an
//! allow-list, so that what reaches a page can hold no script, style or event handler.

use pulldown_cmark::{Options, Parser, html};

/// Safe HTML for `markdown`.
pub fn render(markdown: &str) -> String {
    let options =
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS;
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_html() {
        let html = render("**Pairs** talk for *two* minutes:\n\n- listen\n- ask");
        assert!(html.contains("<strong>Pairs</strong>") && html.contains("<em>two</em>"));
        assert!(html.contains("<li>listen</li>"));
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
