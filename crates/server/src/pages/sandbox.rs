//! The sandbox provider's pages (see `payments::sandbox`): the payment page, which takes
//! only the documented test cards, and the confirmation step some of them ask for. They stand
//! for the provider's site, so the payer needs no account here.

use super::{Chrome, Form, render, render_status};
use crate::auth::Viewer;
use crate::error::AppError;
use crate::payments::sandbox::{Outcome, TEST_CARDS, TestCard};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form as FormBody, Router};
use serde::Deserialize;
use store::{SandboxCard, SandboxPayment};

/// The sandbox's payment pages, for the payer (signed in or not: it stands for the
/// provider's site).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sandbox/pay/{id}", get(pay_page).post(pay))
        .route("/sandbox/pay/{id}/confirm", get(confirm_page).post(confirm))
}

/// A test card as the page lists it.
struct CardLine {
    number: String,
    brand: &'static str,
    does: String,
}

#[derive(Template)]
#[template(path = "sandbox_pay.html")]
struct PayPage {
    c: Chrome,
    f: Form,
    id: String,
    amount: String,
    description: String,
    cards: Vec<CardLine>,
}

#[derive(Template)]
#[template(path = "sandbox_confirm.html")]
struct ConfirmPage {
    c: Chrome,
    id: String,
    amount: String,
}

/// A payment of the sandbox's, while the sandbox takes the payments; otherwise not found.
async fn sandbox_payment(state: &AppState, id: &str) -> Result<SandboxPayment, AppError> {
    state
        .store
        .sandbox_payment(id)
        .await?
        .filter(|_| state.payments.name() == "sandbox")
        .ok_or(AppError::NotFound)
}

fn amount(p: &SandboxPayment, viewer: &Viewer) -> String {
    crate::billing::money(p.amount, &p.currency).display(viewer.tr.locale)
}

fn pay_form(viewer: &Viewer, p: &SandboxPayment, f: Form) -> PayPage {
    let tr = &viewer.tr;
    PayPage {
        c: Chrome::new(viewer, "/sandbox/pay"),
        f,
        id: p.id.clone(),
        amount: amount(p, viewer),
        description: p.description.clone(),
        cards: TEST_CARDS
            .iter()
            .map(|c| CardLine {
                number: c
                    .number
                    .as_bytes()
                    .chunks(4)
                    .map(|g| String::from_utf8_lossy(g).into_owned())
                    .collect::<Vec<_>>()
                    .join(" "),
                brand: c.brand,
                does: tr.t(match c.outcome {
                    Outcome::Succeeds => "sandbox-card-succeeds",
                    Outcome::Confirms => "sandbox-card-confirms",
                    Outcome::Declined => "sandbox-card-declined",
                    Outcome::InsufficientFunds => "sandbox-card-insufficient",
                    Outcome::DeclinesLater => "sandbox-card-declines-later",
                }),
            })
            .collect(),
    }
}

/// Sends the payer back to the shop, or on to the step the payment waits for.
fn onward(p: &SandboxPayment) -> Response {
    match p.status.as_str() {
        "pending" => Redirect::to(&format!("/sandbox/pay/{}", p.id)).into_response(),
        "waiting" => Redirect::to(&format!("/sandbox/pay/{}/confirm", p.id)).into_response(),
        // A charge to a saved card has no page to go back to.
        _ if p.return_url.is_empty() => Redirect::to("/billing").into_response(),
        _ => Redirect::to(&p.return_url).into_response(),
    }
}

async fn pay_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let p = sandbox_payment(&state, &id).await?;
    if p.status != "pending" {
        return Ok(onward(&p));
    }
    Ok(render(&pay_form(&viewer, &p, Form::default())))
}

#[derive(Debug, Deserialize)]
struct CardInput {
    #[serde(default)]
    number: String,
    #[serde(default)]
    expiry: String,
    #[serde(default)]
    cvc: String,
}

/// Checks what the payer typed: a test card's number, an expiry (MM/YY) not past, a
/// three-digit code. Errors name their field.
fn check_card(
    input: &CardInput,
    today: jiff::civil::Date,
) -> Result<&'static TestCard, (&'static str, &'static str)> {
    let digits: String = input
        .number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let card = TEST_CARDS
        .iter()
        .find(|c| c.number == digits)
        .ok_or(("number", "sandbox-error-number"))?;
    let (mm, yy) = input
        .expiry
        .trim()
        .split_once('/')
        .and_then(|(m, y)| Some((m.trim().parse::<i32>().ok()?, y.trim().parse::<i32>().ok()?)))
        .filter(|(m, y)| (1..=12).contains(m) && (0..100).contains(y))
        .ok_or(("expiry", "sandbox-error-expiry"))?;
    let year = 2000 + yy;
    if (year, mm) < (i32::from(today.year()), i32::from(today.month())) {
        return Err(("expiry", "sandbox-error-expired"));
    }
    let cvc = input.cvc.trim();
    if cvc.len() != 3 || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        return Err(("cvc", "sandbox-error-cvc"));
    }
    Ok(card)
}

