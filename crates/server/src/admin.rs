//! `plenary admin create-user`, `grant-plan`, `delete-user`, `block`, `unblock`,
//! `grant-admin`, `revoke-admin` and `age-billing`.

use domain::{Email, Locale, NewPassword, PersonName};
use plenary_server::auth::{new_secret, password};
use plenary_server::config::Settings;
use std::io::BufRead;
use store::NewUser;

pub async fn create_user(
    settings: &Settings,
    email: &str,
    first_name: &str,
    last_name: &str,
    admin: bool,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let store = plenary_server::open_store(settings).await?;
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("email: {e}"))?;
    if let Some(existing) = store.user_by_email(&email).await? {
        if admin {
            store
                .set_admin_by(existing.id, true, None, "plenary admin create-user --admin")
                .await
                .map_err(|e| match e {
                    store::StoreError::Conflict("blocked_account") => {
                        anyhow::anyhow!("{} is blocked: unblock it first", email.as_str())
                    }
                    other => other.into(),
                })?;
            println!("{} is now an administrator", email.as_str());
            return Ok(());
        }
        anyhow::bail!("an account with {} already exists", email.as_str());
    }
    let (password, generated) = if password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else if let Ok(p) = std::env::var("PLENARY_ADMIN_PASSWORD") {
        (p, false)
    } else {
        (new_secret().0, true)
    };
    let password = NewPassword::parse(&password).map_err(|e| anyhow::anyhow!("password: {e}"))?;
    let new = NewUser {
        email: email.clone(),
        password_hash: password::hash(password.expose().to_owned()).await?,
        first_name: PersonName::parse(first_name)
            .map_err(|e| anyhow::anyhow!("first name: {e}"))?
            .as_str()
            .to_owned(),
        last_name: PersonName::parse(last_name)
            .map_err(|e| anyhow::anyhow!("last name: {e}"))?
            .as_str()
            .to_owned(),
        phone: None,
        locale: Locale::En,
        time_zone: "UTC".to_owned(),
        is_admin: admin,
        // Made by the operator, who accepts nothing by it.
        terms_version: String::new(),
        privacy_version: String::new(),
        confirmed: true,
        accepts: Vec::new(),
        seen_documents_until: None,
    };
    let user = store.create_user(&new, None).await?;
    if admin {
        store
            .audit(&store::NewAudit::user(
                None,
                domain::moderation::AuditAction::GrantAdmin,
                user.id,
                "plenary admin create-user --admin",
            ))
            .await?;
    }
    let role = if admin { "administrator" } else { "user" };
    println!("created {role} {} ({})", email.as_str(), user.id);
    if generated {
        println!("password (shown once): {}", password.expose());
    }
    store.close().await;
    Ok(())
}

pub async fn grant_plan(
    settings: &Settings,
    email: &str,
    plan: &str,
    days: u32,
    reason: &str,
) -> anyhow::Result<()> {
    if !settings.billing {
        anyhow::bail!("billing is off: every workspace has every feature already");
    }
    let Some(chosen) = settings.plans.iter().find(|p| p.id == plan) else {
        let ids: Vec<&str> = settings.plans.iter().map(|p| p.id.as_str()).collect();
        anyhow::bail!("no plan {plan}; the plans are {}", ids.join(", "));
    };
    let reason = reason.trim();
    if reason.is_empty() {
        anyhow::bail!("a reason is required");
    }
    let store = plenary_server::open_store(settings).await?;
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("email: {e}"))?;
    let Some(user) = store.user_by_email(&email).await? else {
        anyhow::bail!("no account with {}", email.as_str());
    };
    let (workspace, name) = store.working_in(user.id).await?;
    let until = store::now_ms().saturating_add(i64::from(days) * store::DAY_MS);
    store
        .grant_plan(
            workspace,
            &chosen.id,
            domain::plan::Period::Month,
            until,
            None,
            reason,
        )
        .await?;
    store
        .audit(&store::NewAudit {
            actor: None,
            action: domain::moderation::AuditAction::GrantPlan,
            subject_kind: "workspace",
            subject_id: Some(workspace.0),
            reason,
            details: serde_json::json!({ "plan": chosen.id, "days": days }),
        })
        .await?;
    println!(
        "{} ({}) of {} is on {} for {days} days",
        name,
        workspace,
        email.as_str(),
        chosen.name.en
    );
    store.close().await;
    Ok(())
}

