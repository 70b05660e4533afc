//! Markdown written by people becomes HTML without script: nothing panics, and no script
//! element, event handler or `javascript:` link survives the cleaner.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let html = markdown::render(text).to_ascii_lowercase();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<style"), "{html}");
    assert!(!html.contains(" onerror=") && !html.contains(" onclick="), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
});