async fn pay(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    FormBody(input): FormBody<CardInput>,
) -> Result<Response, AppError> {
    let p = sandbox_payment(&state, &id).await?;
    if p.status != "pending" {
        return Ok(onward(&p));
    }
    let today = jiff::Zoned::now().date();
    let card = match check_card(&input, today) {
        Ok(card) => card,
        Err((field, key)) => {
            let f = Form::default()
                .with("expiry", &input.expiry)
                .with_field_error(field, viewer.tr.t(key), &viewer.tr);
            return Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &pay_form(&viewer, &p, f),
            ));
        }
    };
    let token = format!("card_{}", uuid::Uuid::now_v7().simple());
    let (status, failure) = match card.outcome {
        Outcome::Succeeds | Outcome::DeclinesLater => ("succeeded", None),
        Outcome::Confirms => ("waiting", None),
        Outcome::Declined => ("canceled", Some("card_declined")),
        Outcome::InsufficientFunds => ("canceled", Some("insufficient_funds")),
    };
    if status != "canceled" {
        state
            .store
            .sandbox_save_card(&SandboxCard {
                token: token.clone(),
                brand: card.brand.into(),
                last4: card.number[12..].into(),
                declines: card.outcome == Outcome::DeclinesLater,
            })
            .await?;
    }
    state
        .store
        .sandbox_update(
            &p.id,
            status,
            failure,
            (status != "canceled").then_some(token.as_str()),
        )
        .await?;
    let now = sandbox_payment(&state, &id).await?;
    Ok(onward(&now))
}

async fn confirm_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let p = sandbox_payment(&state, &id).await?;
    if p.status != "waiting" {
        return Ok(onward(&p));
    }
    Ok(render(&ConfirmPage {
        c: Chrome::new(&viewer, "/sandbox/pay"),
        id: p.id.clone(),
        amount: amount(&p, &viewer),
    }))
}

#[derive(Debug, Deserialize)]
struct ConfirmInput {
    #[serde(default)]
    answer: String,
}

async fn confirm(
    State(state): State<AppState>,
    Path(id): Path<String>,
    FormBody(input): FormBody<ConfirmInput>,
) -> Result<Response, AppError> {
    let p = sandbox_payment(&state, &id).await?;
    if p.status == "waiting" {
        let (status, failure) = if input.answer == "confirm" {
            ("succeeded", None)
        } else {
            ("canceled", Some("confirmation_refused"))
        };
        state
            .store
            .sandbox_update(&p.id, status, failure, None)
            .await?;
    }
    let now = sandbox_payment(&state, &id).await?;
    Ok(onward(&now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn input(number: &str, expiry: &str, cvc: &str) -> CardInput {
        CardInput {
            number: number.into(),
            expiry: expiry.into(),
            cvc: cvc.into(),
        }
    }

    #[test]
    fn only_the_test_cards_with_an_expiry_not_past_and_a_three_digit_code_are_taken() {
        let today = date(2026, 12, 6);
        let ok = check_card(&input("4242 4242 4242 4242", "12/26", "123"), today);
        assert_eq!(ok.map(|c| c.outcome), Ok(Outcome::Succeeds));
        let declined = check_card(&input("4000-0000-0000-0002", "01/30", "999"), today);
        assert_eq!(declined.map(|c| c.outcome), Ok(Outcome::Declined));
        // A real-looking number that is not a test card is refused, whatever else.
        assert_eq!(
            check_card(&input("4111 1111 1111 1111", "12/30", "123"), today).err(),
            Some(("number", "sandbox-error-number"))
        );
        assert_eq!(
            check_card(&input("4242424242424242", "11/26", "123"), today).err(),
            Some(("expiry", "sandbox-error-expired"))
        );
        assert_eq!(
            check_card(&input("4242424242424242", "13/26", "123"), today).err(),
            Some(("expiry", "sandbox-error-expiry"))
        );
        assert_eq!(
            check_card(&input("4242424242424242", "12/26", "12a"), today).err(),
            Some(("cvc", "sandbox-error-cvc"))
        );
    }
}
