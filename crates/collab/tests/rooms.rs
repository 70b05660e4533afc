//! Live rooms over a real store, on SQLite by default and on PostgreSQL with
//! `PLENARY_TEST_POSTGRES`; the test of two instances always runs on PostgreSQL.

use domain::op::Op;
use domain::permission::Role;
use domain::session::{BlockField, BlockKind};
use domain::{BlockId, Credential, Email, Locale, Scopes, SessionId};
use plenary_collab::protocol::{Here, Reason, ServerMsg};
use plenary_collab::{Config, Hub, JoinError, Member, Next, Person};
use std::sync::Arc;
use std::time::Duration;
use store::testing::{fresh_postgres_url, fresh_store};
use store::{NewSession, NewUser, Store, User};

async fn user(store: &Store, first: &str) -> User {
    store
        .create_user(
            &NewUser {
                email: Email::parse(&format!("{}@example.org", first.to_lowercase()))
                    .expect("email"),
                password_hash: "x".into(),
                first_name: first.into(),
                last_name: "Test".into(),
                phone: None,
                locale: Locale::En,
                time_zone: "UTC".into(),
                is_admin: false,
                terms_version: "1".into(),
                privacy_version: "1".into(),
                confirmed: true,
                accepts: Vec::new(),
                seen_documents_until: None,
            },
            None,
        )
        .await
        .expect("user")
}

async fn session(store: &Store, owner: &User) -> SessionId {
    let (workspace, _) = store.personal_workspace(owner.id).await.expect("workspace");
    store
        .create_session(&NewSession {
            workspace,
            created_by: owner.id,
            title: "Retro".into(),
            first_date: jiff::civil::date(2026, 12, 1),
            start_time: jiff::civil::time(9, 0, 0, 0),
            time_zone: "UTC".into(),
            language: "en".into(),
        })
        .await
        .expect("session")
        .id
}

/// `u` signed in: a fresh login of theirs.
async fn person(store: &Store, u: &User) -> Person {
    let hash = domain::LoginId::new().0.as_bytes().to_vec();
    let login = store
        .create_login(
            u.id,
            &hash,
            "test",
            "127.0.0.1",
            store::now_ms() + 3_600_000,
        )
        .await
        .expect("login");
    Person {
        user: u.id,
        name: u.first_name.clone(),
        credential: Credential::Login {
            id: login,
            verified_at: 0,
        },
    }
}

fn insert(block: BlockId, title: &str) -> String {
    let op = Op::InsertBlock {
        block,
        kind: BlockKind::Activity,
        after: None,
        fields: vec![BlockField::Title(title.into()), BlockField::Minutes(10)],
    };
    serde_json::json!({"type": "op", "id": format!("c-{block}"), "op": op}).to_string()
}

/// The next message, within five seconds.
async fn next(m: &mut Member) -> (ServerMsg, bool) {
    let n = tokio::time::timeout(Duration::from_secs(5), m.next())
        .await
        .expect("a message within five seconds");
    let (text, closing) = match n {
        Next::Send(t) => (t, false),
        Next::Close(t) => (t, true),
    };
    (serde_json::from_str(&text).expect("server JSON"), closing)
}

/// Messages until one matches, skipping presence and the like.
async fn until<T>(m: &mut Member, mut f: impl FnMut(&ServerMsg, bool) -> Option<T>) -> T {
    for _ in 0..50 {
        let (msg, closing) = next(m).await;
        if let Some(t) = f(&msg, closing) {
            return t;
        }
    }
    panic!("no such message among the next 50");
}

async fn op_version(m: &mut Member) -> (i64, serde_json::Value) {
    until(m, |msg, _| match msg {
        ServerMsg::Op { version, op, .. } => Some((*version, op.clone())),
        _ => None,
    })
    .await
}

async fn welcome(m: &mut Member) -> (i64, bool) {
    match next(m).await.0 {
        ServerMsg::Welcome {
            version, can_edit, ..
        } => (version, can_edit),
        other => panic!("expected welcome, got {other:?}"),
    }
}

