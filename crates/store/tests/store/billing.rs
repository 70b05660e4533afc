//! Plans and their limits in the store: a limit is counted in the transaction that would go
//! past it, so writers at once cannot both take the last place; a granted plan lifts the
//! limits until it ends, and the history keeps who granted it and why.

use super::sessions::session;
use super::{new_user, sending};
use domain::op::Op;
use domain::permission::Role;
use domain::plan::{Limit, Limits, OverLimit, Period, Plan, default_plans};
use domain::session::SessionField;
use jiff::civil::{date, time};
use plenary_store::{Answering, Editor, NewSession, Store, StoreError, User};

/// The shipped plans with the free one cut down to `limits`.
fn plans_with(limits: Limits) -> Vec<Plan> {
    let mut plans = default_plans();
    plans[0].limits = limits;
    plans
}

fn new_session(workspace: domain::WorkspaceId, user: &User, title: &str) -> NewSession {
    NewSession {
        workspace,
        created_by: user.id,
        title: title.into(),
        first_date: date(2026, 12, 1),
        start_time: time(9, 30, 0, 0),
        time_zone: "Europe/Moscow".into(),
        language: "ru".into(),
    }
}

fn over(limit: Limit, used: u64, max: u64) -> OverLimit {
    OverLimit { limit, used, max }
}

async fn limited(limits: Limits) -> (Store, User, domain::WorkspaceId) {
    let (store, ann) = super::store_with_user("ann@example.org").await;
    store.set_plans(Some(plans_with(limits)));
    let (workspace, _) = store.personal_workspace(ann.id).await.expect("workspace");
    (store, ann, workspace)
}

#[tokio::test]
async fn sessions_made_at_once_cannot_both_take_the_last_active_place() {
    let (store, ann, workspace) = limited(Limits {
        active_sessions: Some(3),
        ..Limits::default()
    })
    .await;
    let tries = (0..8).map(|n| {
        let (store, new) = (
            store.clone(),
            new_session(workspace, &ann, &format!("S{n}")),
        );
        tokio::spawn(async move { store.create_session(&new).await })
    });
    let mut made = 0;
    for t in tries {
        match t.await.expect("ran") {
            Ok(_) => made += 1,
            Err(StoreError::OverLimit(o)) => assert_eq!(o, over(Limit::ActiveSessions, 3, 3)),
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(made, 3);
    let counts = store.plan_counts(workspace).await.expect("counts");
    assert_eq!(counts.active_sessions, 3);
}

#[tokio::test]
async fn out_of_the_archive_or_the_trash_a_session_must_fit_as_a_new_one_does() {
    let (store, ann, workspace) = limited(Limits {
        active_sessions: Some(1),
        ..Limits::default()
    })
    .await;
    let first = store
        .create_session(&new_session(workspace, &ann, "First"))
        .await
        .expect("the one place");
    let archive = |archived| Op::SetSession {
        set: SessionField::Archived(archived),
    };
    let editor = Editor::trusted(first.id, ann.id);
    store
        .apply_op(&editor, None, archive(true))
        .await
        .expect("archived");
    let second = store
        .create_session(&new_session(workspace, &ann, "Second"))
        .await
        .expect("the freed place");
    assert!(matches!(
        store.apply_op(&editor, None, archive(false)).await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::ActiveSessions, 1, 1)
    ));
    // Archiving an archived session, or setting anything else, is not held back.
    store
        .apply_op(&editor, None, archive(true))
        .await
        .expect("still archived");
    // A session in the trash comes back only if it fits.
    store.trash_session(second.id).await.expect("trashed");
    store
        .create_session(&new_session(workspace, &ann, "Third"))
        .await
        .expect("the place again");
    assert!(matches!(
        store.restore_session(second.id).await,
        Err(StoreError::OverLimit(_))
    ));
    assert!(
        store.trashed_session(second.id).await.is_ok(),
        "still in the trash"
    );
    // A copy counts too.
    assert!(matches!(
        store
            .duplicate_session(first.id, ann.id, "Copy", workspace, i64::MAX)
            .await,
        Err(StoreError::OverLimit(_))
    ));
}

#[tokio::test]
async fn a_granted_plan_lifts_the_limits_until_it_ends_and_the_history_says_who_and_why() {
    let (store, ann, workspace) = limited(Limits {
        active_sessions: Some(1),
        ..Limits::default()
    })
    .await;
    assert_eq!(
        store
            .limits_of(workspace)
            .await
            .expect("limits")
            .active_sessions,
        Some(1)
    );
    let day = 86_400_000;
    store
        .grant_plan(
            workspace,
            "pro",
            Period::Year,
            plenary_store::now_ms() + day,
            Some(ann.id),
            "A pilot",
        )
        .await
        .expect("granted");
    assert_eq!(
        store.limits_of(workspace).await.expect("limits"),
        default_plans()[1].limits
    );
    for n in 0..3 {
        store
            .create_session(&new_session(workspace, &ann, &format!("S{n}")))
            .await
            .expect("no limit on Pro");
    }
    let sub = store
        .subscription(workspace)
        .await
        .expect("read")
        .expect("one");
    assert_eq!(
        (sub.plan_id.as_str(), sub.source.as_str(), sub.renews),
        ("pro", "granted", false)
    );
    assert_eq!(sub.period(), Period::Year);

    store
        .grant_plan(
            workspace,
            "pro",
            Period::Year,
            plenary_store::now_ms() - 1,
            None,
            "Ended early",
        )
        .await
        .expect("ended");
    assert_eq!(
        store
            .limits_of(workspace)
            .await
            .expect("limits")
            .active_sessions,
        Some(1)
    );
    // Nothing is taken away: the sessions stay, no new one fits.
    assert_eq!(
        store
            .plan_counts(workspace)
            .await
            .expect("counts")
            .active_sessions,
        3
    );
    assert!(matches!(
        store.create_session(&new_session(workspace, &ann, "S4")).await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::ActiveSessions, 3, 1)
    ));
    let history = store.subscription_events(workspace).await.expect("history");
    let said: Vec<(&str, Option<&str>)> = history
        .iter()
        .map(|e| (e.reason.as_str(), e.by_name.as_deref()))
        .collect();
    assert_eq!(
        said,
        vec![("Ended early", None), ("A pilot", Some("Anna Petrova"))]
    );
    // With billing off nothing is limited.
    store.set_plans(None);
    store
        .create_session(&new_session(workspace, &ann, "S5"))
        .await
        .expect("no plans, no limits");
}

