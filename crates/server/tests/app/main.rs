//! Integration tests through the real router, on SQLite by default and on PostgreSQL with
//! `PLENARY_TEST_POSTGRES`. `TestApp` methods read like what a person or client does.

mod accounts_api;
mod accounts_pages;
mod activity;
mod administration;
mod advertising;
mod atomic;
mod billing;
mod binary;
mod comments;
mod console;
mod cookies;
mod copyright;
mod credentials;
mod data_export;
mod deletion;
mod email;
mod exports;
mod files;
mod hardening;
mod helpers;
mod i18n;
mod inactivity;
mod invitations;
mod invoices;
mod layering;
mod legal;
mod library;
mod library_pages;
mod library_search;
mod limits;
mod operations;
mod payments;
mod people_api;
mod programme;
mod scanning;
mod security;
mod sessions_api;
mod sessions_manage;
mod sessions_pages;
mod sharing;
mod stripe;
mod versions;
mod workspaces;
mod yookassa;

pub use helpers::{TestApp, TestResponse};
