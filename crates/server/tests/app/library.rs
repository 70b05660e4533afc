//! The starter library's files (crates/server/library/, format in FORMAT.md) are checked here
//! until the library issue loads them: every method and design parses, has English and
//! Russian, uses the fixed taxonomy, and points at images and methods that exist.

use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Method {
    slug: String,
    categories: Vec<String>,
    duration_min: u32,
    duration_max: u32,
    group_min: u32,
    group_max: u32,
    in_person: bool,
    online: bool,
    complexity: String,
    image: String,
    source_url: Option<String>,
    licence: String,
    en: MethodText,
    ru: MethodText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MethodText {
    title: String,
    summary: String,
    attribution: String,
    goals: Vec<String>,
    steps: Vec<String>,
    materials: Vec<Material>,
    tips: Vec<String>,
    variations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Material {
    name: String,
    quantity: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Design {
    slug: String,
    image: String,
    licence: String,
    en: DesignText,
    ru: DesignText,
    blocks: Vec<DesignBlock>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignText {
    title: String,
    summary: String,
    goals: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignBlock {
    kind: String,
    #[serde(default)]
    minutes: u32,
    method: Option<String>,
    en: String,
    ru: String,
}

fn library() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("library")
}

fn files(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(library().join(dir))
        .expect("library folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    out.sort();
    out
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).expect("readable");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_image(name: &str, problems: &mut Vec<String>) {
    let path = library().join("images").join(name);
    match std::fs::read_to_string(&path) {
        Ok(svg) => {
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
        Err(_) => problems.push(format!("{name}: missing")),
    }
}

fn nonempty(texts: &[&str]) -> bool {
    texts.iter().all(|t| !t.trim().is_empty())
}

#[test]
fn every_starter_method_is_complete_in_english_and_russian() {
    let mut problems = Vec::new();
    let mut slugs = BTreeSet::new();
    for path in files("methods") {
        let m: Method = read(&path);
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
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
    let methods: BTreeSet<String> = files("methods")
        .iter()
        .map(|p| read::<Method>(p).slug)
        .collect();
    let mut problems = Vec::new();
    let designs = files("designs");
    for path in &designs {
        let d: Design = read(path);
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
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
