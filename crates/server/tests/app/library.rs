//! The starter library's files (crates/server/library/, format in FORMAT.md), as the binary
//! embeds them: every method and design parses, has English and Russian, uses the fixed
//! taxonomy, points at images and methods that exist, and loads idempotently.

use plenary_server::starter::{self, StarterDesign, StarterMethod};
use std::collections::BTreeSet;

const TAXONOMY: &[&str] = &[
    "check-in",
    "icebreaker",
    "energizer",
    "ideation",
    "prioritisation",
    "decision-making",
    "planning",
    "reflection",
    "retrospective",
    "team-building",
    "feedback",
    "closing",
];

fn check_image(name: &str, problems: &mut Vec<String>) {
    match starter::image(name).map(String::from_utf8_lossy) {
        Some(svg) => {
            if svg.len() > 3072
                || !svg.contains("role=\"img\"")
                || !svg.contains("<title>")
                || ["<script", "style=", "href=", "<text"]
                    .iter()
                    .any(|bad| svg.contains(bad))
            {
                problems.push(format!("{name}: breaks the image rules"));
            }
        }
        None => problems.push(format!("{name}: missing")),
    }
}

fn nonempty(texts: &[&str]) -> bool {
    texts.iter().all(|t| !t.trim().is_empty())
}

#[test]
fn every_starter_method_is_complete_in_english_and_russian() {
    let mut problems = Vec::new();
    let mut slugs = BTreeSet::new();
    let methods: Vec<StarterMethod> = starter::methods().expect("methods parse");
    for (m, (file, _)) in methods.iter().zip(starter::METHODS) {
        let stem = file.trim_end_matches(".toml");
        if m.slug != stem || !slugs.insert(m.slug.clone()) {
            problems.push(format!("{stem}: slug"));
        }
        if m.categories.is_empty()
            || m.categories.len() > 3
            || m.categories.iter().any(|c| !TAXONOMY.contains(&c.as_str()))
        {
            problems.push(format!("{stem}: categories"));
        }
        if m.duration_min > m.duration_max
            || m.group_min > m.group_max
            || !(m.in_person || m.online)
            || !["easy", "medium", "advanced"].contains(&m.complexity.as_str())
            || m.licence != "CC BY-SA 4.0"
            || m.source_url
                .as_ref()
                .is_some_and(|u| !u.starts_with("https://"))
        {
            problems.push(format!("{stem}: ranges, complexity, licence or source"));
        }
        for t in [&m.en, &m.ru] {
            if !nonempty(&[&t.title, &t.summary, &t.attribution])
                || t.goals.is_empty()
                || !(3..=8).contains(&t.steps.len())
                || t.tips.is_empty()
                || t.variations.is_empty()
                || t.materials
                    .iter()
                    .any(|x| x.name.trim().is_empty() || x.quantity == 0)
            {
                problems.push(format!("{stem}: incomplete text"));
            }
        }
        if m.en.steps.len() != m.ru.steps.len() {
            problems.push(format!(
                "{stem}: English and Russian steps differ in number"
            ));
        }
        let cyrillic = |t: &str| t.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        if !cyrillic(&m.ru.summary) || !m.ru.steps.iter().all(|s| cyrillic(s)) {
            problems.push(format!("{stem}: the Russian text is not Russian"));
        }
        check_image(&m.image, &mut problems);
    }
    assert!(
        slugs.len() >= 60,
        "at least 60 methods, found {}",
        slugs.len()
    );
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn every_starter_design_is_complete_and_uses_existing_methods() {
    let methods: BTreeSet<String> = starter::methods()
        .expect("methods parse")
        .into_iter()
        .map(|m| m.slug)
        .collect();
    let mut problems = Vec::new();
    let designs: Vec<StarterDesign> = starter::designs().expect("designs parse");
    for (d, (file, _)) in designs.iter().zip(starter::DESIGNS) {
        let stem = file.trim_end_matches(".toml");
        if d.slug != stem || d.licence != "CC BY-SA 4.0" {
            problems.push(format!("{stem}: slug or licence"));
        }
        for t in [&d.en, &d.ru] {
            if !nonempty(&[&t.title, &t.summary]) || t.goals.is_empty() {
                problems.push(format!("{stem}: incomplete text"));
            }
        }
        if !(6..=16).contains(&d.blocks.len()) {
            problems.push(format!("{stem}: {} blocks", d.blocks.len()));
        }
        for b in &d.blocks {
            if domain::session::BlockKind::parse(&b.kind).is_none()
                || !nonempty(&[&b.en, &b.ru])
                || b.minutes > domain::session::MINUTES_MAX
                || b.method.as_ref().is_some_and(|m| !methods.contains(m))
            {
                problems.push(format!("{stem}: block {}", b.en));
            }
        }
        check_image(&d.image, &mut problems);
    }
    assert!(
        designs.len() >= 10,
        "at least 10 designs, found {}",
        designs.len()
    );
    assert_eq!(problems, Vec::<String>::new());
}

#[tokio::test]
async fn the_starter_library_loads_once_and_a_second_load_writes_nothing() {
    let store = store::testing::fresh_store().await;
    let first = starter::seed(&store).await.expect("first load");
    assert!(first.methods >= 120 && first.designs >= 20, "{first:?}");
    assert_eq!(first.written, first.methods + first.designs);
    let again = starter::seed(&store).await.expect("second load");
    assert_eq!(again.written, 0);
}
