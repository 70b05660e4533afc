//! Ops: every change to a session, whichever door it comes through, and `apply`, which
//! decides whether an op is valid against the session as it stands and what it changes.
//!
//! Conflicts resolve without coordination: the last write wins per (block, field); blocks
//! are ordered by fractional keys, so concurrent moves and inserts never collide; a deleted
//! block ignores later changes.

use crate::BlockId;
use crate::session::{BlockField, BlockKind, CustomFieldDef, MAX_BLOCKS, OpError, SessionField};
use fractional_index::FractionalIndex;
use serde::{Deserialize, Serialize};

/// One change to a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Op {
    /// A new block after `after` (first when `None`), with initial field values.
    InsertBlock {
        block: BlockId,
        kind: BlockKind,
        after: Option<BlockId>,
        #[serde(default)]
        fields: Vec<BlockField>,
    },
    /// One field of a block.
    SetBlock {
        block: BlockId,
        set: BlockField,
    },
    /// Moves a block after `after` (first when `None`).
    MoveBlock {
        block: BlockId,
        after: Option<BlockId>,
    },
    DeleteBlock {
        block: BlockId,
    },
    /// Brings a deleted block back where it was (how the editor undoes a delete).
    RestoreBlock {
        block: BlockId,
    },
    /// One field of the session.
    SetSession {
        set: SessionField,
    },
}

/// A position in the flow: a fractional key that sorts as its hex text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OrderKey(String);

impl OrderKey {
    /// A key between two neighbours (either may be absent).
    pub fn between(before: Option<&OrderKey>, after: Option<&OrderKey>) -> OrderKey {
        let lower = before.map(OrderKey::index);
        let upper = after.map(OrderKey::index);
        let index = match (&lower, &upper) {
            (None, None) => FractionalIndex::default(),
            (Some(l), None) => FractionalIndex::new_after(l),
            (None, Some(u)) => FractionalIndex::new_before(u),
            (Some(l), Some(u)) => {
                FractionalIndex::new_between(l, u).unwrap_or_else(|| FractionalIndex::new_after(l))
            }
        };
        OrderKey(index.to_string())
    }

    fn index(&self) -> FractionalIndex {
        FractionalIndex::from_string(&self.0).unwrap_or_default()
    }

    pub fn from_stored(s: String) -> Self {
        Self(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What `apply` needs to know of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockState {
    pub id: BlockId,
    pub kind: BlockKind,
    pub key: OrderKey,
    pub deleted: bool,
}

/// What an op changes, for the store to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Insert {
        block: BlockId,
        kind: BlockKind,
        key: OrderKey,
        fields: Vec<BlockField>,
    },
    Set {
        block: BlockId,
        field: BlockField,
    },
    Move {
        block: BlockId,
        key: OrderKey,
    },
    Delete {
        block: BlockId,
    },
    Restore {
        block: BlockId,
    },
    SetSession {
        field: SessionField,
    },
    /// Nothing to do: a late change to a deleted block.
    Nothing,
}

impl Effect {
    /// What the session's activity log records of this change: its kind, the block it is
    /// about, and a detail (a new block's title, or the name of the field changed). Nothing for
    /// a change that changes nothing.
    pub fn activity(&self) -> Option<(crate::activity::ActivityKind, Option<BlockId>, String)> {
        use crate::activity::ActivityKind as K;
        Some(match self {
            Self::Insert { block, fields, .. } => {
                let title = fields
                    .iter()
                    .rev()
                    .find_map(|f| match f {
                        BlockField::Title(t) => Some(t.clone()),
                        _ => None,
                    })
                    .unwrap_or_default();
                (K::BlockAdded, Some(*block), title)
            }
            Self::Set { block, field } => (K::BlockChanged, Some(*block), field.name().to_owned()),
            Self::Move { block, .. } => (K::BlockMoved, Some(*block), String::new()),
            Self::Delete { block } => (K::BlockDeleted, Some(*block), String::new()),
            Self::Restore { block } => (K::BlockRestored, Some(*block), String::new()),
            Self::SetSession { field } => (K::SessionChanged, None, field.name().to_owned()),
            Self::Nothing => return None,
        })
    }
}

/// The key for a block placed after `after` (a live block; first when `None`), skipping
/// `moving` itself. The key lies below the next key of any block, deleted ones included, so
/// it is never a deleted block's: restoring that block puts it back in a place of its own.
fn key_after(
    blocks: &[BlockState],
    after: Option<BlockId>,
    moving: Option<BlockId>,
) -> Result<OrderKey, OpError> {
    let others = || blocks.iter().filter(|b| Some(b.id) != moving);
    let lower = match after {
        None => None,
        Some(a) => Some(
            &others()
                .find(|b| b.id == a && !b.deleted)
                .ok_or(OpError::AnchorNotFound)?
                .key,
        ),
    };
    let upper = others()
        .map(|b| &b.key)
        .filter(|k| lower.is_none_or(|l| *k > l))
        .min();
    Ok(OrderKey::between(lower, upper))
}

/// The blocks [`apply_among`] needs for an op, as [`Op::needs`] names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// The block the op names.
    pub block: Option<BlockId>,
    /// For an insert or a move: the block it goes after (`Some(None)`: first). The anchor and
    /// the first block after the anchor's key (deleted or not, the op's own block aside) are
    /// needed too.
    pub place_after: Option<Option<BlockId>>,
    /// Whether the count of blocks not deleted matters (it has a ceiling).
    pub live_count: bool,
}

