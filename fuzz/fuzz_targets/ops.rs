//! Ops as they arrive (JSON, one per line, like a session's log) are decoded and applied in
//! order to a session's blocks, as the store does: nothing panics, whatever decodes encodes
//! back to the same op, the blocks the op needs give the same answer as all of them, and every
//! block keeps a place of its own in the flow.

#![no_main]

use domain::op::{BlockState, Effect, Op, apply, apply_among};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut blocks: Vec<BlockState> = Vec::new();
    for line in text.lines().take(64) {
        let Ok(op) = serde_json::from_str::<Op>(line) else {
            continue;
        };
        let encoded = serde_json::to_string(&op).expect("an op encodes");
        let again: Op = serde_json::from_str(&encoded).expect("an encoded op decodes");
        assert_eq!(again, op, "{encoded}");
        let find = |blocks: &mut Vec<BlockState>, id| blocks.iter_mut().position(|b| b.id == id);
        let live = blocks.iter().filter(|b| !b.deleted).count();
        let among = apply_among(&op.needs().pick(&blocks), live, &[], op.clone());
        let answer = apply(&blocks, op);
        assert_eq!(among, answer, "the blocks the op needs answer as all do");
        match answer {
            Ok(Effect::Insert {
                block, kind, key, ..
            }) => blocks.push(BlockState {
                id: block,
                kind,
                key,
                deleted: false,
            }),
            Ok(Effect::Move { block, key }) => {
                if let Some(i) = find(&mut blocks, block) {
                    blocks[i].key = key;
                }
            }
            Ok(Effect::Delete { block }) => {
                if let Some(i) = find(&mut blocks, block) {
                    blocks[i].deleted = true;
                }
            }
            Ok(Effect::Restore { block }) => {
                if let Some(i) = find(&mut blocks, block) {
                    blocks[i].deleted = false;
                }
            }
            _ => {}
        }
        blocks.sort_by(|a, b| a.key.cmp(&b.key));
        assert!(
            blocks.windows(2).all(|w| w[0].key < w[1].key),
            "two blocks share a place: {blocks:?}"
        );
    }
});
