//! Plans and the arithmetic of paying for them: plans with prices and limits (configuration
//! brings them; [`default_plans`] ships three), money in integer minor units, subscription
//! terms on the calendar, the credit for an unused part of a term and a plan switch with the
//! workspace's balance, and the one check every limit goes through ([`Limits::allows`]).
//! Pure: no clock, no IO. The server checks limits inside the writing transaction.

use jiff::civil::Date;
use jiff::{Span, ToSpan};
use serde::{Deserialize, Serialize};

use crate::Locale;

/// A currency by its ISO 4217 code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency(String);

impl Currency {
    pub fn rub() -> Self {
        Self("RUB".into())
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    /// Digits after the decimal point: none for the yen and the won, two for the rest we know.
    pub fn exponent(&self) -> u32 {
        match self.0.as_str() {
            "JPY" | "KRW" => 0,
            _ => 2,
        }
    }

    /// The sign written beside an amount in `locale`, or the code where the locale has none.
    fn symbol(&self, locale: Locale) -> &str {
        match (self.0.as_str(), locale) {
            ("RUB", Locale::Ru) => "₽",
            ("USD", _) => "$",
            ("EUR", _) => "€",
            ("GBP", _) => "£",
            (code, _) => code,
        }
    }
}

impl TryFrom<String> for Currency {
    type Error = PlanError;

    fn try_from(s: String) -> Result<Self, PlanError> {
        if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(s))
        } else {
            Err(PlanError::Currency(s))
        }
    }
}

impl From<Currency> for String {
    fn from(c: Currency) -> Self {
        c.0
    }
}

/// An amount in a currency's minor units (kopecks, cents). Never a float.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// The amount as people read it in `locale`: "1 990 ₽" and "1 990,50 ₽" in Russian,
    /// "RUB 1,990" and "$1,990.50" in English. Kopecks show only when there are some.
    pub fn display(&self, locale: Locale) -> String {
        let exp = self.currency.exponent();
        let unit = 10_i64.pow(exp);
        let negative = self.minor < 0;
        let abs = self.minor.unsigned_abs();
        let (whole, fraction) = (abs / unit.unsigned_abs(), abs % unit.unsigned_abs());
        let (group, point) = match locale {
            Locale::Ru => ('\u{a0}', ','),
            Locale::En => (',', '.'),
        };
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(d);
        }
        if fraction > 0 {
            grouped.push(point);
            grouped.push_str(&format!("{fraction:0width$}", width = exp as usize));
        }
        let sign = if negative { "−" } else { "" };
        let symbol = self.currency.symbol(locale);
        match locale {
            Locale::Ru => format!("{sign}{grouped}\u{a0}{symbol}"),
            Locale::En if symbol.len() == 3 && symbol == self.currency.code() => {
                format!("{sign}{symbol}\u{a0}{grouped}")
            }
            Locale::En => format!("{sign}{symbol}{grouped}"),
        }
    }
}

/// How often a subscription is paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Month,
    Year,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "month" => Some(Self::Month),
            "year" => Some(Self::Year),
            _ => None,
        }
    }

    /// `n` periods as a calendar span.
    fn times(self, n: i64) -> Span {
        match self {
            Self::Month => n.months(),
            Self::Year => n.years(),
        }
    }
}

/// A paid term: from its first day up to, not including, `end`, the first day of the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub start: Date,
    pub end: Date,
}

impl Term {
    /// Its length in days.
    pub fn days(&self) -> i64 {
        i64::from((self.end - self.start).get_days())
    }
}

/// Term `n` (from 0) of a subscription that began on `anchor`. Every term counts from the
/// anchor, so a subscription begun on 31 January runs to 28 (or 29) February, then to 31
/// March: the 31st clamps to a shorter month's last day and comes back after it. A year's
/// term ends on the same date next year (29 February clamps to the 28th).
pub fn term(anchor: Date, period: Period, n: u32) -> Result<Term, PlanError> {
    let at = |k: i64| {
        anchor
            .checked_add(period.times(k))
            .map_err(|_| PlanError::OutOfRange)
    };
    Ok(Term {
        start: at(i64::from(n))?,
        end: at(i64::from(n) + 1)?,
    })
}

