//! The `plenary` command line: `serve` (the default), `migrate`, `config`, `seed`, and
//! `admin create-user` and `admin grant-plan`.

use crate::config::{Settings, SettingsArgs};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "plenary",
    version,
    about = "Plenary: design facilitated sessions."
)]
pub struct Cli {
    /// An optional TOML file of settings (flags and environment win over it).
    #[arg(long, global = true, env = "PLENARY_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web service (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Print the effective configuration, secrets redacted.
    Config,
    /// Load the starter library of methods and designs (new and changed entries only).
    Seed,
    /// Administration tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an account (confirmed); with --admin an administrator. An existing account
    /// with that email is made an administrator instead when --admin is given.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Admin")]
        first_name: String,
        #[arg(long, default_value = "User")]
        last_name: String,
        /// Make the account an administrator.
        #[arg(long)]
        admin: bool,
        /// Read the password from the first line of standard input. Otherwise it comes from
        /// PLENARY_ADMIN_PASSWORD, or a strong one is generated and printed once.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Give the workspace a person works in a plan for some days without payment (a pilot, a
    /// partner, a mended mistake); recorded in its history with the reason. `--days 0` ends a
    /// grant now.
    GrantPlan {
        /// The person whose current workspace gets the plan.
        #[arg(long)]
        email: String,
        /// The plan's id from the configuration, e.g. `pro`.
        #[arg(long)]
        plan: String,
        #[arg(long)]
        days: u32,
        /// Why, kept in the workspace's history.
        #[arg(long)]
        reason: String,
    },
    /// Test mode only (payments to the sandbox): move the billing of the workspace a person
    /// works in DAYS into the past, as if they had gone by, and run one pass of the billing
    /// job, to watch a renewal, its retries and the grace run their course in minutes.
    AgeBilling {
        #[arg(long)]
        email: String,
        #[arg(long)]
        days: u32,
    },
}

impl Cli {
    pub fn settings(&self) -> anyhow::Result<Settings> {
        Ok(Settings::load(
            self.settings.clone(),
            self.config.as_deref(),
        )?)
    }
}
