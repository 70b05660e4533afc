//! Documents for an organisation that pays by bank transfer: an invoice (with the payee's bank
//! details on top) and an act of services, as PDF. The caller hands every word in the
//! document's language; this module only sets them on the page (`typst/document.typ`).

use crate::Error;
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of what is invoiced, its figures already written as people read them.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub name: String,
    pub quantity: String,
    pub unit: String,
    pub price: String,
    pub amount: String,
}

/// An invoice or an act, worded.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// The language of the words (`ru`, `en`), for hyphenation and quotes.
    pub lang: String,
    /// "Invoice No. 12 of 7 December 2026".
    pub title: String,
    /// The payee's bank details as (label, value) rows; none for an act.
    pub bank: Vec<(String, String)>,
    /// (role, who): the payee or contractor, the payer or customer.
    pub parties: Vec<(String, String)>,
    /// The items table's headings: number, name, quantity, unit, price, amount.
    pub columns: [String; 6],
    pub items: Vec<Item>,
    /// (label, amount) lines under the table: the total, the VAT, what is due.
    pub totals: Vec<(String, String)>,
    pub notes: Vec<String>,
    /// (role, name) of who signs.
    pub signatures: Vec<(String, String)>,
    /// The word before the page number in the footer.
    pub page_word: String,
}

#[derive(Serialize)]
struct Data<'a> {
    #[serde(flatten)]
    doc: &'a Document,
    words: BTreeMap<&'static str, &'a str>,
}

/// The document as a PDF.
pub fn pdf(doc: &Document) -> Result<Vec<u8>, Error> {
    let data = Data {
        doc,
        words: BTreeMap::from([("page", doc.page_word.as_str())]),
    };
    crate::pdf::render("document.typ", &data, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invoice_is_a_pdf_with_its_words_in_it() {
        let doc = Document {
            lang: "ru".into(),
            title: "Счёт на оплату № 7 от 7 декабря 2026 г.".into(),
            bank: vec![("БИК".into(), "044525225".into())],
            parties: vec![("Покупатель".into(), "ООО «Ромашка»".into())],
            columns: ["№", "Наименование", "Кол-во", "Ед.", "Цена", "Сумма"].map(String::from),
            items: vec![Item {
                name: "Тариф «Команда» на год".into(),
                quantity: "1".into(),
                unit: "шт.".into(),
                price: "24 900,00".into(),
                amount: "24 900,00".into(),
            }],
            totals: vec![("Итого:".into(), "24 900,00 ₽".into())],
            notes: vec!["Без НДС.".into()],
            signatures: vec![("Руководитель".into(), "Иванов И. И.".into())],
            page_word: "Страница".into(),
        };
        let bytes = pdf(&doc).expect("a pdf");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() > 1000);
    }
}
