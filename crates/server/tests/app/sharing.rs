//! Sharing through the real router: roles given by the share page, the authorization matrix
//! of every session door against `domain::permission`, invitations for new people, and the
//! live channel over a real socket.

use crate::helpers::{Browser, Options, TestApp, link_path};
use axum::http::{Method, StatusCode};
use domain::permission::{self, Access, Action};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::{self, client::IntoClientRequest};

pub async fn create_session(app: &TestApp, b: &mut Browser) -> (String, String) {
    let s = app
        .api(
            b,
            Method::POST,
            "/api/v1/sessions",
            Some(json!({"title": "Shared retro", "first_date": "2026-12-01"})),
            None,
        )
        .await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    let id = s.json()["id"].as_str().expect("id").to_owned();
    let block = uuid::Uuid::now_v7().to_string();
    let res = app
        .api(
            b,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({"ops": [{"client_op_id": "first", "op": {
                "type": "insert_block", "block": block, "kind": "activity", "after": null,
                "fields": [{"field": "title", "value": "Check-in"}, {"field": "minutes", "value": 10}]
            }}]})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    (id, block)
}

/// The owner invites `email` with a role through the share page, and the person (signed in
/// afresh, with the tests' password) accepts through the emailed link.
pub async fn share(app: &TestApp, owner: &mut Browser, id: &str, email: &str, role: &str) {
    invite(app, owner, id, email, role).await;
    assert_eq!(
        app.accept_invitation(email).await,
        format!("/sessions/{id}")
    );
}

/// The owner invites `email` with a role through the share page.
pub async fn invite(app: &TestApp, owner: &mut Browser, id: &str, email: &str, role: &str) {
    let res = app
        .post_form(
            owner,
            &format!("/sessions/{id}/share"),
            &[("email", email), ("role", role)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(
        res.location().contains("notice=share-invited"),
        "{}",
        res.location()
    );
}

/// The public link shown once on the share page after making it: `/p/SECRET`.
pub fn shown_link(body: &str) -> String {
    let start = body.find("/p/").expect("the new link is shown");
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
        .collect()
}

/// One door of a session: method, path, form fields (or a JSON body), the action it needs.
struct Door {
    method: Method,
    path: String,
    form: Vec<(&'static str, String)>,
    json: Option<Value>,
    action: Action,
}

fn doors(id: &str, block: &str, version: &str, link: &str, file: &str, viewer: &str) -> Vec<Door> {
    let get = |path: String, action| Door {
        method: Method::GET,
        path,
        form: vec![],
        json: None,
        action,
    };
    let post = |path: String, form: Vec<(&'static str, String)>, action| Door {
        method: Method::POST,
        path,
        form,
        json: None,
        action,
    };
    let op = json!({"ops": [{"op": {"type": "set_block", "block": block, "set": {"field": "minutes", "value": 20}}}]});
    vec![
        get(link.to_owned(), Action::ViewParticipant),
        get(format!("/sessions/{id}"), Action::View),
        get(format!("/sessions/{id}/design"), Action::View),
        get(format!("/sessions/{id}/print"), Action::View),
        get(format!("/sessions/{id}/export?format=pdf"), Action::View),
        get(
            format!("/api/v1/sessions/{id}/export?format=json"),
            Action::View,
        ),
        get(format!("{link}/export?format=ics"), Action::ViewParticipant),
        get(format!("/sessions/{id}/share"), Action::View),
        get(format!("/sessions/{id}/comments"), Action::View),
        get(format!("/sessions/{id}/activity"), Action::View),
        get(format!("/sessions/{id}/versions"), Action::View),
        get(format!("/sessions/{id}/versions/{version}"), Action::View),
        get(format!("/sessions/{id}/files"), Action::View),
        get(file.to_owned(), Action::View),
        get(format!("/api/v1/sessions/{id}"), Action::View),
        get(format!("/api/v1/sessions/{id}/live"), Action::View),
        get(format!("/sessions/{id}/settings"), Action::Edit),
        get(format!("/sessions/{id}/blocks/{block}/edit"), Action::Edit),
        get(format!("/sessions/{id}/library"), Action::Edit),
        Door {
            method: Method::POST,
            path: format!("/api/v1/sessions/{id}/ops"),
            form: vec![],
            json: Some(op),
            action: Action::Edit,
        },
        post(
            format!("/sessions/{id}/blocks"),
            vec![
                ("kind", "activity".into()),
                ("title", "Energiser".into()),
                ("minutes", "5".into()),
            ],
            Action::Edit,
        ),
        post(
            format!("/sessions/{id}/blocks/{block}/move"),
            vec![("dir", "down".into())],
            Action::Edit,
        ),
        post(format!("/sessions/{id}/duplicate"), vec![], Action::Edit),
        post(
            format!("/sessions/{id}/share"),
            vec![
                ("email", "someone.new@example.org".into()),
                ("role", "viewer".into()),
            ],
            Action::Share,
        ),
        post(
            format!("/sessions/{id}/links"),
            vec![("expires", "7".into())],
            Action::Share,
        ),
        post(
            format!("/sessions/{id}/comments"),
            vec![("block", block.to_owned()), ("body", "Looks good".into())],
            Action::Comment,
        ),
        post(
            format!("/sessions/{id}/versions"),
            vec![("name", "Agreed plan".into())],
            Action::Edit,
        ),
        post(
            format!("/sessions/{id}/versions/{version}/restore"),
            vec![],
            Action::Edit,
        ),
        get(format!("/api/v1/sessions/{id}/activity"), Action::View),
        get(format!("/api/v1/sessions/{id}/versions"), Action::View),
        Door {
            method: Method::POST,
            path: format!("/api/v1/sessions/{id}/versions"),
            form: vec![],
            json: Some(json!({"name": "From the API"})),
            action: Action::Edit,
        },
        Door {
            method: Method::POST,
            path: format!("/api/v1/sessions/{id}/versions/{version}/restore"),
            form: vec![],
            json: Some(json!({})),
            action: Action::Edit,
        },
        get(format!("/api/v1/sessions/{id}/people"), Action::View),
        get(format!("/api/v1/sessions/{id}/comments"), Action::View),
        api(
            Method::POST,
            format!("/api/v1/sessions/{id}/comments"),
            json!({"block": block, "body": "From the API"}),
            Action::Comment,
        ),
        api(
            Method::POST,
            format!("/api/v1/sessions/{id}/invitations"),
            json!({"email": "someone.else@example.org", "role": "commenter"}),
            Action::Share,
        ),
        api(
            Method::PUT,
            format!("/api/v1/sessions/{id}/people/{viewer}"),
            json!({"role": "viewer"}),
            Action::Share,
        ),
        api(
            Method::POST,
            format!("/api/v1/sessions/{id}/links"),
            json!({"expires_days": 1}),
            Action::Share,
        ),
    ]
}

fn api(method: Method, path: String, body: Value, action: Action) -> Door {
    Door {
        method,
        path,
        form: vec![],
        json: Some(body),
        action,
    }
}

async fn knock(app: &TestApp, b: &mut Browser, door: &Door) -> crate::helpers::TestResponse {
    let origin = [
        ("origin", "http://127.0.0.1:8080"),
        ("sec-fetch-site", "same-origin"),
    ];
    if let Some(body) = &door.json {
        return app
            .api(b, door.method.clone(), &door.path, Some(body.clone()), None)
            .await;
    }
    if door.method == Method::GET {
        return app.get_with(b, &door.path, &origin).await;
    }
    let fields: Vec<(&str, &str)> = door.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form_with(b, &door.path, &fields, &origin).await
}

#[tokio::test]
async fn every_session_door_is_open_exactly_as_the_permission_table_says_and_otherwise_a_404() {
    // A person of every role shares one session, past the free plan's collaborators: billing
    // is off here (plans are tested in billing.rs).
    let app = TestApp::with(Options {
        billing: Some(false),
        ..Options::default()
    })
    .await;
    let mut owner = app.register("owner@example.org").await;
    // The session lives in a team, so that a member of the team reaches it as such.
    let team = crate::workspaces::create_team(&app, &mut owner, "Facilitators").await;
    let (id, block) = create_session(&app, &mut owner).await;
    // (who, their access, whether they are signed in)
    let mut people: Vec<(Access, Browser, bool)> = Vec::new();
    let mut viewer = String::new();
    for (email, role, access) in [
        ("editor@example.org", "editor", Access::Editor),
        ("commenter@example.org", "commenter", Access::Commenter),
        ("viewer@example.org", "viewer", Access::Viewer),
    ] {
        let mut b = app.register(email).await;
        share(&app, &mut owner, &id, email, role).await;
        if access == Access::Viewer {
            let me = app.api(&mut b, Method::GET, "/api/v1/me", None, None).await;
            viewer = me.json()["id"].as_str().expect("an id").to_owned();
        }
        people.push((access, b, true));
    }
    let member = app.register("member@example.org").await;
    crate::workspaces::add_member(&app, &mut owner, &team, "member@example.org", "member").await;
    people.push((Access::WorkspaceMember, member, true));
    let version = crate::versions::save_version(&app, &mut owner, &id, "Before the matrix").await;
    let made = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/links"),
            &[("expires", "7")],
        )
        .await;
    let link = shown_link(&made.body);
    let file = crate::files::upload_one(&app, &mut owner, &id, "handout.txt", b"Bring pens").await;
    people.insert(0, (Access::Owner, owner, true));
    // Someone holding the public link, not signed in.
    people.push((Access::LinkHolder, Browser::default(), false));
    people.push((
        Access::Stranger,
        app.register("stranger@example.org").await,
        true,
    ));
    people.push((Access::Anonymous, Browser::default(), false));

    let nowhere = uuid::Uuid::now_v7().to_string();
    for (access, b, signed_in) in &mut people {
        // A stranger and the anonymous visitor do not hold the link: theirs leads nowhere.
        let held = if *access >= Access::Stranger {
            format!("/p/{}", nowhere.replace('-', ""))
        } else {
            link.clone()
        };
        for door in doors(&id, &block, &version, &held, &file, &viewer) {
            let res = knock(&app, b, &door).await;
            let allowed = permission::allows(*access, door.action);
            let what = format!("{access:?} {} {}", door.method, door.path);
            if allowed {
                assert!(
                    !matches!(res.status.as_u16(), 401 | 403 | 404)
                        && !res.location().starts_with("/signin"),
                    "{what} should be open, got {}: {}",
                    res.status,
                    res.body
                );
            } else if !*signed_in && door.action != Action::ViewParticipant {
                // Asked to sign in, exactly as for a session that does not exist.
                let ghost = Door {
                    path: door.path.replace(&id, &nowhere),
                    form: door.form.clone(),
                    json: door.json.clone(),
                    method: door.method.clone(),
                    action: door.action,
                };
                let other = knock(&app, b, &ghost).await;
                assert!(
                    res.status == StatusCode::UNAUTHORIZED || res.location().starts_with("/signin"),
                    "{what}: {} {}",
                    res.status,
                    res.location()
                );
                let same = |l: &str| {
                    l.replace(&id, &nowhere)
                        .replace(&crate::helpers::enc(&id), &crate::helpers::enc(&nowhere))
                };
                assert_eq!(
                    (res.status, same(res.location())),
                    (other.status, other.location().to_owned()),
                    "{what}: the same answer as for no session"
                );
            } else {
                assert_eq!(res.status, StatusCode::NOT_FOUND, "{what}: {}", res.body);
            }
        }
    }
    // Leaving, then deleting, last: they change who holds what.
    for (path, action) in [
        (format!("/sessions/{id}/leave"), Action::Leave),
        (format!("/sessions/{id}/delete"), Action::Own),
    ] {
        for (access, b, signed_in) in &mut people {
            let res = app.post_form(b, &path, &[]).await;
            let what = format!("{access:?} POST {path}");
            if permission::allows(*access, action) {
                assert_eq!(res.status, StatusCode::SEE_OTHER, "{what}: {}", res.body);
            } else if !*signed_in {
                assert!(res.location().starts_with("/signin"), "{what}");
            } else {
                assert_eq!(res.status, StatusCode::NOT_FOUND, "{what}: {}", res.body);
            }
        }
    }
}

#[tokio::test]
async fn roles_change_and_go_and_only_the_owner_hands_the_session_over() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let mut ed = app.register("ed@example.org").await;
    share(&app, &mut owner, &id, "ed@example.org", "viewer").await;

    // The dashboard of the person shared with lists the session with the role.
    let home = app.get(&mut ed, "/").await;
    assert!(home.body.contains("Shared retro") && home.body.contains("Viewer"));
    assert!(
        home.body.contains("Tue, Dec 1, 2026 · 10 min") && !home.body.contains("2026-12-01"),
        "a shared session's date in the reader's format, with its length"
    );
    // A viewer sees no editing controls.
    let page = app.get(&mut ed, &format!("/sessions/{id}")).await;
    assert!(page.body.contains("data-readonly"));
    assert!(!page.body.contains(&format!("/sessions/{id}/settings")));
    // The invitation came by email, naming the session in the inviter's words, not ours.
    let mail = app.last_mail_to("ed@example.org").await;
    assert_eq!(mail.subject, "An invitation to work together on Plenary");
    assert!(
        mail.text_body.contains("“Shared retro”"),
        "{}",
        mail.text_body
    );

    let ed_id = app
        .api(&mut ed, Method::GET, "/api/v1/me", None, None)
        .await
        .json()["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/share/{ed_id}/role"),
            &[("role", "editor")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut ed, &format!("/sessions/{id}")).await;
    assert!(!page.body.contains("data-readonly"));
    // An editor may not share or hand over.
    let res = app
        .post_form(&mut ed, &format!("/sessions/{id}/share/{ed_id}/owner"), &[])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    // Inviting oneself or an unknown role is refused with the field marked.
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/share"),
            &[("email", "owner@example.org"), ("role", "editor")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("email-error") && res.body.contains("owner@example.org"));
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/share"),
            &[("email", "ed@example.org"), ("role", "owner")],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("role-error"));

    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/share/{ed_id}/owner"),
            &[],
        )
        .await;
    assert!(res.location().contains("share-owner-changed"));
    // The old owner is an editor now: may edit, may not delete.
    let res = app
        .post_form(&mut owner, &format!("/sessions/{id}/delete"), &[])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let page = app.get(&mut owner, &format!("/sessions/{id}/share")).await;
    assert!(page.body.contains("Leave this session"));
    let res = app
        .post_form(&mut owner, &format!("/sessions/{id}/leave"), &[])
        .await;
    assert!(res.location().contains("share-left"));
    let res = app.get(&mut owner, &format!("/sessions/{id}")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "gone with the role");
}

