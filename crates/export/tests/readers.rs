//! Every export read back by a reader that is not its writer: the PDFs by `pdftotext`
//! (Debian's poppler-utils), the Word document and the spreadsheet by Python's python-docx and
//! openpyxl, the calendar by Python's icalendar (`read_back.py`). `scripts/test` installs them;
//! a missing reader fails the test and names what to install.

use domain::session::{BlockKind, GroupFormat, Material};
use domain::{Block, BlockId, Locale, Session};
use jiff::Zoned;
use jiff::civil::Date;
use plenary_export::{Audience, Events, Format, Labels, Options, Source, Word, export, testing};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Russian labels, as the server gives them to a Russian reader.
struct Russian;

impl Labels for Russian {
    fn locale(&self) -> Locale {
        Locale::Ru
    }
    fn word(&self, word: Word) -> String {
        match word {
            Word::Programme => "Программа",
            Word::Time => "Время",
            Word::Duration => "Длительность",
            Word::DurationMinutes => "Длительность, мин",
            Word::Title => "Название",
            Word::Lead => "Ведущий",
            Word::Notes => "Заметки ведущего",
            Word::Materials => "Материалы",
            Word::Date => "Дата",
            Word::Start => "Начало",
            Word::End => "Конец",
            Word::Kind => "Тип",
            Word::Section => "Раздел",
            Word::Category => "Категория",
            Word::Description => "Описание",
            Word::Page => "Страница",
            Word::Total => "Всего",
            _ => "—",
        }
        .to_owned()
    }
    fn kind(&self, kind: BlockKind) -> String {
        match kind {
            BlockKind::Activity => "Активность",
            BlockKind::Break => "Перерыв",
            BlockKind::Note => "Заметка",
            BlockKind::Section => "Раздел",
            BlockKind::Day => "День",
        }
        .to_owned()
    }
    fn group_format(&self, format: GroupFormat) -> String {
        format.as_str().to_owned()
    }
    fn minutes(&self, minutes: i64) -> String {
        format!("{minutes} мин")
    }
    fn clock(&self, at: &Zoned) -> String {
        at.strftime("%H:%M").to_string()
    }
    fn date(&self, d: Date) -> String {
        d.strftime("%d.%m.%Y").to_string()
    }
}

/// The shared session in Russian: it starts on 28 March 2026 in Europe/Berlin, which moves its
/// clocks forward in the night to Sunday the 29th.
fn session() -> Session {
    let mut s = testing::session();
    s.id = uuid::Uuid::from_u128(7).into();
    s.title = "Стратегическая сессия".into();
    s.description = "Куда мы идём".into();
    s.goals = vec!["План на год".into()];
    s.location = "Зал 4".into();
    s.language = Locale::Ru;
    s.status = domain::session::SessionStatus::Ready;
    s.version = 42;
    s.created_at = 1_770_000_000_000;
    s.updated_at = 1_770_000_100_000;
    s.custom_fields[0].name = "Аудитория".into();
    s
}

/// A block with a known id (`100 + n`).
fn block(kind: BlockKind, title: &str, minutes: u32, n: u128) -> Block {
    let mut b = testing::block(kind, title, minutes);
    b.id = BlockId::from(uuid::Uuid::from_u128(100 + n));
    b
}

/// Two days across the change to summer time, in Russian and English.
fn blocks() -> Vec<Block> {
    let mut meet = block(BlockKind::Activity, "Знакомство", 30, 2);
    meet.notes = "Секрет ведущего".into();
    meet.lead = "Анна Петрова".into();
    meet.description = "Каждый называет **одно** ожидание.".into();
    meet.materials = vec![Material {
        name: "Стикеры".into(),
        quantity: 3,
    }];
    meet.values = vec![("room".into(), "4Б".into())];
    vec![
        block(BlockKind::Day, "День первый", 0, 1),
        meet,
        block(BlockKind::Break, "Кофе", 15, 3),
        block(BlockKind::Day, "Day two", 0, 4),
        block(BlockKind::Activity, "Strategy review", 60, 5),
    ]
}

struct Fixture {
    session: Session,
    blocks: Vec<Block>,
}

