//! An organisation's invoice, for a team's yearly plan paid by bank transfer: the form for its
//! details (checked digit by digit), the invoice's page with its PDF in Russian and English,
//! and the act of services once an administrator has marked the transfer received.

use super::payable;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::invoices;
use crate::pages::{Chrome, Form, render, render_status};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::plan::Period;
use domain::{InvoiceId, Locale};
use serde::Deserialize;
use std::collections::HashMap;
use store::{InvoiceRow, NewInvoice, Organisation};

/// A paid plan offered by transfer: its id, its name and its yearly price in roubles.
struct Offer {
    id: String,
    label: String,
}

#[derive(Template)]
#[template(path = "invoice_form.html")]
struct FormPage {
    c: Chrome,
    workspace: String,
    offers: Vec<Offer>,
    plan: String,
    f: Form,
}

/// The team workspace `signed` may pay for, when the installation invoices organisations.
async fn invoiceable(state: &AppState, signed: &SignedIn) -> Result<store::WorkspaceRow, AppError> {
    let workspace = payable(state, signed).await?;
    if state.settings.operator.is_none() || !workspace.is_team() {
        return Err(AppError::NotFound);
    }
    Ok(workspace)
}

fn offers(state: &AppState, tr: &Tr) -> Vec<Offer> {
    state
        .settings
        .plans
        .iter()
        .filter_map(|p| {
            let price = invoices::yearly_price(p)?;
            Some(Offer {
                id: p.id.clone(),
                label: tr.args(
                    "invoice-plan-option",
                    &[
                        ("plan", p.name(tr.locale).to_owned().into()),
                        ("price", price.display(tr.locale).into()),
                    ],
                ),
            })
        })
        .collect()
}

#[derive(Debug, Deserialize)]
pub(super) struct PlanQuery {
    plan: Option<String>,
}

pub(super) async fn form(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Query(q): Query<PlanQuery>,
) -> Result<Response, AppError> {
    let workspace = invoiceable(&state, &signed).await?;
    let saved = state
        .store
        .organisation(workspace.id)
        .await?
        .unwrap_or_default();
    let mut f = Form::default();
    for name in invoices::FIELDS {
        f = f.with(name, invoices::field_of(&saved, name));
    }
    let offers = offers(&state, &viewer.tr);
    let plan = q
        .plan
        .filter(|p| offers.iter().any(|o| &o.id == p))
        .or_else(|| offers.last().map(|o| o.id.clone()))
        .unwrap_or_default();
    Ok(render(&FormPage {
        c: Chrome::new(&viewer, "/billing/invoice"),
        workspace: workspace.name,
        offers,
        plan,
        f,
    }))
}

pub(super) async fn issue(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    axum::Form(input): axum::Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let workspace = invoiceable(&state, &signed).await?;
    let tr = &viewer.tr;
    let get = |k: &str| input.get(k).cloned().unwrap_or_default();
    let org = invoices::tidy(Organisation {
        name: get("name"),
        legal_form: get("legal_form"),
        inn: get("inn"),
        kpp: get("kpp"),
        ogrn: get("ogrn"),
        address: get("address"),
        bank: get("bank"),
        bik: get("bik"),
        account: get("account"),
        correspondent_account: get("correspondent_account"),
        head: get("head"),
        authority: get("authority"),
    });
    let plan_id = get("plan");
    let plan = state
        .settings
        .plans
        .iter()
        .find(|p| p.id == plan_id)
        .and_then(|p| invoices::yearly_price(p).map(|price| (p, price)));
    let mut problems = invoices::problems(tr, &org);
    if plan.is_none() {
        problems.push(("plan", tr.t("invoice-plan-required")));
    }
    if let (Some((plan, price)), true) = (plan, problems.is_empty()) {
        state.store.save_organisation(workspace.id, &org).await?;
        let invoice = state
            .store
            .issue_invoice(&NewInvoice {
                workspace: workspace.id,
                plan_id: &plan.id,
                period: Period::Year,
                amount: price.minor,
                currency: price.currency.code(),
                buyer: &org,
                by: signed.user.id,
            })
            .await?;
        return Ok(Redirect::to(&format!("/billing/invoices/{}", invoice.id)).into_response());
    }
    let mut f = Form::default();
    for name in invoices::FIELDS {
        f = f.with(name, invoices::field_of(&org, name));
    }
    for (field, message) in problems {
        f = f.with_field_error(field, message, tr);
    }
    Ok(render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &FormPage {
            c: Chrome::new(&viewer, "/billing/invoice"),
            workspace: workspace.name,
            offers: offers(&state, tr),
            plan: plan_id,
            f,
        },
    ))
}

