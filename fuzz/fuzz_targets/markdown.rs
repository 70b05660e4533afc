//! Markdown written by people becomes HTML without script: nothing panics, and no tag that
//! survives the cleaner is a script or style element, carries an event handler, or links to
//! `javascript:` from a URL attribute (a `title` may say anything). (Text that merely reads like
//! a tag is escaped, so every raw `<` starts a real tag; attribute values are quoted.)

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = markdown::render(text).to_ascii_lowercase();
    for tag in html.split('<').skip(1) {
        // The tag up to its closing `>`, outside quoted values: its name and attribute names;
        // each quoted value with the name of the attribute it belongs to.
        let (mut outside, mut quoted) = (String::new(), false);
        let mut values: Vec<(String, String)> = Vec::new();
        for c in tag.chars() {
            match (c, quoted) {
                ('"', false) => {
                    quoted = true;
                    let before = outside.trim_end().trim_end_matches('=').trim_end();
                    let attribute = before.rsplit(char::is_whitespace).next().unwrap_or_default();
                    values.push((attribute.to_owned(), String::new()));
                }
                ('"', true) => quoted = false,
                (c, true) => values.last_mut().into_iter().for_each(|(_, v)| v.push(c)),
                ('>', false) => break,
                (c, false) => outside.push(c),
            }
        }
        let mut words = outside.split(|c: char| c.is_whitespace() || c == '=');
        let name = words.next().unwrap_or_default().trim_start_matches('/');
        assert!(!matches!(name, "script" | "style" | "iframe" | "object"), "{html}");
        assert!(!words.any(|a| a.starts_with("on")), "an event handler in <{tag}: {html}");
        let url_attributes = ["href", "src", "action", "formaction", "xlink:href", "srcset"];
        assert!(
            !values.iter().any(|(attribute, v)| url_attributes.contains(&attribute.as_str())
                && v.trim_start().starts_with("javascript:")),
            "{html}"
        );
    }
});
