//! Invoices to organisations: numbers without gaps whoever issues at once, and a transfer
//! marked paid that starts its term once, in the history, without renewing by itself.

use super::store_with_user;
use domain::plan::{Period, default_plans};
use plenary_store::{NewInvoice, Organisation, Store, User};

fn organisation() -> Organisation {
    Organisation {
        name: "Ромашка".into(),
        legal_form: "ООО".into(),
        inn: "7707083893".into(),
        kpp: "773601001".into(),
        ogrn: "1027700132195".into(),
        address: "Москва, ул. Вавилова, 19".into(),
        bank: "ПАО Сбербанк".into(),
        bik: "044525225".into(),
        account: "40702810638000000000".into(),
        correspondent_account: "30101810400000000225".into(),
        head: "Иванов Иван Иванович".into(),
        authority: "Устава".into(),
    }
}

async fn issue(store: &Store, ann: &User, buyer: &Organisation) -> plenary_store::InvoiceRow {
    let (workspace, _) = store.personal_workspace(ann.id).await.expect("workspace");
    store
        .issue_invoice(&NewInvoice {
            workspace,
            plan_id: "team",
            period: Period::Year,
            amount: 2_490_000,
            currency: "RUB",
            buyer,
            by: ann.id,
        })
        .await
        .expect("issued")
}

#[tokio::test]
async fn invoices_issued_at_once_take_every_number_once_without_gaps() {
    let (store, ann) = store_with_user("ann@example.org").await;
    let buyer = organisation();
    let tries = (0..8).map(|_| {
        let (store, ann, buyer) = (store.clone(), ann.clone(), buyer.clone());
        tokio::spawn(async move { issue(&store, &ann, &buyer).await.number })
    });
    let mut numbers = Vec::new();
    for t in tries {
        numbers.push(t.await.expect("ran"));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=8).collect::<Vec<i64>>());
}

#[tokio::test]
async fn a_transfer_marked_paid_starts_a_years_term_once_and_does_not_renew_by_itself() {
    let (store, ann) = store_with_user("ann@example.org").await;
    store.set_plans(Some(default_plans()));
    let (workspace, _) = store.personal_workspace(ann.id).await.expect("workspace");
    let buyer = organisation();
    store
        .save_organisation(workspace, &buyer)
        .await
        .expect("saved");
    assert_eq!(
        store.organisation(workspace).await.expect("read"),
        Some(buyer.clone())
    );
    let invoice = issue(&store, &ann, &buyer).await;
    assert_eq!(invoice.status, "issued");
    assert_eq!(invoice.buyer().expect("buyer"), buyer);

    // 31 January 2027, noon UTC: the term runs to 31 January 2028.
    let now = 1_801_396_800_000;
    assert!(
        store
            .mark_invoice_paid(invoice.id, ann.id, "п/п № 12 от 30.01.2027", None, now)
            .await
            .expect("marked")
    );
    assert!(
        !store
            .mark_invoice_paid(invoice.id, ann.id, "again", None, now)
            .await
            .expect("once"),
        "a second mark changes nothing"
    );
    let paid = store.invoice(invoice.id).await.expect("read");
    assert_eq!(
        (
            paid.status.as_str(),
            paid.term_start.as_deref(),
            paid.term_end.as_deref(),
            paid.paid_note.as_str()
        ),
        (
            "paid",
            Some("2027-01-31"),
            Some("2028-01-31"),
            "п/п № 12 от 30.01.2027"
        )
    );
    let sub = store
        .subscription(workspace)
        .await
        .expect("read")
        .expect("one");
    assert_eq!(
        (
            sub.plan_id.as_str(),
            sub.source.as_str(),
            sub.renews,
            sub.paid_until.as_str()
        ),
        ("team", "paid", false, "2028-01-31")
    );
    assert_eq!(sub.period(), Period::Year);
    let payments = store.payments_of(workspace).await.expect("payments");
    assert_eq!(payments.len(), 1);
    assert_eq!(
        (
            payments[0].provider.as_str(),
            payments[0].status.as_str(),
            payments[0].amount
        ),
        ("transfer", "succeeded", 2_490_000)
    );
    let kinds: Vec<String> = store
        .subscription_events(workspace)
        .await
        .expect("history")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, vec!["paid".to_owned()]);
}
