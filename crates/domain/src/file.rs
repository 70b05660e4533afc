//! Uploaded files: which kinds are allowed, what a file is by its content (never its name
//! alone), and whether its name agrees. SVG, HTML and anything not on the list are refused.

/// A kind of file people may upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Png,
    Jpeg,
    Webp,
    Gif,
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Txt,
    Csv,
    Md,
}

impl FileKind {
    pub const ALL: [FileKind; 14] = [
        Self::Png,
        Self::Jpeg,
        Self::Webp,
        Self::Gif,
        Self::Pdf,
        Self::Docx,
        Self::Xlsx,
        Self::Pptx,
        Self::Odt,
        Self::Ods,
        Self::Odp,
        Self::Txt,
        Self::Csv,
        Self::Md,
    ];

    /// The media type it is served with.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
            Self::Pdf => "application/pdf",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            Self::Odt => "application/vnd.oasis.opendocument.text",
            Self::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Self::Odp => "application/vnd.oasis.opendocument.presentation",
            Self::Txt => "text/plain; charset=utf-8",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Md => "text/markdown; charset=utf-8",
        }
    }

    /// The name endings a file of this kind may have, the usual one first.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Png => &["png"],
            Self::Jpeg => &["jpg", "jpeg"],
            Self::Webp => &["webp"],
            Self::Gif => &["gif"],
            Self::Pdf => &["pdf"],
            Self::Docx => &["docx"],
            Self::Xlsx => &["xlsx"],
            Self::Pptx => &["pptx"],
            Self::Odt => &["odt"],
            Self::Ods => &["ods"],
            Self::Odp => &["odp"],
            Self::Txt => &["txt"],
            Self::Csv => &["csv"],
            Self::Md => &["md", "markdown"],
        }
    }

    /// Images are shown inline (and can be a card's picture); everything else downloads.
    pub fn is_image(self) -> bool {
        matches!(self, Self::Png | Self::Jpeg | Self::Webp | Self::Gif)
    }

    /// Office documents (OOXML and OpenDocument) are zip archives, checked against bombs.
    pub fn is_archive(self) -> bool {
        matches!(
            self,
            Self::Docx | Self::Xlsx | Self::Pptx | Self::Odt | Self::Ods | Self::Odp
        )
    }

    /// The kind a content sniffer names by media type.
    fn sniffed(mime: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|k| !k.is_text() && k.mime() == mime)
    }

    fn is_text(self) -> bool {
        matches!(self, Self::Txt | Self::Csv | Self::Md)
    }

    /// The stored name of a kind, for the database.
    pub fn as_str(self) -> &'static str {
        self.extensions()[0]
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    /// Larger than the limit, in bytes.
    TooLarge {
        max: u64,
    },
    /// Not a kind on the list (SVG and HTML included), whatever its name says.
    NotAllowed,
    /// The content is `actual`, but the name says otherwise.
    NameMismatch {
        actual: FileKind,
    },
    /// A document (a zip archive) that unpacks to more than `max` bytes or holds too many
    /// parts: a decompression bomb, or broken.
    Unpacks {
        max: u64,
    },
    /// The name holds bidirectional formatting characters, which make it show as another.
    DisguisedName,
}

impl FileProblem {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "file_empty",
            Self::TooLarge { .. } => "file_too_large",
            Self::NotAllowed => "file_type_not_allowed",
            Self::NameMismatch { .. } => "file_name_mismatch",
            Self::Unpacks { .. } => "file_unpacks_too_large",
            Self::DisguisedName => "file_name_disguised",
        }
    }
}

/// Refuses a name that reorders what is shown ("invoice\u{202e}fdp.exe" shows as
/// "invoiceexe.pdf"): nobody names a file so but to pass it off as another.
pub fn refuse_disguise(name: &str) -> Result<(), FileProblem> {
    if name.chars().any(crate::session::is_bidi_control) {
        Err(FileProblem::DisguisedName)
    } else {
        Ok(())
    }
}

/// The longest file name kept, in characters.
pub const NAME_MAX: usize = 200;

/// A file name as given by a browser, made safe to store and show: the last path segment,
/// without control characters (bidirectional formatting included) or quotes, at most
/// [`NAME_MAX`] characters (keeping the ending). Empty names become "file".
pub fn clean_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !crate::session::is_bidi_control(*c) && *c != '"')
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return "file".to_owned();
    }
    let count = cleaned.chars().count();
    if count <= NAME_MAX {
        return cleaned.to_owned();
    }
    // Keep the ending, which says the kind.
    let ending: String = cleaned
        .rsplit_once('.')
        .map(|(_, e)| format!(".{e}"))
        .filter(|e| e.chars().count() <= 12)
        .unwrap_or_default();
    let head: String = cleaned
        .chars()
        .take(NAME_MAX - ending.chars().count())
        .collect();
    format!("{head}{ending}")
}

fn ending(name: &str) -> Option<String> {
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())
}

