//! Timing of a session's flow: when every block starts and ends, in wall-clock time of the
//! session's time zone.
//!
//! Each day starts at its start time and a block starts when the one before it ends. Notes
//! and sections take no time; a section's subtotal is the time of the blocks under it. A
//! block with a pinned start begins at that time, and the difference from where the flow had
//! got to is a conflict: a gap (the flow ends early) or an overlap (it runs late). A day with
//! an end time shows how far its last block runs past it.
//!
//! Durations are real elapsed minutes, so a 90-minute block that spans a daylight-saving
//! change still lasts 90 minutes; its wall-clock end shows the shifted hour.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan, Zoned};

/// What a block is, for timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Activity,
    Break,
    Note,
    Section,
    Day,
}

impl Kind {
    /// True for the kinds that take time in the flow.
    pub fn takes_time(self) -> bool {
        matches!(self, Self::Activity | Self::Break)
    }
}

/// Where and when a session starts.
#[derive(Debug, Clone)]
pub struct Clock {
    pub first_date: Date,
    pub start: Time,
    pub end: Option<Time>,
    pub time_zone: TimeZone,
}

/// One block as timing needs it, in flow order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    /// Minutes; ignored for notes, sections and days.
    pub minutes: u32,
    /// A start time pinned by the facilitator, on the block's day.
    pub pinned: Option<Time>,
    /// For a `day`: its date (default: the day after the previous one).
    pub date: Option<Date>,
    /// For a `day`: its start time (default: the session's).
    pub day_start: Option<Time>,
    /// For a `day`: its optional end time (default: the session's).
    pub day_end: Option<Time>,
}

impl Item {
    pub fn new(kind: Kind, minutes: u32) -> Self {
        Self {
            kind,
            minutes,
            pinned: None,
            date: None,
            day_start: None,
            day_end: None,
        }
    }
}

/// Where a pinned block stands against the flow before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// The flow before it ends this many minutes before the pinned start.
    Gap(i64),
    /// The flow before it runs this many minutes past the pinned start.
    Overlap(i64),
}

/// The computed times of one block.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub start: Zoned,
    pub end: Zoned,
    /// Which day (0-based) the block belongs to.
    pub day: usize,
    /// The section (index of the section block) the block is under, if any.
    pub section: Option<usize>,
    pub conflict: Option<Conflict>,
}

impl Slot {
    pub fn minutes(&self) -> i64 {
        minutes_between(self.start.timestamp(), self.end.timestamp())
    }
}

/// One day of the flow.
#[derive(Debug, Clone, PartialEq)]
pub struct DayTotal {
    /// The index of its `day` block; `None` for the first day when no `day` block opens it.
    pub block: Option<usize>,
    pub date: Date,
    pub start: Zoned,
    pub end: Zoned,
    /// Minutes of activities and breaks.
    pub minutes: i64,
    /// Minutes past the day's end time, when it has one and runs past it.
    pub overrun: Option<i64>,
}

/// The schedule of a whole session.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// One slot per item, in the same order.
    pub slots: Vec<Slot>,
    /// (section item index, minutes of the blocks under it).
    pub sections: Vec<(usize, i64)>,
    pub days: Vec<DayTotal>,
    /// Minutes of activities and breaks across all days.
    pub total_minutes: i64,
}

fn minutes_between(a: Timestamp, b: Timestamp) -> i64 {
    (b.as_second() - a.as_second()).div_euclid(60)
}

/// The instant of a wall-clock time on a date in `tz`. A time skipped by a daylight-saving
/// change is moved forward; an ambiguous one takes its earlier occurrence.
fn at(date: Date, time: Time, tz: &TimeZone) -> Zoned {
    let civil = DateTime::from_parts(date, time);
    tz.to_ambiguous_zoned(civil)
        .compatible()
        .unwrap_or_else(|_| Timestamp::UNIX_EPOCH.to_zoned(tz.clone()))
}