/// The term that `day` falls in, and its number; the first term for a day before the anchor.
pub fn term_on(anchor: Date, period: Period, day: Date) -> Result<(u32, Term), PlanError> {
    // A first guess from the calendar, then a step either way.
    let years = i32::from(day.year()) - i32::from(anchor.year());
    let guess = match period {
        Period::Month => years * 12 + i32::from(day.month()) - i32::from(anchor.month()),
        Period::Year => years,
    };
    let mut n = u32::try_from(guess).unwrap_or(0);
    loop {
        let t = term(anchor, period, n)?;
        if day < t.start && n > 0 {
            n -= 1;
        } else if day >= t.end {
            n += 1;
        } else {
            return Ok((n, t));
        }
    }
}

/// What is given back for the part of `term` not yet used on `today`, paid `price`: the
/// price times the whole days left over the term's days, rounded down. `today` counts as
/// used; nothing is given back after the term, all of it before.
pub fn unused_credit(price: i64, term: Term, today: Date) -> i64 {
    let total = term.days();
    if total <= 0 || price <= 0 {
        return 0;
    }
    let left = if today < term.start {
        total
    } else {
        (i64::from((term.end - today).get_days()) - 1).clamp(0, total)
    };
    let credit = i128::from(price) * i128::from(left) / i128::from(total);
    i64::try_from(credit).unwrap_or(price)
}

/// A plan switch worked out: the unused part of the current term comes back as credit, the
/// credit and the balance pay for the new term first, the card the rest, and what the credit
/// leaves over stays as the balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switch {
    /// The unused part of the current term.
    pub credit: i64,
    /// Of the new term's price, what the balance and the credit pay.
    pub covered: i64,
    /// What the card is charged.
    pub charge: i64,
    /// The workspace's balance afterwards.
    pub balance: i64,
}

/// Switches from a term paid `paid` to a new term priced `new_price`, on `today`, with the
/// workspace's `balance`. In integers throughout: `balance + credit + charge` is always
/// `new_price + balance afterwards`, so no switch makes or loses money.
pub fn switch(balance: i64, paid: i64, current: Term, today: Date, new_price: i64) -> Switch {
    let credit = unused_credit(paid, current, today);
    let available = balance.max(0) + credit;
    let new_price = new_price.max(0);
    let covered = available.min(new_price);
    Switch {
        credit,
        covered,
        charge: new_price - covered,
        balance: available - covered,
    }
}

/// What a plan offers beyond counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    RunMode,
    Exports,
    PublicLinks,
    CustomFields,
}

impl Feature {
    pub const ALL: [Feature; 4] = [
        Self::RunMode,
        Self::Exports,
        Self::PublicLinks,
        Self::CustomFields,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::RunMode => "run_mode",
            Self::Exports => "exports",
            Self::PublicLinks => "public_links",
            Self::CustomFields => "custom_fields",
        }
    }
}

/// What a plan counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    /// Sessions not archived; a session of several days counts once.
    ActiveSessions,
    /// People a session is shared with, its owner aside.
    CollaboratorsPerSession,
    /// Members of a team workspace, its owner included.
    TeamMembers,
    /// Stored files, session content, versions and library items, in megabytes.
    StorageMb,
    /// Methods in the workspace's private library.
    PrivateMethods,
    /// Days of version history kept.
    HistoryDays,
}

impl Limit {
    pub const ALL: [Limit; 6] = [
        Self::ActiveSessions,
        Self::CollaboratorsPerSession,
        Self::TeamMembers,
        Self::StorageMb,
        Self::PrivateMethods,
        Self::HistoryDays,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ActiveSessions => "active_sessions",
            Self::CollaboratorsPerSession => "collaborators_per_session",
            Self::TeamMembers => "team_members",
            Self::StorageMb => "storage_mb",
            Self::PrivateMethods => "private_methods",
            Self::HistoryDays => "history_days",
        }
    }
}