/// `admin age-billing`: see its help. Refused unless payments go to the sandbox, so no real
/// subscription is ever moved.
pub async fn age_billing(settings: Settings, email: &str, days: u32) -> anyhow::Result<()> {
    if !settings.billing
        || !matches!(
            settings.payment_provider,
            plenary_server::config::PaymentProviderKind::Sandbox
        )
    {
        anyhow::bail!("age-billing is for test mode only: billing on, payments to the sandbox");
    }
    if days > 3650 {
        anyhow::bail!("at most 3650 days at a time");
    }
    let store = plenary_server::open_store(&settings).await?;
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("email: {e}"))?;
    let Some(user) = store.user_by_email(&email).await? else {
        anyhow::bail!("no account with {}", email.as_str());
    };
    let (workspace, name) = store.working_in(user.id).await?;
    store.age_billing(workspace, i64::from(days)).await?;
    let state = plenary_server::app_state(settings, store.clone())?;
    let pass = plenary_server::billing::pass(&state, store::now_ms())
        .await
        .map_err(|e| anyhow::anyhow!("the billing pass: {e}"))?;
    println!(
        "{name} ({workspace}) is {days} days older; the billing pass renewed {}, failed {}, held {} sessions",
        pass.renewed, pass.failed, pass.held
    );
    store.close().await;
    Ok(())
}

/// `plenary admin delete-user`: deletes an account as an administrator does on request.
pub async fn delete_user(settings: Settings, email: &str) -> anyhow::Result<()> {
    let store = plenary_server::open_store(&settings).await?;
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("email: {e}"))?;
    let Some(user) = store.user_by_email(&email).await? else {
        anyhow::bail!("no account with {}", email.as_str());
    };
    let state = plenary_server::app_state(settings, store.clone())?;
    plenary_server::deletion::delete(&state, user.id, store::DeletionReason::Administrator, true)
        .await
        .map_err(|e| anyhow::anyhow!("the deletion: {e}"))?;
    plenary_server::moderation::record(
        &state,
        None,
        domain::moderation::AuditAction::DeleteAccount,
        "user",
        Some(user.id.0),
        "",
    )
    .await
    .map_err(|e| anyhow::anyhow!("the audit log: {e}"))?;
    println!("the account {} ({}) is deleted", email.as_str(), user.id);
    store.close().await;
    Ok(())
}

/// What `plenary admin block`, `unblock`, `grant-admin` and `revoke-admin` do.
#[derive(Debug, Clone, Copy)]
pub enum Moderation {
    Block { hide_content: bool },
    Unblock,
    Admin(bool),
}

/// Blocks, unblocks, or makes or unmakes an administrator, from the command line (the audit
/// log names no administrator for it).
pub async fn moderate(
    settings: Settings,
    email: &str,
    what: Moderation,
    reason: &str,
) -> anyhow::Result<()> {
    let store = plenary_server::open_store(&settings).await?;
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("email: {e}"))?;
    let Some(person) = store.user_by_email(&email).await? else {
        anyhow::bail!("no account with {}", email.as_str());
    };
    let state = plenary_server::app_state(settings, store.clone())?;
    let why = plenary_server::moderation::Why {
        reason: reason.to_owned(),
        message: String::new(),
    };
    let done = match what {
        Moderation::Block { hide_content } => {
            plenary_server::moderation::block(&state, None, &person, &why, hide_content)
                .await
                .map(|n| format!("blocked; {n} public items withheld"))
        }
        Moderation::Unblock => plenary_server::moderation::unblock(&state, None, &person, &why)
            .await
            .map(|n| format!("unblocked; {n} public items shown again")),
        Moderation::Admin(on) => {
            plenary_server::moderation::set_admin(&state, None, &person, on, &why)
                .await
                .map(|()| {
                    if on {
                        "now an administrator".to_owned()
                    } else {
                        "no longer an administrator".to_owned()
                    }
                })
        }
    };
    let done = done.map_err(|e| {
        let tr = plenary_server::i18n::Tr::new(domain::Locale::En);
        let fields: Vec<String> = e
            .fields(&tr)
            .into_iter()
            .map(|(field, _, message)| format!("{field}: {message}"))
            .collect();
        if fields.is_empty() {
            anyhow::anyhow!("{}", e.message(&tr))
        } else {
            anyhow::anyhow!("{}", fields.join("; "))
        }
    })?;
    println!("{} ({}): {done}", email.as_str(), person.id);
    store.close().await;
    Ok(())
}