#[tokio::test]
async fn an_op_from_one_member_is_acknowledged_to_it_and_reaches_the_other_in_order() {
    let store = fresh_store().await;
    let ann = user(&store, "Ann").await;
    let bob = user(&store, "Bob").await;
    let s = session(&store, &ann).await;
    store
        .set_share(s, bob.id, Role::Editor)
        .await
        .expect("shared");
    let hub = Hub::start(store.clone(), Config::default());
    let mut a = hub
        .join(s, person(&store, &ann).await, None)
        .await
        .expect("ann joins");
    let mut b = hub
        .join(s, person(&store, &bob).await, None)
        .await
        .expect("bob joins");
    assert_eq!(welcome(&mut a).await, (0, true));
    assert_eq!(welcome(&mut b).await, (0, true));

    let (one, two) = (BlockId::new(), BlockId::new());
    let reply = a.receive(&insert(one, "Check-in")).await;
    assert_eq!(
        reply,
        Some(ServerMsg::Ack {
            id: format!("c-{one}"),
            version: 1
        })
    );
    let reply = b.receive(&insert(two, "Warm-up")).await;
    assert!(matches!(reply, Some(ServerMsg::Ack { version: 2, .. })));
    for m in [&mut a, &mut b] {
        let (v1, op1) = op_version(m).await;
        let (v2, op2) = op_version(m).await;
        assert_eq!((v1, v2), (1, 2));
        assert_eq!(op1["block"], one.to_string());
        assert_eq!(op2["block"], two.to_string());
    }
    // The same op id again is applied once and acknowledged with its first version.
    assert_eq!(
        a.receive(&insert(one, "Check-in")).await,
        Some(ServerMsg::Ack {
            id: format!("c-{one}"),
            version: 1
        })
    );
    assert_eq!(store.session(s).await.expect("session").version, 2);
    assert!(matches!(
        a.receive("{not json").await,
        Some(ServerMsg::Error { .. })
    ));
}

#[tokio::test]
async fn viewers_and_commenters_receive_ops_but_cannot_send_them_and_strangers_cannot_join() {
    let store = fresh_store().await;
    let ann = user(&store, "Ann").await;
    let vic = user(&store, "Vic").await;
    let cat = user(&store, "Cat").await;
    let eve = user(&store, "Eve").await;
    let s = session(&store, &ann).await;
    store
        .set_share(s, vic.id, Role::Viewer)
        .await
        .expect("viewer");
    store
        .set_share(s, cat.id, Role::Commenter)
        .await
        .expect("commenter");
    let hub = Hub::start(store.clone(), Config::default());
    assert!(matches!(
        hub.join(s, person(&store, &eve).await, None).await,
        Err(JoinError::NotFound)
    ));
    assert!(matches!(
        hub.join(SessionId::new(), person(&store, &ann).await, None)
            .await,
        Err(JoinError::NotFound)
    ));
    let mut a = hub
        .join(s, person(&store, &ann).await, None)
        .await
        .expect("ann");
    let mut v = hub
        .join(s, person(&store, &vic).await, None)
        .await
        .expect("vic");
    let mut c = hub
        .join(s, person(&store, &cat).await, None)
        .await
        .expect("cat");
    welcome(&mut a).await;
    assert_eq!(welcome(&mut v).await, (0, false));
    assert_eq!(welcome(&mut c).await, (0, false));
    for m in [&mut v, &mut c] {
        let block = BlockId::new();
        assert_eq!(
            m.receive(&insert(block, "Sneaky")).await,
            Some(ServerMsg::Refused {
                id: format!("c-{block}"),
                code: "not_allowed".into()
            })
        );
    }
    assert_eq!(store.session(s).await.expect("session").version, 0);
    a.receive(&insert(BlockId::new(), "Real")).await;
    assert_eq!(op_version(&mut v).await.0, 1);
    assert_eq!(op_version(&mut c).await.0, 1);
}

#[tokio::test]
async fn someone_removed_from_a_session_is_told_and_cut_off_at_once_and_a_new_role_takes_effect() {
    let store = fresh_store().await;
    let ann = user(&store, "Ann").await;
    let bob = user(&store, "Bob").await;
    let vic = user(&store, "Vic").await;
    let s = session(&store, &ann).await;
    store.set_share(s, bob.id, Role::Editor).await.expect("bob");
    store.set_share(s, vic.id, Role::Viewer).await.expect("vic");
    let hub = Hub::start(store.clone(), Config::default());
    let mut b = hub
        .join(s, person(&store, &bob).await, None)
        .await
        .expect("bob");
    let mut v = hub
        .join(s, person(&store, &vic).await, None)
        .await
        .expect("vic");
    welcome(&mut b).await;
    welcome(&mut v).await;

    store.remove_share(s, bob.id).await.expect("removed");
    store
        .set_share(s, vic.id, Role::Editor)
        .await
        .expect("promoted");
    store.announce(store::Signal::Access { session: s }).await;
    let reason = until(&mut b, |msg, closing| match msg {
        ServerMsg::Bye { reason } => Some((*reason, closing)),
        _ => None,
    })
    .await;
    assert_eq!(reason, (Reason::Removed, true));
    let can_edit = until(&mut v, |msg, _| match msg {
        ServerMsg::Access { can_edit } => Some(*can_edit),
        _ => None,
    })
    .await;
    assert!(can_edit);
    // Even before any signal, every op checks rights afresh.
    store.remove_share(s, vic.id).await.expect("removed");
    let block = BlockId::new();
    assert_eq!(
        v.receive(&insert(block, "Late")).await,
        Some(ServerMsg::Refused {
            id: format!("c-{block}"),
            code: "not_allowed".into()
        })
    );
}

