// The op contract, written from crates/domain/src/contract.rs by
// `PLENARY_WRITE_CONTRACT=1 cargo test -p plenary-server --lib contract`; a test fails
// when it is out of date. Do not edit by hand.

/** What a block is. */
export type BlockKind = 'activity' | 'break' | 'note' | 'section' | 'day';

/** A block field and its new value. */
export type BlockField =
  /** At most 200 characters. */
  | { field: 'title'; value: string }
  /** Markdown. */
  | { field: 'description'; value: string }
  /** The duration, 0 to 1440. */
  | { field: 'minutes'; value: number }
  /** A category's key or name. */
  | { field: 'category'; value: string | null }
  /** How participants work. */
  | { field: 'group_format'; value: 'plenary' | 'small_groups' | 'pairs' | 'individual' | null }
  /** Who leads it. */
  | { field: 'lead'; value: string }
  /** What the block needs. */
  | { field: 'materials'; value: Array<{ name: string; quantity: number }> }
  /** The block's goals. */
  | { field: 'goals'; value: Array<string> }
  /** Facilitator notes, shown only to who may edit. */
  | { field: 'notes'; value: string }
  /** A fixed start time. */
  | { field: 'pinned_start'; value: string | null }
  /** A day's date. */
  | { field: 'day_date'; value: string | null }
  /** A day's start time. */
  | { field: 'day_start'; value: string | null }
  /** A day's end time. */
  | { field: 'day_end'; value: string | null }
  /** An image uploaded to the session. */
  | { field: 'card_image'; value: string | null }
  /** A value of one of the session's custom fields. */
  | { field: 'custom'; value: { id: string; value: string | null } }
  /** The library method the block came from. */
  | { field: 'method'; value: string | null }
  /** A bundled illustration's name. */
  | { field: 'illustration'; value: string | null };

/** A session field and its new value. */
export type SessionField =
  /** At most 200 characters. */
  | { field: 'title'; value: string }
  /** Markdown. */
  | { field: 'description'; value: string }
  /** The session's goals. */
  | { field: 'goals'; value: Array<string> }
  /** The first day's date. */
  | { field: 'first_date'; value: string }
  /** The first day's start. */
  | { field: 'start_time'; value: string }
  /** The first day's planned end. */
  | { field: 'end_time'; value: string | null }
  /** An IANA time zone, `Europe/Moscow`. */
  | { field: 'time_zone'; value: string }
  /** Where it takes place. */
  | { field: 'location_kind'; value: 'in_person' | 'online' }
  /** An address or a link. */
  | { field: 'location'; value: string }
  /** How many take part. */
  | { field: 'participants'; value: number | null }
  /** `en` or `ru`. */
  | { field: 'language'; value: string }
  /** The session's tags. */
  | { field: 'tags'; value: Array<string> }
  /** Where it is in its life. */
  | { field: 'status'; value: 'draft' | 'ready' | 'done' }
  /** The dashboard folder; empty for none. */
  | { field: 'folder'; value: string }
  /** Archived sessions leave the main list. */
  | { field: 'archived'; value: boolean }
  /** The session's custom fields. */
  | { field: 'custom_fields'; value: Array<{ id: string; name: string; kind: 'text' | 'number' | 'choice'; options?: Array<string>; column?: boolean }> }
  /** An image uploaded to the session. */
  | { field: 'cover_image'; value: string | null };

/** One change to a session. */
export type Op =
  /** A new block (its id chosen by the client) with its first field values. */
  | { type: 'insert_block'; block: string; kind: BlockKind; after: string | null; fields?: Array<BlockField> }
  /** One field of a block. */
  | { type: 'set_block'; block: string; set: BlockField }
  /** Moves a block. */
  | { type: 'move_block'; block: string; after: string | null }
  /** Deletes a block (it can be restored). */
  | { type: 'delete_block'; block: string }
  /** Brings a deleted block back where it was. */
  | { type: 'restore_block'; block: string }
  /** One field of the session. */
  | { type: 'set_session'; set: SessionField };