#[tokio::test]
async fn collaborators_team_members_and_library_methods_stop_at_the_plans_limit() {
    let (store, ann, workspace) = limited(Limits {
        collaborators_per_session: Some(1),
        ..Limits::default()
    })
    .await;
    let s = session(&store, &ann).await;
    let far = plenary_store::now_ms() + 86_400_000;
    let mut people = Vec::new();
    for (n, email) in ["bob@example.org", "cat@example.org", "dan@example.org"]
        .iter()
        .enumerate()
    {
        let user = store
            .create_user(&new_user(email), None)
            .await
            .expect("user");
        let secret = format!("session-{n}");
        store
            .invite(
                s.id,
                email,
                Role::Editor,
                ann.id,
                secret.as_bytes(),
                far,
                &sending(),
            )
            .await
            .expect("invited");
        people.push((user, secret, *email));
    }
    let accept = |n: usize| {
        let (user, secret, _) = &people[n];
        store.accept_invitation(Answering::Link(secret.as_bytes()), user.id)
    };
    accept(0).await.expect("the one collaborator");
    assert!(matches!(
        accept(1).await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::CollaboratorsPerSession, 1, 1)
    ));
    // The invitation was not used up by the refusal.
    assert!(!store.invitations(s.id).await.expect("pending").is_empty());
    // Full, a new invitation is refused at once; a new role for someone in a place is not.
    assert!(matches!(
        store
            .invite(s.id, "eve@example.org", Role::Viewer, ann.id, b"eve", far, &sending())
            .await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::CollaboratorsPerSession, 1, 1)
    ));
    store
        .invite(
            s.id,
            "bob@example.org",
            Role::Viewer,
            ann.id,
            b"bob-again",
            far,
            &sending(),
        )
        .await
        .expect("a new role for a collaborator");

    let team = store
        .create_team(ann.id, "Facilitators")
        .await
        .expect("team");
    store.set_plans(Some(plans_with(Limits {
        team_members: Some(2),
        ..Limits::default()
    })));
    for (n, (_, _, email)) in people.iter().take(2).enumerate() {
        let secret = format!("team-{n}");
        store
            .invite_member(
                team,
                email,
                domain::permission::WorkspaceRole::Member,
                ann.id,
                secret.as_bytes(),
                far,
                &sending(),
            )
            .await
            .expect("invited");
    }
    store
        .accept_member_invitation(Answering::Link(b"team-0"), people[0].0.id)
        .await
        .expect("the second member");
    assert!(matches!(
        store
            .accept_member_invitation(Answering::Link(b"team-1"), people[1].0.id)
            .await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::TeamMembers, 2, 2)
    ));
    assert!(matches!(
        store
            .invite_member(team, "eve@example.org", domain::permission::WorkspaceRole::Member, ann.id, b"team-eve", far, &sending())
            .await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::TeamMembers, 2, 2)
    ));

    store.set_plans(Some(plans_with(Limits {
        private_methods: Some(1),
        ..Limits::default()
    })));
    let fields =
        super::library::method("Check-in", "A round of names", (5, 15), domain::Locale::En);
    store
        .create_method(workspace, ann.id, &fields, i64::MAX)
        .await
        .expect("the one method");
    assert!(matches!(
        store.create_method(workspace, ann.id, &fields, i64::MAX).await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::PrivateMethods, 1, 1)
    ));
}