#[tokio::test]
async fn a_reconnecting_client_catches_up_from_its_version_or_reloads_when_too_far_behind() {
    let store = fresh_store().await;
    let ann = user(&store, "Ann").await;
    let s = session(&store, &ann).await;
    let hub = Hub::start(
        store.clone(),
        Config {
            catch_up: 3,
            ..Config::default()
        },
    );
    let mut a = hub
        .join(s, person(&store, &ann).await, None)
        .await
        .expect("ann");
    welcome(&mut a).await;
    for title in ["One", "Two", "Three", "Four", "Five"] {
        a.receive(&insert(BlockId::new(), title)).await;
    }
    drop(a);
    let mut back = hub
        .join(s, person(&store, &ann).await, Some(2))
        .await
        .expect("back");
    assert_eq!(welcome(&mut back).await, (5, true));
    let versions = [
        op_version(&mut back).await.0,
        op_version(&mut back).await.0,
        op_version(&mut back).await.0,
    ];
    assert_eq!(versions, [3, 4, 5]);
    let mut far = hub
        .join(s, person(&store, &ann).await, Some(0))
        .await
        .expect("far");
    welcome(&mut far).await;
    assert_eq!(
        next(&mut far).await,
        (
            ServerMsg::Bye {
                reason: Reason::Behind
            },
            true
        )
    );
}

#[tokio::test]
async fn a_member_that_falls_behind_its_bounded_queue_is_told_to_resync() {
    let store = fresh_store().await;
    let ann = user(&store, "Ann").await;
    let s = session(&store, &ann).await;
    let hub = Hub::start(
        store.clone(),
        Config {
            queue: 4,
            ..Config::default()
        },
    );
    let mut writer = hub
        .join(s, person(&store, &ann).await, None)
        .await
        .expect("writer");
    let mut idle = hub
        .join(s, person(&store, &ann).await, None)
        .await
        .expect("idle");
    welcome(&mut idle).await;
    for i in 0..12 {
        writer
            .receive(&insert(BlockId::new(), &format!("Block {i}")))
            .await;
        // Keep the writer's own queue drained.
        while let Ok(Next::Send(_)) =
            tokio::time::timeout(Duration::from_millis(20), writer.next()).await
        {}
    }
    let reason = until(&mut idle, |msg, closing| match msg {
        ServerMsg::Bye { reason } => Some((*reason, closing)),
        _ => None,
    })
    .await;
    assert_eq!(reason, (Reason::Lagged, true));
}

/// Who is here as the member learns it (a list, then changes), once `done` holds, by name.
async fn people_until(
    m: &mut Member,
    known: &mut std::collections::BTreeMap<String, Here>,
    done: impl Fn(&[Here]) -> bool,
) -> Vec<Here> {
    let list = |k: &std::collections::BTreeMap<String, Here>| {
        let mut v: Vec<Here> = k.values().cloned().collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    };
    if done(&list(known)) {
        return list(known);
    }
    for _ in 0..50 {
        match next(m).await.0 {
            ServerMsg::Here { here } => {
                known.insert(here.conn.clone(), here);
            }
            ServerMsg::Gone { conn } => {
                known.remove(&conn);
            }
            _ => continue,
        }
        if done(&list(known)) {
            return list(known);
        }
    }
    panic!("presence never matched: {:?}", list(known));
}

async fn people(m: &mut Member, want: usize) -> Vec<Here> {
    people_until(m, &mut Default::default(), |p| p.len() == want).await
}

