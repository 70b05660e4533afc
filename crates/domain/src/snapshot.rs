//! Versions: a session as it stood, and the ops that bring the session as it stands back to
//! it. A restore is made of ordinary ops, so it is logged, fanned out and undone like any
//! other change (by restoring the version saved just before it).

use crate::BlockId;
use crate::op::Op;
use crate::session::{BlockField, BlockKind, CustomValue, SessionField};

/// A session's content: its fields and its blocks in flow order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    pub session: Vec<SessionField>,
    pub blocks: Vec<DraftBlock>,
}

/// One block with every field it has.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftBlock {
    pub id: BlockId,
    pub kind: BlockKind,
    pub fields: Vec<BlockField>,
}

/// What identifies a field among a block's: its name, and for a custom value its id.
fn key(f: &BlockField) -> (&'static str, &str) {
    match f {
        BlockField::Custom(CustomValue { id, .. }) => ("custom", id.as_str()),
        other => (other.name(), ""),
    }
}

/// The sets that turn `from` into `to` for one block. A custom value `to` lacks is cleared
/// only when `defined` still has its field (a value of a field gone is never shown).
fn field_ops(block: BlockId, from: &[BlockField], to: &[BlockField], defined: &[&str]) -> Vec<Op> {
    let mut ops: Vec<Op> = to
        .iter()
        .filter(|f| !from.contains(f))
        .map(|f| Op::SetBlock {
            block,
            set: f.clone(),
        })
        .collect();
    for f in from {
        if let BlockField::Custom(CustomValue { id, value: Some(_) }) = f
            && defined.contains(&id.as_str())
            && !to.iter().any(|t| key(t) == key(f))
        {
            ops.push(Op::SetBlock {
                block,
                set: BlockField::Custom(CustomValue {
                    id: id.clone(),
                    value: None,
                }),
            });
        }
    }
    ops
}