/// A plan's limits: a count for each [`Limit`] (none for no limit) and its features.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub active_sessions: Option<u64>,
    pub collaborators_per_session: Option<u64>,
    pub team_members: Option<u64>,
    pub storage_mb: Option<u64>,
    pub private_methods: Option<u64>,
    pub history_days: Option<u64>,
    /// The features the plan has; none when left out.
    #[serde(default)]
    pub features: Vec<Feature>,
}

/// Going over a limit: which, how much is used and the most allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("plan limit {}: {used} used of {max}", limit.as_str())]
pub struct OverLimit {
    pub limit: Limit,
    pub used: u64,
    pub max: u64,
}

impl Limits {
    /// No limit and every feature: a plan when billing is off.
    pub fn unlimited() -> Self {
        Self {
            features: Feature::ALL.to_vec(),
            ..Self::default()
        }
    }

    /// The most `limit` allows, if anything.
    pub fn max(&self, limit: Limit) -> Option<u64> {
        match limit {
            Limit::ActiveSessions => self.active_sessions,
            Limit::CollaboratorsPerSession => self.collaborators_per_session,
            Limit::TeamMembers => self.team_members,
            Limit::StorageMb => self.storage_mb,
            Limit::PrivateMethods => self.private_methods,
            Limit::HistoryDays => self.history_days,
        }
    }

    /// Whether `adding` more fits beside `used` under `limit`. The one check every limit
    /// goes through; the caller counts `used` in the transaction that adds.
    pub fn allows(&self, limit: Limit, used: u64, adding: u64) -> Result<(), OverLimit> {
        match self.max(limit) {
            Some(max) if used.saturating_add(adding) > max => Err(OverLimit { limit, used, max }),
            _ => Ok(()),
        }
    }

    pub fn has(&self, feature: Feature) -> bool {
        self.features.contains(&feature)
    }
}

/// A plan's price in one currency, per month and per year, in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub currency: Currency,
    pub monthly: i64,
    pub annual: i64,
}

impl Price {
    pub fn for_period(&self, period: Period) -> Money {
        let minor = match period {
            Period::Month => self.monthly,
            Period::Year => self.annual,
        };
        Money::new(minor, self.currency.clone())
    }
}

/// A plan's name in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    pub en: String,
    pub ru: String,
}

/// A subscription plan, as configuration gives it (`[[plans]]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Stable: subscriptions refer to it.
    pub id: String,
    pub name: Names,
    /// No prices: a free plan.
    #[serde(default)]
    pub prices: Vec<Price>,
    #[serde(default)]
    pub limits: Limits,
}

impl Plan {
    pub fn name(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.name.en,
            Locale::Ru => &self.name.ru,
        }
    }

    pub fn is_free(&self) -> bool {
        self.prices.iter().all(|p| p.monthly == 0 && p.annual == 0)
    }

    pub fn price(&self, currency: &Currency) -> Option<&Price> {
        self.prices.iter().find(|p| &p.currency == currency)
    }
}

/// Why plans from configuration, or a date, cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("a currency is three capital letters, as in ISO 4217 (got {0:?})")]
    Currency(String),
    #[error("no plans: at least a free one is needed")]
    NoPlans,
    #[error("the first plan is the one every workspace starts on, so it must be free ({0} is not)")]
    FirstNotFree(String),
    #[error("plan id {0:?} appears twice")]
    DuplicateId(String),
    #[error("plan id {0:?} is not lower-case letters, digits and dashes")]
    BadId(String),
    #[error("plan {0}: a price is negative, or an annual price is missing for a monthly one")]
    BadPrice(String),
    #[error("plan {0}: a currency appears twice")]
    DuplicateCurrency(String),
    #[error("the date is out of range")]
    OutOfRange,
}