/// What `bytes` named `name` is, if it may be uploaded: its kind comes from its content, and
/// its name must end as that kind does. Text files (TXT, CSV, Markdown) have no signature:
/// they are UTF-8 without NUL bytes that no sniffer recognises and that do not open as SVG,
/// named `.txt`, `.csv` or `.md`. A file over `max_bytes` is refused before anything else
/// is looked at. The same as feeding the bytes to a [`Sniffer`] in any pieces.
pub fn classify(name: &str, bytes: &[u8], max_bytes: u64) -> Result<FileKind, FileProblem> {
    let mut sniffer = Sniffer::default();
    sniffer.feed(bytes);
    sniffer.finish(name, max_bytes)
}

/// How much of a file's beginning is kept to tell what it is: signatures, and the first
/// entries of an office document, lie within it.
pub const HEAD: usize = 1024 * 1024;

/// How much of a text's beginning may not open an SVG picture.
const TEXT_HEAD: usize = 1024;

/// Tells what a file is from its bytes as they arrive, so it never has to be held whole: its
/// beginning is kept for the signature, and everything is checked as it passes for being text
/// (UTF-8 without NUL bytes).
#[derive(Debug, Default)]
pub struct Sniffer {
    head: Vec<u8>,
    size: u64,
    /// Whether the head has been through the text check (once it is full, or at the end).
    head_checked: bool,
    /// The end of the last piece when it stopped inside a character.
    carry: Vec<u8>,
    /// Not UTF-8, or holding a NUL byte.
    not_text: bool,
}