/// The ops that make a session whose live blocks and fields are `current`, with `deleted`
/// blocks in its trash, look like `target`: session fields first (custom field definitions
/// before the values that use them), then deletions of blocks `target` lacks, then each of
/// `target`'s blocks in order: brought back or inserted when missing, put after the one before
/// it when out of place, and its changed fields set.
pub fn restore_ops(current: &Draft, deleted: &[DraftBlock], target: &Draft) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut session: Vec<&SessionField> = target
        .session
        .iter()
        .filter(|f| !current.session.contains(f))
        .collect();
    session.sort_by_key(|f| !matches!(f, SessionField::CustomFields(_)));
    ops.extend(
        session
            .into_iter()
            .map(|f| Op::SetSession { set: f.clone() }),
    );
    let defined: Vec<&str> = target
        .session
        .iter()
        .find_map(|f| match f {
            SessionField::CustomFields(defs) => Some(defs.iter().map(|d| d.id.as_str()).collect()),
            _ => None,
        })
        .unwrap_or_default();

    let wanted = |id: BlockId| target.blocks.iter().any(|b| b.id == id);
    let mut order: Vec<BlockId> = Vec::with_capacity(target.blocks.len());
    for b in &current.blocks {
        if wanted(b.id) {
            order.push(b.id);
        } else {
            ops.push(Op::DeleteBlock { block: b.id });
        }
    }
    let mut after: Option<BlockId> = None;
    for (i, t) in target.blocks.iter().enumerate() {
        let live = current.blocks.iter().find(|b| b.id == t.id);
        let trashed = deleted.iter().find(|b| b.id == t.id);
        match (live, trashed) {
            (Some(from), _) => {
                if order.get(i) != Some(&t.id) {
                    order.retain(|id| *id != t.id);
                    order.insert(i, t.id);
                    ops.push(Op::MoveBlock { block: t.id, after });
                }
                ops.extend(field_ops(t.id, &from.fields, &t.fields, &defined));
            }
            (None, Some(from)) => {
                ops.push(Op::RestoreBlock { block: t.id });
                ops.push(Op::MoveBlock { block: t.id, after });
                order.insert(i, t.id);
                ops.extend(field_ops(t.id, &from.fields, &t.fields, &defined));
            }
            (None, None) => {
                ops.push(Op::InsertBlock {
                    block: t.id,
                    kind: t.kind,
                    after,
                    fields: t.fields.clone(),
                });
                order.insert(i, t.id);
            }
        }
        after = Some(t.id);
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(title: &str) -> DraftBlock {
        DraftBlock {
            id: BlockId::new(),
            kind: BlockKind::Activity,
            fields: vec![BlockField::Title(title.to_owned()), BlockField::Minutes(10)],
        }
    }

    fn draft(blocks: &[&DraftBlock]) -> Draft {
        Draft {
            session: vec![SessionField::Title("Retro".into())],
            blocks: blocks.iter().map(|b| (*b).clone()).collect(),
        }
    }

    #[test]
    fn restoring_the_state_a_session_is_in_changes_nothing() {
        let (a, b) = (block("A"), block("B"));
        assert!(restore_ops(&draft(&[&a, &b]), &[], &draft(&[&a, &b])).is_empty());
    }

    #[test]
    fn a_reordered_flow_moves_only_the_blocks_out_of_place() {
        let (a, b, c) = (block("A"), block("B"), block("C"));
        let ops = restore_ops(&draft(&[&b, &a, &c]), &[], &draft(&[&a, &b, &c]));
        assert_eq!(
            ops,
            vec![Op::MoveBlock {
                block: a.id,
                after: None
            }]
        );
    }

    #[test]
    fn blocks_added_since_are_deleted_and_deleted_ones_come_back_in_place() {
        let (a, b, c) = (block("A"), block("B"), block("C"));
        let mut b_changed = b.clone();
        b_changed.fields[0] = BlockField::Title("B, renamed before it was deleted".into());
        let ops = restore_ops(&draft(&[&a, &c]), &[b_changed], &draft(&[&a, &b]));
        assert_eq!(
            ops,
            vec![
                Op::DeleteBlock { block: c.id },
                Op::RestoreBlock { block: b.id },
                Op::MoveBlock {
                    block: b.id,
                    after: Some(a.id)
                },
                Op::SetBlock {
                    block: b.id,
                    set: BlockField::Title("B".into())
                },
            ]
        );
    }

    #[test]
    fn a_block_gone_for_good_is_inserted_again_with_its_id_and_fields() {
        let (a, b) = (block("A"), block("B"));
        let ops = restore_ops(&draft(&[&a]), &[], &draft(&[&a, &b]));
        assert_eq!(
            ops,
            vec![Op::InsertBlock {
                block: b.id,
                kind: BlockKind::Activity,
                after: Some(a.id),
                fields: b.fields.clone(),
            }]
        );
    }

    #[test]
    fn custom_field_definitions_come_before_the_values_and_values_of_gone_fields_stay() {
        use crate::session::{CustomFieldDef, CustomKind};
        let def = CustomFieldDef {
            id: "room".into(),
            name: "Room".into(),
            kind: CustomKind::Text,
            options: vec![],
            column: false,
        };
        let mut now = block("A");
        now.fields.push(BlockField::Custom(CustomValue {
            id: "room".into(),
            value: Some("7".into()),
        }));
        now.fields.push(BlockField::Custom(CustomValue {
            id: "gone".into(),
            value: Some("x".into()),
        }));
        let mut then = now.clone();
        then.fields.truncate(2);
        let current = Draft {
            session: vec![
                SessionField::Title("New".into()),
                SessionField::CustomFields(vec![]),
            ],
            blocks: vec![now],
        };
        let target = Draft {
            session: vec![
                SessionField::Title("Old".into()),
                SessionField::CustomFields(vec![def.clone()]),
            ],
            blocks: vec![then.clone()],
        };
        assert_eq!(
            restore_ops(&current, &[], &target),
            vec![
                Op::SetSession {
                    set: SessionField::CustomFields(vec![def])
                },
                Op::SetSession {
                    set: SessionField::Title("Old".into())
                },
                Op::SetBlock {
                    block: then.id,
                    set: BlockField::Custom(CustomValue {
                        id: "room".into(),
                        value: None
                    })
                },
            ]
        );
    }
}
