//! The `plenary` command line: `serve` (the default), `migrate`, `config`, `seed`, `backup`,
//! `restore`, and the `admin` tasks.

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
    /// Copy the SQLite database, while the service runs, into a dated file under
    /// DATA_DIR/backups (or --dir) and delete backups older than 30 days. PostgreSQL: use
    /// pg_dump (README).
    Backup {
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// With the service stopped, put a backup FILE in place of the SQLite database; then (and,
    /// without a FILE, on the database as it is, as after pg_restore) delete again everyone
    /// the deletion ledger lists, so no deleted account comes back.
    Restore {
        file: Option<PathBuf>,
        /// Where the backups and the ledger file are (DATA_DIR/backups by default).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
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
    /// Delete an account as an administrator does on request (User Agreement 3.10): a team
    /// only they administer goes to its longest-standing member, their sessions others hold a
    /// role on are deleted and those people told; public content stays.
    DeleteUser {
        #[arg(long)]
        email: String,
    },
    /// Block an account (User Agreement 6.3): it cannot sign in, its logins and API tokens
    /// end, the public links of its sessions stop working; told by email with the reason.
    /// Recorded in the audit log as done from the command line.
    Block {
        #[arg(long)]
        email: String,
        /// Why, kept in the audit log and sent to the person.
        #[arg(long)]
        reason: String,
        /// Also withhold their public methods and designs until they are unblocked.
        #[arg(long)]
        hide_content: bool,
    },
    /// Unblock an account, showing again what its block withheld; told by email.
    Unblock {
        #[arg(long)]
        email: String,
        #[arg(long)]
        reason: String,
    },
    /// Make an account an administrator, for when no administrator can sign in.
    GrantAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        reason: String,
    },
    /// Make an administrator an ordinary account (never the last administrator).
    RevokeAdmin {
        #[arg(long)]
        email: String,
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