impl Fixture {
    fn new() -> Self {
        Fixture {
            session: session(),
            blocks: blocks(),
        }
    }

    fn export(&self, format: Format, options: &Options) -> Vec<u8> {
        let source = Source {
            session: &self.session,
            blocks: &self.blocks,
            categories: &[],
            files: &[],
            images: &[],
        };
        export(&source, &Russian, format, options).expect("an export")
    }

    /// The export written to a file of its own.
    fn file(&self, format: Format, options: &Options) -> PathBuf {
        let dir = std::env::temp_dir().join("plenary-export-tests");
        std::fs::create_dir_all(&dir).expect("a folder");
        let path = dir.join(format!(
            "{}-{}.{}",
            uuid::Uuid::now_v7(),
            format.as_str(),
            format.extension()
        ));
        std::fs::write(&path, self.export(format, options)).expect("written");
        path
    }
}

/// What a reader printed; a missing reader fails with what to install.
fn run(program: &str, args: &[&str], install: &str) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not run ({e}): install {install}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}; install {install}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn pdf_text(path: &Path) -> String {
    run(
        "pdftotext",
        &["-layout", path.to_str().expect("a path"), "-"],
        "poppler-utils",
    )
}

fn python(kind: &str, path: &Path, extra: &[&str]) -> serde_json::Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/read_back.py");
    let mut args = vec![script, kind, path.to_str().expect("a path")];
    args.extend_from_slice(extra);
    let text = run(
        "python3",
        &args,
        "python-docx, openpyxl and icalendar (pip; scripts/test does it)",
    );
    serde_json::from_str(&text).expect("JSON from read_back.py")
}

#[test]
fn a_team_pdf_has_russian_and_english_text_times_and_the_notes_when_asked() {
    let f = Fixture::new();
    let mut o = Options::new(Audience::Team);
    o.notes = true;
    o.materials = true;
    let text = pdf_text(&f.file(Format::Pdf, &o));
    for want in [
        "Стратегическая сессия",
        "Знакомство",
        "Strategy review",
        "09:00–09:30",
        "Анна Петрова",
        "Секрет ведущего",
        "Аудитория",
        "4Б",
        "Стикеры",
        "Страница 1 / 1",
    ] {
        assert!(
            text.contains(want),
            "{want:?} is not in the PDF's text:\n{text}"
        );
    }
    assert!(
        !text.contains("**"),
        "Markdown marks are not printed:\n{text}"
    );
}

#[test]
fn a_participant_pdf_has_the_flow_and_its_times_but_no_notes_leads_materials_or_custom_fields() {
    let f = Fixture::new();
    let mut o = Options::new(Audience::Participant);
    o.notes = true;
    o.materials = true;
    let text = pdf_text(&f.file(Format::Pdf, &o));
    assert!(
        text.contains("Знакомство") && text.contains("09:00"),
        "{text}"
    );
    for secret in [
        "Секрет ведущего",
        "Анна Петрова",
        "Стикеры",
        "Аудитория",
        "4Б",
    ] {
        assert!(
            !text.contains(secret),
            "{secret:?} is in a participant's PDF:\n{text}"
        );
    }
}

#[test]
fn a_landscape_programme_turns_the_page_and_the_cards_and_materials_read_back() {
    let f = Fixture::new();
    let mut o = Options::new(Audience::Team);
    o.landscape = true;
    let path = f.file(Format::Pdf, &o);
    let info = run(
        "pdfinfo",
        &[path.to_str().expect("a path")],
        "poppler-utils",
    );
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("a page size");
    assert!(size.contains("841.89 x 595.276"), "{size}");

    let cards = pdf_text(&f.file(Format::CardsPdf, &Options::new(Audience::Team)));
    for want in ["Знакомство", "09:00–09:30", "30 мин", "Strategy review"] {
        assert!(
            cards.contains(want),
            "{want:?} is not on the cards:\n{cards}"
        );
    }
    let list = pdf_text(&f.file(Format::MaterialsPdf, &Options::new(Audience::Team)));
    assert!(
        list.contains("Стикеры") && list.contains("Знакомство"),
        "{list}"
    );
}