/// The invoice, when `signed` may see it: an admin of its workspace, or an administrator of
/// the installation.
async fn visible(
    state: &AppState,
    signed: &SignedIn,
    id: InvoiceId,
) -> Result<InvoiceRow, AppError> {
    let row = state.store.invoice(id).await?;
    if signed.user.is_admin {
        return Ok(row);
    }
    let workspace = payable(state, signed).await?;
    if row.workspace_id == Some(workspace.id) {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

#[derive(Template)]
#[template(path = "invoice.html")]
struct InvoicePage {
    c: Chrome,
    id: InvoiceId,
    title: String,
    buyer: String,
    what: String,
    amount: String,
    /// "Waiting for the transfer" or "Paid on …".
    status: String,
    paid: bool,
}

pub(super) async fn show(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<InvoiceId>,
) -> Result<Response, AppError> {
    let row = visible(&state, &signed, id).await?;
    let tr = &viewer.tr;
    let plan = invoices::plan_of(&state, &row);
    let buyer = row.buyer()?;
    let zone = signed.user.time_zone.as_str();
    let paid = row.status == "paid";
    Ok(render(&InvoicePage {
        c: Chrome::new(&viewer, &format!("/billing/invoices/{id}")),
        id,
        title: tr.args(
            "invoice-page-title",
            &[
                ("number", row.number.into()),
                ("date", tr.datetime(row.issued_at, zone).into()),
            ],
        ),
        buyer: format!("{} {}", buyer.legal_form, buyer.name)
            .trim()
            .to_owned(),
        what: tr.ts("invoice-item", "plan", plan.name(tr.locale)),
        amount: crate::billing::money(row.amount, &row.currency).display(tr.locale),
        status: match row.paid_at {
            Some(at) if paid => tr.ts("invoice-status-paid", "date", &tr.datetime(at, zone)),
            _ if row.status == "canceled" => tr.t("invoice-status-canceled"),
            _ => tr.t("invoice-status-issued"),
        },
        paid,
    }))
}

#[derive(Debug, Deserialize)]
pub(super) struct LangQuery {
    pub(super) lang: Option<String>,
}

/// The invoice (`invoice`) or its act (`act`) as a PDF in the language asked for.
pub(super) async fn document(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path((id, which)): Path<(InvoiceId, String)>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let row = visible(&state, &signed, id).await?;
    let Some(op) = state.settings.operator.as_ref() else {
        return Err(AppError::NotFound);
    };
    let locale = q
        .lang
        .as_deref()
        .and_then(|l| Locale::parse(l).ok())
        .unwrap_or(viewer.tr.locale);
    let tr = Tr::new(locale);
    let plan = invoices::plan_of(&state, &row);
    let (doc, stem) = match which.as_str() {
        "invoice.pdf" => (
            invoices::invoice_document(&tr, op, &row, &plan)?,
            tr.ts("invoice-file", "number", &row.number.to_string()),
        ),
        "act.pdf" => (
            invoices::act_document(&tr, op, &row, &plan)?.ok_or(AppError::NotFound)?,
            tr.ts("act-file", "number", &row.number.to_string()),
        ),
        _ => return Err(AppError::NotFound),
    };
    Ok(crate::exports::Download {
        bytes: invoices::pdf(doc).await?,
        file_name: format!("{stem}.pdf"),
        content_type: "application/pdf",
    }
    .into_response())
}
