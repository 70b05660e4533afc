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
    // Nothing is taken away: the sessions stay, the two past the limit read-only, and no
    // new one fits.
    let counts = store.plan_counts(workspace).await.expect("counts");
    assert_eq!((counts.active_sessions, counts.held_sessions), (1, 2));
    assert!(matches!(
        store.create_session(&new_session(workspace, &ann, "S4")).await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::ActiveSessions, 1, 1)
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

/// Whether each of `ids` is held, in order.
async fn held(store: &Store, ids: &[domain::SessionId]) -> Vec<bool> {
    let mut out = Vec::new();
    for id in ids {
        out.push(store.session(*id).await.expect("a session").held);
    }
    out
}

#[tokio::test]
async fn a_plan_that_ends_holds_the_least_recently_changed_sessions_at_the_next_billing_pass() {
    let (store, ann, workspace) = limited(Limits {
        active_sessions: Some(2),
        ..Limits::default()
    })
    .await;
    let now = plenary_store::now_ms();
    let hour = 3_600_000;
    store
        .grant_plan(workspace, "pro", Period::Month, now + hour, None, "Pilot")
        .await
        .expect("granted");
    let mut ids = Vec::new();
    for n in 0..4 {
        let s = store
            .create_session(&new_session(workspace, &ann, &format!("S{n}")))
            .await
            .expect("no limit on Pro");
        ids.push(s.id);
    }
    // S0 is changed last, so it is the most recently changed.
    store
        .apply_op(
            &Editor::trusted(ids[0], ann.id),
            None,
            Op::SetSession {
                set: SessionField::Title("S0, changed".into()),
            },
        )
        .await
        .expect("changed");
    assert_eq!(
        store.hold_over_limits(now).await.expect("a pass"),
        vec![],
        "nothing is held while Pro lasts"
    );

    // An hour later the grant has run out: the pass holds the two least recently changed.
    let later = now + hour + 1;
    assert_eq!(
        store.hold_over_limits(later).await.expect("a pass"),
        vec![(workspace, 2)]
    );
    assert_eq!(held(&store, &ids).await, vec![false, true, true, false]);
    assert_eq!(
        store.hold_over_limits(later).await.expect("again"),
        vec![],
        "a second pass finds nothing more"
    );
}

#[tokio::test]
async fn a_held_session_refuses_changes_but_may_be_archived_and_the_choice_of_active_sessions_must_fit()
 {
    let (store, ann, workspace) = limited(Limits {
        active_sessions: Some(2),
        ..Limits::default()
    })
    .await;
    let bob = store
        .create_user(&new_user("bob@example.org"), None)
        .await
        .expect("bob");
    let (bobs, _) = store.personal_workspace(bob.id).await.expect("workspace");
    let foreign = store
        .create_session(&new_session(bobs, &bob, "Bob's"))
        .await
        .expect("bob's session");
    store
        .grant_plan(
            workspace,
            "pro",
            Period::Month,
            plenary_store::now_ms() + 3_600_000,
            None,
            "Pilot",
        )
        .await
        .expect("granted");
    let mut ids = Vec::new();
    for n in 0..4 {
        ids.push(
            store
                .create_session(&new_session(workspace, &ann, &format!("S{n}")))
                .await
                .expect("made")
                .id,
        );
    }
    // The grant ends now: the plan left holds what does not fit, at once.
    store
        .grant_plan(
            workspace,
            "pro",
            Period::Month,
            plenary_store::now_ms() - 1,
            None,
            "Over",
        )
        .await
        .expect("ended");
    assert_eq!(held(&store, &ids).await, vec![true, true, false, false]);
    let title = |t: &str| Op::SetSession {
        set: SessionField::Title(t.into()),
    };
    assert!(matches!(
        store.apply_op(&Editor::trusted(ids[0], ann.id), None, title("No")).await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::ActiveSessions, 2, 2)
    ));
    assert_eq!(store.session(ids[0]).await.expect("read").title, "S0");

    // The owner keeps S0 and S1 active instead; the others are held.
    store
        .choose_active(workspace, &[ids[0], ids[1]])
        .await
        .expect("chosen");
    assert_eq!(held(&store, &ids).await, vec![false, false, true, true]);
    store
        .apply_op(&Editor::trusted(ids[0], ann.id), None, title("Yes"))
        .await
        .expect("active again");
    // Three are more than the plan keeps, and a session of another workspace is not found:
    // either way nothing changes.
    assert!(matches!(
        store.choose_active(workspace, &ids[..3]).await,
        Err(StoreError::OverLimit(o)) if o == over(Limit::ActiveSessions, 3, 2)
    ));
    assert!(matches!(
        store.choose_active(workspace, &[ids[2], foreign.id]).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(held(&store, &ids).await, vec![false, false, true, true]);
    assert!(!store.session(foreign.id).await.expect("read").held);

    // A held session may be archived; out of the archive it must fit, and then it is active.
    let archive = |a| Op::SetSession {
        set: SessionField::Archived(a),
    };
    let s3 = Editor::trusted(ids[3], ann.id);
    store
        .apply_op(&s3, None, archive(true))
        .await
        .expect("archived while held");
    assert!(matches!(
        store.apply_op(&s3, None, archive(false)).await,
        Err(StoreError::OverLimit(_))
    ));
    store.trash_session(ids[0]).await.expect("a place freed");
    store
        .apply_op(&s3, None, archive(false))
        .await
        .expect("fits now");
    assert_eq!(held(&store, &ids[3..]).await, vec![false]);
    store
        .apply_op(&s3, None, title("S3, back"))
        .await
        .expect("editable");

    // A plan with room makes every held session active again.
    store
        .grant_plan(
            workspace,
            "pro",
            Period::Month,
            plenary_store::now_ms() + 3_600_000,
            None,
            "Again",
        )
        .await
        .expect("granted again");
    assert_eq!(held(&store, &ids[1..]).await, vec![false, false, false]);
    assert_eq!(
        store
            .plan_counts(workspace)
            .await
            .expect("counts")
            .held_sessions,
        0
    );
}

#[tokio::test]
async fn with_billing_off_every_held_session_is_released() {
    let (store, ann, workspace) = limited(Limits {
        active_sessions: Some(1),
        ..Limits::default()
    })
    .await;
    let day = 86_400_000;
    let now = plenary_store::now_ms();
    store
        .grant_plan(workspace, "pro", Period::Month, now + day, None, "Pilot")
        .await
        .expect("granted");
    let a = store
        .create_session(&new_session(workspace, &ann, "A"))
        .await
        .expect("a");
    let b = store
        .create_session(&new_session(workspace, &ann, "B"))
        .await
        .expect("b");
    store.hold_over_limits(now + 2 * day).await.expect("pass");
    assert_eq!(held(&store, &[a.id, b.id]).await, vec![true, false]);
    store.set_plans(None);
    assert_eq!(store.release_all_holds().await.expect("released"), 1);
    assert_eq!(held(&store, &[a.id, b.id]).await, vec![false, false]);
}
