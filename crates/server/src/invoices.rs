//! Plans paid by bank transfer (a team's yearly plan): the organisation's details checked,
//! an invoice issued under the next number, its PDF and, once an administrator has seen the
//! transfer arrive, the act of services for the paid term, each worded in Russian or English.

use crate::config::Operator;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use domain::Locale;
use domain::plan::{Money, Period, Plan};
use domain::requisites::{self as r, RequisiteError};
use export::document::{Document, Item};
use store::{InvoiceRow, Organisation};

/// The form's fields, in the order they are asked.
pub const FIELDS: [&str; 12] = [
    "name",
    "legal_form",
    "inn",
    "kpp",
    "ogrn",
    "address",
    "bank",
    "bik",
    "account",
    "correspondent_account",
    "head",
    "authority",
];

/// A form field of an organisation, by its name.
pub fn field_of<'a>(o: &'a Organisation, name: &str) -> &'a str {
    match name {
        "name" => &o.name,
        "legal_form" => &o.legal_form,
        "inn" => &o.inn,
        "kpp" => &o.kpp,
        "ogrn" => &o.ogrn,
        "address" => &o.address,
        "bank" => &o.bank,
        "bik" => &o.bik,
        "account" => &o.account,
        "correspondent_account" => &o.correspondent_account,
        "head" => &o.head,
        "authority" => &o.authority,
        _ => "",
    }
}

/// What is wrong with `o`, field by field, in `tr`'s words; nothing when all is well. A sole
/// trader (a 12-digit INN) has no KPP; everything else is needed.
pub fn problems(tr: &Tr, o: &Organisation) -> Vec<(&'static str, String)> {
    let label = |f: &str| tr.t(&format!("org-{}", f.replace('_', "-")));
    let words = |field: &'static str, e: RequisiteError| {
        let mut args: Vec<(&'static str, fluent_bundle::FluentValue<'static>)> =
            vec![("field", label(field).into())];
        if let RequisiteError::Length { expected, .. } = e {
            // "10 or 12" in the reader's words.
            let or = format!(" {} ", tr.t("requisite-or"));
            args.push(("expected", expected.replace(" or ", &or).into()));
        }
        let key = format!("requisite-{}", e.code().replace('_', "-"));
        (field, tr.args(&key, &args))
    };
    let sole_trader = o.inn.len() == 12;
    let mut out = Vec::new();
    for field in FIELDS {
        let optional = field == "kpp" && sole_trader;
        if field_of(o, field).trim().is_empty() && !optional {
            out.push((field, tr.t("field-error-required")));
        }
    }
    let checks: [(&'static str, Result<(), RequisiteError>); 6] = [
        ("inn", r::inn(&o.inn)),
        (
            "kpp",
            if sole_trader && o.kpp.is_empty() {
                Ok(())
            } else {
                r::kpp(&o.kpp)
            },
        ),
        ("ogrn", r::ogrn(&o.ogrn)),
        ("bik", r::bik(&o.bik)),
        ("account", r::settlement_account(&o.account, &o.bik)),
        (
            "correspondent_account",
            r::correspondent_account(&o.correspondent_account, &o.bik),
        ),
    ];
    for (field, result) in checks {
        if let Err(e) = result
            && !out.iter().any(|(f, _)| *f == field)
            // An account checked against a wrong BIK is the BIK's problem, said there.
            && !(e.field() == r::Field::Bik && field != "bik")
        {
            out.push(words(field, e));
        }
    }
    out
}

/// `o` with every field trimmed and the digits' spaces taken out.
pub fn tidy(mut o: Organisation) -> Organisation {
    for v in [
        &mut o.inn,
        &mut o.kpp,
        &mut o.ogrn,
        &mut o.bik,
        &mut o.account,
        &mut o.correspondent_account,
    ] {
        *v = v.chars().filter(|c| !c.is_whitespace()).collect();
    }
    for v in [
        &mut o.name,
        &mut o.legal_form,
        &mut o.address,
        &mut o.bank,
        &mut o.head,
        &mut o.authority,
    ] {
        *v = v.trim().to_owned();
    }
    o
}