#[test]
fn the_word_document_opens_in_python_docx_with_a_heading_and_the_programme_table() {
    let f = Fixture::new();
    let mut o = Options::new(Audience::Team);
    o.notes = true;
    let doc = python("docx", &f.file(Format::Docx, &o), &[]);
    assert_eq!(doc["paragraphs"][0], "Стратегическая сессия");
    assert_eq!(doc["styles"][0], "Heading 1");
    let table = &doc["tables"][0];
    assert_eq!(
        table[0],
        serde_json::json!(["Время", "Длительность", "Название", "Ведущий", "Аудитория"])
    );
    let meet = table
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r[2].as_str().is_some_and(|t| t.starts_with("Знакомство")))
        .expect("a row for Знакомство");
    assert_eq!(meet[0], "09:00–09:30");
    assert_eq!(meet[1], "30 мин");
    assert!(
        meet[2]
            .as_str()
            .is_some_and(|t| t.contains("Секрет ведущего")),
        "{meet}"
    );
    assert_eq!(meet[3], "Анна Петрова");
    assert_eq!(meet[4], "4Б");
    assert_eq!(doc["landscape"], false);
}

#[test]
fn the_spreadsheet_holds_dates_times_and_durations_as_such() {
    let f = Fixture::new();
    let book = python(
        "xlsx",
        &f.file(Format::Xlsx, &Options::new(Audience::Team)),
        &[],
    );
    assert_eq!(book["sheet"], "Программа");
    let rows = book["rows"].as_array().expect("rows");
    let header: Vec<&str> = rows[0]
        .as_array()
        .expect("cells")
        .iter()
        .map(|c| c["value"].as_str().expect("text"))
        .collect();
    assert_eq!(
        header[..9],
        [
            "Дата",
            "Начало",
            "Конец",
            "Длительность, мин",
            "Тип",
            "Раздел",
            "Название",
            "Категория",
            "Ведущий"
        ]
    );
    let meet = rows
        .iter()
        .find(|r| r[6]["value"] == "Знакомство")
        .expect("a row for Знакомство");
    assert_eq!(meet[0]["type"], "datetime");
    assert_eq!(meet[0]["value"], "2026-03-28T00:00:00");
    assert_eq!(
        meet[1],
        serde_json::json!({"type": "time", "value": "09:00"})
    );
    assert_eq!(
        meet[2],
        serde_json::json!({"type": "time", "value": "09:30"})
    );
    assert_eq!(meet[3], serde_json::json!({"type": "number", "value": 30}));
    let review = rows
        .iter()
        .find(|r| r[6]["value"] == "Strategy review")
        .expect("a row for Strategy review");
    assert_eq!(review[0]["value"], "2026-03-29T00:00:00");
    assert_eq!(review[1]["value"], "09:00");
}

#[test]
fn the_calendar_shows_nine_o_clock_on_both_sides_of_the_change_to_summer_time() {
    let f = Fixture::new();
    let cal = python(
        "ics",
        &f.file(Format::Ics, &Options::new(Audience::Team)),
        &["Europe/Berlin"],
    );
    let events = cal["events"].as_array().expect("events");
    let starts: Vec<(&str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["summary"].as_str().expect("a summary"),
                e["start"].as_str().expect("a start"),
            )
        })
        .collect();
    assert_eq!(
        starts,
        [
            ("Знакомство", "2026-03-28 09:00"),
            ("Кофе", "2026-03-28 09:30"),
            ("Strategy review", "2026-03-29 09:00"),
        ]
    );
    assert_eq!(
        events[0]["uid"],
        format!("{}@plenary", uuid::Uuid::from_u128(102))
    );
    assert_eq!(events[0]["sequence"], 42);
    assert!(
        events[0]["description"]
            .as_str()
            .is_some_and(|d| d.contains("Секрет ведущего"))
    );

    // A participant's calendar keeps the times and the same UIDs, not the notes.
    let theirs = python(
        "ics",
        &f.file(Format::Ics, &Options::new(Audience::Participant)),
        &["Europe/Berlin"],
    );
    assert_eq!(theirs["events"][0]["uid"], events[0]["uid"]);
    assert!(!theirs.to_string().contains("Секрет"), "{theirs}");

    let mut per_day = Options::new(Audience::Team);
    per_day.events = Events::PerDay;
    let days = python("ics", &f.file(Format::Ics, &per_day), &["Europe/Berlin"]);
    let spans: Vec<(String, String)> = days["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| (e["start"].to_string(), e["end"].to_string()))
        .collect();
    assert_eq!(
        spans,
        [
            ("\"2026-03-28 09:00\"".into(), "\"2026-03-28 09:45\"".into()),
            ("\"2026-03-29 09:00\"".into(), "\"2026-03-29 10:00\"".into()),
        ]
    );
}