#[tokio::test]
async fn a_new_person_registers_from_the_invitation_link_and_lands_in_the_session() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/share"),
            &[("email", "new@example.org"), ("role", "commenter")],
        )
        .await;
    assert!(
        res.location().contains("share-invited"),
        "{}",
        res.location()
    );
    let share_page = app.get(&mut owner, &format!("/sessions/{id}/share")).await;
    assert!(share_page.body.contains("new@example.org"));
    let mail = app.last_mail_to("new@example.org").await;
    let link = link_path(&mail.text_body, "/invitations/");
    let mut guest = Browser::default();
    let landing = app.get(&mut guest, &link).await;
    assert_eq!(landing.status, StatusCode::OK);
    assert!(landing.body.contains("Shared retro") && landing.body.contains("Commenter"));
    let secret = link.trim_start_matches("/invitations/");
    let res = app
        .post_registration(
            &mut guest,
            &format!("/register?invitation={secret}"),
            &[
                ("first_name", "Nina"),
                ("last_name", "New"),
                ("email", "new@example.org"),
                ("password", crate::helpers::PASSWORD),
                ("accept_terms", "on"),
                ("accept_consent", "on"),
                ("time_zone", "UTC"),
            ],
        )
        .await;
    assert_eq!(res.location(), format!("/sessions/{id}"));
    let page = app.get(&mut guest, &format!("/sessions/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-readonly"), "a commenter reads");
    // The link is used up.
    assert_eq!(
        app.get(&mut Browser::default(), &link).await.status,
        StatusCode::NOT_FOUND
    );
}

