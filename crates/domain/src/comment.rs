//! Comments: what a comment's text may be, and whom it mentions.

use crate::{FieldError, UserId};

/// The longest comment, in characters.
pub const BODY_MAX: usize = 5000;

/// A comment's text, trimmed: not empty, at most [`BODY_MAX`] characters, no control
/// characters but line breaks and tabs.
pub fn body(input: &str) -> Result<String, FieldError> {
    let text = input.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    if text.chars().count() > BODY_MAX {
        return Err(FieldError::TooLong { max: BODY_MAX });
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(FieldError::ControlCharacters);
    }
    Ok(text)
}

/// Someone who can be mentioned: a collaborator, by full name and email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mentionable {
    pub user: UserId,
    pub name: String,
    pub email: String,
}

/// The people `text` mentions, each once, in the order given: `@` followed by their full name
/// or their email address, in any case, and not run into more letters (so `@Ann` does not
/// mention Anna).
pub fn mentions(text: &str, people: &[Mentionable]) -> Vec<UserId> {
    let lower = text.to_lowercase();
    let mentioned = |handle: &str| {
        let handle = format!("@{}", handle.to_lowercase());
        lower.match_indices(&handle).any(|(at, m)| {
            lower[at + m.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    };
    let mut out: Vec<UserId> = Vec::new();
    for p in people {
        let by_name = !p.name.trim().is_empty() && mentioned(p.name.trim());
        if (by_name || mentioned(&p.email)) && !out.contains(&p.user) {
            out.push(p.user);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_is_trimmed_text_of_limited_length_without_control_characters() {
        assert_eq!(
            body("  Looks good \r\n to me "),
            Ok("Looks good \n to me".into())
        );
        assert_eq!(body(" \n "), Err(FieldError::Required));
        assert_eq!(
            body(&"x".repeat(BODY_MAX + 1)),
            Err(FieldError::TooLong { max: BODY_MAX })
        );
        assert!(body(&"ы".repeat(BODY_MAX)).is_ok(), "characters, not bytes");
        assert_eq!(body("bell\u{7}"), Err(FieldError::ControlCharacters));
        assert_eq!(body("a\tb"), Ok("a\tb".into()));
    }

    #[test]
    fn mentions_are_found_by_full_name_or_email_and_not_inside_longer_names() {
        let ann = Mentionable {
            user: UserId::new(),
            name: "Ann Lee".into(),
            email: "ann@example.org".into(),
        };
        let anna = Mentionable {
            user: UserId::new(),
            name: "Ann Leeson".into(),
            email: "anna@example.org".into(),
        };
        let ivan = Mentionable {
            user: UserId::new(),
            name: "Иван Петров".into(),
            email: "ivan@example.org".into(),
        };
        let people = [ann.clone(), anna.clone(), ivan.clone()];
        assert_eq!(mentions("@ann lee, please look", &people), vec![ann.user]);
        assert_eq!(mentions("@Ann Leeson: yours", &people), vec![anna.user]);
        assert_eq!(
            mentions("@иван петров и @ann@example.org, и снова @Ann Lee", &people),
            vec![ann.user, ivan.user]
        );
        assert!(mentions("Ann Lee without the at sign", &people).is_empty());
        assert!(mentions("@Ann alone is not a full name", &people).is_empty());
    }
}