/// A plan's yearly price in roubles, the one currency a Russian bank transfer is in.
pub fn yearly_price(plan: &Plan) -> Option<Money> {
    plan.price(&domain::plan::Currency::rub())
        .map(|p| p.for_period(Period::Year))
}

/// The installation's operator as its documents name it in `locale`.
fn operator_line(tr: &Tr, op: &Operator) -> String {
    let (name, address) = match tr.locale {
        Locale::Ru => (op.name.as_str(), op.address.as_str()),
        Locale::En => (
            op.name_en.as_deref().unwrap_or(&op.name),
            op.address_en.as_deref().unwrap_or(&op.address),
        ),
    };
    party(tr, name, &op.inn, &op.kpp, address)
}

fn party(tr: &Tr, name: &str, inn: &str, kpp: &str, address: &str) -> String {
    let mut line = format!("{name}, {} {inn}", tr.t("org-inn"));
    if !kpp.is_empty() {
        line.push_str(&format!(", {} {kpp}", tr.t("org-kpp")));
    }
    line.push_str(&format!(", {address}"));
    line
}

fn buyer_line(tr: &Tr, b: &Organisation) -> String {
    let name = if b.legal_form.is_empty() {
        b.name.clone()
    } else {
        format!("{} {}", b.legal_form, b.name)
    };
    party(tr, &name, &b.inn, &b.kpp, &b.address)
}

fn columns(tr: &Tr) -> [String; 6] {
    ["no", "name", "quantity", "unit", "price", "amount"].map(|c| tr.t(&format!("invoice-col-{c}")))
}

/// The total, the VAT in it (or that there is none) and what is due.
fn totals(tr: &Tr, op: &Operator, amount: &Money) -> Vec<(String, String)> {
    let vat = match op.vat_percent {
        Some(p) => (
            tr.ts("invoice-vat", "rate", &p.to_string()),
            Money::new(
                amount.minor * i64::from(p) / (100 + i64::from(p)),
                amount.currency.clone(),
            )
            .display(tr.locale),
        ),
        None => (tr.t("invoice-no-vat"), "—".to_owned()),
    };
    vec![
        (tr.t("invoice-total"), amount.display(tr.locale)),
        vat,
        (tr.t("invoice-due"), amount.display(tr.locale)),
    ]
}

fn item(tr: &Tr, name: String, amount: &Money) -> Item {
    Item {
        name,
        quantity: "1".into(),
        unit: tr.t("invoice-unit"),
        price: amount.display(tr.locale),
        amount: amount.display(tr.locale),
    }
}

/// The invoice `row` as a document in `tr`'s language.
pub fn invoice_document(
    tr: &Tr,
    op: &Operator,
    row: &InvoiceRow,
    plan: &Plan,
) -> Result<Document, AppError> {
    let buyer = row.buyer()?;
    let amount = crate::billing::money(row.amount, &row.currency);
    let issued = day(tr, row.issued_at);
    let plan_name = plan.name(tr.locale);
    let mut bank = vec![
        (tr.t("invoice-payee-bank"), op.bank.clone()),
        (tr.t("org-bik"), op.bik.clone()),
        (
            tr.t("org-correspondent-account"),
            op.correspondent_account.clone(),
        ),
        (tr.t("org-inn"), op.inn.clone()),
    ];
    if !op.kpp.is_empty() {
        bank.push((tr.t("org-kpp"), op.kpp.clone()));
    }
    bank.push((tr.t("org-account"), op.account.clone()));
    bank.push((tr.t("invoice-payee"), op_name(tr, op).to_owned()));
    Ok(Document {
        lang: tr.locale.code().to_owned(),
        title: tr.args(
            "invoice-title",
            &[("number", row.number.into()), ("date", issued.into())],
        ),
        bank,
        parties: vec![
            (tr.t("invoice-payee-role"), operator_line(tr, op)),
            (tr.t("invoice-payer-role"), buyer_line(tr, &buyer)),
        ],
        columns: columns(tr),
        items: vec![item(tr, tr.ts("invoice-item", "plan", plan_name), &amount)],
        totals: totals(tr, op, &amount),
        notes: vec![
            tr.args(
                "invoice-purpose",
                &[
                    ("number", row.number.into()),
                    ("plan", plan_name.to_owned().into()),
                ],
            ),
            tr.t("invoice-terms"),
        ],
        signatures: vec![(tr.t("invoice-head"), op.head.clone())],
        page_word: tr.t("document-page"),
    })
}