/// The app served on a real socket, for WebSocket clients.
async fn serve(app: &TestApp) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let router = app.router.clone();
    tokio::spawn(async move {
        let _ = plenary_server::serve(listener, router, std::future::pending()).await;
    });
    addr
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(
    addr: std::net::SocketAddr,
    id: &str,
    b: &Browser,
    origin: Option<&str>,
) -> Result<Socket, tungstenite::Error> {
    let mut req = format!("ws://{addr}/api/v1/sessions/{id}/live")
        .into_client_request()
        .expect("request");
    let cookie = b
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    req.headers_mut()
        .insert("cookie", cookie.parse().expect("cookie"));
    if let Some(o) = origin {
        req.headers_mut()
            .insert("origin", o.parse().expect("origin"));
    }
    tokio_tungstenite::connect_async(req).await.map(|(s, _)| s)
}

/// The next message of `kind` within five seconds.
async fn next_of(socket: &mut Socket, kind: &str) -> Value {
    tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(Ok(msg)) = socket.next().await {
            if let tungstenite::Message::Text(t) = msg {
                let v: Value = serde_json::from_str(&t).expect("json");
                if v["type"] == kind {
                    return v;
                }
            }
        }
        panic!("closed before a {kind} message");
    })
    .await
    .unwrap_or_else(|_| panic!("no {kind} message within five seconds"))
}

