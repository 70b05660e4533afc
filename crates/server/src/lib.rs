//! Plenary's web service: the axum app (`build_app`), the server loop (`serve`), and the
//! start-up used by the `plenary` binary (`run`).

pub mod accounts;
pub mod activity;
pub mod advertising;
pub mod assets;
pub mod auth;
pub mod avatar;
pub mod backup;
pub mod billing;
pub mod categories;
pub mod cli;
pub mod comments;
pub mod config;
pub mod consent;
pub mod contract;
pub mod copyright;
pub mod data_export;
pub mod deletion;
pub mod error;
pub mod exports;
pub mod files;
pub mod forms;
pub mod http;
pub mod i18n;
pub mod inactivity;
pub mod invitations;
pub mod invoices;
pub mod jobs;
pub mod legal;
pub mod library;
pub mod limits;
pub mod live;
pub mod mail;
pub mod moderation;
pub use ::markdown;
pub mod notify;
pub mod ops;
pub mod pages;
pub mod payments;
pub mod reports;
pub mod scan;
pub mod security;
pub mod sessions;
pub mod sharing;
pub mod starter;
pub mod state;
pub mod usage;
pub mod versions;
pub mod workspaces;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::serve::ListenerExt;
use config::Settings;
use error::AppError;
use mail::Mailer;
use state::AppState;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use store::Store;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::catch_panic::CatchPanicLayer;

/// The whole application: pages, API and operations, with every layer in one place.
pub fn build_app(state: AppState) -> Router {
    Router::new()
        .merge(pages::router(&state.settings))
        .merge(http::router())
        .merge(live::router())
        .merge(ops::router())
        .fallback(|| async { AppError::NotFound })
        .layer(from_fn_with_state(state.clone(), auth::csrf::check))
        .layer(from_fn_with_state(
            state.clone(),
            security::limit_credential,
        ))
        .layer(from_fn_with_state(state.clone(), auth::resolve))
        .layer(from_fn_with_state(state.clone(), security::limit_address))
        .layer(from_fn(security::refuse_nul))
        .layer(from_fn(pages::render_errors))
        .layer(from_fn_with_state(state.usage.clone(), usage::count))
        .layer(from_fn_with_state(state.clone(), security::headers))
        .layer(CatchPanicLayer::new())
        .layer(from_fn(ops::observe))
        .with_state(state)
}

/// Serves `app` on an already-bound listener until `shutdown` completes, then finishes the
/// requests in flight.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Small messages (live ops, presence) go out at once instead of waiting for Nagle.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Connects to the database and applies migrations; the store enforces the configured plans
/// (none with billing off), for the server and the command line alike.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    if settings.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir).map_err(|e| {
            anyhow::anyhow!(
                "cannot create the data dir {}: {e}",
                settings.data_dir.display()
            )
        })?;
    }
    let store = Store::connect(&settings.database_url).await.map_err(|e| {
        anyhow::anyhow!(
            "cannot open the database {}: {e}",
            config::redact_url(&settings.database_url)
        )
    })?;
    store.migrate().await?;
    store.set_plans(settings.billing.then(|| settings.plans.clone()));
    Ok(store)
}

/// The shared state for `settings` on `store`.
pub fn app_state(settings: Settings, store: Store) -> anyhow::Result<AppState> {
    auth::throttle::check_names(&settings)?;
    let mailer = Mailer::new(settings.smtp_url.as_deref(), &settings.mail_from)?;
    let files = files::storage(&settings)?;
    let limits = Arc::new(limits::Limits::new(&settings));
    store.set_plans(settings.billing.then(|| settings.plans.clone()));
    let payments: Arc<dyn payments::PaymentProvider> = match &settings.payment_provider {
        config::PaymentProviderKind::Sandbox => Arc::new(payments::sandbox::Sandbox::new(
            store.clone(),
            settings.public_url.as_str(),
        )),
        config::PaymentProviderKind::YooKassa(y) => Arc::new(payments::yookassa::YooKassa::new(
            payments::yookassa::Config {
                shop_id: y.shop_id.clone(),
                secret_key: y.secret_key.clone(),
                api: y.api.clone(),
                vat_code: y.vat_code,
                networks: y.networks.iter().filter_map(|n| n.parse().ok()).collect(),
            },
        )?),
        config::PaymentProviderKind::Stripe(s) => {
            Arc::new(payments::stripe::Stripe::new(payments::stripe::Config {
                secret_key: s.secret_key.clone(),
                webhook_secret: s.webhook_secret.clone(),
                api: s.api.clone(),
            })?)
        }
    };
    let settings = Arc::new(settings);
    Ok(AppState {
        legal: Arc::new(legal::Legal::new(store.clone(), settings.clone())),
        payments,
        files,
        store: store.clone(),
        settings,
        mailer: Arc::new(mailer),
        metrics: ops::metrics_handle(),
        limits,
        usage: Arc::new(usage::Tally::default()),
        hub: collab::Hub::start(store, collab::Config::default()),
    })
}

/// `plenary serve`: migrate, start the job worker, serve until SIGTERM or Ctrl-C, then
/// finish in-flight requests and the current job.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let store = open_store(&settings).await?;
    let seeded = starter::seed(&store).await?;
    tracing::info!(
        methods = seeded.methods,
        designs = seeded.designs,
        written = seeded.written,
        "starter library loaded"
    );
    notify::schedule_digests(&store).await?;
    versions::schedule(&store).await?;
    library::schedule_reindex(&store).await?;
    inactivity::schedule(&store).await?;
    let seeded = legal::seed(&store, &settings).await?;
    if seeded > 0 {
        tracing::info!(documents = seeded, "starter legal documents published");
    }
    let listener = TcpListener::bind(settings.bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", settings.bind))?;
    let state = app_state(settings, store.clone())?;
    if state.settings.clamd.is_none() {
        tracing::warn!(
            "no clamd configured (PLENARY_CLAMD): uploaded files are served without a malware scan"
        );
    }
    if !state.mailer.is_configured() {
        tracing::warn!(
            "no SMTP configured (PLENARY_SMTP_URL): emails are kept and shown at /admin/mail"
        );
    }
    if !state.settings.is_https() {
        tracing::warn!("the public URL is not https: login cookies are not marked Secure");
    }
    // Other instances' changes, on PostgreSQL.
    let bus = store.listen();
    let cancel = CancellationToken::new();
    let worker = tokio::spawn(jobs::run_worker(state.clone(), cancel.clone()));
    let billing = tokio::spawn(billing::run(state.clone(), cancel.clone()));
    let usage = tokio::spawn(usage::run(
        state.usage.clone(),
        store.clone(),
        cancel.clone(),
    ));
    tracing::info!(backend = ?store.backend(), "Plenary is ready at {}", state.settings.public_url);
    let shutdown = {
        let cancel = cancel.clone();
        async move {
            shutdown_signal().await;
            tracing::info!("shutting down: finishing requests in flight and the current job");
            cancel.cancel();
        }
    };
    let tally = state.usage.clone();
    serve(listener, build_app(state), shutdown).await?;
    cancel.cancel();
    let _ = worker.await;
    let _ = billing.await;
    let _ = usage.await;
    // What the requests finished during the drain counted.
    if let Err(e) = tally.flush(&store).await {
        tracing::warn!(error = %e, "usage counts lost at shutdown");
    }
    if let Some(bus) = bus {
        bus.abort();
    }
    store.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
