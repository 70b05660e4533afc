use crate::helpers::{Browser, PASSWORD, TestApp, link_path};
use axum::http::StatusCode;

#[tokio::test]
async fn a_visitor_registers_and_lands_signed_in_with_a_banner_to_confirm() {
    let app = TestApp::new().await;
    let mut b = app.register("anna@example.org").await;
    let home = app.get(&mut b, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Welcome, Anna"), "{}", home.body);
    assert!(home.body.contains("Please confirm your email address"));
    assert!(home.body.contains("Send again"));
    let user = app
        .state
        .store
        .user_by_email(&domain::Email::parse("anna@example.org").expect("e"))
        .await
        .expect("q")
        .expect("user");
    assert_eq!(user.time_zone, "Europe/Moscow");
    assert_eq!(
        user.terms_version, "1",
        "the starter agreement is version 1"
    );
    let accepted: Vec<(String, i64, String)> = app
        .state
        .store
        .legal_accepted_by(user.id)
        .await
        .expect("acceptances")
        .into_iter()
        .map(|a| (a.document, a.number, a.how))
        .collect();
    let mut documents: Vec<&str> = accepted.iter().map(|a| a.0.as_str()).collect();
    documents.sort_unstable();
    assert_eq!(
        documents,
        ["consent", "privacy", "terms"],
        "the agreement, the policy and the separate consent, not the cookie policy"
    );
    assert!(accepted.iter().all(|a| a.1 == 1 && a.2 == "registration"));
}

#[tokio::test]
async fn bad_registration_input_is_shown_at_each_field_and_keeps_what_was_typed() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let res = app
        .post_registration(
            &mut b,
            "/register",
            &[
                ("first_name", "Anna"),
                ("last_name", ""),
                ("email", "not-an-email"),
                ("password", "password123"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains(r#"value="Anna""#), "typed value kept");
    assert!(res.body.contains(r#"value="not-an-email""#));
    assert!(
        !res.body.contains("password123"),
        "the password is never echoed"
    );
    assert!(
        res.body.contains(r#"id="last_name-error""#)
            && res.body.contains("This field is required.")
    );
    assert!(
        res.body
            .contains("Enter an email address like name@example.org.")
    );
    assert!(res.body.contains("common password"));
    assert!(
        res.body.contains(r#"id="accept_terms-error""#),
        "terms must be accepted"
    );
    assert!(
        res.body.contains(r#"id="accept_consent-error""#),
        "the consent has its own box, unticked here"
    );
    assert!(
        res.body
            .contains(r#"aria-invalid="true" aria-describedby="email-error""#)
    );
    assert!(b.cookies.is_empty(), "not signed in");
}

#[tokio::test]
async fn an_address_can_hold_only_one_account() {
    let app = TestApp::new().await;
    app.register("taken@example.org").await;
    let mut b = Browser::default();
    let res = app
        .post_registration(
            &mut b,
            "/register",
            &[
                ("first_name", "B"),
                ("last_name", "C"),
                ("email", "Taken@Example.org"),
                ("password", PASSWORD),
                ("accept_terms", "on"),
                ("accept_consent", "on"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert!(
        res.body
            .contains("An account with this email already exists")
    );
}

#[tokio::test]
async fn the_confirmation_link_confirms_once_and_only_by_pressing_the_button() {
    let app = TestApp::new().await;
    let mut b = app.register("confirm@example.org").await;
    let mail = app.last_mail_to("confirm@example.org").await;
    assert_eq!(mail.subject, "Confirm your email address");
    let path = link_path(&mail.text_body, "/confirm-email/");
    let page = app.get(&mut b, &path).await;
    assert!(page.body.contains("Confirm email"));
    assert!(
        app.get(&mut b, "/").await.body.contains("Please confirm"),
        "opening the link changes nothing"
    );
    let res = app.post_form(&mut b, &path, &[]).await;
    assert_eq!(res.location(), "/?notice=email-confirmed");
    let home = app.get(&mut b, res.location()).await;
    assert!(home.body.contains("Your email address is confirmed."));
    assert!(!home.body.contains("Please confirm"));
    let again = app.post_form(&mut b, &path, &[]).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(again.body.contains("no longer valid"));
}

#[tokio::test]
async fn send_again_replaces_the_confirmation_link() {
    let app = TestApp::new().await;
    let mut b = app.register("again@example.org").await;
    let first = link_path(
        &app.last_mail_to("again@example.org").await.text_body,
        "/confirm-email/",
    );
    let res = app
        .post_form(&mut b, "/resend-confirmation", &[("next", "/")])
        .await;
    assert_eq!(res.location(), "/?notice=confirmation-sent");
    let second = link_path(
        &app.last_mail_to("again@example.org").await.text_body,
        "/confirm-email/",
    );
    assert_ne!(first, second);
    assert_eq!(
        app.post_form(&mut b, &first, &[]).await.status,
        StatusCode::GONE
    );
    assert_eq!(
        app.post_form(&mut b, &second, &[]).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn sign_out_ends_the_login_on_the_server() {
    let app = TestApp::new().await;
    let mut b = app.register("out@example.org").await;
    let stolen = b.clone();
    let res = app.post_form(&mut b, "/signout", &[]).await;
    assert_eq!(res.location(), "/");
    assert!(!app.signed_in(&mut b).await);
    let mut thief = stolen;
    assert!(
        !app.signed_in(&mut thief).await,
        "the old cookie no longer works anywhere"
    );
}

#[tokio::test]
async fn a_wrong_password_shows_a_message_and_a_right_one_signs_in() {
    let app = TestApp::new().await;
    app.register("pw@example.org").await;
    let (_, wrong) = app
        .sign_in("pw@example.org", "not the password at all")
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(
        wrong
            .body
            .contains(r#"role="alert">Wrong email or password."#),
        "{}",
        wrong.body
    );
    assert!(wrong.body.contains(r#"value="pw@example.org""#));
    let (mut b, ok) = app.sign_in("pw@example.org", PASSWORD).await;
    assert_eq!(ok.location(), "/");
    assert!(app.signed_in(&mut b).await);
}

#[tokio::test]
async fn a_page_that_needs_an_account_sends_visitors_to_sign_in_and_back() {
    let app = TestApp::new().await;
    app.register("back@example.org").await;
    let mut b = Browser::default();
    let res = app.get(&mut b, "/account/security").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.location(), "/signin?next=%2Faccount%2Fsecurity");
    let res = app
        .post_form(
            &mut b,
            "/signin",
            &[
                ("email", "back@example.org"),
                ("password", PASSWORD),
                ("next", "/account/security"),
            ],
        )
        .await;
    assert_eq!(res.location(), "/account/security");
}

#[tokio::test]
async fn a_forgotten_password_is_reset_from_the_emailed_link_and_every_login_ends() {
    let app = TestApp::new().await;
    let mut old_login = app.register("forgot@example.org").await;
    let mut b = Browser::default();
    let res = app
        .post_form(
            &mut b,
            "/reset-password",
            &[("email", "forgot@example.org")],
        )
        .await;
    assert!(res.body.contains("If an account exists for this address"));
    app.run_jobs().await;
    let mail = app.last_mail_to("forgot@example.org").await;
    assert_eq!(mail.subject, "Reset your password");
    let path = link_path(&mail.text_body, "/reset-password/");
    assert!(app.get(&mut b, &path).await.body.contains("New password"));
    let weak = app
        .post_form(&mut b, &path, &[("new_password", "short")])
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("at least 10 characters"));
    let done = app
        .post_form(
            &mut b,
            &path,
            &[("new_password", "a brand new secret phrase")],
        )
        .await;
    assert_eq!(done.location(), "/signin?notice=password-reset");
    assert!(
        app.get(&mut b, done.location())
            .await
            .body
            .contains("Sign in with the new one.")
    );
    assert!(
        !app.signed_in(&mut old_login).await,
        "the reset ends every other login"
    );
    assert_eq!(
        app.sign_in("forgot@example.org", PASSWORD).await.1.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in("forgot@example.org", "a brand new secret phrase")
            .await
            .1
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.post_form(
            &mut b,
            &path,
            &[("new_password", "yet another fine phrase")]
        )
        .await
        .status,
        StatusCode::GONE,
        "single use"
    );
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_logins() {
    let app = TestApp::new().await;
    let mut here = app.register("change@example.org").await;
    let (mut elsewhere, _) = app.sign_in("change@example.org", PASSWORD).await;
    let wrong = app
        .post_form(
            &mut here,
            "/account/password",
            &[
                ("current_password", "guess guess guess"),
                ("new_password", "a brand new secret phrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("The current password is not right."));
    let ok = app
        .post_form(
            &mut here,
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new secret phrase"),
            ],
        )
        .await;
    assert_eq!(ok.location(), "/account/security?notice=password-changed");
    assert!(app.signed_in(&mut here).await, "this login stays");
    assert!(!app.signed_in(&mut elsewhere).await, "the other login ends");
}

#[tokio::test]
async fn changing_the_email_confirms_the_new_address_and_tells_the_old_one() {
    let app = TestApp::new().await;
    let mut b = app.register("before@example.org").await;
    let res = app
        .post_form(
            &mut b,
            "/account/email",
            &[
                ("new_email", "after@example.org"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.location(), "/account/security?notice=email-change-sent");
    let mail = app.last_mail_to("after@example.org").await;
    let path = link_path(&mail.text_body, "/confirm-email-change/");
    let done = app.post_form(&mut b, &path, &[]).await;
    assert_eq!(done.location(), "/?notice=email-changed");
    let notice = app.last_mail_to("before@example.org").await;
    assert_eq!(notice.subject, "Your email address was changed");
    assert!(notice.text_body.contains("after@example.org"));
    assert_eq!(
        app.sign_in("after@example.org", PASSWORD).await.1.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_security_page_lists_logins_and_one_can_be_revoked() {
    let app = TestApp::new().await;
    let mut here = app.register("logins@example.org").await;
    let (mut other, _) = app.sign_in("logins@example.org", PASSWORD).await;
    let page = app.get(&mut here, "/account/security").await;
    assert!(page.body.contains("2 active logins"), "{}", page.body);
    assert!(page.body.contains("(this browser)"));
    let logins = app
        .state
        .store
        .logins(
            app.state
                .store
                .user_by_email(&domain::Email::parse("logins@example.org").expect("e"))
                .await
                .expect("q")
                .expect("u")
                .id,
        )
        .await
        .expect("l");
    let other_id = {
        let mut ids: Vec<_> = logins.iter().map(|l| l.id).collect();
        ids.sort();
        ids[1]
    };
    let res = app
        .post_form(
            &mut here,
            &format!("/account/logins/{other_id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(res.location(), "/account/security?notice=login-revoked");
    assert!(app.signed_in(&mut here).await);
    assert!(!app.signed_in(&mut other).await);
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_login() {
    let app = TestApp::new().await;
    let mut here = app.register("everywhere@example.org").await;
    let (mut other, _) = app.sign_in("everywhere@example.org", PASSWORD).await;
    let res = app.post_form(&mut here, "/signout-everywhere", &[]).await;
    assert_eq!(res.location(), "/signin?notice=signed-out-everywhere");
    assert!(!app.signed_in(&mut here).await);
    assert!(!app.signed_in(&mut other).await);
}

#[tokio::test]
async fn a_new_api_token_is_shown_once_and_works_as_a_bearer_token() {
    let app = TestApp::new().await;
    let mut b = app.register("tokens@example.org").await;
    let page = app
        .post_form(&mut b, "/account/tokens", &[("name", "Laptop script")])
        .await;
    let start = page.body.find("plen_").expect("token shown");
    let secret: String = page.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    assert!(secret.len() > 40);
    let again = app.get(&mut b, "/account/security").await;
    assert!(again.body.contains("Laptop script"));
    assert!(!again.body.contains(&secret), "shown once only");
    let mut script = Browser::default();
    let me = app
        .api(
            &mut script,
            axum::http::Method::GET,
            "/api/v1/me",
            None,
            Some(&secret),
        )
        .await;
    assert_eq!(me.json()["email"], "tokens@example.org");
}

#[tokio::test]
async fn the_profile_saves_names_language_and_time_zone() {
    let app = TestApp::new().await;
    let mut b = app.register("profile@example.org").await;
    let bad = app
        .post_form(
            &mut b,
            "/account/profile",
            &[
                ("first_name", "Maria"),
                ("last_name", "Ivanova"),
                ("phone", "x"),
                ("locale", "ru"),
                ("time_zone", "Nowhere/Land"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Choose a time zone from the list."));
    let ok = app
        .post_form(
            &mut b,
            "/account/profile",
            &[
                ("first_name", "Maria"),
                ("last_name", "Ivanova"),
                ("phone", "+7 999 123-45-67"),
                ("locale", "ru"),
                ("time_zone", "Asia/Tokyo"),
            ],
        )
        .await;
    assert_eq!(ok.location(), "/account?notice=profile-saved");
    let page = app.get(&mut b, ok.location()).await;
    assert!(
        page.body.contains(r#"<html lang="ru" "#),
        "the account's language now applies"
    );
    assert!(page.body.contains("<option selected>Asia/Tokyo</option>"));
}

pub fn multipart(field: &str, filename: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "XBOUNDARYX";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub fn sample_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(300, 200, |x, y| {
        image::Rgb([(x % 255) as u8, (y % 255) as u8, 90])
    });
    let mut out = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut out),
        image::ImageFormat::Jpeg,
    )
    .expect("jpeg");
    out
}

#[tokio::test]
async fn an_avatar_upload_is_re_encoded_and_a_non_image_is_refused() {
    let app = TestApp::new().await;
    let mut b = app.register("pic@example.org").await;
    let (ct, body) = multipart("avatar", "photo.png", &sample_jpeg());
    let req = axum::http::Request::post("/account/avatar")
        .header("content-type", ct)
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(body))
        .expect("req");
    let res = app.send(&mut b, req).await;
    assert_eq!(res.location(), "/account?notice=avatar-saved");
    let page = app.get(&mut b, "/account").await;
    let start = page.body.find("/avatars/").expect("avatar shown");
    let url: String = page.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let img = app.get(&mut b, &url.replace("&amp;", "&")).await;
    assert_eq!(img.headers["content-type"], "image/png");

    let (ct, body) = multipart("avatar", "looks-like.jpg", b"%PDF-1.7 not an image");
    let req = axum::http::Request::post("/account/avatar")
        .header("content-type", ct)
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(body))
        .expect("req");
    let res = app.send(&mut b, req).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Upload a PNG, JPEG or WebP image."));
    let mut stranger = Browser::default();
    assert_ne!(
        app.get(&mut stranger, &url.replace("&amp;", "&"))
            .await
            .status,
        StatusCode::OK,
        "avatars need an account"
    );
}

#[tokio::test]
async fn only_administrators_see_the_user_list_and_the_kept_emails() {
    let app = TestApp::new().await;
    let mut user = app.register("plain@example.org").await;
    assert_eq!(
        app.get(&mut user, "/admin").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut user, "/admin/mail").await.status,
        StatusCode::NOT_FOUND
    );
    let mut admin = app.register("boss@example.org").await;
    app.make_admin("boss@example.org").await;
    let list = app.get(&mut admin, "/admin?q=PLAIN").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains("plain@example.org") && !list.body.contains(">boss@example.org</a>")
    );
    assert!(list.body.contains("1 account"));
    app.run_jobs().await;
    let mails = app.get(&mut admin, "/admin/mail").await;
    assert!(
        mails.body.contains("Confirm your email address") && mails.body.contains("kept"),
        "{}",
        mails.body
    );
    assert!(mails.body.contains("No SMTP server is configured"));
}
