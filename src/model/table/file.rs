//! Reading a table file's bytes (native only: the browser decodes text with `TextDecoder` and
//! does not carry `encoding_rs`): CSV in UTF-8 (with or without a byte-order mark), UTF-16 with
//! a byte-order mark, or the 8-bit encodings French spreadsheets save in (Windows-1252,
//! ISO-8859-15) decoded with `encoding_rs`; workbooks go to [`super::workbook`] (feature
//! `workbooks`).

use encoding_rs::{Encoding, ISO_8859_15, WINDOWS_1252};

use super::{Sheet, read_csv};
use crate::model::Diagnostic;

/// Bytes where ISO-8859-15 and Windows-1252 read different letters (`€ Š š Ž ž Œ œ Ÿ` in the
/// first, `¤ ¦ ¨ ´ ¸ ¼ ½ ¾` in the second).
const ISO_8859_15_LETTERS: [u8; 8] = [0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE];

/// Text of a file: UTF-8 (byte-order mark removed) as it is; UTF-16 with its byte-order mark;
/// else Windows-1252, or ISO-8859-15 when no byte 0x80–0x9F appears (those are letters only in
/// Windows-1252) and one of the bytes where they differ does, with a warning naming the
/// encoding guessed.
pub fn decode(bytes: &[u8]) -> (String, Option<Diagnostic>) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), None);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), None);
    }
    let windows = bytes.iter().any(|b| (0x80..=0x9F).contains(b));
    let encoding = if !windows && bytes.iter().any(|b| ISO_8859_15_LETTERS.contains(b)) {
        ISO_8859_15
    } else {
        WINDOWS_1252
    };
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let name = if encoding == WINDOWS_1252 {
        "Windows-1252 (le « CSV » d'Excel en français)"
    } else {
        "ISO-8859-15 (Latin-9)"
    };
    (
        text.into_owned(),
        Some(Diagnostic::warning(
            0,
            0,
            format!(
                "le fichier n'est pas en UTF-8 : il est lu comme {name} ; vérifiez les accents sur la carte, ou enregistrez-le en « CSV UTF-8 »"
            ),
        )),
    )
}

/// Reads a table file's bytes (`name` picks CSV or workbook): one [`Sheet`] for the join.
pub fn read_bytes(bytes: &[u8], name: &str) -> Sheet {
    if let Some(refused) = Sheet::too_large(bytes.len()) {
        return refused;
    }
    #[cfg(feature = "workbooks")]
    if super::workbook::is_workbook(bytes, name) {
        return super::workbook::read_workbook(bytes);
    }
    #[cfg(not(feature = "workbooks"))]
    if super::is_workbook_name(name) {
        return Sheet::refused(
            super::SheetKind::Spreadsheet,
            Diagnostic::error(
                0,
                0,
                "cette version ne lit pas les classeurs : enregistrez le tableau en « CSV UTF-8 »",
            ),
        );
    }
    let (text, warning) = decode(bytes);
    let mut sheet = read_csv(&text);
    if let Some(w) = warning {
        sheet.diagnostics.insert(0, w);
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRENCH: &str = "contribution;auteur\r\n« Élu·es, cœur, façade, 5 € »;Zoé\r\n";

    #[test]
    fn utf8_with_or_without_bom_is_read_as_is() {
        assert_eq!(decode(FRENCH.as_bytes()), (FRENCH.to_string(), None));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(FRENCH.as_bytes());
        assert_eq!(decode(&bom).0, FRENCH);
    }

    #[test]
    fn windows_1252_and_iso_8859_15_are_guessed_and_named() {
        let (bytes, _, _) = WINDOWS_1252.encode(FRENCH);
        let (text, warning) = decode(&bytes);
        assert_eq!(text, FRENCH);
        assert!(warning.unwrap().message.contains("Windows-1252"));

        let plain = "contribution\r\nLe cœur de l'élu, 5 €\r\n";
        let (bytes, _, _) = ISO_8859_15.encode(plain);
        let (text, warning) = decode(&bytes);
        assert_eq!(text, plain);
        assert!(warning.unwrap().message.contains("ISO-8859-15"));

        // Only letters both encodings share: either reading is right.
        let (bytes, _, _) = WINDOWS_1252.encode("élu à Orléans");
        assert_eq!(decode(&bytes).0, "élu à Orléans");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "contribution\nélu".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&bytes), ("contribution\nélu".to_string(), None));
    }

    #[test]
    fn column_letters_name_spreadsheet_columns() {
        let names: Vec<String> = [1, 3, 26, 27, 52, 703]
            .into_iter()
            .map(super::super::column_letters)
            .collect();
        assert_eq!(names, ["A", "C", "Z", "AA", "AZ", "AAA"]);
    }

    #[test]
    fn a_broken_workbook_is_refused_with_a_message() {
        let sheet = read_bytes(b"PK\x03\x04 pas un classeur", "t.xlsx");
        assert!(sheet.rows.is_empty());
        assert!(
            sheet.diagnostics[0]
                .message
                .starts_with("classeur illisible"),
            "{:?}",
            sheet.diagnostics
        );
    }
}
