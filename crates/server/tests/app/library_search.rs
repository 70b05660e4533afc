//! Library search that understands people: everyday words find methods through their
//! categories and synonyms; a query in another script than the reader's language searches
//! that language too; a library indexed by an older version is reindexed once.

use crate::helpers::{TestApp, enc};
use axum::http::StatusCode;

/// The titles of the method cards on a library page.
fn titles(body: &str) -> Vec<String> {
    body.split("<h2><a href=\"/library/methods/")
        .skip(1)
        .filter_map(|rest| {
            let start = rest.find('>')? + 1;
            let end = rest.find("</a>")?;
            Some(
                rest[start..end]
                    .replace("<mark>", "")
                    .replace("</mark>", ""),
            )
        })
        .collect()
}

fn cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0400}'..='\u{04ff}').contains(&c))
}

async fn seeded() -> TestApp {
    let app = TestApp::new().await;
    plenary_server::starter::seed(&app.state.store)
        .await
        .expect("starter library");
    app
}

#[tokio::test]
async fn everyday_words_find_the_methods_tagged_so() {
    let app = seeded().await;
    let mut b = app.register("everyday@example.org").await;
    for q in ["icebreaker", "energizer", "warm-up"] {
        let page = app.get(&mut b, &format!("/library?q={}", enc(q))).await;
        assert_eq!(page.status, StatusCode::OK);
        let found = page.body.matches("class=\"card method-card\"").count();
        assert!(found >= 8, "{q} finds {found}");
        assert!(page.body.contains("Count to Twenty"), "{q}");
    }
    let page = app
        .get(
            &mut b,
            &format!("/library?q={}&language=ru", enc("ледокол")),
        )
        .await;
    assert!(page.body.contains("Счёт до двадцати"), "{}", page.body);
}

#[tokio::test]
async fn a_russian_word_in_the_english_interface_searches_russian_too() {
    let app = seeded().await;
    let mut b = app.register("script@example.org").await;
    let auto = app
        .get(&mut b, &format!("/library?q={}", enc("разминка")))
        .await;
    let found = titles(&auto.body);
    assert!(
        found.iter().filter(|t| cyrillic(t)).count() >= 3,
        "Russian methods: {found:?}"
    );
    assert!(auto.body.contains(r#"<option value="" selected>"#));
    // Asked for English only, it is English only.
    let english = app
        .get(
            &mut b,
            &format!("/library?q={}&language=en", enc("разминка")),
        )
        .await;
    let found = titles(&english.body);
    assert!(
        !found.is_empty() && !found.iter().any(|t| cyrillic(t)),
        "{found:?}"
    );
    // Without words, the reader's own language.
    let browse = titles(&app.get(&mut b, "/library").await.body);
    assert!(
        !browse.is_empty() && !browse.iter().any(|t| cyrillic(t)),
        "{browse:?}"
    );
}

#[tokio::test]
async fn a_library_indexed_by_an_older_version_is_reindexed_once_at_start() {
    let app = seeded().await;
    let store = &app.state.store;
    assert_eq!(
        store.search_index_version().await.expect("version"),
        store::SEARCH_INDEX_VERSION,
        "a new database is current"
    );
    store.set_search_index_version(0).await.expect("older");
    plenary_server::library::schedule_reindex(store)
        .await
        .expect("scheduled");
    plenary_server::library::schedule_reindex(store)
        .await
        .expect("scheduled once");
    let (waiting, _, _) = store.job_counts().await.expect("jobs");
    assert_eq!(waiting, 1);
    app.run_waiting_jobs(domain::job::JobKind::ReindexMethods)
        .await;
    assert_eq!(
        store.search_index_version().await.expect("version"),
        store::SEARCH_INDEX_VERSION
    );
    let (waiting, _, failed) = store.job_counts().await.expect("jobs");
    assert_eq!((waiting, failed), (0, 0));
}