impl Needs {
    /// The blocks of a session (`blocks`, deleted ones included) that these needs name, as a
    /// store reads them: the op's block, its anchor, and the first block after the anchor's key
    /// (or the first of all) other than the op's block.
    pub fn pick(&self, blocks: &[BlockState]) -> Vec<BlockState> {
        let mut out: Vec<BlockState> = blocks
            .iter()
            .filter(|b| Some(b.id) == self.block || Some(Some(b.id)) == self.place_after)
            .cloned()
            .collect();
        if let Some(after) = self.place_after {
            let lower = after
                .and_then(|a| blocks.iter().find(|b| b.id == a))
                .map(|b| &b.key);
            if after.is_none() || lower.is_some() {
                let next = blocks
                    .iter()
                    .filter(|b| Some(b.id) != self.block && lower.is_none_or(|l| b.key > *l))
                    .min_by(|x, y| x.key.cmp(&y.key));
                out.extend(next.cloned());
            }
        }
        out
    }
}

impl Op {
    /// The blocks this op depends on.
    pub fn needs(&self) -> Needs {
        let (block, place_after, live_count) = match self {
            Self::InsertBlock { block, after, .. } => (Some(*block), Some(*after), true),
            Self::MoveBlock { block, after } => (Some(*block), Some(*after), false),
            Self::SetBlock { block, .. } | Self::DeleteBlock { block } => {
                (Some(*block), None, false)
            }
            Self::RestoreBlock { block } => (Some(*block), None, true),
            Self::SetSession { .. } => (None, None, false),
        };
        Needs {
            block,
            place_after,
            live_count,
        }
    }
}

/// Checks `op` against the session's blocks (in order, deleted ones included) and says what it
/// changes, for a session without custom fields.
pub fn apply(blocks: &[BlockState], op: Op) -> Result<Effect, OpError> {
    apply_in(blocks, &[], op)
}

/// Checks `op` against the session's blocks and its custom field definitions.
pub fn apply_in(blocks: &[BlockState], defs: &[CustomFieldDef], op: Op) -> Result<Effect, OpError> {
    let live = blocks.iter().filter(|b| !b.deleted).count();
    apply_among(blocks, live, defs, op)
}

