//! What refers to a person says what becomes of it when the person is deleted (migration
//! 0016). `Store::delete_user` comes with the privacy issue; these tests delete with plain SQL,
//! as it will, and look at what the references did.

use super::sessions::{insert, session};
use super::{mail, new_user, store_with_user};
use domain::activity::ActivityKind;
use domain::{BlockId, SessionId, UserId};
use plenary_store::Editor;
use plenary_store::testing::fresh_url;
use plenary_store::{ActivityFilter, Db, NewMail, Store};

/// The detail of the session's `unshared` entry.
async fn unshared_detail(store: &Store, session: SessionId) -> String {
    let entries = store
        .activity(session, &ActivityFilter::default(), 10)
        .await
        .expect("activity");
    let entry = entries
        .iter()
        .find(|e| e.kind == ActivityKind::Unshared)
        .expect("the entry");
    entry.detail.clone()
}

/// Runs one statement with `id` bound to `$1`, on either backend.
async fn run(store: &Store, sql: &'static str, id: UserId) -> Result<u64, sqlx::Error> {
    Ok(match store.db() {
        Db::Sqlite(pool) => sqlx::query(sql)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected(),
        Db::Postgres(pool) => sqlx::query(sql)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected(),
    })
}

/// A person as the schema of 0015 holds them.
struct OldPerson {
    id: UserId,
}

/// Writes a person as the schema of 0015 holds them: the account, their personal workspace
/// and its membership (today's `create_user` reads back columns added later).
async fn person_at_0015(store: &Store, email: &str) -> OldPerson {
    let id = UserId::new();
    let workspace = domain::WorkspaceId::new();
    let user =
        "INSERT INTO users (id, email, password_hash, first_name, last_name, locale, time_zone,
                  terms_version, privacy_version, accepted_at, created_at, updated_at)
                VALUES ($1, $2, 'x', 'Anna', 'Petrova', 'ru', 'Europe/Moscow', 'v', 'v', 0, 0, 0)";
    let space = "INSERT INTO workspaces (id, name, kind, owner_id, created_at)
                 VALUES ($1, 'Anna Petrova', 'personal', $2, 0)";
    let member = "INSERT INTO workspace_members (workspace_id, user_id, role, created_at)
                  VALUES ($1, $2, 'admin', 0)";
    match store.db() {
        Db::Sqlite(pool) => {
            sqlx::query(user)
                .bind(id)
                .bind(email)
                .execute(pool)
                .await
                .expect("user");
            sqlx::query(space)
                .bind(workspace)
                .bind(id)
                .execute(pool)
                .await
                .expect("space");
            sqlx::query(member)
                .bind(workspace)
                .bind(id)
                .execute(pool)
                .await
                .expect("member");
        }
        Db::Postgres(pool) => {
            sqlx::query(user)
                .bind(id)
                .bind(email)
                .execute(pool)
                .await
                .expect("user");
            sqlx::query(space)
                .bind(workspace)
                .bind(id)
                .execute(pool)
                .await
                .expect("space");
            sqlx::query(member)
                .bind(workspace)
                .bind(id)
                .execute(pool)
                .await
                .expect("member");
        }
    }
    OldPerson { id }
}

