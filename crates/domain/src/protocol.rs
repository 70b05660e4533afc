//! The messages of the live channel, as JSON text frames (docs/PROTOCOL.md). Every message is
//! an object with a `type`.

use crate::op::Op;
use crate::{BlockId, UserId};
use serde::{Deserialize, Serialize};

/// The longest client op id accepted, as on the HTTP op path.
pub const CLIENT_OP_ID_MAX: usize = 100;

/// What a client sends.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// Apply an op. `id` is the client op id: an op sent again with the same id (say, after a
    /// reconnect) is applied once.
    Op { id: String, op: Op },
    /// The block this person is editing now, or none.
    Editing { block: Option<BlockId> },
}

/// Whether a client op id may be kept: 1 to [`CLIENT_OP_ID_MAX`] bytes without control
/// characters (a NUL could not be stored). Every door asks this.
pub fn client_op_id_ok(id: &str) -> bool {
    !id.is_empty() && id.len() <= CLIENT_OP_ID_MAX && !id.chars().any(char::is_control)
}

impl ClientMsg {
    /// Parses one text frame; any error is one short reason for the `error` reply.
    pub fn parse(text: &str) -> Result<Self, String> {
        // At most 200 characters of the reason (it may quote the frame, in any script).
        let msg: Self = serde_json::from_str(text)
            .map_err(|e| e.to_string().chars().take(200).collect::<String>())?;
        if let Self::Op { id, .. } = &msg
            && !client_op_id_ok(id)
        {
            return Err(format!(
                "an op id has 1 to {CLIENT_OP_ID_MAX} characters, none of them control characters"
            ));
        }
        Ok(msg)
    }
}

/// Someone in a session.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Here {
    /// The connection, unique across instances.
    pub conn: String,
    pub user: UserId,
    pub name: String,
    /// The block they are editing.
    pub block: Option<BlockId>,
}

/// Why the server ends a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The person no longer has access to the session.
    Removed,
    /// The connection fell behind the room: reconnect with the last version seen.
    Lagged,
    /// Too many ops were missed to send them one by one: load the session again.
    Behind,
    /// The session was deleted.
    Gone,
    /// The login or token this connection came with has ended (signed out, password changed
    /// or reset, token revoked): sign in again.
    SignedOut,
}

/// What the server sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// The first message: the session's version when the connection joined, the
    /// connection's name, and whether this person may send ops.
    Welcome {
        version: i64,
        conn: String,
        can_edit: bool,
    },
    /// An op applied to the session (by anyone, this client included), in version order.
    Op {
        version: i64,
        actor: Option<UserId>,
        id: Option<String>,
        op: serde_json::Value,
    },
    /// The client's op `id` is committed at `version` (or was, if it was sent before).
    Ack { id: String, version: i64 },
    /// The client's op `id` was not applied; `code` is a stable reason (docs/API.md).
    Refused { id: String, code: String },
    /// Someone is here: after `welcome`, one for each person already in the session; later,
    /// someone who came or changed the block they edit (replaces what was known of `conn`).
    Here { here: Here },
    /// The connection `conn` left.
    Gone { conn: String },
    /// This person's rights changed.
    Access { can_edit: bool },
    /// A message could not be read.
    Error { reason: String },
    /// The server is closing the connection.
    Bye { reason: Reason },
}

impl ServerMsg {
    pub fn to_text(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| r#"{"type":"error","reason":"encoding"}"#.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_op_id_has_no_control_characters() {
        assert!(client_op_id_ok("c-1"));
        assert!(!client_op_id_ok(""));
        assert!(!client_op_id_ok("a\u{0}b"));
        assert!(!client_op_id_ok(&"x".repeat(CLIENT_OP_ID_MAX + 1)));
        let frame = r#"{"type": "op", "id": "a\u0000", "op": {"type": "delete_block", "block": "01a2491f-d94d-73e5-a0ce-711ded877380"}}"#;
        assert!(ClientMsg::parse(frame).is_err());
    }

    #[test]
    fn client_messages_are_read_and_bad_ones_get_a_reason() {
        let block = BlockId::new();
        let text = format!(
            r#"{{"type":"op","id":"c1","op":{{"type":"delete_block","block":"{block}"}}}}"#
        );
        assert_eq!(
            ClientMsg::parse(&text),
            Ok(ClientMsg::Op {
                id: "c1".into(),
                op: Op::DeleteBlock { block }
            })
        );
        assert_eq!(
            ClientMsg::parse(r#"{"type":"editing","block":null}"#),
            Ok(ClientMsg::Editing { block: None })
        );
        for bad in [
            "",
            "[]",
            r#"{"type":"shout"}"#,
            r#"{"type":"editing","block":"nope"}"#,
            r#"{"type":"editing","block":null,"extra":1}"#,
            r#"{"type":"op","id":"","op":{"type":"delete_block","block":"0190e0a0-0000-7000-8000-000000000000"}}"#,
        ] {
            assert!(ClientMsg::parse(bad).is_err(), "{bad}");
        }
        let long = format!(
            r#"{{"type":"op","id":"{}","op":{{"type":"delete_block","block":"{block}"}}}}"#,
            "x".repeat(CLIENT_OP_ID_MAX + 1)
        );
        assert!(ClientMsg::parse(&long).is_err());
    }

    #[test]
    fn a_long_reason_is_cut_between_characters() {
        // Found by the `live_message` fuzz target: the cut fell inside a Cyrillic letter.
        let frame = format!(r#"{{"type":"{}"}}"#, "ж".repeat(150));
        let reason = ClientMsg::parse(&frame).expect_err("no such message");
        assert_eq!(reason.chars().count(), 200);
        assert!(reason.starts_with("unknown variant"));
    }

    #[test]
    fn server_messages_are_tagged_json() {
        let text = ServerMsg::Bye {
            reason: Reason::Removed,
        }
        .to_text();
        assert_eq!(text, r#"{"type":"bye","reason":"removed"}"#);
        let ack = ServerMsg::Ack {
            id: "c1".into(),
            version: 7,
        };
        assert_eq!(
            serde_json::from_str::<ServerMsg>(&ack.to_text()).ok(),
            Some(ack)
        );
    }
}
