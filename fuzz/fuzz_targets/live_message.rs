//! Frames a client sends on the live channel: nothing panics, and a message that parses
//! encodes back to one that parses the same.

#![no_main]

use domain::protocol::ClientMsg;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(msg) = ClientMsg::parse(text) {
        let encoded = serde_json::to_string(&msg).expect("a message encodes");
        let again = ClientMsg::parse(&encoded).expect("an encoded message parses");
        assert_eq!(again, msg, "{encoded}");
    }
});