#[test]
fn exporting_twice_gives_the_same_calendar_so_a_reimport_updates_instead_of_duplicating() {
    let f = Fixture::new();
    let o = Options::new(Audience::Team);
    assert_eq!(f.export(Format::Ics, &o), f.export(Format::Ics, &o));
}

#[test]
fn typst_markup_in_a_title_is_printed_as_text_not_run() {
    let mut f = Fixture::new();
    f.session.title = "#panic(\"x\") = *Bold* $x^2$ #read(\"/etc/passwd\")".into();
    f.blocks[1].title = "<script> #set page(width: 1cm) ]".into();
    let text = pdf_text(&f.file(Format::Pdf, &Options::new(Audience::Team)));
    assert!(
        text.contains("#panic(\"x\") = *Bold* $x^2$ #read(\"/etc/passwd\")"),
        "{text}"
    );
    assert!(text.contains("<script> #set page(width: 1cm) ]"), "{text}");
    assert!(!text.contains("root:"), "{text}");
}

#[test]
fn a_formula_in_a_title_is_text_in_the_csv_and_the_spreadsheet() {
    let mut f = Fixture::new();
    f.blocks[1].title = "=HYPERLINK(\"http://evil.example\",\"x\")".into();
    f.blocks[2].title = "-2+3".into();
    let csv =
        String::from_utf8(f.export(Format::Csv, &Options::new(Audience::Team))).expect("UTF-8");
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","),
        "{csv}"
    );
    assert!(csv.contains(",'-2+3,"), "{csv}");
    let book = python(
        "xlsx",
        &f.file(Format::Xlsx, &Options::new(Audience::Team)),
        &[],
    );
    let titles: Vec<&serde_json::Value> = book["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| &r[6])
        .collect();
    assert!(
        titles.contains(&&serde_json::json!({"type": "text", "value": "=HYPERLINK(\"http://evil.example\",\"x\")"})),
        "{titles:?}"
    );
}

/// A 1×1 PNG.
const PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63\x64\xf8\xcf\x50\x0f\x00\x03\x86\x01\x80\x5a\x34\x7d\x6b\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

#[test]
fn a_card_shows_its_picture_and_a_picture_not_handed_in_is_left_out() {
    let mut f = Fixture::new();
    let shown: domain::ImageId = uuid::Uuid::from_u128(900).into();
    let missing: domain::ImageId = uuid::Uuid::from_u128(901).into();
    f.blocks[1].card_image = Some(shown);
    f.blocks[4].card_image = Some(missing);
    let images = vec![(shown, PNG.to_vec())];
    let source = Source {
        session: &f.session,
        blocks: &f.blocks,
        categories: &[],
        files: &[],
        images: &images,
    };
    let bytes = export(
        &source,
        &Russian,
        Format::CardsPdf,
        &Options::new(Audience::Team),
    )
    .expect("the cards");
    let dir = std::env::temp_dir().join("plenary-export-tests");
    std::fs::create_dir_all(&dir).expect("a folder");
    let path = dir.join(format!("{}-cards-with-picture.pdf", uuid::Uuid::now_v7()));
    std::fs::write(&path, bytes).expect("written");
    let list = run(
        "pdfimages",
        &["-list", path.to_str().expect("a path")],
        "poppler-utils",
    );
    // A header of two lines, then a line per image (and one per transparency mask).
    let images = list
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count();
    assert_eq!(images, 1, "{list}");
    let text = pdf_text(&path);
    assert!(text.contains("Strategy review"), "{text}");
}