/// The act of services for the term paid by invoice `row`, in `tr`'s language; none before
/// it is paid.
pub fn act_document(
    tr: &Tr,
    op: &Operator,
    row: &InvoiceRow,
    plan: &Plan,
) -> Result<Option<Document>, AppError> {
    let (Some(start), Some(end), Some(paid_at)) = (&row.term_start, &row.term_end, row.paid_at)
    else {
        return Ok(None);
    };
    let buyer = row.buyer()?;
    let amount = crate::billing::money(row.amount, &row.currency);
    let date = |s: &str| {
        s.parse::<jiff::civil::Date>()
            .map(|d| tr.date(d))
            .unwrap_or_else(|_| s.to_owned())
    };
    // The term's last day is the day before its end.
    let last = end
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.yesterday().ok())
        .map_or_else(|| end.clone(), |d| tr.date(d));
    Ok(Some(Document {
        lang: tr.locale.code().to_owned(),
        title: tr.args(
            "act-title",
            &[
                ("number", row.number.into()),
                ("date", day(tr, paid_at).into()),
            ],
        ),
        bank: Vec::new(),
        parties: vec![
            (tr.t("act-contractor"), operator_line(tr, op)),
            (tr.t("act-customer"), buyer_line(tr, &buyer)),
            (
                tr.t("act-basis"),
                tr.args(
                    "act-basis-invoice",
                    &[
                        ("number", row.number.into()),
                        ("date", day(tr, row.issued_at).into()),
                    ],
                ),
            ),
        ],
        columns: columns(tr),
        items: vec![item(
            tr,
            tr.args(
                "act-item",
                &[
                    ("plan", plan.name(tr.locale).to_owned().into()),
                    ("from", date(start).into()),
                    ("to", last.into()),
                ],
            ),
            &amount,
        )],
        totals: totals(tr, op, &amount),
        notes: vec![tr.t("act-done")],
        signatures: vec![
            (tr.t("act-contractor"), op.head.clone()),
            (tr.t("act-customer"), buyer.head.clone()),
        ],
        page_word: tr.t("document-page"),
    }))
}

/// Who paid a card payment, as its receipt names them.
pub struct Payer<'a> {
    pub workspace: &'a str,
    pub email: &'a str,
}

