//! What every handler shares.

use crate::config::Settings;
use crate::mail::Mailer;
use metrics_exporter_prometheus::PrometheusHandle;
use std::sync::Arc;
use store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<Settings>,
    pub mailer: Arc<Mailer>,
    pub metrics: Option<PrometheusHandle>,
    /// The live rooms of this instance.
    pub hub: Arc<collab::Hub>,
    /// Where uploaded files' bytes live.
    pub files: Arc<dyn object_store::ObjectStore>,
    /// Who takes card payments.
    pub payments: Arc<dyn crate::payments::PaymentProvider>,
    /// Request rate limits of this instance.
    pub limits: Arc<crate::limits::Limits>,
    /// Page views and features used, tallied for the visitors who allowed analytics.
    pub usage: Arc<crate::usage::Tally>,
    /// The legal documents and the versions published.
    pub legal: Arc<crate::legal::Legal>,
}
