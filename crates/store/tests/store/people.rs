//! Deleting a person. What refers to a person says what becomes of it when the person is
//! deleted (migration 0016: the first tests delete with plain SQL and look at what the
//! references did); `Store::delete_user` does the rest, and a test walks every table for them.

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

/// Every column of every table (but the deletion ledger) where a row holds one of `needles`
/// (compared without case) or equals `id`, as `table.column`.
async fn traces(store: &Store, id: UserId, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    match store.db() {
        Db::Sqlite(pool) => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' AND name <> 'deletions'",
            )
            .fetch_all(pool)
            .await
            .expect("tables");
            for table in tables {
                let columns: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
                        .bind(&table)
                        .fetch_all(pool)
                        .await
                        .expect("columns");
                for column in columns {
                    let value = format!("CAST(\"{column}\" AS TEXT)");
                    let sql = format!(
                        "SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" = $1
                           OR instr(lower({value}), $2) > 0 OR instr(lower({value}), $3) > 0
                           OR instr(lower({value}), $4) > 0 OR instr(lower({value}), $5) > 0"
                    );
                    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                        .bind(id)
                        .bind(needles[0].to_lowercase())
                        .bind(needles[1].to_lowercase())
                        .bind(needles[2].to_lowercase())
                        .bind(needles[3].to_lowercase())
                        .fetch_one(pool)
                        .await
                        .expect("a count");
                    if n > 0 {
                        found.push(format!("{table}.{column}"));
                    }
                }
            }
        }
        Db::Postgres(pool) => {
            let columns: Vec<(String, String)> = sqlx::query_as(
                "SELECT c.table_name::text, c.column_name::text FROM information_schema.columns c
                 JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                 WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                   AND c.table_name NOT LIKE '\\_sqlx%' AND c.table_name <> 'deletions'
                 ORDER BY 1, 2",
            )
            .fetch_all(pool)
            .await
            .expect("columns");
            for (table, column) in columns {
                let value = format!("lower(CAST(\"{column}\" AS TEXT))");
                let sql = format!(
                    "SELECT COUNT(*) FROM \"{table}\" WHERE strpos({value}, $1) > 0
                       OR strpos({value}, $2) > 0 OR strpos({value}, $3) > 0 OR strpos({value}, $4) > 0"
                );
                let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .bind(needles[0].to_lowercase())
                    .bind(needles[1].to_lowercase())
                    .bind(needles[2].to_lowercase())
                    .bind(needles[3].to_lowercase())
                    .fetch_one(pool)
                    .await
                    .expect("a count");
                if n > 0 {
                    found.push(format!("{table}.{column}"));
                }
            }
        }
    }
    found
}

