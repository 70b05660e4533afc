//! `/admin/analytics`: the first-party counts of the visitors who allowed analytics, as two
//! bar charts (drawn here as SVG, with the same figures in a table) and the most used pages
//! and features.

use super::super::{Chrome, render};
use crate::auth::{Admin, Viewer};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use store::UsageKind;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/analytics", get(analytics))
}

/// The chart's drawing area, in SVG units.
const WIDTH: i64 = 600;
const HEIGHT: i64 = 160;

/// One day's bar.
pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub day: String,
    pub hits: i64,
}

/// A chart of one kind over the period: a bar per day, the largest day filling the height.
pub struct Chart {
    pub heading: String,
    pub summary: String,
    pub bars: Vec<Bar>,
    pub total: i64,
}

fn chart(tr: Tr, kind: UsageKind, first: i64, days: i64, counts: &[(i64, i64)]) -> Chart {
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let slot = WIDTH / days;
    let bars = (0..days)
        .map(|i| {
            let day = first + i;
            let hits = counts.iter().find(|c| c.0 == day).map_or(0, |c| c.1);
            let height = hits * HEIGHT / max;
            let date = jiff::Timestamp::from_millisecond(day * 86_400_000)
                .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())
                .unwrap_or_default();
            Bar {
                x: i * slot,
                y: HEIGHT - height,
                width: (slot - 2).max(1),
                height,
                day: tr.date(date),
                hits,
            }
        })
        .collect();
    let total: i64 = counts.iter().map(|c| c.1).sum();
    let key = kind.as_str();
    let summary = if total == 0 {
        tr.tn(&format!("analytics-{key}-empty"), "days", days)
    } else {
        tr.args(
            &format!("analytics-{key}-summary"),
            &[
                ("total", total.into()),
                ("days", days.into()),
                ("max", max.into()),
            ],
        )
    };
    Chart {
        heading: tr.t(&format!("analytics-{key}-heading")),
        summary,
        bars,
        total,
    }
}

#[derive(Template)]
#[template(path = "admin_analytics.html")]
struct AnalyticsPage {
    c: Chrome,
    days: i64,
    charts: Vec<Chart>,
    /// The most used pages, then features: a heading and its rows.
    tops: Vec<(String, Vec<(String, i64)>)>,
}

#[derive(Deserialize)]
struct Period {
    days: Option<i64>,
}

async fn analytics(
    State(state): State<AppState>,
    _admin: Admin,
    viewer: Viewer,
    Query(p): Query<Period>,
) -> Result<Response, AppError> {
    let tr = viewer.tr;
    let days = match p.days {
        Some(7) => 7,
        Some(90) => 90,
        _ => 30,
    };
    let today = crate::usage::day_of(store::now_ms());
    let first = today - days + 1;
    let mut charts = Vec::new();
    for kind in [UsageKind::Page, UsageKind::Feature] {
        let counts = state.store.usage_by_day(kind, first, today).await?;
        charts.push(chart(tr, kind, first, days, &counts));
    }
    Ok(render(&AnalyticsPage {
        c: Chrome::new(&viewer, "/admin/analytics"),
        days,
        charts,
        tops: vec![
            (
                tr.t("analytics-top-pages"),
                state.store.usage_top(UsageKind::Page, first, 20).await?,
            ),
            (
                tr.t("analytics-top-features"),
                state.store.usage_top(UsageKind::Feature, first, 20).await?,
            ),
        ],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Locale;

    #[test]
    fn the_busiest_day_fills_the_chart_and_days_without_hits_are_empty_bars() {
        let chart = chart(
            Tr::new(Locale::En),
            UsageKind::Page,
            100,
            3,
            &[(100, 4), (102, 8)],
        );
        let heights: Vec<i64> = chart.bars.iter().map(|b| b.height).collect();
        assert_eq!(heights, vec![HEIGHT / 2, 0, HEIGHT]);
        assert_eq!(chart.bars[2].y, 0);
        assert_eq!(chart.bars[1].y, HEIGHT);
        assert_eq!(chart.total, 12);
        assert_eq!(chart.bars[0].x, 0);
        assert_eq!(chart.bars[1].x, WIDTH / 3);
    }
}