/// The receipt for payment `p` (paid, or refunded in part or whole), in `tr`'s language: who
/// was paid (the operator, where configured), who paid, for what, how, and what was given
/// back. The provider's fiscal receipt, where it sends one, goes to the payer by itself.
pub fn receipt_document(
    tr: &Tr,
    op: Option<&Operator>,
    p: &store::PaymentRow,
    what: String,
    payer: &Payer<'_>,
    test_mode: bool,
) -> Document {
    let amount = crate::billing::money(p.amount, &p.currency);
    let paid_on = day(tr, p.created_at);
    let seller = op.map_or_else(|| tr.t("site-name"), |op| operator_line(tr, op));
    let mut totals = match op {
        Some(op) => totals(tr, op, &amount)
            .into_iter()
            .take(2)
            .collect::<Vec<_>>(),
        None => vec![(tr.t("invoice-total"), amount.display(tr.locale))],
    };
    totals.push((tr.t("receipt-paid-total"), amount.display(tr.locale)));
    if p.refunded > 0 {
        totals.push((
            tr.t("receipt-refunded"),
            crate::billing::money(p.refunded, &p.currency).display(tr.locale),
        ));
    }
    let mut notes = vec![
        tr.t(if p.provider == "transfer" {
            "receipt-by-transfer"
        } else {
            "receipt-by-card"
        }),
        tr.ts("receipt-number", "number", &p.id.to_string()),
    ];
    if p.provider == "yookassa" {
        notes.push(tr.ts("receipt-fiscal", "email", payer.email));
    }
    if test_mode {
        notes.push(tr.t("receipt-test-mode"));
    }
    Document {
        lang: tr.locale.code().to_owned(),
        title: tr.ts("receipt-title", "date", &paid_on),
        bank: Vec::new(),
        parties: vec![
            (tr.t("receipt-seller"), seller),
            (
                tr.t("receipt-buyer"),
                format!("{}, {}", payer.workspace, payer.email),
            ),
        ],
        columns: columns(tr),
        items: vec![item(tr, what, &amount)],
        totals,
        notes,
        signatures: Vec::new(),
        page_word: tr.t("document-page"),
    }
}

fn op_name<'a>(tr: &Tr, op: &'a Operator) -> &'a str {
    match tr.locale {
        Locale::Ru => &op.name,
        Locale::En => op.name_en.as_deref().unwrap_or(&op.name),
    }
}

/// A day in Moscow's calendar (where the operator's documents are dated), from ms.
fn day(tr: &Tr, ms: i64) -> String {
    let tz = jiff::tz::TimeZone::get("Europe/Moscow").unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| tr.date(t.to_zoned(tz).date()))
        .unwrap_or_default()
}

/// A document as PDF bytes, typeset away from the async workers.
pub async fn pdf(doc: Document) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || export::document::pdf(&doc))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}

/// The plan an invoice is for, as configured (a plan no longer offered keeps its id as name).
pub fn plan_of(state: &AppState, row: &InvoiceRow) -> Plan {
    state
        .settings
        .plans
        .iter()
        .find(|p| p.id == row.plan_id)
        .cloned()
        .unwrap_or_else(|| Plan {
            id: row.plan_id.clone(),
            name: domain::plan::Names {
                en: row.plan_id.clone(),
                ru: row.plan_id.clone(),
            },
            prices: Vec::new(),
            limits: domain::plan::Limits::default(),
        })
}

/// Records that the transfer for invoice `id` arrived, as administrator `by` saw it (`note`:
/// the payment order): the plan starts now and the workspace's owner is told, in their
/// language. False for an invoice paid or canceled before.
pub async fn mark_paid(
    state: &AppState,
    id: domain::InvoiceId,
    by: domain::UserId,
    note: &str,
) -> Result<bool, AppError> {
    let row = state.store.invoice(id).await?;
    let Some(workspace) = row.workspace_id else {
        return Ok(false);
    };
    let to = state.store.billing_contact(workspace).await?;
    let tr = Tr::new(to.locale());
    let plan = plan_of(state, &row);
    let mail = crate::mail::Compose {
        unsubscribe: None,
        tr,
        to: &to.email,
        user: Some(to.id),
        sender: None,
        first_name: &to.first_name,
        subject: tr.ts("invoice-paid-subject", "number", &row.number.to_string()),
        lines: vec![tr.args(
            "invoice-paid-line",
            &[
                ("number", row.number.into()),
                ("plan", plan.name(tr.locale).to_owned().into()),
            ],
        )],
        action: Some((
            tr.t("invoice-paid-action"),
            state.settings.link(&format!("/billing/invoices/{id}")),
        )),
    }
    .render()?;
    Ok(state
        .store
        .mark_invoice_paid(id, by, note, Some(&mail), store::now_ms())
        .await?)
}