#[tokio::test]
async fn presence_shows_who_is_here_and_which_block_they_edit_and_clears_when_they_go() {
    let store = fresh_store().await;
    let ann = user(&store, "Ann").await;
    let bob = user(&store, "Bob").await;
    let s = session(&store, &ann).await;
    store.set_share(s, bob.id, Role::Editor).await.expect("bob");
    let hub = Hub::start(store.clone(), Config::default());
    let mut a = hub
        .join(s, person(&store, &ann).await, None)
        .await
        .expect("ann");
    let mut b = hub
        .join(s, person(&store, &bob).await, None)
        .await
        .expect("bob");
    let mut known = Default::default();
    let here = people_until(&mut a, &mut known, |p| p.len() == 2).await;
    assert_eq!(
        here.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(),
        ["Ann", "Bob"]
    );
    let block = BlockId::new();
    let text = serde_json::json!({"type": "editing", "block": block}).to_string();
    assert_eq!(b.receive(&text).await, None);
    people_until(&mut a, &mut known, |p| {
        p.iter().any(|h| h.name == "Bob" && h.block == Some(block))
    })
    .await;
    // Bob, joining second, got the list with Ann in it.
    let seen_by_bob = people(&mut b, 2).await;
    assert_eq!(seen_by_bob.len(), 2);
    drop(b);
    let left = people_until(&mut a, &mut known, |p| p.len() == 1).await;
    assert_eq!(left[0].name, "Ann");
    assert_eq!(hub.connections(), 1);
}

#[tokio::test]
async fn a_revoked_login_has_its_ops_refused_and_its_open_connection_closed() {
    let store = fresh_store().await;
    let ann = user(&store, "Ann").await;
    let s = session(&store, &ann).await;
    let hub = Hub::start(store.clone(), Config::default());
    let me = person(&store, &ann).await;
    let Credential::Login { id: login, .. } = me.credential else {
        unreachable!("person() signs in with a login")
    };
    let mut a = hub.join(s, me, None).await.expect("ann");
    assert_eq!(welcome(&mut a).await, (0, true));
    store.revoke_login(ann.id, login).await.expect("revoked");
    // Whatever arrives after the revocation is not applied, even before the socket closes.
    assert!(matches!(
        a.receive(&insert(BlockId::new(), "Late")).await,
        Some(ServerMsg::Refused { code, .. }) if code == "not_allowed"
    ));
    let reason = until(&mut a, |msg, closing| match msg {
        ServerMsg::Bye { reason } if closing => Some(*reason),
        _ => None,
    })
    .await;
    assert_eq!(reason, Reason::SignedOut);
    assert_eq!(store.session(s).await.expect("session").version, 0);
}

#[tokio::test]
async fn a_read_only_token_follows_the_session_but_its_ops_are_refused() {
    let store = fresh_store().await;
    let ann = user(&store, "Ann").await;
    let s = session(&store, &ann).await;
    let token = store
        .create_api_token(ann.id, "watch", b"read-only", "plen_ro", Scopes::READ)
        .await
        .expect("token");
    let hub = Hub::start(store.clone(), Config::default());
    let reader = Person {
        user: ann.id,
        name: "Ann".into(),
        credential: Credential::Token {
            id: token.id,
            scopes: Scopes::READ,
        },
    };
    let mut r = hub.join(s, reader, None).await.expect("joins");
    assert_eq!(welcome(&mut r).await, (0, false));
    assert!(matches!(
        r.receive(&insert(BlockId::new(), "Sneaky")).await,
        Some(ServerMsg::Refused { code, .. }) if code == "not_allowed"
    ));
    assert_eq!(store.session(s).await.expect("session").version, 0);
}

#[tokio::test]
async fn two_instances_share_ops_and_presence_through_the_database() {
    // Several instances share a database only on PostgreSQL: two stores, two listeners.
    let url = fresh_postgres_url().await;
    let store = Store::connect(&url).await.expect("first instance");
    store.migrate().await.expect("migrated");
    let ann = user(&store, "Ann").await;
    let bob = user(&store, "Bob").await;
    let s = session(&store, &ann).await;
    store.set_share(s, bob.id, Role::Editor).await.expect("bob");
    let other = Store::connect(&url).await.expect("second instance");
    other.listen().expect("listener");
    store.listen().expect("listener");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let one: Arc<Hub> = Hub::start(store.clone(), Config::default());
    let two: Arc<Hub> = Hub::start(other, Config::default());
    let mut a = one
        .join(s, person(&store, &ann).await, None)
        .await
        .expect("ann on one");
    let mut b = two
        .join(s, person(&store, &bob).await, None)
        .await
        .expect("bob on two");
    welcome(&mut a).await;
    welcome(&mut b).await;
    let block = BlockId::new();
    assert!(matches!(
        a.receive(&insert(block, "Across")).await,
        Some(ServerMsg::Ack { version: 1, .. })
    ));
    let (v, op) = op_version(&mut b).await;
    assert_eq!(
        (v, op["block"].as_str()),
        (1, Some(block.to_string().as_str()))
    );
    let names: Vec<String> = people(&mut a, 2)
        .await
        .into_iter()
        .map(|h| h.name)
        .collect();
    assert_eq!(names, ["Ann", "Bob"]);
}