/// How many rows of `table` have `id`.
async fn rows_with_id<T>(store: &Store, table: &str, id: T) -> i64
where
    T: for<'q> sqlx::Encode<'q, sqlx::Sqlite>
        + sqlx::Type<sqlx::Sqlite>
        + for<'q> sqlx::Encode<'q, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
        + Send
        + Copy,
{
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE id = $1");
    match store.db() {
        Db::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_one(pool)
            .await
            .expect("count"),
        Db::Postgres(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_one(pool)
            .await
            .expect("count"),
    }
}

async fn session_in(
    store: &Store,
    workspace: domain::WorkspaceId,
    by: UserId,
    title: &str,
) -> SessionId {
    store
        .create_session(&plenary_store::NewSession {
            workspace,
            created_by: by,
            title: title.into(),
            first_date: jiff::civil::date(2026, 12, 1),
            start_time: jiff::civil::time(9, 30, 0, 0),
            time_zone: "Europe/Moscow".into(),
            language: "ru".into(),
        })
        .await
        .expect("a session")
        .id
}

fn zina() -> plenary_store::NewUser {
    plenary_store::NewUser {
        first_name: "Zinaida".into(),
        last_name: "Quackenbush".into(),
        ..new_user("Zina.Q@example.org")
    }
}

#[tokio::test]
async fn deleting_a_person_leaves_no_row_that_names_them_and_keeps_public_content_and_others_work()
{
    use domain::library::Publication;
    use domain::permission::{Role, WorkspaceRole};
    use domain::{Locale, MethodId};
    use plenary_store::library::publication::Item;
    use plenary_store::{DeletionReason, NewConsent, NewJob, Notice, StoreError};

    let (store, bob) = store_with_user("bob@example.org").await;
    // She accepted the agreement, and wrote a draft of its next version as an administrator.
    store
        .seed_legal(domain::legal::Document::Terms, "en", "ru")
        .await
        .expect("seed");
    let terms: Vec<_> = store
        .published_legal()
        .await
        .expect("published")
        .iter()
        .map(|v| v.id)
        .collect();
    let zina = store
        .create_user(
            &plenary_store::NewUser {
                accepts: terms,
                ..zina()
            },
            None,
        )
        .await
        .expect("zina");
    let draft = store
        .save_legal_draft(
            None,
            &plenary_store::LegalDraft {
                document: domain::legal::Document::Terms,
                body_en: "## 1. Terms".into(),
                body_ru: "## 1. Условия".into(),
                changes_en: String::new(),
                changes_ru: String::new(),
                written_by: zina.id,
            },
        )
        .await
        .expect("draft");
    let needles = [
        &zina.id.to_string(),
        "zina.q@example.org",
        "Zinaida",
        "Quackenbush",
    ];

    // Her own session, shared with bob, with her op and a file.
    let hers = session(&store, &zina).await;
    store
        .apply_op(
            &Editor::trusted(hers.id, zina.id),
            None,
            insert(BlockId::new(), None, "Her check-in", 10),
        )
        .await
        .expect("her op");
    store
        .set_share(hers.id, bob.id, Role::Editor)
        .await
        .expect("shared with bob");
    let (her_space, _) = store.personal_workspace(zina.id).await.expect("space");
    let file = store
        .add_file(
            &plenary_store::NewFile {
                id: domain::FileId::new(),
                workspace: her_space,
                parent: plenary_store::FileParent::Session(hers.id, None),
                name: "agenda.pdf",
                kind: "pdf",
                size: 10,
                sha256: "feedface",
                status: "clean",
                by: zina.id,
            },
            i64::MAX,
            None,
        )
        .await
        .expect("her file");
    // Bob's session, where she works, comments and mentions him.
    let bobs = session(&store, &bob).await;
    store
        .set_share(bobs.id, zina.id, Role::Editor)
        .await
        .expect("shared with her");
    store
        .apply_op(
            &Editor::trusted(bobs.id, zina.id),
            None,
            insert(BlockId::new(), None, "Energiser", 5),
        )
        .await
        .expect("her op in bob's session");
    let comment = store
        .add_comment(bobs.id, None, None, zina.id, "Shall we start later?")
        .await
        .expect("her comment");
    {
        let mut tx = store.begin().await.expect("tx");
        tx.conn()
            .notify(&Notice {
                user: bob.id,
                kind: "comment_mention",
                subject: "Strategy day",
                note: "Zinaida Quackenbush",
                link: "/sessions",
                actor: Some(zina.id),
            })
            .await
            .expect("a notification naming her");
        tx.commit().await.expect("commit");
    }
    store
        .enqueue_mail(&NewMail {
            sender: Some(zina.id),
            ..mail("bob@example.org", "Zinaida Quackenbush mentioned you")
        })
        .await
        .expect("an email naming her");
    store
        .enqueue_mail(&NewMail {
            user: Some(zina.id),
            ..mail("zina.q@example.org", "Welcome")
        })
        .await
        .expect("an email to her");
    store
        .enqueue_mail(&mail("Zina.Q@example.org", "A reset link"))
        .await
        .expect("an email to her address");
    // Methods: one public, one private; a favourite.
    let public = super::library::mine(
        &store,
        &zina,
        &super::library::method("Zina's fishbowl", "", (20, 40), Locale::En),
    )
    .await;
    store
        .set_publication(Item::Method(public), zina.id, Publication::Pending)
        .await
        .expect("asked");
    store
        .review_publication(Item::Method(public), true, "")
        .await
        .expect("published");
    let private: MethodId = super::library::mine(
        &store,
        &zina,
        &super::library::method("Zina's trick", "", (5, 10), Locale::En),
    )
    .await;
    store
        .set_favourite(public, zina.id, true)
        .await
        .expect("favourite");
    // Teams: one only she is in, one she made with bob as a member.
    let solo = store.create_team(zina.id, "Solo").await.expect("solo");
    let shared_team = store
        .create_team(zina.id, "Facilitators")
        .await
        .expect("team");
    store
        .set_member(shared_team, bob.id, WorkspaceRole::Member)
        .await
        .expect("bob joins");
    // A session in her own team, handed over to bob (it stays in the team), with a file; and
    // a session of the shared team she owns.
    let handed = session_in(&store, solo, zina.id, "Handed over").await;
    store
        .set_share(handed, bob.id, Role::Editor)
        .await
        .expect("bob edits it");
    store
        .transfer_ownership(handed, bob.id)
        .await
        .expect("handed to bob");
    store
        .add_file(
            &plenary_store::NewFile {
                id: domain::FileId::new(),
                workspace: solo,
                parent: plenary_store::FileParent::Session(handed, None),
                name: "handout.pdf",
                kind: "pdf",
                size: 10,
                sha256: "c0ffee",
                status: "clean",
                by: zina.id,
            },
            i64::MAX,
            None,
        )
        .await
        .expect("a file of the handed-over session");
    let team_session = session_in(&store, shared_team, zina.id, "Team day").await;
    // Credentials, consents, avatar, throttles, an invitation to her address, a job.
    store
        .create_login(zina.id, b"zina-login", "ua", "127.0.0.1", i64::MAX)
        .await
        .expect("login");
    store
        .create_api_token(
            zina.id,
            "CI",
            b"zina-token",
            "plen_zin",
            domain::Scopes::READ_WRITE,
        )
        .await
        .expect("token");
    store
        .record_consent(&NewConsent {
            consent_id: domain::ConsentId::new(),
            user_id: zina.id,
            revision: 1,
            allowed: domain::consent::Allowed::ALL,
            gpc: false,
            ip_hash: "hash".into(),
            text_shown: "cookies".into(),
        })
        .await
        .expect("consent");
    store
        .set_avatar(zina.id, b"png", "image/png")
        .await
        .expect("avatar");
    store
        .throttle_hit("login:zina.q@example.org", 60_000)
        .await
        .expect("throttle by address");
    store
        .throttle_hit(&format!("copies:{}", zina.id), 60_000)
        .await
        .expect("throttle by id");
    store
        .invite(
            bobs.id,
            "zina.q@example.org",
            Role::Viewer,
            bob.id,
            b"zina-invitation",
            i64::MAX,
            &super::sending(),
        )
        .await
        .expect("an invitation to her address");
    store
        .enqueue_job(&NewJob::new(
            domain::job::JobKind::SendResetLink,
            serde_json::json!({ "email": "zina.q@example.org" }),
        ))
        .await
        .expect("a job naming her address");
    // Someone else's, whose address ends like hers.
    store
        .throttle_hit("login:lizina.q@example.org", 60_000)
        .await
        .expect("another's throttle");
    store
        .enqueue_job(&NewJob::new(
            domain::job::JobKind::SendResetLink,
            serde_json::json!({ "email": "lizina.q@example.org" }),
        ))
        .await
        .expect("another's reset link");
    assert!(
        !traces(&store, zina.id, &needles).await.is_empty(),
        "the walk finds her while she exists"
    );

    // What would go and what stays, before she confirms.
    let preview = store.deletion_preview(zina.id).await.expect("preview");
    assert_eq!(preview.sessions, 1, "the handed-over session does not go");
    assert_eq!(
        preview
            .shared
            .iter()
            .map(|s| (s.id, s.people))
            .collect::<Vec<_>>(),
        [(hers.id, 1)]
    );
    assert_eq!(preview.to_hand_over, [(shared_team, "Facilitators".into())]);
    assert_eq!(preview.teams_deleted, [(solo, "Solo".into())]);
    assert_eq!((preview.private_items, preview.public_items), (1, 1));
    assert_eq!((preview.files, preview.comments), (1, 1));

    // A team only she administers is handed over first; then the shared session needs her
    // word. Refused, nothing changes.
    assert!(matches!(
        store
            .delete_user(zina.id, DeletionReason::Request, true)
            .await,
        Err(StoreError::Conflict("team"))
    ));
    store
        .set_member(shared_team, bob.id, WorkspaceRole::Admin)
        .await
        .expect("bob administers the team");
    assert!(matches!(
        store
            .delete_user(zina.id, DeletionReason::Request, false)
            .await,
        Err(StoreError::Conflict("shared"))
    ));
    assert!(store.user(zina.id).await.is_ok());

    let deleted = store
        .delete_user(zina.id, DeletionReason::Request, true)
        .await
        .expect("deleted");
    assert_eq!(deleted.told, [(bob.id, "Strategy day".to_owned())]);
    assert!(deleted.sessions.contains(&hers.id));
    assert_eq!(deleted.contents, [(her_space, "feedface".to_owned())]);
    let (bob_space, _) = store.personal_workspace(bob.id).await.expect("bob's");
    assert_eq!(deleted.moved, [(solo, bob_space, "c0ffee".to_owned())]);
    let ledger = store.deletion_ledger().await.expect("ledger");
    assert_eq!(
        ledger.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [zina.id]
    );

    // Public content stays, by no one; private content and her files went.
    let kept = store.method(public, bob.id).await.expect("public method");
    assert!(!kept.editable);
    assert_eq!(rows_with_id(&store, "methods", private).await, 0);
    assert_eq!(rows_with_id(&store, "files", file.id).await, 0);
    assert_eq!(rows_with_id(&store, "workspaces", solo).await, 0);
    // Bob's session keeps her op and her comment without her name; the team is bob's.
    let log = store.op_log(bobs.id, 0, 10).await.expect("op log");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].actor, None);
    let comments = store.comments(bobs.id).await.expect("comments");
    assert_eq!(
        comments
            .iter()
            .map(|c| (c.id, c.author.as_str()))
            .collect::<Vec<_>>(),
        [(comment.id, "")]
    );
    let teams = store.workspaces_of(bob.id).await.expect("bob's workspaces");
    assert!(teams.iter().any(|w| w.id == shared_team));
    assert!(store.session(bobs.id).await.is_ok());
    assert!(store.session(hers.id).await.is_err());
    // The session she handed over left her team for bob's workspace, with its file; the
    // team's session she owned is owned by the team's new owner.
    assert_eq!(
        store
            .session(handed)
            .await
            .expect("handed over")
            .workspace_id,
        bob_space
    );
    let files = store
        .files_of(plenary_store::FileParent::Session(handed, None))
        .await
        .expect("files");
    assert_eq!(
        files
            .iter()
            .map(|f| (f.workspace_id, f.name.as_str()))
            .collect::<Vec<_>>(),
        [(bob_space, "handout.pdf")]
    );
    let owners: Vec<_> = store
        .shares(team_session)
        .await
        .expect("shares")
        .into_iter()
        .filter(|sh| sh.role == Role::Owner)
        .map(|sh| sh.user_id)
        .collect();
    assert_eq!(owners, [bob.id]);
    // Another's throttle and reset link stay.
    let kept_throttle = store
        .throttle_peek("login:lizina.q@example.org", 60_000)
        .await
        .expect("peek");
    assert_eq!(kept_throttle.hits, 1);
    let jobs: i64 = match store.db() {
        Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'send_reset_link'")
                .fetch_one(pool)
                .await
                .expect("jobs")
        }
        Db::Postgres(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'send_reset_link'")
                .fetch_one(pool)
                .await
                .expect("jobs")
        }
    };
    assert_eq!(jobs, 1, "another's reset link went");

    // Then, once another's rows (which contain her address) are gone, nothing names her.
    for sql in [
        "DELETE FROM throttles WHERE key = 'login:lizina.q@example.org'",
        "DELETE FROM jobs WHERE kind = 'send_reset_link'",
    ] {
        match store.db() {
            Db::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(drop),
            Db::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(drop),
        }
        .expect("another's rows");
    }
    assert_eq!(
        traces(&store, zina.id, &needles).await,
        Vec::<String>::new(),
        "no row names her"
    );
    // Her draft stays for the other administrators, without her name.
    assert_eq!(
        store.legal_version(draft).await.expect("draft").written_by,
        None
    );
}

