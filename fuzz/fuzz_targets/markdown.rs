//! Markdown written by people becomes HTML without script: nothing panics, and no tag that
//! survives the cleaner is a script or style element, carries an event handler, or links to
//! `javascript:`. (Text that merely reads like a tag is escaped, so every raw `<` starts a
//! real tag; attribute values are quoted.)

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = markdown::render(text).to_ascii_lowercase();
    for tag in html.split('<').skip(1) {
        // The tag up to its closing `>`, outside quoted values: its name and attribute names.
        let (mut outside, mut quoted, mut values) = (String::new(), false, Vec::new());
        for c in tag.chars() {
            match (c, quoted) {
                ('"', false) => {
                    quoted = true;
                    values.push(String::new());
                }
                ('"', true) => quoted = false,
                (c, true) => values.last_mut().into_iter().for_each(|v| v.push(c)),
                ('>', false) => break,
                (c, false) => outside.push(c),
            }
        }
        let mut words = outside.split(|c: char| c.is_whitespace() || c == '=');
        let name = words.next().unwrap_or_default().trim_start_matches('/');
        assert!(!matches!(name, "script" | "style" | "iframe" | "object"), "{html}");
        assert!(!words.any(|a| a.starts_with("on")), "an event handler in <{tag}: {html}");
        assert!(
            !values.iter().any(|v| v.trim_start().starts_with("javascript:")),
            "{html}"
        );
    }
});
