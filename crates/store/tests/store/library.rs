use super::{new_user, store_with_user};
use domain::library::{Complexity, MethodFields, Publication, TemplateBlock, TemplateFields};
use domain::search::Query;
use domain::session::BlockKind;
use domain::{Locale, MethodId};
use plenary_store::library::publication::Item;
use plenary_store::{MethodSearch, NewSession, SearchScope, Sort, Store, StoreError, User};

pub fn method(title: &str, summary: &str, minutes: (u32, u32), language: Locale) -> MethodFields {
    MethodFields {
        title: title.into(),
        summary: summary.into(),
        image: None,
        duration_min: minutes.0,
        duration_max: minutes.1,
        group_min: 2,
        group_max: 30,
        categories: vec!["retrospective".into()],
        tags: vec!["team".into()],
        goals: vec![],
        steps: vec!["Draw a timeline.".into(), "Discuss.".into()],
        materials: vec![],
        tips: vec![],
        variations: vec![],
        in_person: true,
        online: false,
        complexity: Complexity::Easy,
        language,
        attribution: String::new(),
        source_url: String::new(),
        licence: String::new(),
    }
}

pub async fn mine(store: &Store, user: &User, f: &MethodFields) -> MethodId {
    let (ws, _) = store.personal_workspace(user.id).await.expect("workspace");
    store
        .create_method(ws, user.id, f, i64::MAX)
        .await
        .expect("created")
}

fn search(q: &str) -> MethodSearch {
    MethodSearch {
        query: Query::parse(q),
        per_page: 20,
        ..MethodSearch::default()
    }
}

async fn titles(store: &Store, user: &User, s: &MethodSearch) -> Vec<String> {
    store
        .search_methods(user.id, s)
        .await
        .expect("search")
        .items
        .iter()
        .map(|r| r.fields().expect("fields").title)
        .collect()
}

#[tokio::test]
async fn a_russian_search_finds_another_word_form_and_ranks_title_matches_first() {
    let (store, user) = store_with_user("ru@example.org").await;
    mine(
        &store,
        &user,
        &method(
            "Быстрая ретроспектива",
            "Команда вспоминает спринт.",
            (30, 60),
            Locale::Ru,
        ),
    )
    .await;
    mine(
        &store,
        &user,
        &method(
            "Линия времени",
            "Подходит для ретроспективы проекта.",
            (30, 60),
            Locale::Ru,
        ),
    )
    .await;
    // Not a retrospective: a category's names are words a search finds too.
    let mut dot = method("Dot voting", "Vote with dots.", (5, 15), Locale::En);
    dot.categories = vec!["decision-making".into()];
    mine(&store, &user, &dot).await;
    let found = titles(&store, &user, &search("ретроспективой")).await;
    assert_eq!(found, ["Быстрая ретроспектива", "Линия времени"]);
    assert_eq!(
        titles(&store, &user, &search("voted")).await,
        ["Dot voting"]
    );
    // A half-typed last word already matches.
    assert_eq!(
        titles(&store, &user, &search("dot vo")).await,
        ["Dot voting"]
    );
    assert!(titles(&store, &user, &search("giraffe")).await.is_empty());
}

#[tokio::test]
async fn a_last_word_found_whole_matches_whole_and_one_found_nowhere_matches_as_a_prefix() {
    let (store, user) = store_with_user("prefix@example.org").await;
    for title in ["Dot voting", "Dotmocracy", "Paper plane"] {
        mine(&store, &user, &method(title, "", (10, 20), Locale::En)).await;
    }
    assert_eq!(
        titles(&store, &user, &search("dot")).await,
        ["Dot voting"],
        "a word some method holds whole is not taken as the start of a longer one"
    );
    let mut found = titles(&store, &user, &search("do")).await;
    found.sort();
    assert_eq!(found, ["Dot voting", "Dotmocracy"]);
    assert_eq!(
        titles(&store, &user, &search("dotmo")).await,
        ["Dotmocracy"]
    );
}

