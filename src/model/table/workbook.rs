//! Reading a workbook's first sheet with `calamine`: `.xlsx`, `.xlsm`, `.xlsb`, `.xls` and `.ods`
//! (feature `workbooks`: the command-line tool and the studio's module; the public map leaves
//! it out).

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::{Cell, Sheet, SheetKind};
use crate::model::Diagnostic;

/// Is this file a workbook, by its name or its first bytes (a zip archive or an OLE file)?
/// (Native: in the browser, the studio's page picks the reader by the file's name.)
#[cfg(not(target_arch = "wasm32"))]
pub fn is_workbook(bytes: &[u8], name: &str) -> bool {
    super::is_workbook_name(name)
        || bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// A workbook cell as text: whole numbers without `.0` (a department typed `94`, a year `2021`).
fn cell_text(data: &Data) -> Result<String, String> {
    match data {
        Data::Empty => Ok(String::new()),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(format!("{}", *f as i64)),
        Data::Error(e) => Err(e.to_string()),
        other => Ok(other.to_string()),
    }
}

/// The first sheet of a workbook, as rows of cells named by their row and column.
pub fn read_workbook(bytes: &[u8]) -> Sheet {
    if let Some(refused) = Sheet::too_large(bytes.len()) {
        return refused;
    }
    let kind = SheetKind::Spreadsheet;
    let refused = |message: String| Sheet::refused(kind, Diagnostic::error(0, 0, message));
    let mut book = match open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())) {
        Ok(b) => b,
        Err(e) => {
            return refused(format!(
                "classeur illisible ({e}) : enregistrez-le en .xlsx, .ods ou « CSV UTF-8 »"
            ));
        }
    };
    let names = book.sheet_names();
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return refused(format!("première feuille du classeur illisible ({e})")),
        None => return refused("le classeur n'a aucune feuille".to_string()),
    };
    let mut sheet = Sheet {
        rows: Vec::new(),
        kind,
        diagnostics: Vec::new(),
    };
    if names.len() > 1 {
        sheet.diagnostics.push(Diagnostic::warning(
            0,
            0,
            format!(
                "seule la première feuille, « {} », est lue ; le classeur en a {} (les autres sont laissées de côté)",
                names[0],
                names.len()
            ),
        ));
    }
    let (top, left) = range.start().unwrap_or((0, 0));
    // Rows above the first filled one are blank: the header is the first filled row.
    for (i, row) in range.rows().enumerate() {
        let line = top + i as u32 + 1;
        let cells = row
            .iter()
            .enumerate()
            .map(|(j, data)| {
                let column = left + j as u32 + 1;
                let text = cell_text(data).unwrap_or_else(|e| {
                    sheet.diagnostics.push(Diagnostic::warning(
                        line,
                        column,
                        format!(
                            "cellule {}{line} : erreur de formule « {e} », cellule lue comme vide",
                            super::column_letters(column)
                        ),
                    ));
                    String::new()
                });
                Cell {
                    text,
                    line,
                    column,
                    quoted: false,
                }
            })
            .collect();
        sheet.rows.push(cells);
    }
    sheet
}