#[tokio::test]
async fn an_administrators_deletion_hands_a_team_to_its_longest_standing_member_and_the_ledger_deletes_once()
 {
    use domain::permission::WorkspaceRole;
    use plenary_store::{DeletionReason, StoreError};

    let (store, bob) = store_with_user("bob@example.org").await;
    let ann = store
        .create_user(&new_user("ann@example.org"), None)
        .await
        .expect("ann");
    let carl = store
        .create_user(&new_user("carl@example.org"), None)
        .await
        .expect("carl");
    let team = store
        .create_team(ann.id, "Facilitators")
        .await
        .expect("team");
    store
        .set_member(team, bob.id, WorkspaceRole::Member)
        .await
        .expect("bob");
    store
        .set_member(team, carl.id, WorkspaceRole::Member)
        .await
        .expect("carl");
    let s = store
        .create_session(&plenary_store::NewSession {
            workspace: team,
            created_by: ann.id,
            title: "Team day".into(),
            first_date: jiff::civil::date(2026, 12, 1),
            start_time: jiff::civil::time(9, 30, 0, 0),
            time_zone: "Europe/Moscow".into(),
            language: "ru".into(),
        })
        .await
        .expect("a team session");

    let deleted = store
        .delete_user(ann.id, DeletionReason::Administrator, false)
        .await
        .expect("deleted by an administrator");
    assert!(deleted.told.is_empty(), "nothing of hers was shared");
    let members = store.members(team).await.expect("members");
    let admins: Vec<_> = members
        .iter()
        .filter(|m| m.role == WorkspaceRole::Admin)
        .map(|m| m.user_id)
        .collect();
    assert_eq!(admins, [bob.id], "bob joined first");
    let shares = store.shares(s.id).await.expect("shares");
    assert_eq!(
        shares
            .iter()
            .map(|sh| (sh.user_id, sh.role))
            .collect::<Vec<_>>(),
        [(bob.id, domain::permission::Role::Owner)],
        "the team's session is owned by its new owner"
    );
    // Deleting again finds no one.
    assert!(matches!(
        store
            .delete_user(ann.id, DeletionReason::Ledger, false)
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.deletion_ledger().await.expect("ledger").len(), 1);
}

#[tokio::test]
async fn an_administrators_deletion_hands_a_session_to_its_longest_standing_editor_and_deletes_one_only_viewed()
 {
    use domain::permission::Role;
    use plenary_store::DeletionReason;

    let (store, ann) = store_with_user("ann@example.org").await;
    let bob = store
        .create_user(&new_user("bob@example.org"), None)
        .await
        .expect("bob");
    let carl = store
        .create_user(&new_user("carl@example.org"), None)
        .await
        .expect("carl");
    let (space, _) = store.personal_workspace(ann.id).await.expect("space");
    let edited = session_in(&store, space, ann.id, "Edited together").await;
    let viewed = session_in(&store, space, ann.id, "Only viewed").await;
    store
        .set_share(edited, bob.id, Role::Editor)
        .await
        .expect("bob edits");
    store
        .set_share(edited, carl.id, Role::Editor)
        .await
        .expect("carl edits, later");
    store
        .set_share(viewed, carl.id, Role::Viewer)
        .await
        .expect("carl views");

    let deleted = store
        .delete_user(ann.id, DeletionReason::Administrator, false)
        .await
        .expect("deleted");
    assert_eq!(deleted.handed, [(bob.id, "Edited together".to_owned())]);
    assert_eq!(deleted.told, [(carl.id, "Only viewed".to_owned())]);
    let (bob_space, _) = store.personal_workspace(bob.id).await.expect("bob's");
    assert_eq!(
        store.session(edited).await.expect("kept").workspace_id,
        bob_space
    );
    let roles: Vec<_> = store
        .shares(edited)
        .await
        .expect("shares")
        .into_iter()
        .map(|sh| (sh.user_id, sh.role))
        .collect();
    assert!(roles.contains(&(bob.id, Role::Owner)), "{roles:?}");
    assert!(roles.contains(&(carl.id, Role::Editor)), "{roles:?}");
    assert!(store.session(viewed).await.is_err(), "the viewed one went");
}
