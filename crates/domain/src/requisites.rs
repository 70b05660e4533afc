//! The bank-transfer details a Russian organisation enters to pay an invoice: INN, KPP, OGRN,
//! BIK and the two bank accounts, each checked for its shape and its check digits.
//!
//! The functions take the text exactly as given: the caller trims it first, and anything that
//! is not exactly the expected characters is refused.

/// Which requisite a [`RequisiteError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Inn,
    Kpp,
    Ogrn,
    Bik,
    Account,
    CorrespondentAccount,
}

impl Field {
    /// The field's stable snake_case name, used in message keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inn => "inn",
            Self::Kpp => "kpp",
            Self::Ogrn => "ogrn",
            Self::Bik => "bik",
            Self::Account => "account",
            Self::CorrespondentAccount => "correspondent_account",
        }
    }
}

/// Why a requisite was refused, and which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RequisiteError {
    /// The text has the wrong number of characters; `expected` says how many are right.
    #[error("{}: expected {expected} characters", field.as_str())]
    Length {
        field: Field,
        expected: &'static str,
    },
    /// A character is not an ASCII digit.
    #[error("{}: digits only", field.as_str())]
    NotDigits { field: Field },
    /// The digits do not agree with their check digit or control key.
    #[error("{}: the check digit does not match", field.as_str())]
    Checksum { field: Field },
    /// The characters are not laid out as this field requires: a KPP's letters out of place, a
    /// BIK of a bank outside Russia, a correspondent account not at the Bank of Russia.
    #[error("{}: not in the expected format", field.as_str())]
    Format { field: Field },
}

impl RequisiteError {
    /// The requisite that was refused.
    pub fn field(self) -> Field {
        match self {
            Self::Length { field, .. }
            | Self::NotDigits { field }
            | Self::Checksum { field }
            | Self::Format { field } => field,
        }
    }

    /// The stable snake_case name of what is wrong, used in message keys.
    pub fn code(self) -> &'static str {
        match self {
            Self::Length { .. } => "length",
            Self::NotDigits { .. } => "not_digits",
            Self::Checksum { .. } => "checksum",
            Self::Format { .. } => "format",
        }
    }
}

const INN_10_WEIGHTS: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_11TH_WEIGHTS: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_12TH_WEIGHTS: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/// Checks an INN: 10 digits for a legal entity, 12 for an individual entrepreneur.
pub fn inn(s: &str) -> Result<(), RequisiteError> {
    let field = Field::Inn;
    let d = digits_of_length(s, field, &[10, 12], "10 or 12")?;
    let holds = match d.len() {
        10 => inn_check_digit(&d[..9], &INN_10_WEIGHTS) == d[9],
        _ => {
            inn_check_digit(&d[..10], &INN_11TH_WEIGHTS) == d[10]
                && inn_check_digit(&d[..11], &INN_12TH_WEIGHTS) == d[11]
        }
    };
    checksum(holds, field)
}

/// Checks a KPP: 4 digits, 2 digits or Latin capitals, 3 digits.
pub fn kpp(s: &str) -> Result<(), RequisiteError> {
    let field = Field::Kpp;
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != 9 {
        return Err(RequisiteError::Length {
            field,
            expected: "9",
        });
    }
    let laid_out = chars.iter().enumerate().all(|(i, c)| match i {
        4 | 5 => c.is_ascii_digit() || c.is_ascii_uppercase(),
        _ => c.is_ascii_digit(),
    });
    if laid_out {
        Ok(())
    } else {
        Err(RequisiteError::Format { field })
    }
}

/// Checks an OGRN of 13 digits or an OGRNIP of 15.
pub fn ogrn(s: &str) -> Result<(), RequisiteError> {
    let field = Field::Ogrn;
    let d = digits_of_length(s, field, &[13, 15], "13 or 15")?;
    let (body, check) = d.split_at(d.len() - 1);
    let modulus = if d.len() == 13 { 11 } else { 13 };
    checksum(number(body) % modulus % 10 == u64::from(check[0]), field)
}

/// Checks a BIK: 9 digits, of a Russian bank (starting with 04).
pub fn bik(s: &str) -> Result<(), RequisiteError> {
    bik_digits(s).map(|_| ())
}

