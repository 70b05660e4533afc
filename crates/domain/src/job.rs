//! The kinds of background job, each with the stable text the `jobs` table stores. The worker
//! matches on the enum, so a kind without a handler does not compile.

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Delivers one email of the outbox.
    SendMail,
    /// Deletes a session 30 days after it went to the trash, unless it came back.
    PurgeSession,
    /// The daily digest of notifications, for those who chose it.
    SendDigests,
    /// Saves a version of each session edited since the last one, once editing pauses.
    SaveVersions,
    /// Scans an uploaded file with clamd.
    ScanFile,
    /// Deletes stored contents no file refers to any more.
    ForgetFiles,
    /// Sends a password-reset link, if the address has an account.
    SendResetLink,
    /// Recomputes the methods' search columns, a batch at a time.
    ReindexMethods,
    /// Makes an export that went on as a job, if the server that began it did not finish it.
    RenderExport,
    /// Queues an administrators' advertising email for everyone who has not refused it.
    SendNewsletter,
    /// Warns, then deletes, accounts not used for the configured period (daily).
    ForgetInactive,
    /// Makes a person's copy of their data (Download my data) as a ZIP.
    MakeDataExport,
    /// Deletes the bytes of a copy of someone's data once its link has expired.
    ForgetDataExport,
}

impl JobKind {
    pub const ALL: [JobKind; 13] = [
        Self::SendMail,
        Self::PurgeSession,
        Self::SendDigests,
        Self::SaveVersions,
        Self::ScanFile,
        Self::ForgetFiles,
        Self::SendResetLink,
        Self::ReindexMethods,
        Self::RenderExport,
        Self::SendNewsletter,
        Self::ForgetInactive,
        Self::MakeDataExport,
        Self::ForgetDataExport,
    ];

    /// The text stored in `jobs.kind`; it never changes for a kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SendMail => "send_mail",
            Self::PurgeSession => "purge_session",
            Self::SendDigests => "send_digests",
            Self::SaveVersions => "save_versions",
            Self::ScanFile => "scan_file",
            Self::ForgetFiles => "forget_files",
            Self::SendResetLink => "send_reset_link",
            Self::ReindexMethods => "reindex_methods",
            Self::RenderExport => "render_export",
            Self::SendNewsletter => "send_newsletter",
            Self::ForgetInactive => "forget_inactive",
            Self::MakeDataExport => "make_data_export",
            Self::ForgetDataExport => "forget_data_export",
        }
    }

    /// The kind stored as `s`, if there is one.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_kind_reads_back_from_its_stored_text_and_no_two_share_one() {
        let mut seen = std::collections::HashSet::new();
        for kind in JobKind::ALL {
            assert_eq!(JobKind::parse(kind.as_str()), Some(kind));
            assert!(seen.insert(kind.as_str()), "{} twice", kind.as_str());
        }
        assert_eq!(JobKind::parse("no_such_job"), None);
    }
}
