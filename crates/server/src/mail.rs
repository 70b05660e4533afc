//! Composing emails (HTML and plain text, in the recipient's language) and delivering them
//! from the outbox: over SMTP when configured, otherwise kept for /admin/mail with the
//! subject and links in the log.

use crate::i18n::Tr;
use askama::Template;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use store::{Mail, NewMail};

#[derive(Template)]
#[template(path = "emails/mail.html")]
struct MailHtml<'a> {
    tr: &'a Tr,
    subject: &'a str,
    greeting: &'a str,
    lines: &'a [String],
    action: Option<(&'a str, &'a str)>,
    unsubscribe: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "emails/mail.txt")]
struct MailText<'a> {
    tr: &'a Tr,
    greeting: &'a str,
    lines: &'a [String],
    action: Option<(&'a str, &'a str)>,
    unsubscribe: Option<&'a str>,
}

/// One email: a greeting, some paragraphs and at most one button with its link.
#[derive(Debug)]
pub struct Compose<'a> {
    pub tr: Tr,
    pub to: &'a str,
    /// The account written to, when the address is one's ([`store::NewMail::user`]).
    pub user: Option<domain::UserId>,
    /// The person whose name or words the email carries ([`store::NewMail::sender`]).
    pub sender: Option<domain::UserId>,
    pub first_name: &'a str,
    pub subject: String,
    pub lines: Vec<String>,
    pub action: Option<(String, String)>,
    /// An advertising email's one-click unsubscribe address: shown at its foot and sent in
    /// its `List-Unsubscribe` header. `None` for informational emails.
    pub unsubscribe: Option<String>,
}

impl Compose<'_> {
    pub fn render(&self) -> anyhow::Result<NewMail> {
        // Someone without an account (an invitee, a signed-out reporter) has no name here.
        let greeting = if self.first_name.trim().is_empty() {
            self.tr.t("mail-greeting-anonymous")
        } else {
            self.tr.ts("mail-greeting", "name", self.first_name)
        };
        let action = self.action.as_ref().map(|(l, u)| (l.as_str(), u.as_str()));
        let html = MailHtml {
            tr: &self.tr,
            subject: &self.subject,
            greeting: &greeting,
            lines: &self.lines,
            action,
            unsubscribe: self.unsubscribe.as_deref(),
        }
        .render()?;
        let text = MailText {
            tr: &self.tr,
            greeting: &greeting,
            lines: &self.lines,
            action,
            unsubscribe: self.unsubscribe.as_deref(),
        }
        .render()?;
        Ok(NewMail {
            to: self.to.to_owned(),
            user: self.user,
            sender: self.sender,
            locale: self.tr.lang().to_owned(),
            subject: self.subject.clone(),
            text_body: text,
            html_body: html,
            unsubscribe: self.unsubscribe.clone(),
        })
    }
}

/// Delivers outbox emails.
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Mailbox,
}

/// What became of one delivery.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    Kept,
}

impl Mailer {
    /// A mailer for `smtp_url`; `None` keeps every email in the outbox.
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Self> {
        let transport = match smtp_url {
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("PLENARY_SMTP_URL is not understood: {e}"))?
                    .build(),
            ),
            None => None,
        };
        let from = from
            .parse()
            .map_err(|e| anyhow::anyhow!("PLENARY_MAIL_FROM is not an address ({from}): {e}"))?;
        Ok(Self { transport, from })
    }

    pub fn is_configured(&self) -> bool {
        self.transport.is_some()
    }

    pub async fn deliver(&self, mail: &Mail) -> anyhow::Result<Delivery> {
        let Some(transport) = &self.transport else {
            let links: Vec<&str> = mail
                .text_body
                .split_whitespace()
                .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
                .collect();
            tracing::info!(to = %mail.to, subject = %mail.subject, links = ?links,
                "email kept (no SMTP configured); read it at /admin/mail");
            return Ok(Delivery::Kept);
        };
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(mail.to.parse()?)
            .subject(&mail.subject);
        if let Some(url) = &mail.unsubscribe {
            // One-click unsubscribe (RFC 8058): mail clients post to the address themselves.
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let message = builder.multipart(MultiPart::alternative_plain_html(
            mail.text_body.clone(),
            mail.html_body.clone(),
        ))?;
        transport.send(message).await?;
        Ok(Delivery::Sent)
    }
}