/// Checks a settlement account of 20 digits against the BIK of the bank that holds it.
///
/// The account's own shape is checked first, then the BIK (whose error names the BIK), then
/// the control key.
pub fn settlement_account(account: &str, bik: &str) -> Result<(), RequisiteError> {
    let field = Field::Account;
    let a = digits_of_length(account, field, &[20], "20")?;
    let b = bik_digits(bik)?;
    checksum(control_key_holds(b[6..].iter().chain(&a)), field)
}

/// Checks a correspondent account: 20 digits at the Bank of Russia (starting with 30101),
/// against the BIK of the bank it belongs to.
///
/// The account's own shape is checked first, then the BIK (whose error names the BIK), then
/// the control key.
pub fn correspondent_account(account: &str, bik: &str) -> Result<(), RequisiteError> {
    let field = Field::CorrespondentAccount;
    let a = digits_of_length(account, field, &[20], "20")?;
    if !account.starts_with("30101") {
        return Err(RequisiteError::Format { field });
    }
    let b = bik_digits(bik)?;
    checksum(
        control_key_holds([0].iter().chain(&b[4..6]).chain(&a)),
        field,
    )
}

fn bik_digits(s: &str) -> Result<Vec<u32>, RequisiteError> {
    let field = Field::Bik;
    let d = digits_of_length(s, field, &[9], "9")?;
    if s.starts_with("04") {
        Ok(d)
    } else {
        Err(RequisiteError::Format { field })
    }
}

/// The digits of `s` when it has one of the `lengths` (in characters) and nothing but digits.
fn digits_of_length(
    s: &str,
    field: Field,
    lengths: &[usize],
    expected: &'static str,
) -> Result<Vec<u32>, RequisiteError> {
    if !lengths.contains(&s.chars().count()) {
        return Err(RequisiteError::Length { field, expected });
    }
    s.chars()
        .map(|c| c.to_digit(10).ok_or(RequisiteError::NotDigits { field }))
        .collect()
}

fn checksum(holds: bool, field: Field) -> Result<(), RequisiteError> {
    if holds {
        Ok(())
    } else {
        Err(RequisiteError::Checksum { field })
    }
}

fn inn_check_digit(digits: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    sum % 11 % 10
}

/// The digits read as one decimal number; at most 14 digits are ever passed, so it fits.
fn number(digits: &[u32]) -> u64 {
    digits.iter().fold(0, |n, &d| n * 10 + u64::from(d))
}