#[tokio::test]
async fn migrating_a_database_that_holds_people_teams_sessions_and_ops_keeps_every_row() {
    let store = Store::connect(&fresh_url().await).await.expect("connect");
    store.migrate_to(15).await.expect("migrations up to 0015");
    let ann = person_at_0015(&store, "ann@example.org").await;
    // The session as the schema of 0015 holds it (today's rows have columns added later).
    let (personal, _) = store.personal_workspace(ann.id).await.expect("personal");
    let s = domain::SessionId::new();
    for sql in [
        "INSERT INTO sessions (id, workspace_id, title, first_date, start_time, time_zone, language, created_by, created_at, updated_at)
         VALUES ($1, $2, 'Strategy day', '2026-12-01', '09:30:00', 'Europe/Moscow', 'ru', $3, 0, 0)",
        "INSERT INTO session_shares (session_id, user_id, role, created_at) SELECT $1, $3, 'owner', 0 WHERE $2 IS NOT NULL",
    ] {
        match store.db() {
            Db::Sqlite(pool) => sqlx::query(sql)
                .bind(s)
                .bind(personal)
                .bind(ann.id)
                .execute(pool)
                .await
                .map(drop),
            Db::Postgres(pool) => sqlx::query(sql)
                .bind(s)
                .bind(personal)
                .bind(ann.id)
                .execute(pool)
                .await
                .map(drop),
        }
        .expect("a session row");
    }
    let team = store
        .create_team(ann.id, "Facilitators")
        .await
        .expect("team");
    // An op in the log as the schema of 0015 holds it (today's op path writes what 0016
    // adds, so the row is written by hand).
    let op = r#"{"type":"delete_block","block":"0193a6b2-7c1e-7000-8000-000000000001"}"#;
    let logged = "INSERT INTO session_ops (session_id, version, client_op_id, actor, op, created_at) VALUES ($1, 1, NULL, $2, $3, 0)";
    match store.db() {
        Db::Sqlite(pool) => sqlx::query(logged)
            .bind(s)
            .bind(ann.id)
            .bind(op)
            .execute(pool)
            .await
            .map(drop),
        Db::Postgres(pool) => sqlx::query(logged)
            .bind(s)
            .bind(ann.id)
            .bind(op)
            .execute(pool)
            .await
            .map(drop),
    }
    .expect("an op in the log");

    // 0016 builds the workspaces and the op log again on SQLite: nothing may go with them.
    store.migrate().await.expect("the rest of the migrations");
    assert!(store.ready().await.expect("ready"));
    assert_eq!(
        store.session(s).await.expect("session").title,
        "Strategy day"
    );
    let log = store.op_log(s, 0, 10).await.expect("op log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].actor, Some(ann.id));
    assert_eq!(
        store.current_workspace(ann.id).await.expect("team").id,
        team
    );
    assert_ne!(personal, team);
}

#[tokio::test]
async fn a_person_who_owns_a_workspace_cannot_be_deleted_and_once_they_own_none_their_traces_go_as_the_schema_says()
 {
    let (store, bob) = store_with_user("bob@example.org").await;
    let ann = store
        .create_user(&new_user("ann@example.org"), None)
        .await
        .expect("ann");
    let s = session(&store, &bob).await;
    store
        .apply_op(
            &Editor::trusted(s.id, ann.id),
            None,
            insert(BlockId::new(), None, "Check-in", 15),
        )
        .await
        .expect("ann's op");
    store
        .record_about(s.id, bob.id, ActivityKind::Unshared, ann.id)
        .await
        .expect("an entry about ann");
    let to_ann = store
        .enqueue_mail(&NewMail {
            user: Some(ann.id),
            ..mail("ann@example.org", "To Ann")
        })
        .await
        .expect("to ann");
    let from_ann = store
        .enqueue_mail(&NewMail {
            sender: Some(ann.id),
            ..mail("carl@example.org", "Ann invites you")
        })
        .await
        .expect("from ann");
    let other = store
        .enqueue_mail(&mail("dora@example.org", "Unrelated"))
        .await
        .expect("unrelated");
    assert_eq!(
        unshared_detail(&store, s.id).await,
        "Anna Petrova",
        "the entry names ann while she exists"
    );

    // Her personal workspace holds her: the database refuses to delete her first.
    let refused = run(&store, "DELETE FROM users WHERE id = $1", ann.id).await;
    assert!(refused.is_err(), "an owner of a workspace was deleted");
    assert!(store.user(ann.id).await.is_ok());

    run(&store, "DELETE FROM workspaces WHERE owner_id = $1", ann.id)
        .await
        .expect("her workspaces");
    assert_eq!(
        run(&store, "DELETE FROM users WHERE id = $1", ann.id)
            .await
            .expect("deleted"),
        1
    );
    // Her op stays in bob's session without a name; the entry about her names nobody.
    let log = store.op_log(s.id, 0, 10).await.expect("op log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].actor, None);
    assert_eq!(
        unshared_detail(&store, s.id).await,
        "",
        "the entry stays, naming nobody"
    );
    // The emails to her and with her name are gone; another stays.
    assert!(store.mail(to_ann).await.is_err());
    assert!(store.mail(from_ann).await.is_err());
    assert_eq!(
        store.mail(other).await.expect("unrelated").subject,
        "Unrelated"
    );
    // Bob and his session are untouched.
    assert_eq!(
        store.session(s.id).await.expect("bob's session").title,
        "Strategy day"
    );
}
