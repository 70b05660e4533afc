//! The legal documents (User Agreement 1.3–1.4, Cookie Policy 5): four documents, each kept in
//! numbered versions that administrators write in both languages and publish ahead of the
//! date they take effect.

/// One of the documents a person is bound by or told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// The User Agreement.
    Terms,
    /// The Privacy Policy.
    Privacy,
    /// The Cookie Policy.
    Cookies,
    /// The consent to personal data processing, a document of its own (Russian law since 2025).
    Consent,
}

impl Document {
    pub const ALL: [Document; 4] = [
        Document::Terms,
        Document::Privacy,
        Document::Cookies,
        Document::Consent,
    ];

    /// The name stored in `legal_versions.document` and used in addresses of the console.
    pub fn as_str(self) -> &'static str {
        match self {
            Document::Terms => "terms",
            Document::Privacy => "privacy",
            Document::Cookies => "cookies",
            Document::Consent => "consent",
        }
    }

    pub fn parse(s: &str) -> Option<Document> {
        Document::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// Where the version in force is read.
    pub fn path(self) -> &'static str {
        match self {
            Document::Terms => "/terms",
            Document::Privacy => "/privacy",
            Document::Cookies => "/cookie-policy",
            Document::Consent => "/personal-data-consent",
        }
    }

    /// Whether a person accepts it by ticking a box at registration. The Cookie Policy is
    /// answered in the cookie banner instead.
    pub fn accepted_at_registration(self) -> bool {
        !matches!(self, Document::Cookies)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_parses_back_from_its_name_and_has_its_own_address() {
        for d in Document::ALL {
            assert_eq!(Document::parse(d.as_str()), Some(d));
        }
        let paths: std::collections::HashSet<_> = Document::ALL.iter().map(|d| d.path()).collect();
        assert_eq!(paths.len(), Document::ALL.len());
        assert_eq!(Document::parse("cookie"), None);
    }
}
