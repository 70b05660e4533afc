//! The `plenary` binary: parse the command line, start logging, hand over to the library.

use clap::Parser;
use plenary_server::cli::{AdminCommand, Cli, Command};
use plenary_server::config::LogFormat;
use std::process::ExitCode;

mod admin;

fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PLENARY_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

async fn seed(settings: &plenary_server::config::Settings) -> anyhow::Result<()> {
    let store = plenary_server::open_store(settings).await?;
    let report = plenary_server::starter::seed(&store).await?;
    println!(
        "starter library: {} methods and {} designs, {} written now",
        report.methods, report.designs, report.written
    );
    store.close().await;
    Ok(())
}

async fn backup(
    settings: &plenary_server::config::Settings,
    dir: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    if let Some(file) = store::sqlite_file(&settings.database_url)
        && !file.exists()
    {
        anyhow::bail!("there is no database at {}", file.display());
    }
    let store = plenary_server::open_store(settings).await?;
    let dir = dir.unwrap_or_else(|| plenary_server::backup::dir(settings));
    let done = plenary_server::backup::backup(settings, &store, &dir).await;
    store.close().await;
    let done = done?;
    println!("backed up to {}", done.file.display());
    for old in done.pruned {
        println!(
            "deleted {} (older than {} days)",
            old.display(),
            plenary_server::backup::KEEP_DAYS
        );
    }
    Ok(())
}

async fn restore(
    settings: &plenary_server::config::Settings,
    file: Option<std::path::PathBuf>,
    dir: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    let dir = dir.unwrap_or_else(|| plenary_server::backup::dir(settings));
    let done = plenary_server::backup::restore(settings, file.as_deref(), &dir).await?;
    match file {
        Some(file) => println!("restored from {}", file.display()),
        None => println!("the database stays as it is"),
    }
    if let Some(kept) = done.replaced {
        println!("the replaced database is kept as {}", kept.display());
    }
    println!(
        "{} deleted account(s) found in it and deleted again",
        done.deleted_again
    );
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match cli.settings() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("plenary: {e:#}");
            return ExitCode::from(2);
        }
    };
    init_tracing(settings.log_format);
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => plenary_server::run(settings).await,
        Command::Migrate => plenary_server::open_store(&settings).await.map(|_| {
            tracing::info!("migrations applied");
        }),
        Command::Seed => seed(&settings).await,
        Command::Config => {
            print!("{}", settings.redacted_toml());
            Ok(())
        }
        Command::Admin(AdminCommand::CreateUser {
            email,
            first_name,
            last_name,
            admin,
            password_stdin,
        }) => {
            admin::create_user(
                &settings,
                &email,
                &first_name,
                &last_name,
                admin,
                password_stdin,
            )
            .await
        }
        Command::Admin(AdminCommand::GrantPlan {
            email,
            plan,
            days,
            reason,
        }) => admin::grant_plan(&settings, &email, &plan, days, &reason).await,
        Command::Backup { dir } => backup(&settings, dir).await,
        Command::Restore { file, dir } => restore(&settings, file, dir).await,
        Command::Admin(AdminCommand::DeleteUser { email }) => {
            admin::delete_user(settings, &email).await
        }
        Command::Admin(AdminCommand::Block {
            email,
            reason,
            hide_content,
        }) => {
            admin::moderate(
                settings,
                &email,
                admin::Moderation::Block { hide_content },
                &reason,
            )
            .await
        }
        Command::Admin(AdminCommand::Unblock { email, reason }) => {
            admin::moderate(settings, &email, admin::Moderation::Unblock, &reason).await
        }
        Command::Admin(AdminCommand::GrantAdmin { email, reason }) => {
            admin::moderate(settings, &email, admin::Moderation::Admin(true), &reason).await
        }
        Command::Admin(AdminCommand::RevokeAdmin { email, reason }) => {
            admin::moderate(settings, &email, admin::Moderation::Admin(false), &reason).await
        }
        Command::Admin(AdminCommand::AgeBilling { email, days }) => {
            admin::age_billing(settings, &email, days).await
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("plenary: {e:#}");
            ExitCode::FAILURE
        }
    }
}