/// The Bank of Russia's control key: weights 7, 1, 3 repeating, the sum a multiple of 10.
fn control_key_holds<'a>(digits: impl Iterator<Item = &'a u32>) -> bool {
    let sum: u32 = digits
        .zip([7, 1, 3].iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SBERBANK_BIK: &str = "044525225";

    fn length(field: Field, expected: &'static str) -> Result<(), RequisiteError> {
        Err(RequisiteError::Length { field, expected })
    }

    fn not_digits(field: Field) -> Result<(), RequisiteError> {
        Err(RequisiteError::NotDigits { field })
    }

    fn bad_checksum(field: Field) -> Result<(), RequisiteError> {
        Err(RequisiteError::Checksum { field })
    }

    fn bad_format(field: Field) -> Result<(), RequisiteError> {
        Err(RequisiteError::Format { field })
    }

    #[test]
    fn the_published_requisites_of_well_known_companies_pass() {
        // Sberbank.
        assert_eq!(inn("7707083893"), Ok(()));
        assert_eq!(kpp("773601001"), Ok(()));
        assert_eq!(ogrn("1027700132195"), Ok(()));
        assert_eq!(bik(SBERBANK_BIK), Ok(()));
        assert_eq!(
            correspondent_account("30101810400000000225", SBERBANK_BIK),
            Ok(())
        );
        // Yandex.
        assert_eq!(inn("7736207543"), Ok(()));
        assert_eq!(kpp("770401001"), Ok(()));
        assert_eq!(ogrn("1027700229193"), Ok(()));
    }

    #[test]
    fn an_individual_entrepreneur_s_twelve_digit_inn_and_fifteen_digit_ogrnip_pass() {
        assert_eq!(inn("500100732259"), Ok(()));
        assert_eq!(ogrn("304500116000157"), Ok(()));
    }

    #[test]
    fn correspondent_accounts_pass_with_their_own_bank_s_bik_only() {
        let banks = [
            ("044525225", "30101810400000000225"),
            ("044525187", "30101810700000000187"),
            ("044525974", "30101810145250000974"),
            ("044525593", "30101810200000000593"),
        ];
        for (bik, account) in banks {
            assert_eq!(correspondent_account(account, bik), Ok(()), "{account}");
        }
        assert_eq!(
            correspondent_account("30101810145250000974", "044030653"),
            bad_checksum(Field::CorrespondentAccount)
        );
    }

    #[test]
    fn settlement_accounts_pass_with_the_bik_of_the_bank_that_holds_them_only() {
        for account in ["40702810438000034726", "40702810638000000000"] {
            assert_eq!(
                settlement_account(account, SBERBANK_BIK),
                Ok(()),
                "{account}"
            );
            assert_eq!(
                settlement_account(account, "044525187"),
                bad_checksum(Field::Account),
                "{account}"
            );
        }
    }

    #[test]
    fn each_field_refuses_the_wrong_length() {
        assert_eq!(inn(""), length(Field::Inn, "10 or 12"));
        assert_eq!(inn("770708389"), length(Field::Inn, "10 or 12"));
        assert_eq!(inn("77070838931"), length(Field::Inn, "10 or 12"));
        assert_eq!(inn("5001007322590"), length(Field::Inn, "10 or 12"));
        assert_eq!(kpp("77360100"), length(Field::Kpp, "9"));
        assert_eq!(kpp("7736010011"), length(Field::Kpp, "9"));
        assert_eq!(ogrn("102770013219"), length(Field::Ogrn, "13 or 15"));
        assert_eq!(ogrn("10277001321950"), length(Field::Ogrn, "13 or 15"));
        assert_eq!(ogrn("3045001160001570"), length(Field::Ogrn, "13 or 15"));
        assert_eq!(bik("04452522"), length(Field::Bik, "9"));
        assert_eq!(
            settlement_account("4070281043800003472", SBERBANK_BIK),
            length(Field::Account, "20")
        );
        assert_eq!(
            correspondent_account("301018104000000002250", SBERBANK_BIK),
            length(Field::CorrespondentAccount, "20")
        );
    }

    #[test]
    fn surrounding_whitespace_is_not_trimmed_but_refused() {
        assert_eq!(inn(" 7707083893"), length(Field::Inn, "10 or 12"));
        assert_eq!(inn("7707083893\n"), length(Field::Inn, "10 or 12"));
        assert_eq!(bik("04452522 "), not_digits(Field::Bik));
        assert_eq!(kpp("77360100 "), bad_format(Field::Kpp));
    }

    #[test]
    fn each_field_refuses_a_letter_or_a_digit_that_is_not_ascii() {
        assert_eq!(inn("770708389O"), not_digits(Field::Inn));
        assert_eq!(inn("77070838９3"), not_digits(Field::Inn));
        assert_eq!(inn("50010073225a"), not_digits(Field::Inn));
        assert_eq!(ogrn("1027700132I95"), not_digits(Field::Ogrn));
        assert_eq!(ogrn("30450011600015l"), not_digits(Field::Ogrn));
        assert_eq!(bik("04452522S"), not_digits(Field::Bik));
        assert_eq!(
            settlement_account("4070281043800003472x", SBERBANK_BIK),
            not_digits(Field::Account)
        );
        assert_eq!(
            correspondent_account("3010181040000000022S", SBERBANK_BIK),
            not_digits(Field::CorrespondentAccount)
        );
        assert_eq!(kpp("77360100l"), bad_format(Field::Kpp));
    }

    #[test]
    fn a_kpp_takes_latin_capitals_in_its_fifth_and_sixth_places_only() {
        assert_eq!(kpp("7736AB001"), Ok(()));
        assert_eq!(kpp("77360Z001"), Ok(()));
        assert_eq!(kpp("7736ab001"), bad_format(Field::Kpp));
        assert_eq!(
            kpp("7736АБ001"),
            bad_format(Field::Kpp),
            "Cyrillic capitals"
        );
        assert_eq!(kpp("A73601001"), bad_format(Field::Kpp));
        assert_eq!(kpp("773601A01"), bad_format(Field::Kpp));
        assert_eq!(kpp("7736-1001"), bad_format(Field::Kpp));
    }

    #[test]
    fn a_changed_digit_breaks_the_checksum_of_every_field_that_has_one() {
        assert_eq!(inn("7707083894"), bad_checksum(Field::Inn));
        assert_eq!(inn("7707183893"), bad_checksum(Field::Inn));
        assert_eq!(inn("500100732258"), bad_checksum(Field::Inn));
        assert_eq!(inn("500100732269"), bad_checksum(Field::Inn));
        assert_eq!(inn("500100742259"), bad_checksum(Field::Inn));
        assert_eq!(ogrn("1027700132196"), bad_checksum(Field::Ogrn));
        assert_eq!(ogrn("1027700132185"), bad_checksum(Field::Ogrn));
        assert_eq!(ogrn("304500116000158"), bad_checksum(Field::Ogrn));
        assert_eq!(ogrn("304500116001157"), bad_checksum(Field::Ogrn));
        assert_eq!(
            settlement_account("40702810438000034727", SBERBANK_BIK),
            bad_checksum(Field::Account)
        );
        assert_eq!(
            correspondent_account("30101810400000000226", SBERBANK_BIK),
            bad_checksum(Field::CorrespondentAccount)
        );
    }

    #[test]
    fn a_bik_outside_russia_and_a_correspondent_account_outside_the_bank_of_russia_are_refused() {
        assert_eq!(bik("144525225"), bad_format(Field::Bik));
        assert_eq!(bik("054525225"), bad_format(Field::Bik));
        assert_eq!(
            correspondent_account("30102810400000000225", SBERBANK_BIK),
            bad_format(Field::CorrespondentAccount)
        );
    }

    #[test]
    fn an_account_checked_against_a_bad_bik_is_refused_with_the_bik_s_error() {
        assert_eq!(
            settlement_account("40702810438000034726", "14452522"),
            length(Field::Bik, "9")
        );
        assert_eq!(
            settlement_account("40702810438000034726", "144525225"),
            bad_format(Field::Bik)
        );
        assert_eq!(
            correspondent_account("30101810400000000225", "04452522x"),
            not_digits(Field::Bik)
        );
    }

    #[test]
    fn errors_name_their_field_and_kind_in_snake_case() {
        let e = RequisiteError::Checksum {
            field: Field::CorrespondentAccount,
        };
        assert_eq!(
            (e.field().as_str(), e.code()),
            ("correspondent_account", "checksum")
        );
        assert_eq!(
            length(Field::Inn, "10 or 12").map_err(|e| e.to_string()),
            Err("inn: expected 10 or 12 characters".to_owned())
        );
        assert_eq!(
            not_digits(Field::Bik).map_err(|e| e.code()),
            Err("not_digits")
        );
        assert_eq!(bad_format(Field::Kpp).map_err(|e| e.code()), Err("format"));
    }

    fn digit_strings(n: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::char::range('0', '9'), n)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        #[test]
        fn exactly_one_last_digit_completes_nine_digits_into_a_valid_inn_the_computed_one(
            first in digit_strings(9),
        ) {
            let passing: Vec<u32> = (0..10)
                .filter(|last| inn(&format!("{first}{last}")).is_ok())
                .collect();
            let d: Vec<u32> = first.chars().filter_map(|c| c.to_digit(10)).collect();
            prop_assert_eq!(passing, vec![inn_check_digit(&d, &INN_10_WEIGHTS)]);
        }

        #[test]
        fn changing_any_one_digit_of_a_valid_settlement_account_breaks_it(
            head in digit_strings(8),
            tail in digit_strings(11),
            position in 0_usize..20,
            shift in 1_u32..10,
        ) {
            // The key digit is the ninth; exactly one value of it makes the account valid.
            let valid: Vec<String> = (0..10)
                .map(|key| format!("{head}{key}{tail}"))
                .filter(|a| settlement_account(a, SBERBANK_BIK).is_ok())
                .collect();
            prop_assert_eq!(valid.len(), 1);
            let changed: String = valid[0]
                .chars()
                .enumerate()
                .map(|(i, c)| match (i == position, c.to_digit(10)) {
                    (true, Some(d)) => char::from_digit((d + shift) % 10, 10).unwrap_or(c),
                    _ => c,
                })
                .collect();
            prop_assert_eq!(
                settlement_account(&changed, SBERBANK_BIK),
                bad_checksum(Field::Account)
            );
        }
    }
}