fn status_of(e: tungstenite::Error) -> u16 {
    match e {
        tungstenite::Error::Http(res) => res.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other}"),
    }
}

#[tokio::test]
async fn the_live_channel_carries_ops_to_everyone_refuses_viewers_ops_and_turns_away_strangers() {
    let app = TestApp::new().await;
    let addr = serve(&app).await;
    let origin = app.state.settings.public_origin();
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let viewer = app.register("viewer@example.org").await;
    share(&app, &mut owner, &id, "viewer@example.org", "viewer").await;
    let stranger = app.register("stranger@example.org").await;

    assert_eq!(
        status_of(
            connect(addr, &id, &stranger, Some(&origin))
                .await
                .expect_err("stranger")
        ),
        404
    );
    assert_eq!(
        status_of(
            connect(addr, &id, &owner, Some("http://evil.example"))
                .await
                .expect_err("cross-site")
        ),
        403
    );
    assert_eq!(
        status_of(
            connect(addr, &id, &owner, None)
                .await
                .expect_err("no origin")
        ),
        403
    );

    let mut o = connect(addr, &id, &owner, Some(&origin))
        .await
        .expect("owner");
    let mut v = connect(addr, &id, &viewer, Some(&origin))
        .await
        .expect("viewer");
    let welcome = next_of(&mut o, "welcome").await;
    assert_eq!(
        (welcome["version"].as_i64(), welcome["can_edit"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(next_of(&mut v, "welcome").await["can_edit"], false);

    let op = json!({"type": "op", "id": "live-1", "op": {"type": "set_block", "block": block, "set": {"field": "title", "value": "Live title"}}});
    o.send(tungstenite::Message::Text(op.to_string().into()))
        .await
        .expect("sent");
    let ack = next_of(&mut o, "ack").await;
    assert_eq!(
        (ack["id"].as_str(), ack["version"].as_i64()),
        (Some("live-1"), Some(2))
    );
    let seen = next_of(&mut v, "op").await;
    assert_eq!(
        (
            seen["version"].as_i64(),
            seen["op"]["set"]["value"].as_str()
        ),
        (Some(2), Some("Live title"))
    );

    let op = json!({"type": "op", "id": "sneaky", "op": {"type": "delete_block", "block": block}});
    v.send(tungstenite::Message::Text(op.to_string().into()))
        .await
        .expect("sent");
    let refused = next_of(&mut v, "refused").await;
    assert_eq!(refused["code"], "not_allowed");

    // Removing the viewer closes their connection at once.
    let viewer_id = app
        .state
        .store
        .user_by_email(&domain::Email::parse("viewer@example.org").expect("email"))
        .await
        .expect("q")
        .expect("user")
        .id;
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/share/{viewer_id}/remove"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(next_of(&mut v, "bye").await["reason"], "removed");

    // A token works without an Origin (not a browser).
    let mut b = owner.clone();
    let token = app
        .api(
            &mut b,
            Method::POST,
            "/api/v1/me/tokens",
            Some(json!({"name": "bot"})),
            None,
        )
        .await
        .json()["secret"]
        .as_str()
        .expect("secret")
        .to_owned();
    let mut req = format!("ws://{addr}/api/v1/sessions/{id}/live?since=1")
        .into_client_request()
        .expect("req");
    req.headers_mut().insert(
        "authorization",
        format!("Bearer {token}").parse().expect("h"),
    );
    let (mut bot, _) = tokio_tungstenite::connect_async(req)
        .await
        .expect("token connects");
    next_of(&mut bot, "welcome").await;
    assert_eq!(
        next_of(&mut bot, "op").await["version"],
        2,
        "caught up from version 1"
    );
}

#[tokio::test]
async fn a_public_link_shows_the_participant_view_without_notes_until_it_is_revoked() {
    let app = TestApp::new().await;
    let mut owner = app.register("owner@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let res = app
        .api(
            &mut owner,
            Method::POST,
            &format!("/api/v1/sessions/{id}/ops"),
            Some(json!({"ops": [{"op": {"type": "set_block", "block": block, "set": {"field": "notes", "value": "Only for the facilitator"}}}]})),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let made = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/links"),
            &[("expires", "")],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let path = shown_link(&made.body);
    assert!(made.body.contains("no end date"));

    let mut anyone = Browser::default();
    let view = app.get(&mut anyone, &path).await;
    assert_eq!(view.status, StatusCode::OK);
    assert!(view.body.contains("Check-in") && view.body.contains("Shared retro"));
    assert!(
        !view.body.contains("Only for the facilitator"),
        "no facilitator notes"
    );
    assert!(
        view.body
            .contains(r#"<meta name="robots" content="noindex, nofollow">"#)
    );
    assert_eq!(
        view.headers
            .get("x-robots-tag")
            .and_then(|v| v.to_str().ok()),
        Some("noindex, nofollow")
    );
    let bad = app.get(&mut anyone, "/p/not-a-real-link").await;
    assert_eq!(bad.status, StatusCode::NOT_FOUND);
    let refused = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/links"),
            &[("expires", "365")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let link_id = app
        .state
        .store
        .links(id.parse().expect("id"))
        .await
        .expect("links")[0]
        .id;
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/links/{link_id}/revoke"),
            &[],
        )
        .await;
    assert!(res.location().contains("link-revoked"));
    assert_eq!(
        app.get(&mut anyone, &path).await.status,
        StatusCode::NOT_FOUND
    );
}

/// Whether an email about the shared session went to `to` (everyone also got a confirmation).
async fn mailed(app: &TestApp, to: &str) -> bool {
    app.state
        .store
        .recent_mail(100)
        .await
        .expect("outbox")
        .iter()
        .any(|m| m.to == to && m.subject.contains("Shared retro"))
}

#[tokio::test]
async fn notifications_reach_email_at_once_in_a_daily_digest_or_not_at_all_as_each_chose() {
    // Three people share one session, past the free plan's collaborators: billing is off here.
    let app = TestApp::with(Options {
        billing: Some(false),
        ..Options::default()
    })
    .await;
    let mut owner = app.register("owner@example.org").await;
    let (id, _) = create_session(&app, &mut owner).await;
    let mut daily = app.register("daily@example.org").await;
    let mut never = app.register("never@example.org").await;
    app.register("instant@example.org").await;
    for (b, choice) in [(&mut daily, "daily"), (&mut never, "off")] {
        let res = app
            .post_form(
                b,
                "/account/notifications",
                &[("email_notifications", choice)],
            )
            .await;
        assert!(
            res.location().contains("email-notifications-saved"),
            "{}",
            res.location()
        );
    }
    let page = app.get(&mut daily, "/account").await;
    assert!(page.body.contains(r#"value="daily" checked"#));
    let res = app
        .post_form(
            &mut daily,
            "/account/notifications",
            &[("email_notifications", "hourly")],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);

    for email in [
        "daily@example.org",
        "never@example.org",
        "instant@example.org",
    ] {
        share(&app, &mut owner, &id, email, "viewer").await;
    }
    assert!(
        !mailed(&app, "instant@example.org").await,
        "an invitation's email names no title in its subject"
    );
    let res = app
        .post_form(
            &mut owner,
            &format!("/sessions/{id}/comments"),
            &[(
                "body",
                "Please read this: @daily@example.org @never@example.org @instant@example.org",
            )],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(mailed(&app, "instant@example.org").await, "at once");
    assert!(
        !mailed(&app, "daily@example.org").await,
        "kept for the digest"
    );
    assert!(!mailed(&app, "never@example.org").await);
    // Everyone sees it in the app.
    let notes = app.get(&mut never, "/notifications").await;
    assert!(notes.body.contains("mentioned you"), "{}", notes.body);

    assert_eq!(
        plenary_server::notify::send_digests(&app.state)
            .await
            .expect("digests"),
        1
    );
    let digest = app.last_mail_to("daily@example.org").await;
    assert_eq!(digest.subject, "1 notification from Plenary");
    assert!(
        !mailed(&app, "daily@example.org").await,
        "one digest, no separate email"
    );
    assert!(
        digest.text_body.contains("mentioned you"),
        "{}",
        digest.text_body
    );
    assert!(!mailed(&app, "never@example.org").await);
    assert_eq!(
        plenary_server::notify::send_digests(&app.state)
            .await
            .expect("digests"),
        0,
        "nothing new since the last digest"
    );
}

#[tokio::test]
async fn a_team_member_edits_live_and_is_cut_off_at_once_when_removed_from_the_team() {
    let app = TestApp::new().await;
    let addr = serve(&app).await;
    let origin = app.state.settings.public_origin();
    let mut owner = app.register("owner@example.org").await;
    let team = crate::workspaces::create_team(&app, &mut owner, "Facilitators").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let member = app.register("member@example.org").await;
    crate::workspaces::add_member(&app, &mut owner, &team, "member@example.org", "member").await;

    let mut m = connect(addr, &id, &member, Some(&origin))
        .await
        .expect("member");
    assert_eq!(next_of(&mut m, "welcome").await["can_edit"], true);
    let op = json!({"type": "op", "id": "m-1", "op": {"type": "set_block", "block": block, "set": {"field": "minutes", "value": 30}}});
    m.send(tungstenite::Message::Text(op.to_string().into()))
        .await
        .expect("sent");
    assert_eq!(next_of(&mut m, "ack").await["id"], "m-1");

    let member_id = app
        .state
        .store
        .user_by_email(&domain::Email::parse("member@example.org").expect("email"))
        .await
        .expect("q")
        .expect("user")
        .id;
    let res = app
        .post_form(
            &mut owner,
            &format!("/workspaces/{team}/members/{member_id}/remove"),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(next_of(&mut m, "bye").await["reason"], "removed");
}

#[tokio::test]
async fn signing_out_everywhere_closes_the_open_live_connection() {
    let app = TestApp::new().await;
    let addr = serve(&app).await;
    let origin = app.state.settings.public_origin();
    let mut owner = app.register("socket@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let mut o = connect(addr, &id, &owner, Some(&origin))
        .await
        .expect("owner");
    next_of(&mut o, "welcome").await;
    let res = app.post_form(&mut owner, "/signout-everywhere", &[]).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(next_of(&mut o, "bye").await["reason"], "signed_out");
    let session: domain::SessionId = id.parse().expect("id");
    let before = app.state.store.session(session).await.expect("s").version;
    // Even a message that raced the close is not applied.
    let op = json!({"type": "op", "id": "late", "op": {"type": "set_block", "block": block, "set": {"field": "title", "value": "Too late"}}});
    let _ = o
        .send(tungstenite::Message::Text(op.to_string().into()))
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        app.state.store.session(session).await.expect("s").version,
        before
    );
}

#[tokio::test]
async fn a_live_connection_that_floods_is_paced() {
    let app = TestApp::new().await;
    let addr = serve(&app).await;
    let origin = app.state.settings.public_origin();
    let mut owner = app.register("flood@example.org").await;
    let (id, block) = create_session(&app, &mut owner).await;
    let mut o = connect(addr, &id, &owner, Some(&origin))
        .await
        .expect("owner");
    next_of(&mut o, "welcome").await;
    for _ in 0..plenary_server::limits::LIVE_BURST * 2 {
        let editing = json!({"type": "editing", "block": block});
        o.send(tungstenite::Message::Text(editing.to_string().into()))
            .await
            .expect("sent");
    }
    let error = next_of(&mut o, "error").await;
    assert_eq!(error["reason"], "rate_limited");
}
