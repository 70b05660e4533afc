//! Organisations pay for a team's year by bank transfer: the details are checked digit by
//! digit in the reader's language, the invoice is numbered and typeset in Russian and
//! English, only the team's admins and the service's administrators see it, and an
//! administrator marks the transfer received, with a note: the plan starts, the owner is told,
//! and the act of services for the term appears.

use crate::helpers::{Browser, Options, TestApp};
use crate::workspaces::create_team;
use axum::http::{StatusCode, header};
use plenary_server::config::Operator;

fn operator() -> Operator {
    Operator {
        name: "ООО «Пленари»".into(),
        name_en: Some("Plenary LLC".into()),
        inn: "7736207543".into(),
        kpp: "770401001".into(),
        ogrn: "1027700229193".into(),
        address: "Москва, ул. Льва Толстого, 16".into(),
        address_en: Some("16 Lva Tolstogo St, Moscow".into()),
        bank: "ПАО Сбербанк".into(),
        bik: "044525225".into(),
        account: "40702810438000034726".into(),
        correspondent_account: "30101810400000000225".into(),
        head: "Петров П. П.".into(),
        vat_percent: None,
    }
}

/// The organisation's details as the form takes them, with `changes` made.
fn details<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("plan", "team"),
        ("legal_form", "ООО"),
        ("name", "Ромашка"),
        ("inn", "7707083893"),
        ("kpp", "773601001"),
        ("ogrn", "1027700132195"),
        ("address", "Москва, ул. Вавилова, 19"),
        ("bank", "ПАО Сбербанк"),
        ("bik", "044525225"),
        ("account", "4070 2810 6380 0000 0000"),
        ("correspondent_account", "30101810400000000225"),
        ("head", "Иванов Иван Иванович"),
        ("authority", "Устава"),
    ];
    for (k, v) in changes {
        if let Some(f) = fields.iter_mut().find(|(name, _)| name == k) {
            f.1 = v;
        }
    }
    fields
}

/// The text of a PDF, as `pdftotext` (poppler-utils) reads it.
pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("plenary-invoice-{}.pdf", uuid::Uuid::now_v7()));
    std::fs::write(&path, bytes).expect("written");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("a path"), "-"])
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn team_admin(app: &TestApp) -> Browser {
    let mut ann = app.register("ann@example.org").await;
    create_team(app, &mut ann, "Facilitators").await;
    ann
}