fn plus_minutes(z: &Zoned, minutes: i64) -> Zoned {
    let ts = z
        .timestamp()
        .checked_add(minutes.minutes())
        .unwrap_or(z.timestamp());
    ts.to_zoned(z.time_zone().clone())
}

/// When every block of `session` starts and ends, with its day and section totals, the gaps
/// and overlaps before pinned blocks, and the days that run past their end.
pub fn schedule_of(
    session: &crate::session::Session,
    blocks: &[crate::session::Block],
) -> Schedule {
    let items: Vec<Item> = blocks.iter().map(crate::session::Block::item).collect();
    schedule(&session.clock(), &items)
}

/// Computes when every item starts and ends. A `day` block first in the flow opens the first
/// day (with its own date and times); every other `day` block starts a new day.
pub fn schedule(clock: &Clock, items: &[Item]) -> Schedule {
    let tz = &clock.time_zone;
    let mut slots = Vec::with_capacity(items.len());
    let mut sections: Vec<(usize, i64)> = Vec::new();
    let mut days: Vec<DayTotal> = Vec::new();
    let mut limits: Vec<Option<Zoned>> = Vec::new();
    let mut total = 0;
    let mut date = clock.first_date;
    let mut section: Option<usize> = None;

    let mut open_day = |block: Option<usize>,
                        date: Date,
                        start: Time,
                        end: Option<Time>,
                        days: &mut Vec<DayTotal>| {
        let begin = at(date, start, tz);
        limits.push(end.map(|e| at(date, e, tz)));
        days.push(DayTotal {
            block,
            date,
            start: begin.clone(),
            end: begin.clone(),
            minutes: 0,
            overrun: None,
        });
        begin
    };
    let mut now = if items.first().is_none_or(|it| it.kind != Kind::Day) {
        open_day(None, date, clock.start, clock.end, &mut days)
    } else {
        at(date, clock.start, tz)
    };

    for (i, item) in items.iter().enumerate() {
        match item.kind {
            Kind::Day => {
                if i > 0 {
                    date = item.date.unwrap_or_else(|| date.tomorrow().unwrap_or(date));
                } else if let Some(d) = item.date {
                    date = d;
                }
                let start = item.day_start.unwrap_or(clock.start);
                now = open_day(Some(i), date, start, item.day_end.or(clock.end), &mut days);
                section = None;
                slots.push(Slot {
                    start: now.clone(),
                    end: now.clone(),
                    day: days.len() - 1,
                    section: None,
                    conflict: None,
                });
            }
            Kind::Section => {
                section = Some(i);
                sections.push((i, 0));
                slots.push(Slot {
                    start: now.clone(),
                    end: now.clone(),
                    day: days.len() - 1,
                    section: None,
                    conflict: None,
                });
            }
            Kind::Activity | Kind::Break | Kind::Note => {
                let mut conflict = None;
                if let Some(pinned) = item.pinned {
                    let target = at(date, pinned, tz);
                    conflict = match minutes_between(now.timestamp(), target.timestamp()) {
                        d if d > 0 => Some(Conflict::Gap(d)),
                        d if d < 0 => Some(Conflict::Overlap(-d)),
                        _ => None,
                    };
                    now = target;
                }
                let minutes = if item.kind.takes_time() {
                    i64::from(item.minutes)
                } else {
                    0
                };
                let start = now.clone();
                now = plus_minutes(&start, minutes);
                total += minutes;
                if let Some(day) = days.last_mut() {
                    day.minutes += minutes;
                    day.end = now.clone();
                }
                if let (Some(_), Some(s)) = (section, sections.last_mut()) {
                    s.1 += minutes;
                }
                slots.push(Slot {
                    start,
                    end: now.clone(),
                    day: days.len() - 1,
                    section,
                    conflict,
                });
            }
        }
    }

    for (day, limit) in days.iter_mut().zip(&limits) {
        if let Some(limit) = limit {
            let over = minutes_between(limit.timestamp(), day.end.timestamp());
            day.overrun = (over > 0).then_some(over);
        }
    }
    Schedule {
        slots,
        sections,
        days,
        total_minutes: total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};
    use proptest::prelude::*;

    fn clock(tz: &str) -> Clock {
        Clock {
            first_date: date(2026, 3, 10),
            start: time(9, 0, 0, 0),
            end: None,
            time_zone: TimeZone::get(tz).expect("zone"),
        }
    }

    fn hm(z: &Zoned) -> String {
        z.strftime("%Y-%m-%d %H:%M").to_string()
    }

    fn activity(minutes: u32) -> Item {
        Item::new(Kind::Activity, minutes)
    }

    fn block(kind: crate::session::BlockKind, minutes: u32) -> crate::session::Block {
        crate::session::Block {
            id: crate::BlockId::new(),
            kind,
            order_key: String::new(),
            title: String::new(),
            description: String::new(),
            minutes,
            category: None,
            group_format: None,
            lead: String::new(),
            materials: Vec::new(),
            goals: Vec::new(),
            notes: String::new(),
            pinned_start: None,
            day_date: None,
            day_start: None,
            day_end: None,
            card_image: None,
            method: None,
            illustration: None,
            values: Vec::new(),
        }
    }

    #[test]
    fn a_stored_session_and_its_blocks_are_timed_in_the_sessions_zone_with_pins_days_and_overruns()
    {
        use crate::session::{BlockKind, LocationKind, Session, SessionStatus};
        let session = Session {
            id: crate::SessionId::new(),
            workspace_id: crate::WorkspaceId::new(),
            title: "Offsite".into(),
            description: String::new(),
            goals: Vec::new(),
            first_date: date(2026, 3, 28),
            start_time: time(9, 0, 0, 0),
            end_time: Some(time(10, 0, 0, 0)),
            time_zone: crate::TimeZoneName::parse("Europe/Berlin").expect("zone"),
            location_kind: LocationKind::InPerson,
            location: String::new(),
            participants: None,
            language: crate::Locale::En,
            tags: Vec::new(),
            status: SessionStatus::Draft,
            version: 0,
            created_at: 0,
            updated_at: 0,
            folder: String::new(),
            archived: false,
            held: false,
            custom_fields: Vec::new(),
            cover_image: None,
            deleted_at: None,
        };
        let mut pinned = block(BlockKind::Break, 15);
        pinned.pinned_start = Some(time(10, 0, 0, 0));
        let mut day = block(BlockKind::Day, 0);
        day.day_start = Some(time(1, 30, 0, 0));
        let blocks = [
            block(BlockKind::Section, 0),
            block(BlockKind::Activity, 45),
            pinned,
            day,
            block(BlockKind::Activity, 90),
        ];
        let s = schedule_of(&session, &blocks);
        assert_eq!(
            s.sections,
            vec![(0, 60)],
            "the section holds both timed blocks"
        );
        assert_eq!(s.slots[2].conflict, Some(Conflict::Gap(15)));
        assert_eq!(s.days[0].overrun, Some(15), "the first day ends at 10:00");
        // The second day is 29 March, when Berlin moves its clocks from 2:00 to 3:00.
        assert_eq!(hm(&s.slots[4].start), "2026-03-29 01:30");
        assert_eq!(hm(&s.slots[4].end), "2026-03-29 04:00");
        assert_eq!(s.total_minutes, 150);
    }

    #[test]
    fn each_block_starts_when_the_one_before_ends() {
        let s = schedule(
            &clock("Europe/Moscow"),
            &[activity(30), Item::new(Kind::Break, 15), activity(45)],
        );
        let times: Vec<(String, String)> =
            s.slots.iter().map(|x| (hm(&x.start), hm(&x.end))).collect();
        assert_eq!(
            times,
            vec![
                ("2026-03-10 09:00".into(), "2026-03-10 09:30".into()),
                ("2026-03-10 09:30".into(), "2026-03-10 09:45".into()),
                ("2026-03-10 09:45".into(), "2026-03-10 10:30".into()),
            ]
        );
        assert_eq!(s.total_minutes, 90);
        assert_eq!(s.days.len(), 1);
        assert_eq!(hm(&s.days[0].end), "2026-03-10 10:30");
    }

    #[test]
    fn notes_and_sections_take_no_time_and_sections_show_subtotals() {
        let mut note = Item::new(Kind::Note, 99);
        note.minutes = 99;
        let items = [
            Item::new(Kind::Section, 50),
            activity(20),
            note,
            activity(10),
            Item::new(Kind::Section, 0),
            activity(5),
        ];
        let s = schedule(&clock("UTC"), &items);
        assert_eq!(s.slots[2].minutes(), 0, "a note takes no time");
        assert_eq!(hm(&s.slots[3].start), "2026-03-10 09:20");
        assert_eq!(s.sections, vec![(0, 30), (4, 5)]);
        assert_eq!(s.slots[1].section, Some(0));
        assert_eq!(s.slots[5].section, Some(4));
        assert_eq!(s.total_minutes, 35);
    }

    #[test]
    fn a_day_block_starts_a_new_day_with_its_own_date_and_start() {
        let mut day2 = Item::new(Kind::Day, 0);
        day2.day_start = Some(time(10, 0, 0, 0));
        let mut day3 = Item::new(Kind::Day, 0);
        day3.date = Some(date(2026, 3, 20));
        let items = [activity(60), day2, activity(30), day3, activity(15)];
        let s = schedule(&clock("Europe/Berlin"), &items);
        assert_eq!(s.days.len(), 3);
        assert_eq!(
            hm(&s.slots[2].start),
            "2026-03-11 10:00",
            "the next day by default"
        );
        assert_eq!(
            hm(&s.slots[4].start),
            "2026-03-20 09:00",
            "its own date, the session's start"
        );
        assert_eq!(
            s.days.iter().map(|d| d.minutes).collect::<Vec<_>>(),
            vec![60, 30, 15]
        );
        assert_eq!(s.days[1].block, Some(1));
        assert_eq!(s.slots[2].day, 1);
    }

    #[test]
    fn a_day_block_first_in_the_flow_opens_the_first_day() {
        let mut day1 = Item::new(Kind::Day, 0);
        day1.date = Some(date(2026, 4, 1));
        day1.day_start = Some(time(8, 30, 0, 0));
        let s = schedule(&clock("UTC"), &[day1, activity(10)]);
        assert_eq!(s.days.len(), 1);
        assert_eq!(hm(&s.slots[1].start), "2026-04-01 08:30");
    }

    #[test]
    fn a_day_past_its_end_time_shows_the_overrun() {
        let mut c = clock("UTC");
        c.end = Some(time(10, 0, 0, 0));
        let s = schedule(&c, &[activity(45), activity(30)]);
        assert_eq!(s.days[0].overrun, Some(15));
        let s = schedule(&c, &[activity(45)]);
        assert_eq!(s.days[0].overrun, None);
    }

    #[test]
    fn a_pinned_block_shows_the_gap_or_overlap_before_it() {
        let mut lunch = Item::new(Kind::Break, 60);
        lunch.pinned = Some(time(12, 0, 0, 0));
        let s = schedule(&clock("UTC"), &[activity(120), lunch.clone(), activity(30)]);
        assert_eq!(s.slots[1].conflict, Some(Conflict::Gap(60)));
        assert_eq!(hm(&s.slots[1].start), "2026-03-10 12:00");
        assert_eq!(
            hm(&s.slots[2].start),
            "2026-03-10 13:00",
            "the flow continues from the pin"
        );
        let s = schedule(&clock("UTC"), &[activity(200), lunch.clone()]);
        assert_eq!(s.slots[1].conflict, Some(Conflict::Overlap(20)));
        let s = schedule(&clock("UTC"), &[activity(180), lunch]);
        assert_eq!(s.slots[1].conflict, None, "on time");
    }

    #[test]
    fn durations_are_real_minutes_across_a_daylight_saving_change() {
        // Europe/Berlin springs forward at 02:00 on 2026-03-29.
        let mut c = clock("Europe/Berlin");
        c.first_date = date(2026, 3, 29);
        c.start = time(1, 0, 0, 0);
        let s = schedule(&c, &[activity(90), activity(30)]);
        assert_eq!(
            hm(&s.slots[0].end),
            "2026-03-29 03:30",
            "90 real minutes from 01:00"
        );
        assert_eq!(hm(&s.slots[1].end), "2026-03-29 04:00");
        // A pinned time the change skips moves forward.
        let mut pinned = activity(10);
        pinned.pinned = Some(time(2, 30, 0, 0));
        let s = schedule(&c, &[pinned]);
        assert_eq!(hm(&s.slots[0].start), "2026-03-29 03:30");
        // Falling back on 2026-10-25: 03:00 comes twice; two hours from 01:30 end at 02:30.
        c.first_date = date(2026, 10, 25);
        c.start = time(1, 30, 0, 0);
        let s = schedule(&c, &[activity(120)]);
        assert_eq!(hm(&s.slots[0].end), "2026-10-25 02:30");
        assert_eq!(s.slots[0].minutes(), 120);
    }

    fn kind() -> impl Strategy<Value = Kind> {
        prop_oneof![
            4 => Just(Kind::Activity),
            2 => Just(Kind::Break),
            1 => Just(Kind::Note),
            1 => Just(Kind::Section),
            1 => Just(Kind::Day),
        ]
    }

    fn item() -> impl Strategy<Value = Item> {
        (
            kind(),
            0u32..=1440,
            proptest::option::weighted(0.1, (6u8..20, 0u8..60)),
        )
            .prop_map(|(k, m, pin)| {
                let mut it = Item::new(k, m);
                if matches!(k, Kind::Activity | Kind::Break | Kind::Note) {
                    it.pinned = pin.map(|(h, mi)| {
                        time(h.try_into().unwrap_or(9), mi.try_into().unwrap_or(0), 0, 0)
                    });
                }
                it
            })
    }

    proptest! {
        #[test]
        fn totals_add_up_and_the_flow_never_goes_back_without_a_pin(items in proptest::collection::vec(item(), 0..60)) {
            let s = schedule(&clock("Europe/London"), &items);
            prop_assert_eq!(s.slots.len(), items.len());
            let timed: i64 = items.iter().filter(|i| i.kind.takes_time()).map(|i| i64::from(i.minutes)).sum();
            prop_assert_eq!(s.total_minutes, timed);
            prop_assert_eq!(s.days.iter().map(|d| d.minutes).sum::<i64>(), timed);
            let sections: i64 = s.sections.iter().map(|(_, m)| m).sum();
            prop_assert!(sections <= timed);
            for (i, (slot, item)) in s.slots.iter().zip(&items).enumerate() {
                let expected = if item.kind.takes_time() { i64::from(item.minutes) } else { 0 };
                prop_assert_eq!(slot.minutes(), expected);
                if i > 0 && item.kind != Kind::Day && item.pinned.is_none() {
                    prop_assert_eq!(&slot.start, &s.slots[i - 1].end, "block {} starts when the one before ends", i);
                }
                if let Some(Conflict::Gap(m) | Conflict::Overlap(m)) = slot.conflict {
                    prop_assert!(m > 0);
                }
            }
            let day_blocks = items.iter().enumerate().filter(|(i, it)| it.kind == Kind::Day && *i > 0).count();
            let opened = usize::from(items.first().is_none_or(|it| it.kind != Kind::Day)) + items.iter().filter(|it| it.kind == Kind::Day).count();
            prop_assert_eq!(s.days.len(), opened);
            prop_assert!(day_blocks <= s.days.len());
        }
    }
}