impl Sniffer {
    /// Takes the next piece of the file.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.size = self
            .size
            .saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
        let room = HEAD.saturating_sub(self.head.len());
        let (into_head, rest) = bytes.split_at(room.min(bytes.len()));
        self.head.extend_from_slice(into_head);
        if !rest.is_empty() {
            self.check_head();
            self.check_text(rest);
        }
    }

    /// How many bytes came in.
    pub fn size(&self) -> u64 {
        self.size
    }

    fn check_head(&mut self) {
        if self.head_checked {
            return;
        }
        self.head_checked = true;
        let head = std::mem::take(&mut self.head);
        self.check_text(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head));
        self.head = head;
    }

    fn check_text(&mut self, bytes: &[u8]) {
        if self.not_text {
            return;
        }
        if bytes.contains(&0) {
            self.not_text = true;
            return;
        }
        let mut piece = std::mem::take(&mut self.carry);
        piece.extend_from_slice(bytes);
        if let Err(e) = std::str::from_utf8(&piece) {
            match e.error_len() {
                Some(_) => self.not_text = true,
                // Stopped inside a character: its first bytes wait for the next piece.
                None => self.carry = piece[e.valid_up_to()..].to_vec(),
            }
        }
    }

    /// What the whole file, named `name`, is.
    pub fn finish(mut self, name: &str, max_bytes: u64) -> Result<FileKind, FileProblem> {
        if self.size == 0 {
            return Err(FileProblem::Empty);
        }
        if self.size > max_bytes {
            return Err(FileProblem::TooLarge { max: max_bytes });
        }
        self.check_head();
        let ext = ending(name);
        let named = |kind: FileKind| {
            ext.as_deref()
                .is_some_and(|e| kind.extensions().contains(&e))
        };
        if ext.as_deref() == Some("svg") || ext.as_deref() == Some("svgz") {
            return Err(FileProblem::NotAllowed);
        }
        let kind = match infer::get(&self.head) {
            Some(t) => FileKind::sniffed(t.mime_type()).ok_or(FileProblem::NotAllowed)?,
            None => {
                if self.not_text || !self.carry.is_empty() {
                    return Err(FileProblem::NotAllowed);
                }
                let text = self
                    .head
                    .strip_prefix(b"\xEF\xBB\xBF")
                    .unwrap_or(&self.head);
                let start = text
                    .iter()
                    .position(|b| !b.is_ascii_whitespace())
                    .unwrap_or(text.len());
                let opening = &text[start..text.len().min(start + TEXT_HEAD)];
                if opening.windows(4).any(|w| w.eq_ignore_ascii_case(b"<svg")) {
                    return Err(FileProblem::NotAllowed);
                }
                return [FileKind::Txt, FileKind::Csv, FileKind::Md]
                    .into_iter()
                    .find(|k| named(*k))
                    .ok_or(FileProblem::NameMismatch {
                        actual: FileKind::Txt,
                    });
            }
        };
        if named(kind) {
            Ok(kind)
        } else {
            Err(FileProblem::NameMismatch { actual: kind })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: u64 = 1024 * 1024;
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    const GIF: &[u8] = b"GIF89a\x01\0\x01\0\0\0\0;";
    const PDF: &[u8] =
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

    #[test]
    fn a_file_is_what_its_content_says_and_its_name_must_agree() {
        assert_eq!(classify("photo.PNG", PNG, MAX), Ok(FileKind::Png));
        assert_eq!(classify("dance.gif", GIF, MAX), Ok(FileKind::Gif));
        assert_eq!(classify("handout.pdf", PDF, MAX), Ok(FileKind::Pdf));
        assert_eq!(
            classify("handout.docx", PDF, MAX),
            Err(FileProblem::NameMismatch {
                actual: FileKind::Pdf
            })
        );
        assert_eq!(
            classify("photo.jpg", PNG, MAX),
            Err(FileProblem::NameMismatch {
                actual: FileKind::Png
            })
        );
    }

    #[test]
    fn text_files_are_utf8_named_as_text_and_never_svg_or_binary() {
        assert_eq!(
            classify("notes.md", "# Plan\n\nЗдравствуйте".as_bytes(), MAX),
            Ok(FileKind::Md)
        );
        assert_eq!(
            classify("people.csv", b"name,role\nAnn,lead\n", MAX),
            Ok(FileKind::Csv)
        );
        assert_eq!(
            classify("readme.txt", b"\xEF\xBB\xBFhello", MAX),
            Ok(FileKind::Txt)
        );
        let svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>";
        assert_eq!(classify("logo.svg", svg, MAX), Err(FileProblem::NotAllowed));
        assert_eq!(classify("logo.txt", svg, MAX), Err(FileProblem::NotAllowed));
        let xml_svg = b"<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/svg'/>";
        assert_eq!(
            classify("logo.md", xml_svg, MAX),
            Err(FileProblem::NotAllowed)
        );
        assert_eq!(
            classify("blob.txt", b"\xff\xfe\x00\x01", MAX),
            Err(FileProblem::NotAllowed)
        );
        assert_eq!(
            classify("notes", b"plain words", MAX),
            Err(FileProblem::NameMismatch {
                actual: FileKind::Txt
            })
        );
    }

    #[test]
    fn empty_oversized_and_unlisted_files_are_refused() {
        assert_eq!(classify("a.txt", b"", MAX), Err(FileProblem::Empty));
        assert_eq!(
            classify("a.txt", b"hello", 4),
            Err(FileProblem::TooLarge { max: 4 })
        );
        let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0";
        assert_eq!(classify("tool.txt", elf, MAX), Err(FileProblem::NotAllowed));
        let zip = b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
        assert_eq!(
            classify("archive.zip", zip, MAX),
            Err(FileProblem::NotAllowed)
        );
    }

    #[test]
    fn a_file_fed_in_pieces_is_told_as_when_it_is_whole() {
        let long_text = "Привет, план на день\n".repeat(HEAD / 20);
        let mut with_nul = long_text.clone().into_bytes();
        with_nul.push(0);
        let mut broken = long_text.clone().into_bytes();
        broken.extend_from_slice(b"\xD0");
        let mut pdf = PDF.to_vec();
        pdf.extend_from_slice(&[0xff; 3000]);
        let cases: [(&str, &[u8]); 7] = [
            ("plan.md", long_text.as_bytes()),
            ("plan.md", &with_nul),
            ("plan.txt", &broken),
            ("handout.pdf", &pdf),
            ("photo.png", PNG),
            ("logo.txt", b"  \n<SVG xmlns='http://www.w3.org/2000/svg'/>"),
            ("notes.txt", "é".as_bytes()),
        ];
        for (name, bytes) in cases {
            let whole = classify(name, bytes, u64::MAX);
            for size in [1, 2, 3, 7, 4096, HEAD - 1, HEAD + 1] {
                let mut s = Sniffer::default();
                for piece in bytes.chunks(size) {
                    s.feed(piece);
                }
                assert_eq!(
                    s.finish(name, u64::MAX),
                    whole,
                    "{name} in pieces of {size}"
                );
            }
        }
        assert_eq!(
            classify("plan.md", long_text.as_bytes(), u64::MAX),
            Ok(FileKind::Md)
        );
        assert_eq!(
            classify("plan.md", &with_nul, u64::MAX),
            Err(FileProblem::NotAllowed)
        );
        assert_eq!(
            classify("plan.txt", &broken, u64::MAX),
            Err(FileProblem::NotAllowed)
        );
    }

    #[test]
    fn names_keep_their_last_segment_and_ending_without_control_characters() {
        assert_eq!(clean_name("C:\\Users\\ann\\plan.pdf"), "plan.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("evil\u{202e}fdp.exe"), "evilfdp.exe");
        assert_eq!(clean_name("say \"hi\"\n.txt"), "say hi.txt");
        assert_eq!(clean_name(".hidden"), "hidden");
        assert_eq!(clean_name("   "), "file");
        let long = format!("{}.pdf", "a".repeat(300));
        let cleaned = clean_name(&long);
        assert_eq!(cleaned.chars().count(), NAME_MAX);
        assert!(cleaned.ends_with(".pdf"));
        for kind in FileKind::ALL {
            assert_eq!(FileKind::parse(kind.as_str()), Some(kind));
        }
    }
}