#[tokio::test]
async fn an_organisations_details_are_checked_digit_by_digit_and_a_good_one_gets_a_numbered_invoice_in_both_languages()
 {
    let app = TestApp::with(Options {
        operator: Some(operator()),
        ..Options::default()
    })
    .await;
    let mut ann = team_admin(&app).await;
    let billing = app.get(&mut ann, "/billing").await;
    assert!(
        billing.body.contains("href=\"/billing/invoice\""),
        "{}",
        billing.body
    );

    let refused = app
        .post_form(
            &mut ann,
            "/billing/invoice",
            &details(&[("inn", "7707083894"), ("bik", "044525226"), ("head", " ")]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    for said in [
        "INN: the check digits do not match; please check the number.",
        "Settlement account: the check digits do not match",
        "This field is required.",
    ] {
        assert!(refused.body.contains(said), "{said}: {}", refused.body);
    }
    assert!(
        refused.body.contains("value=\"Ромашка\""),
        "what was typed stays"
    );
    assert!(
        app.state
            .store
            .all_invoices(10)
            .await
            .expect("read")
            .is_empty()
    );
    app.post_form(
        &mut ann,
        "/language",
        &[("locale", "ru"), ("next", "/billing")],
    )
    .await;
    let short = app
        .post_form(&mut ann, "/billing/invoice", &details(&[("inn", "123")]))
        .await;
    assert!(
        short.body.contains("ИНН: нужно знаков — 10 или 12."),
        "{}",
        short.body
    );
    app.post_form(
        &mut ann,
        "/language",
        &[("locale", "en"), ("next", "/billing")],
    )
    .await;

    let issued = app
        .post_form(&mut ann, "/billing/invoice", &details(&[]))
        .await;
    assert_eq!(issued.status, StatusCode::SEE_OTHER, "{}", issued.body);
    let page_path = issued.location().to_owned();
    let page = app.get(&mut ann, &page_path).await;
    assert!(page.body.contains("Invoice No. 1 of"), "{}", page.body);
    assert!(page.body.contains("Waiting for the transfer"));

    let ru = app
        .get(&mut ann, &format!("{page_path}/invoice.pdf?lang=ru"))
        .await;
    assert_eq!(ru.status, StatusCode::OK);
    assert_eq!(ru.headers[header::CONTENT_TYPE], "application/pdf");
    let text = pdf_text(&ru.bytes);
    for said in [
        "Счёт на оплату № 1 от",
        "ООО «Пленари», ИНН 7736207543",
        "ООО Ромашка, ИНН 7707083893, КПП 773601001",
        "40702810438000034726",
        "Без НДС",
        "Plenary, тариф «Команда» на один год",
    ] {
        assert!(text.contains(said), "{said}: {text}");
    }
    let en = app
        .get(&mut ann, &format!("{page_path}/invoice.pdf?lang=en"))
        .await;
    let text = pdf_text(&en.bytes);
    assert!(text.contains("Invoice No. 1 of"), "{text}");
    assert!(text.contains("Plenary LLC, INN 7736207543"), "{text}");
    // No act before the money arrives; nobody else sees the invoice.
    assert_eq!(
        app.get(&mut ann, &format!("{page_path}/act.pdf"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut bob = app.register("bob@example.org").await;
    assert_eq!(
        app.get(&mut bob, &page_path).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&mut bob, &format!("{page_path}/invoice.pdf"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The details are kept for the next invoice, which takes the next number.
    let form = app.get(&mut ann, "/billing/invoice").await;
    assert!(
        form.body.contains("value=\"40702810638000000000\""),
        "{}",
        form.body
    );
    let second = app
        .post_form(&mut ann, "/billing/invoice", &details(&[]))
        .await;
    let second = app.get(&mut ann, second.location()).await;
    assert!(second.body.contains("Invoice No. 2 of"), "{}", second.body);
}

#[tokio::test]
async fn an_administrator_marks_a_transfer_received_with_a_note_and_the_plan_starts_with_its_act() {
    let app = TestApp::with(Options {
        operator: Some(operator()),
        ..Options::default()
    })
    .await;
    let mut ann = team_admin(&app).await;
    let issued = app
        .post_form(&mut ann, "/billing/invoice", &details(&[]))
        .await;
    let page_path = issued.location().to_owned();
    let id = page_path
        .trim_start_matches("/billing/invoices/")
        .to_owned();

    // Only the service's administrators see the invoices and mark them.
    assert_eq!(
        app.get(&mut ann, "/admin/invoices").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post_form(
            &mut ann,
            &format!("/admin/invoices/{id}/paid"),
            &[("note", "mine")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    let mut root = app.register("root@example.org").await;
    app.make_admin("root@example.org").await;
    let list = app.get(&mut root, "/admin/invoices").await;
    assert!(list.body.contains("Invoice No. 1"), "{}", list.body);
    assert!(
        list.body.contains("ООО Ромашка, INN 7707083893"),
        "{}",
        list.body
    );
    let no_note = app
        .post_form(
            &mut root,
            &format!("/admin/invoices/{id}/paid"),
            &[("note", " ")],
        )
        .await;
    assert_eq!(no_note.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_note.body.contains("Say what showed the transfer"));
    let marked = app
        .post_form(
            &mut root,
            &format!("/admin/invoices/{id}/paid"),
            &[("note", "Payment order 12 of 05.12.2026")],
        )
        .await;
    assert_eq!(
        marked.location(),
        "/admin/invoices?notice=invoice-marked-paid"
    );

    let workspace = app.workspace_of("ann@example.org").await;
    let sub = app.subscription(workspace).await;
    assert_eq!(
        (sub.plan_id.as_str(), sub.source.as_str(), sub.renews),
        ("team", "paid", false)
    );
    let mail = app.last_mail_to("ann@example.org").await;
    assert_eq!(mail.subject, "Transfer received for invoice No. 1");
    let page = app.get(&mut ann, &page_path).await;
    assert!(
        page.body.contains("Paid: the transfer arrived on"),
        "{}",
        page.body
    );
    let act = app
        .get(&mut ann, &format!("{page_path}/act.pdf?lang=en"))
        .await;
    assert_eq!(act.status, StatusCode::OK);
    let text = pdf_text(&act.bytes);
    assert!(text.contains("Act of services No. 1 of"), "{text}");
    assert!(text.contains("Plenary, plan “Team” from"), "{text}");
    let list = app.get(&mut root, "/admin/invoices").await;
    assert!(
        list.body.contains("Payment order 12 of 05.12.2026"),
        "{}",
        list.body
    );
}

#[tokio::test]
async fn a_personal_workspace_or_an_installation_without_an_operator_offers_no_invoice() {
    let app = TestApp::with(Options {
        operator: Some(operator()),
        ..Options::default()
    })
    .await;
    let mut ann = app.register("ann@example.org").await;
    assert_eq!(
        app.get(&mut ann, "/billing/invoice").await.status,
        StatusCode::NOT_FOUND
    );
    let plain = TestApp::new().await;
    let mut bob = team_admin(&plain).await;
    assert_eq!(
        plain.get(&mut bob, "/billing/invoice").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !plain
            .get(&mut bob, "/billing")
            .await
            .body
            .contains("/billing/invoice")
    );
}