/// [`apply_in`] given only the blocks `op` depends on ([`Op::needs`]), and `live`, how many of
/// the session's blocks are not deleted. The answer is the same as with every block, so a
/// store need not read a large session whole for each op.
pub fn apply_among(
    blocks: &[BlockState],
    live: usize,
    defs: &[CustomFieldDef],
    op: Op,
) -> Result<Effect, OpError> {
    let find = |id: BlockId| blocks.iter().find(|b| b.id == id);
    match op {
        Op::InsertBlock {
            block,
            kind,
            after,
            fields,
        } => {
            if find(block).is_some() {
                return Err(OpError::BlockExists);
            }
            if live >= MAX_BLOCKS {
                return Err(OpError::TooManyBlocks);
            }
            let fields = fields
                .into_iter()
                .map(|f| f.validate_in(kind, defs))
                .collect::<Result<Vec<_>, _>>()?;
            let key = key_after(blocks, after, None)?;
            Ok(Effect::Insert {
                block,
                kind,
                key,
                fields,
            })
        }
        Op::SetBlock { block, set } => match find(block) {
            None => Err(OpError::BlockNotFound),
            Some(b) if b.deleted => Ok(Effect::Nothing),
            Some(b) => Ok(Effect::Set {
                block,
                field: set.validate_in(b.kind, defs)?,
            }),
        },
        Op::MoveBlock { block, after } => match find(block) {
            None => Err(OpError::BlockNotFound),
            Some(b) if b.deleted => Ok(Effect::Nothing),
            Some(_) if after == Some(block) => Ok(Effect::Nothing),
            Some(_) => Ok(Effect::Move {
                block,
                key: key_after(blocks, after, Some(block))?,
            }),
        },
        Op::DeleteBlock { block } => match find(block) {
            None => Err(OpError::BlockNotFound),
            Some(b) if b.deleted => Ok(Effect::Nothing),
            Some(_) => Ok(Effect::Delete { block }),
        },
        Op::RestoreBlock { block } => match find(block) {
            None => Err(OpError::BlockNotFound),
            Some(b) if !b.deleted => Ok(Effect::Nothing),
            Some(_) if live >= MAX_BLOCKS => Err(OpError::TooManyBlocks),
            Some(_) => Ok(Effect::Restore { block }),
        },
        Op::SetSession { set } => Ok(Effect::SetSession {
            field: set.validate()?,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Applies ops to an in-memory list the way the store does.
    fn run(ops: Vec<Op>) -> (Vec<BlockState>, Vec<Result<Effect, OpError>>) {
        let mut blocks: Vec<BlockState> = Vec::new();
        let mut results = Vec::new();
        for op in ops {
            let live = blocks.iter().filter(|b| !b.deleted).count();
            let among = apply_among(&op.needs().pick(&blocks), live, &[], op.clone());
            let r = apply(&blocks, op);
            assert_eq!(
                among, r,
                "the blocks the op needs give the same answer as all"
            );
            if let Ok(effect) = &r {
                match effect {
                    Effect::Insert {
                        block, kind, key, ..
                    } => blocks.push(BlockState {
                        id: *block,
                        kind: *kind,
                        key: key.clone(),
                        deleted: false,
                    }),
                    Effect::Move { block, key } => {
                        if let Some(b) = blocks.iter_mut().find(|b| b.id == *block) {
                            b.key = key.clone();
                        }
                    }
                    Effect::Delete { block } => {
                        if let Some(b) = blocks.iter_mut().find(|b| b.id == *block) {
                            b.deleted = true;
                        }
                    }
                    Effect::Restore { block } => {
                        if let Some(b) = blocks.iter_mut().find(|b| b.id == *block) {
                            b.deleted = false;
                        }
                    }
                    _ => {}
                }
            }
            blocks.sort_by(|a, b| a.key.cmp(&b.key));
            results.push(r);
        }
        (blocks, results)
    }

    fn insert(id: BlockId, after: Option<BlockId>) -> Op {
        Op::InsertBlock {
            block: id,
            kind: BlockKind::Activity,
            after,
            fields: vec![],
        }
    }

    fn order(blocks: &[BlockState]) -> Vec<BlockId> {
        blocks.iter().filter(|b| !b.deleted).map(|b| b.id).collect()
    }

    #[test]
    fn blocks_are_inserted_and_moved_where_asked() {
        let [a, b, c] = [BlockId::new(), BlockId::new(), BlockId::new()];
        let (blocks, _) = run(vec![
            insert(a, None),
            insert(b, Some(a)),
            insert(c, Some(a)),
        ]);
        assert_eq!(order(&blocks), vec![a, c, b]);
        let (blocks, _) = run(vec![
            insert(a, None),
            insert(b, Some(a)),
            insert(c, Some(b)),
            Op::MoveBlock {
                block: c,
                after: None,
            },
        ]);
        assert_eq!(order(&blocks), vec![c, a, b]);
        let (blocks, _) = run(vec![
            insert(a, None),
            insert(b, Some(a)),
            insert(c, Some(b)),
            Op::MoveBlock {
                block: a,
                after: Some(c),
            },
        ]);
        assert_eq!(order(&blocks), vec![b, c, a]);
    }

    #[test]
    fn a_deleted_block_ignores_late_changes() {
        let a = BlockId::new();
        let (_, results) = run(vec![
            insert(a, None),
            Op::DeleteBlock { block: a },
            Op::SetBlock {
                block: a,
                set: BlockField::Minutes(10),
            },
            Op::MoveBlock {
                block: a,
                after: None,
            },
            Op::DeleteBlock { block: a },
        ]);
        assert_eq!(results[2], Ok(Effect::Nothing));
        assert_eq!(results[3], Ok(Effect::Nothing));
        assert_eq!(results[4], Ok(Effect::Nothing));
    }

    #[test]
    fn a_restored_block_comes_back_in_its_old_place() {
        let [a, b, c] = [BlockId::new(), BlockId::new(), BlockId::new()];
        let (blocks, results) = run(vec![
            insert(a, None),
            insert(b, Some(a)),
            insert(c, Some(b)),
            Op::DeleteBlock { block: b },
            Op::RestoreBlock { block: b },
            Op::RestoreBlock { block: b },
        ]);
        assert_eq!(order(&blocks), vec![a, b, c]);
        assert_eq!(
            results[5],
            Ok(Effect::Nothing),
            "restoring twice is harmless"
        );
    }

    #[test]
    fn a_block_moved_next_to_a_deleted_one_never_takes_its_place() {
        // Found by the `ops` fuzz target: C moved after B took the key of A, deleted in
        // between, so restoring A gave two blocks one place.
        let [a, b, c] = [BlockId::new(), BlockId::new(), BlockId::new()];
        let (blocks, _) = run(vec![
            insert(a, None),
            insert(b, Some(a)),
            insert(c, Some(a)),
            Op::MoveBlock {
                block: b,
                after: None,
            },
            Op::DeleteBlock { block: a },
            Op::MoveBlock {
                block: c,
                after: Some(b),
            },
            Op::RestoreBlock { block: a },
        ]);
        assert!(blocks.windows(2).all(|w| w[0].key < w[1].key), "{blocks:?}");
        assert_eq!(order(&blocks), vec![b, c, a]);
    }

    #[test]
    fn bad_ops_are_refused_with_a_reason() {
        let a = BlockId::new();
        let (_, results) = run(vec![
            insert(a, None),
            insert(a, None),
            insert(BlockId::new(), Some(BlockId::new())),
            Op::SetBlock {
                block: BlockId::new(),
                set: BlockField::Minutes(5),
            },
            Op::SetBlock {
                block: a,
                set: BlockField::Minutes(2000),
            },
        ]);
        assert_eq!(results[1], Err(OpError::BlockExists));
        assert_eq!(results[2], Err(OpError::AnchorNotFound));
        assert_eq!(results[3], Err(OpError::BlockNotFound));
        assert_eq!(results[4], Err(OpError::DurationOutOfRange));
    }

    #[test]
    fn a_session_holds_at_most_2000_blocks() {
        let mut blocks = Vec::new();
        let mut key = OrderKey::between(None, None);
        for _ in 0..MAX_BLOCKS {
            blocks.push(BlockState {
                id: BlockId::new(),
                kind: BlockKind::Note,
                key: key.clone(),
                deleted: false,
            });
            key = OrderKey::between(Some(&key), None);
        }
        assert_eq!(
            apply(&blocks, insert(BlockId::new(), None)),
            Err(OpError::TooManyBlocks)
        );
        blocks[0].deleted = true;
        assert!(
            apply(&blocks, insert(BlockId::new(), None)).is_ok(),
            "deleted blocks do not count"
        );
    }

    #[test]
    fn ops_travel_as_tagged_json() {
        let op: Op = serde_json::from_str(r#"{"type":"set_block","block":"0190f5c2-0000-7000-8000-000000000001","set":{"field":"title","value":"Check-in"}}"#).expect("json");
        assert!(
            matches!(op, Op::SetBlock { set: BlockField::Title(ref t), .. } if t == "Check-in")
        );
    }

    proptest! {
        #[test]
        fn any_sequence_of_inserts_moves_deletes_and_restores_keeps_a_strict_order(steps in proptest::collection::vec((0usize..20, proptest::option::of(0usize..20), 0u8..4), 1..80)) {
            let ids: Vec<BlockId> = (0..20).map(|_| BlockId::new()).collect();
            let ops = steps.into_iter().map(|(b, after, what)| {
                let after = after.map(|i| ids[i]);
                match what {
                    0 => insert(ids[b], after),
                    1 => Op::MoveBlock { block: ids[b], after },
                    2 => Op::DeleteBlock { block: ids[b] },
                    _ => Op::RestoreBlock { block: ids[b] },
                }
            }).collect();
            let (blocks, results) = run(ops);
            for w in blocks.windows(2) {
                prop_assert!(w[0].key < w[1].key, "keys are distinct and sorted, deleted blocks' too");
            }
            prop_assert_eq!(blocks.len(), results.iter().filter(|r| matches!(r, Ok(Effect::Insert { .. }))).count());
        }

        #[test]
        fn a_block_lands_right_after_its_anchor(n in 2usize..30, anchor in 0usize..30, pick in 0usize..30) {
            let ids: Vec<BlockId> = (0..n).map(|_| BlockId::new()).collect();
            let mut ops: Vec<Op> = Vec::new();
            for (i, id) in ids.iter().enumerate() {
                ops.push(insert(*id, if i == 0 { None } else { Some(ids[i - 1]) }));
            }
            let (a, m) = (ids[anchor % n], ids[pick % n]);
            ops.push(Op::MoveBlock { block: m, after: Some(a) });
            let (blocks, _) = run(ops);
            let order = order(&blocks);
            if a != m {
                let pa = order.iter().position(|x| *x == a).unwrap_or(0);
                prop_assert_eq!(order.get(pa + 1), Some(&m));
            }
            prop_assert_eq!(order.len(), n);
        }
    }
}