#[tokio::test]
async fn filters_narrow_by_duration_group_language_category_and_online() {
    let (store, user) = store_with_user("filters@example.org").await;
    mine(&store, &user, &method("Short", "", (5, 10), Locale::En)).await;
    mine(&store, &user, &method("Long", "", (60, 90), Locale::En)).await;
    let mut online = method("Remote", "", (20, 30), Locale::Ru);
    online.online = true;
    online.categories = vec!["energizer".into()];
    mine(&store, &user, &online).await;
    let by = |s: MethodSearch| MethodSearch { per_page: 20, ..s };
    let mut found = titles(
        &store,
        &user,
        &by(MethodSearch {
            minutes: Some((8, 25)),
            ..MethodSearch::default()
        }),
    )
    .await;
    found.sort();
    assert_eq!(found, ["Remote", "Short"]);
    let (st, us) = (&store, &user);
    let only = |s| async move { titles(st, us, &by(s)).await };
    assert_eq!(
        only(MethodSearch {
            language: Some("ru".into()),
            ..MethodSearch::default()
        })
        .await,
        ["Remote"]
    );
    assert_eq!(
        only(MethodSearch {
            online: true,
            ..MethodSearch::default()
        })
        .await,
        ["Remote"]
    );
    assert_eq!(
        only(MethodSearch {
            category: Some("energizer".into()),
            ..MethodSearch::default()
        })
        .await,
        ["Remote"]
    );
    assert_eq!(
        only(MethodSearch {
            category: Some("#team".into()),
            group: Some(31),
            ..MethodSearch::default()
        })
        .await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn a_private_method_is_invisible_to_others_until_an_administrator_publishes_it() {
    let (store, author) = store_with_user("author@example.org").await;
    let other = store
        .create_user(&new_user("other@example.org"), None)
        .await
        .expect("user");
    let id = mine(
        &store,
        &author,
        &method("Fishbowl debate", "", (30, 45), Locale::En),
    )
    .await;
    assert!(matches!(
        store.method(id, other.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(titles(&store, &other, &search("fishbowl")).await.is_empty());
    // Another user can neither change nor publish it.
    assert!(matches!(
        store
            .set_publication(Item::Method(id), other.id, Publication::Pending)
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .set_publication(Item::Method(id), author.id, Publication::Pending)
        .await
        .expect("asked");
    let pending = store.pending_publications().await.expect("queue");
    assert_eq!(pending.len(), 1);
    assert!(titles(&store, &other, &search("fishbowl")).await.is_empty());
    let review = store
        .review_publication(Item::Method(id), true, "")
        .await
        .expect("approved");
    assert_eq!(
        (review.title.as_str(), review.author),
        ("Fishbowl debate", Some(author.id))
    );
    assert_eq!(
        titles(&store, &other, &search("fishbowl")).await,
        ["Fishbowl debate"]
    );
    let seen = store.method(id, other.id).await.expect("visible");
    assert!(!seen.editable);
    // A copy the other user made stays theirs after the author unpublishes.
    let copy = mine(&store, &other, &seen.fields().expect("fields")).await;
    store
        .set_publication(Item::Method(id), author.id, Publication::Private)
        .await
        .expect("unpublished");
    assert!(store.method(id, other.id).await.is_err());
    assert!(store.method(copy, other.id).await.expect("copy").editable);
    // A second review of something no longer pending is not found.
    assert!(matches!(
        store
            .review_publication(Item::Method(id), false, "no")
            .await,
        Err(StoreError::NotFound)
    ));
}

#[tokio::test]
async fn changing_a_published_method_sends_it_back_to_review() {
    let (store, author) = store_with_user("edit@example.org").await;
    let id = mine(
        &store,
        &author,
        &method("Walk and talk", "", (15, 30), Locale::En),
    )
    .await;
    store
        .set_publication(Item::Method(id), author.id, Publication::Pending)
        .await
        .expect("asked");
    store
        .review_publication(Item::Method(id), true, "")
        .await
        .expect("approved");
    store
        .update_method(
            id,
            author.id,
            &method("Walk and talk (outside)", "", (15, 30), Locale::En),
        )
        .await
        .expect("changed");
    let row = store.method(id, author.id).await.expect("row");
    assert_eq!(row.publication(), Publication::Pending);
    // The index follows the change.
    assert_eq!(
        titles(&store, &author, &search("outside")).await,
        ["Walk and talk (outside)"]
    );
}

#[tokio::test]
async fn favourites_are_counted_once_per_person_and_sort_the_most_favourited_first() {
    let (store, a) = store_with_user("fa@example.org").await;
    let b = store
        .create_user(&new_user("fb@example.org"), None)
        .await
        .expect("user");
    let first = mine(&store, &a, &method("Alpha", "", (5, 10), Locale::En)).await;
    let second = mine(&store, &a, &method("Beta", "", (5, 10), Locale::En)).await;
    for on in [true, true] {
        store.set_favourite(second, a.id, on).await.expect("fav");
    }
    assert!(matches!(
        store.set_favourite(first, b.id, true).await,
        Err(StoreError::NotFound)
    ));
    let row = store.method(second, a.id).await.expect("row");
    assert_eq!((row.favourites, row.favourite), (1, true));
    let sorted = titles(
        &store,
        &a,
        &MethodSearch {
            sort: Sort::MostFavourited,
            per_page: 20,
            ..MethodSearch::default()
        },
    )
    .await;
    assert_eq!(sorted, ["Beta", "Alpha"]);
    let selected = titles(
        &store,
        &a,
        &MethodSearch {
            scope: SearchScope::Favourites,
            per_page: 20,
            ..MethodSearch::default()
        },
    )
    .await;
    assert_eq!(selected, ["Beta"]);
    store
        .set_favourite(second, a.id, false)
        .await
        .expect("unfav");
    assert_eq!(store.method(second, a.id).await.expect("row").favourites, 0);
}

#[tokio::test]
async fn results_come_in_pages_with_a_flag_for_more() {
    let (store, user) = store_with_user("pages@example.org").await;
    for i in 0..5 {
        mine(
            &store,
            &user,
            &method(&format!("Energiser {i}"), "", (5, 10), Locale::En),
        )
        .await;
    }
    let page = |n| MethodSearch {
        query: Query::parse("energiser"),
        page: n,
        per_page: 2,
        ..MethodSearch::default()
    };
    let first = store.search_methods(user.id, &page(0)).await.expect("p0");
    let last = store.search_methods(user.id, &page(2)).await.expect("p2");
    assert_eq!((first.items.len(), first.has_more), (2, true));
    assert_eq!((last.items.len(), last.has_more), (1, false));
}

#[tokio::test]
async fn seeding_is_idempotent_and_rewrites_only_what_changed() {
    let (store, user) = store_with_user("seed@example.org").await;
    let f = method("Starter", "", (5, 10), Locale::En);
    assert!(
        store
            .seed_method("starter/en", "h1", &f)
            .await
            .expect("seed")
    );
    assert!(
        !store
            .seed_method("starter/en", "h1", &f)
            .await
            .expect("again")
    );
    let changed = method("Starter, improved", "", (5, 10), Locale::En);
    assert!(
        store
            .seed_method("starter/en", "h2", &changed)
            .await
            .expect("changed")
    );
    let id = store
        .seeded_method("starter/en")
        .await
        .expect("q")
        .expect("seeded");
    let row = store.method(id, user.id).await.expect("public");
    assert_eq!((row.scope.as_str(), row.editable), ("public", false));
    assert_eq!(
        titles(&store, &user, &search("improved")).await,
        ["Starter, improved"]
    );
}

#[tokio::test]
async fn a_design_becomes_a_session_with_its_blocks_in_order() {
    let (store, user) = store_with_user("design@example.org").await;
    let (ws, _) = store.personal_workspace(user.id).await.expect("ws");
    let block = |kind, title: &str, minutes| TemplateBlock {
        kind,
        title: title.into(),
        description: String::new(),
        minutes,
        category: Some("check-in".into()),
        group_format: None,
        materials: vec![],
        goals: vec![],
        notes: String::new(),
        method: None,
        illustration: Some("weather-report.svg".into()),
        day_start: None,
    };
    let fields = TemplateFields {
        title: "Retro".into(),
        summary: "A retrospective.".into(),
        goals: vec!["Learn".into()],
        language: Locale::En,
        image: None,
        licence: String::new(),
        blocks: vec![
            block(BlockKind::Section, "Open", 0),
            block(BlockKind::Activity, "Check-in", 10),
            block(BlockKind::Break, "Coffee", 15),
        ],
    };
    let id = store
        .create_template(ws, user.id, &fields, i64::MAX)
        .await
        .expect("saved");
    let listed = store
        .templates(user.id, Query::parse("retrospective").as_ref(), None)
        .await
        .expect("list");
    assert_eq!(listed.iter().map(|t| t.id).collect::<Vec<_>>(), [id]);
    let session = store
        .session_from_template(
            &fields,
            &NewSession {
                workspace: ws,
                created_by: user.id,
                title: "Our retro".into(),
                first_date: jiff::civil::date(2026, 12, 1),
                start_time: jiff::civil::time(10, 0, 0, 0),
                time_zone: "UTC".into(),
                language: "en".into(),
            },
            i64::MAX,
        )
        .await
        .expect("session");
    assert_eq!(session.title, "Our retro");
    assert_eq!(session.goals, ["Learn"]);
    let blocks = store.blocks(session.id).await.expect("blocks");
    let got: Vec<(&str, &str, u32)> = blocks
        .iter()
        .map(|b| (b.kind.as_str(), b.title.as_str(), b.minutes))
        .collect();
    assert_eq!(
        got,
        [
            ("section", "Open", 0),
            ("activity", "Check-in", 10),
            ("break", "Coffee", 15)
        ]
    );
    assert_eq!(
        blocks[1].illustration.as_deref(),
        Some("weather-report.svg")
    );
    let stranger = store
        .create_user(&new_user("stranger@example.org"), None)
        .await
        .expect("user");
    assert!(store.template(id, stranger.id).await.is_err());
    assert!(store.delete_template(id, stranger.id).await.is_err());
    store.delete_template(id, user.id).await.expect("deleted");
}

#[tokio::test]
async fn notifications_count_as_unread_on_the_account_until_read() {
    let (store, user) = store_with_user("note@example.org").await;
    store
        .notify(
            user.id,
            "publication_approved",
            "Dot voting",
            "",
            "/library",
        )
        .await
        .expect("notified");
    assert_eq!(store.user(user.id).await.expect("user").unread, 1);
    let list = store.notifications(user.id, 10).await.expect("list");
    assert_eq!(list.len(), 1);
    assert!(list[0].read_at.is_none());
    store.read_notifications(user.id).await.expect("read");
    assert_eq!(store.user(user.id).await.expect("user").unread, 0);
    assert!(
        store.notifications(user.id, 10).await.expect("list")[0]
            .read_at
            .is_some()
    );
}

#[tokio::test]
async fn title_matches_come_first_and_pages_cross_into_the_other_matches_without_gaps() {
    let (store, user) = store_with_user("tiers@example.org").await;
    for i in 0..3 {
        mine(
            &store,
            &user,
            &method(&format!("Fishbowl {i}"), "", (5, 10), Locale::En),
        )
        .await;
    }
    for i in 0..4 {
        mine(
            &store,
            &user,
            &method(
                &format!("Circle {i}"),
                "Like a fishbowl.",
                (5, 10),
                Locale::En,
            ),
        )
        .await;
    }
    let mut seen = Vec::new();
    for page in 0..4 {
        let found = store
            .search_methods(
                user.id,
                &MethodSearch {
                    query: Query::parse("fishbowl"),
                    page,
                    per_page: 2,
                    ..MethodSearch::default()
                },
            )
            .await
            .expect("search");
        seen.extend(
            found
                .items
                .iter()
                .map(|r| r.fields().expect("fields").title),
        );
        assert_eq!(found.has_more, page < 3, "page {page}");
    }
    // Every method once: the three with the word in the title first, then the four others.
    let mut titles: Vec<String> = seen[..3].to_vec();
    titles.sort();
    assert_eq!(titles, ["Fishbowl 0", "Fishbowl 1", "Fishbowl 2"]);
    let mut rest: Vec<String> = seen[3..].to_vec();
    rest.sort();
    assert_eq!(rest, ["Circle 0", "Circle 1", "Circle 2", "Circle 3"]);
}

/// Runs SQL on the database at `url` behind the store's back: what an older version left.
async fn raw(url: &str, sql: &'static str) {
    if url.starts_with("postgres") {
        let pool = sqlx::PgPool::connect(url).await.expect("postgres");
        sqlx::query(sql).execute(&pool).await.expect("sql");
    } else {
        let pool = sqlx::SqlitePool::connect(url).await.expect("sqlite");
        sqlx::query(sql).execute(&pool).await.expect("sql");
    }
}

#[tokio::test]
async fn everyday_words_find_methods_by_their_categories_and_synonyms_in_either_language() {
    let (store, user) = store_with_user("synonyms@example.org").await;
    let mut warm = method("Zip Zap Boing", "A fast circle game.", (5, 10), Locale::En);
    warm.categories = vec!["energizer".into()];
    mine(&store, &user, &warm).await;
    let mut hello = method("People bingo", "Find someone who…", (10, 20), Locale::En);
    hello.categories = vec!["icebreaker".into()];
    mine(&store, &user, &hello).await;
    mine(
        &store,
        &user,
        &method("Timeline", "Draw the year.", (30, 60), Locale::En),
    )
    .await;
    for q in ["icebreaker", "energizer", "warm-up", "разминка"] {
        let mut found = titles(&store, &user, &search(q)).await;
        found.sort();
        assert_eq!(found, ["People bingo", "Zip Zap Boing"], "{q}");
    }
    assert_eq!(
        titles(&store, &user, &search("timeline retro")).await,
        ["Timeline"],
        "a category's synonym with another word"
    );
}

#[tokio::test]
async fn reindexing_gives_methods_indexed_before_what_the_index_now_holds() {
    let url = plenary_store::testing::fresh_url().await;
    let store = Store::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    let user = store
        .create_user(&super::new_user("reindex@example.org"), None)
        .await
        .expect("user");
    let mut m = method("Zip Zap Boing", "A fast circle game.", (5, 10), Locale::En);
    m.categories = vec!["energizer".into()];
    mine(&store, &user, &m).await;
    // As an older version indexed it: without its category's names.
    raw(&url, "UPDATE methods SET search_body = 'fast circl game'").await;
    assert!(
        titles(&store, &user, &search("энерджайзер"))
            .await
            .is_empty()
    );
    let mut after = None;
    let mut batches = 0;
    while let Some(last) = store.reindex_methods(after, 1).await.expect("reindex") {
        after = Some(last);
        batches += 1;
    }
    assert_eq!(batches, 1);
    assert_eq!(
        titles(&store, &user, &search("энерджайзер")).await,
        ["Zip Zap Boing"]
    );
}
