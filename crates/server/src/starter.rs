//! The starter library embedded in the binary (`library/`, format in `library/FORMAT.md`):
//! methods and designs in English and Russian with their illustrations, loaded into the
//! public library idempotently at start-up and by `plenary seed`.

use domain::library::{Complexity, MethodFields, TemplateBlock, TemplateFields};
use domain::session::{BlockKind, Material};
use domain::{Locale, MethodId};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use store::Store;

mod files {
    include!(concat!(env!("OUT_DIR"), "/library_files.rs"));
}

pub use files::{DESIGNS, IMAGES, METHODS};

/// A method file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterMethod {
    pub slug: String,
    pub categories: Vec<String>,
    pub duration_min: u32,
    pub duration_max: u32,
    pub group_min: u32,
    pub group_max: u32,
    pub in_person: bool,
    pub online: bool,
    pub complexity: String,
    pub image: String,
    pub source_url: Option<String>,
    pub licence: String,
    pub en: MethodText,
    pub ru: MethodText,
}

/// A method's text in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodText {
    pub title: String,
    pub summary: String,
    pub attribution: String,
    pub goals: Vec<String>,
    pub steps: Vec<String>,
    pub materials: Vec<Material>,
    pub tips: Vec<String>,
    pub variations: Vec<String>,
}

/// A design file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarterDesign {
    pub slug: String,
    pub image: String,
    pub licence: String,
    pub en: DesignText,
    pub ru: DesignText,
    pub blocks: Vec<DesignBlock>,
}

/// A design's text in one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesignText {
    pub title: String,
    pub summary: String,
    pub goals: Vec<String>,
}

/// One block of a starter design.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesignBlock {
    pub kind: String,
    #[serde(default)]
    pub minutes: u32,
    pub method: Option<String>,
    pub en: String,
    pub ru: String,
}

fn parse<T: serde::de::DeserializeOwned>(files: &[(&str, &str)]) -> Result<Vec<T>, String> {
    files
        .iter()
        .map(|(name, text)| toml::from_str(text).map_err(|e| format!("{name}: {e}")))
        .collect()
}

/// Every starter method.
pub fn methods() -> Result<Vec<StarterMethod>, String> {
    parse(METHODS)
}

/// Every starter design.
pub fn designs() -> Result<Vec<StarterDesign>, String> {
    parse(DESIGNS)
}

/// A bundled illustration by file name.
pub fn image(name: &str) -> Option<&'static [u8]> {
    IMAGES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

impl StarterMethod {
    pub fn text(&self, locale: Locale) -> &MethodText {
        match locale {
            Locale::En => &self.en,
            Locale::Ru => &self.ru,
        }
    }

    /// The method in one language, as the library stores it.
    pub fn fields(&self, locale: Locale) -> MethodFields {
        let t = self.text(locale);
        MethodFields {
            title: t.title.clone(),
            summary: t.summary.clone(),
            image: Some(self.image.clone()),
            duration_min: self.duration_min,
            duration_max: self.duration_max,
            group_min: self.group_min,
            group_max: self.group_max,
            categories: self.categories.clone(),
            tags: Vec::new(),
            goals: t.goals.clone(),
            steps: t.steps.clone(),
            materials: t.materials.clone(),
            tips: t.tips.clone(),
            variations: t.variations.clone(),
            in_person: self.in_person,
            online: self.online,
            complexity: Complexity::parse(&self.complexity).unwrap_or_default(),
            language: locale,
            attribution: t.attribution.clone(),
            source_url: self.source_url.clone().unwrap_or_default(),
            licence: self.licence.clone(),
        }
    }
}

impl StarterDesign {
    /// The design in one language; blocks taken from a method carry its summary, materials,
    /// category and illustration, and remember it (`ids` maps slugs to stored methods).
    pub fn fields(
        &self,
        locale: Locale,
        methods: &HashMap<&str, &StarterMethod>,
        ids: &HashMap<String, MethodId>,
    ) -> TemplateFields {
        let t = match locale {
            Locale::En => &self.en,
            Locale::Ru => &self.ru,
        };
        let blocks = self
            .blocks
            .iter()
            .map(|b| {
                let from = b.method.as_deref().and_then(|m| methods.get(m));
                let text = from.map(|m| m.text(locale));
                TemplateBlock {
                    kind: BlockKind::parse(&b.kind).unwrap_or(BlockKind::Note),
                    title: match locale {
                        Locale::En => b.en.clone(),
                        Locale::Ru => b.ru.clone(),
                    },
                    description: text.map(|t| t.summary.clone()).unwrap_or_default(),
                    minutes: b.minutes,
                    category: from.and_then(|m| m.categories.first().cloned()),
                    group_format: None,
                    materials: text.map(|t| t.materials.clone()).unwrap_or_default(),
                    goals: Vec::new(),
                    notes: text.map(|t| t.steps.join("\n\n")).unwrap_or_default(),
                    method: b
                        .method
                        .as_ref()
                        .and_then(|m| ids.get(&seed_key(m, locale)).copied()),
                    illustration: from.map(|m| m.image.clone()),
                    day_start: None,
                }
            })
            .collect();
        TemplateFields {
            title: t.title.clone(),
            summary: t.summary.clone(),
            goals: t.goals.clone(),
            language: locale,
            image: Some(self.image.clone()),
            licence: self.licence.clone(),
            blocks,
        }
    }
}

fn seed_key(slug: &str, locale: Locale) -> String {
    format!("{slug}/{}", locale.code())
}

fn hash(value: &impl serde::Serialize) -> String {
    let json = serde_json::to_vec(value).unwrap_or_default();
    hex::encode(&Sha256::digest(&json)[..16])
}

/// What a load wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub methods: usize,
    pub designs: usize,
    /// Methods and designs written now (new or changed).
    pub written: usize,
}

/// Loads the starter library: new entries inserted, changed ones rewritten, the rest left
/// alone. Safe to run at every start and from several instances at once.
pub async fn seed(store: &Store) -> anyhow::Result<SeedReport> {
    let methods = methods().map_err(anyhow::Error::msg)?;
    let designs = designs().map_err(anyhow::Error::msg)?;
    let mut written = 0;
    let mut ids = HashMap::new();
    for m in &methods {
        for locale in Locale::ALL {
            let fields = m
                .fields(locale)
                .validate()
                .map_err(|p| anyhow::anyhow!("starter method {}: {p}", m.slug))?;
            let key = seed_key(&m.slug, locale);
            written += usize::from(store.seed_method(&key, &hash(&fields), &fields).await?);
            if let Some(id) = store.seeded_method(&key).await? {
                ids.insert(key, id);
            }
        }
    }
    let by_slug: HashMap<&str, &StarterMethod> =
        methods.iter().map(|m| (m.slug.as_str(), m)).collect();
    for d in &designs {
        for locale in Locale::ALL {
            let fields = d
                .fields(locale, &by_slug, &ids)
                .validate()
                .map_err(|p| anyhow::anyhow!("starter design {}: {p}", d.slug))?;
            let key = seed_key(&d.slug, locale);
            written += usize::from(store.seed_template(&key, &hash(&fields), &fields).await?);
        }
    }
    Ok(SeedReport {
        methods: methods.len() * Locale::ALL.len(),
        designs: designs.len() * Locale::ALL.len(),
        written,
    })
}
