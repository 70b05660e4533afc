//! A payment's receipt as a PDF, in Russian or English, for the billing history: who was paid,
//! who paid, for what, how, and what was given back.

use super::invoice::LangQuery;
use super::payable;
use crate::auth::{SignedIn, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::invoices;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use domain::{Locale, PaymentId};

pub(super) async fn pdf(
    State(state): State<AppState>,
    signed: SignedIn,
    viewer: Viewer,
    Path(id): Path<PaymentId>,
    Query(q): Query<LangQuery>,
) -> Result<Response, AppError> {
    let p = state.store.payment(id).await?;
    // An admin of the workspace it paid for, or an administrator of the installation; and
    // only a payment that was made.
    if !signed.user.is_admin && payable(&state, &signed).await?.id != p.workspace_id {
        return Err(AppError::NotFound);
    }
    if !matches!(p.status.as_str(), "succeeded" | "refunded") {
        return Err(AppError::NotFound);
    }
    let locale = q
        .lang
        .as_deref()
        .and_then(|l| Locale::parse(l).ok())
        .unwrap_or(viewer.tr.locale);
    let tr = Tr::new(locale);
    let workspace = state.store.workspace_plan(p.workspace_id).await?;
    let contact = match p.by_user {
        Some(u) => state.store.user(u).await?.email,
        None => workspace.owner_email.clone(),
    };
    let doc = invoices::receipt_document(
        &tr,
        state.settings.operator.as_ref(),
        &p,
        crate::billing::paid_for(&state, &tr, &p)?,
        &invoices::Payer {
            workspace: &workspace.name,
            email: &contact,
        },
        p.provider == "sandbox",
    );
    let stem = tr.ts(
        "receipt-file",
        "date",
        &store::utc_day(p.created_at)?.to_string(),
    );
    Ok(crate::exports::Download {
        bytes: invoices::pdf(doc).await?,
        file_name: format!("{stem}.pdf"),
        content_type: "application/pdf",
    }
    .into_response())
}