/// Checks plans from configuration: ids unique and plain, the first plan free (every
/// workspace starts on it, and drops back to it), prices not negative and in each currency
/// once, a paid plan priced both monthly and annually.
pub fn validate(plans: &[Plan]) -> Result<(), PlanError> {
    let first = plans.first().ok_or(PlanError::NoPlans)?;
    if !first.is_free() {
        return Err(PlanError::FirstNotFree(first.id.clone()));
    }
    let mut ids = std::collections::HashSet::new();
    for plan in plans {
        let plain = !plan.id.is_empty()
            && plan
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !plain {
            return Err(PlanError::BadId(plan.id.clone()));
        }
        if !ids.insert(plan.id.as_str()) {
            return Err(PlanError::DuplicateId(plan.id.clone()));
        }
        let mut currencies = std::collections::HashSet::new();
        for p in &plan.prices {
            if p.monthly < 0 || p.annual < 0 || (p.monthly > 0) != (p.annual > 0) {
                return Err(PlanError::BadPrice(plan.id.clone()));
            }
            if !currencies.insert(&p.currency) {
                return Err(PlanError::DuplicateCurrency(plan.id.clone()));
            }
        }
    }
    Ok(())
}

/// The plans Plenary ships: Basic (free), Pro and Team, priced in roubles.
pub fn default_plans() -> Vec<Plan> {
    let rub = |monthly: i64, annual: i64| {
        vec![Price {
            currency: Currency::rub(),
            monthly,
            annual,
        }]
    };
    vec![
        Plan {
            id: "basic".into(),
            name: Names {
                en: "Basic".into(),
                ru: "Базовый".into(),
            },
            prices: Vec::new(),
            limits: Limits {
                active_sessions: Some(10),
                collaborators_per_session: Some(2),
                team_members: Some(3),
                storage_mb: Some(200),
                private_methods: Some(20),
                history_days: Some(7),
                features: vec![Feature::Exports, Feature::PublicLinks],
            },
        },
        Plan {
            id: "pro".into(),
            name: Names {
                en: "Pro".into(),
                ru: "Про".into(),
            },
            // 990 ₽ a month; a year for ten months' price.
            prices: rub(99_000, 990_000),
            limits: Limits {
                active_sessions: None,
                collaborators_per_session: Some(20),
                team_members: Some(3),
                storage_mb: Some(5_120),
                private_methods: None,
                history_days: Some(365),
                features: Feature::ALL.to_vec(),
            },
        },
        Plan {
            id: "team".into(),
            name: Names {
                en: "Team".into(),
                ru: "Команда".into(),
            },
            prices: rub(249_000, 2_490_000),
            limits: Limits {
                active_sessions: None,
                collaborators_per_session: None,
                team_members: Some(25),
                storage_mb: Some(51_200),
                private_methods: None,
                history_days: None,
                features: Feature::ALL.to_vec(),
            },
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn a_month_from_the_31st_clamps_to_a_short_months_end_and_comes_back_after_it() {
        let anchor = date(2027, 1, 31);
        let ends: Vec<Date> = (0..4)
            .map(|n| term(anchor, Period::Month, n).expect("in range").end)
            .collect();
        assert_eq!(
            ends,
            [
                date(2027, 2, 28),
                date(2027, 3, 31),
                date(2027, 4, 30),
                date(2027, 5, 31)
            ]
        );
        let leap = term(date(2028, 1, 31), Period::Month, 0).expect("in range");
        assert_eq!(leap.end, date(2028, 2, 29));
        let year = term(date(2028, 2, 29), Period::Year, 0).expect("in range");
        assert_eq!(year.end, date(2029, 2, 28));
        assert_eq!(
            term(date(2028, 2, 29), Period::Year, 3)
                .expect("in range")
                .start,
            date(2031, 2, 28)
        );
        assert_eq!(
            term(date(2028, 2, 29), Period::Year, 4)
                .expect("in range")
                .start,
            date(2032, 2, 29)
        );
    }

    #[test]
    fn the_credit_counts_whole_days_left_and_rounds_down() {
        let t = Term {
            start: date(2027, 3, 1),
            end: date(2027, 4, 1),
        };
        assert_eq!(t.days(), 31);
        assert_eq!(unused_credit(31_000, t, date(2027, 2, 20)), 31_000);
        // On the first day, that day is used: 30 of 31 left.
        assert_eq!(unused_credit(31_000, t, date(2027, 3, 1)), 30_000);
        assert_eq!(unused_credit(31_000, t, date(2027, 3, 31)), 0);
        assert_eq!(unused_credit(31_000, t, date(2027, 5, 1)), 0);
        assert_eq!(unused_credit(100, t, date(2027, 3, 16)), 48); // 15 × 100 / 31 = 48.4
    }

    #[test]
    fn an_upgrade_charges_the_difference_and_a_downgrade_keeps_the_rest_as_balance() {
        let t = Term {
            start: date(2027, 3, 1),
            end: date(2027, 4, 1),
        };
        let mid = date(2027, 3, 16); // 15 of 31 days left
        let up = switch(0, 99_000, t, mid, 990_000);
        assert_eq!(up.credit, 47_903);
        assert_eq!((up.covered, up.charge, up.balance), (47_903, 942_097, 0));
        let down = switch(1_000, 990_000, t, mid, 99_000);
        assert_eq!(down.credit, 479_032);
        assert_eq!((down.charge, down.balance), (0, 381_032));
    }

    #[test]
    fn a_limit_allows_up_to_its_count_and_names_what_is_used() {
        let basic = &default_plans()[0].limits;
        assert_eq!(basic.allows(Limit::ActiveSessions, 9, 1), Ok(()));
        assert_eq!(
            basic.allows(Limit::ActiveSessions, 10, 1),
            Err(OverLimit {
                limit: Limit::ActiveSessions,
                used: 10,
                max: 10
            })
        );
        assert!(!basic.has(Feature::RunMode));
        let all = Limits::unlimited();
        assert_eq!(all.allows(Limit::ActiveSessions, u64::MAX, 1), Ok(()));
        assert!(Feature::ALL.iter().all(|f| all.has(*f)));
    }

    #[test]
    fn limits_left_out_of_a_plan_are_no_limit_and_features_left_out_are_none() {
        let limits: Limits =
            serde_json::from_str(r#"{ "active_sessions": 1 }"#).expect("limits without features");
        assert_eq!(limits.max(Limit::ActiveSessions), Some(1));
        assert_eq!(limits.max(Limit::StorageMb), None);
        assert!(Feature::ALL.iter().all(|f| !limits.has(*f)));
        assert!(serde_json::from_str::<Limits>(r#"{ "sessions": 1 }"#).is_err());
    }

    #[test]
    fn the_shipped_plans_are_valid_and_bad_ones_are_refused_with_the_reason() {
        let plans = default_plans();
        assert_eq!(validate(&plans), Ok(()));
        assert_eq!(validate(&[]), Err(PlanError::NoPlans));
        assert_eq!(
            validate(&plans[1..]),
            Err(PlanError::FirstNotFree("pro".into()))
        );
        let mut twice = plans.clone();
        twice[2].id = "pro".into();
        assert_eq!(validate(&twice), Err(PlanError::DuplicateId("pro".into())));
        let mut monthly_only = plans.clone();
        monthly_only[1].prices[0].annual = 0;
        assert_eq!(
            validate(&monthly_only),
            Err(PlanError::BadPrice("pro".into()))
        );
        assert!(Currency::try_from("rub".to_owned()).is_err());
    }

    #[test]
    fn money_reads_as_each_language_writes_it() {
        let rub = |m| Money::new(m, Currency::rub());
        assert_eq!(rub(99_000).display(Locale::Ru), "990\u{a0}₽");
        assert_eq!(
            rub(249_000_050).display(Locale::Ru),
            "2\u{a0}490\u{a0}000,50\u{a0}₽"
        );
        assert_eq!(rub(99_000).display(Locale::En), "RUB\u{a0}990");
        assert_eq!(
            rub(123_456_789).display(Locale::En),
            "RUB\u{a0}1,234,567.89"
        );
        let usd = Money::new(1_999, Currency::try_from("USD".to_owned()).expect("USD"));
        assert_eq!(usd.display(Locale::En), "$19.99");
        assert_eq!(usd.display(Locale::Ru), "19,99\u{a0}$");
        let yen = Money::new(1_500, Currency::try_from("JPY".to_owned()).expect("JPY"));
        assert_eq!(yen.display(Locale::En), "JPY\u{a0}1,500");
        assert_eq!(rub(-5_000).display(Locale::Ru), "−50\u{a0}₽");
    }

    fn day() -> impl Strategy<Value = Date> {
        (2000_i16..2100, 1_i8..=12, 1_i8..=31).prop_map(|(y, m, d)| {
            let last = date(y, m, 1).days_in_month();
            date(y, m, d.min(last))
        })
    }

    fn period() -> impl Strategy<Value = Period> {
        prop_oneof![Just(Period::Month), Just(Period::Year)]
    }

    proptest! {
        #[test]
        fn terms_follow_one_another_without_gap_or_overlap_and_keep_the_anchors_day(
            anchor in day(), period in period(), n in 0_u32..400,
        ) {
            let t = term(anchor, period, n).expect("in range");
            let next = term(anchor, period, n + 1).expect("in range");
            prop_assert_eq!(t.end, next.start);
            let days = t.days();
            match period {
                Period::Month => prop_assert!((28..=31).contains(&days), "{days}"),
                Period::Year => prop_assert!((365..=366).contains(&days), "{days}"),
            }
            // The anchor's day, or the month's last when the month is shorter.
            prop_assert_eq!(t.end.day(), anchor.day().min(t.end.days_in_month()));
            prop_assert_eq!(term_on(anchor, period, t.start).expect("found"), (n, t));
            prop_assert_eq!(
                term_on(anchor, period, t.end.yesterday().expect("a day")).expect("found"),
                (n, t)
            );
        }

        #[test]
        fn the_credit_never_exceeds_the_price_and_shrinks_as_the_term_goes_by(
            anchor in day(), period in period(), price in 0_i64..10_000_000_000, a in 0_i32..400, b in 0_i32..400,
        ) {
            let t = term(anchor, period, 0).expect("in range");
            let (early, late) = (a.min(b), a.max(b));
            let on = |k: i32| anchor.checked_add(k.days()).expect("in range");
            let (c1, c2) = (unused_credit(price, t, on(early)), unused_credit(price, t, on(late)));
            prop_assert!(0 <= c2 && c2 <= c1 && c1 <= price, "{c1} {c2} {price}");
        }

        #[test]
        fn no_sequence_of_switches_makes_or_loses_money(
            anchor in day(),
            steps in proptest::collection::vec((0_i32..60, 0_i64..5_000_000, period()), 1..30),
            first in 0_i64..5_000_000,
        ) {
            // A workspace pays `first` for a term, then switches plan now and then; what the
            // card paid and the balance left must equal what was used plus what is paid ahead.
            let mut today = anchor;
            let mut current = term(anchor, Period::Month, 0).expect("in range");
            let mut paid = first;
            let (mut card, mut balance, mut used) = (first, 0_i64, 0_i64);
            for (after, price, period) in steps {
                today = today.checked_add(after.days()).expect("in range");
                let s = switch(balance, paid, current, today, price);
                prop_assert!(s.charge >= 0 && s.balance >= 0 && s.covered >= 0);
                prop_assert_eq!(balance + s.credit + s.charge, price + s.balance);
                used += paid - s.credit;
                card += s.charge;
                balance = s.balance;
                paid = price;
                current = term(today, period, 0).expect("in range");
            }
            // The card paid for what was used, the current term and the balance: not a
            // kopeck more or less.
            prop_assert_eq!(card, used + paid + balance);
        }
    }
}
