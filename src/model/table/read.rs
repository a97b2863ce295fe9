//! Reading CSV text into rows of cells with their positions (RFC 4180).
//!
//! One pass over the characters, linear in the input:
//!
//! - a record ends at CR LF, LF or a lone CR (old Mac exports), outside quotes;
//! - a quoted cell keeps what it holds exactly as written: separators, `""` (one quote), line
//!   breaks (CR LF stays CR LF) and leading or trailing spaces;
//! - text after a closing quote (`"a"b`) is kept, appended as written, and reported;
//! - a quote never closed is an error at the place it opened (it would swallow every row after
//!   it).
//!
//! The `csv` crate was measured as a replacement and not kept: its reader accepts a quote left
//! open and text after a closing quote without a word (both would load wrong rows silently), and
//! it gives a record's position, not a cell's column, which every diagnostic here names.

use super::{Cell, Sheet, SheetKind};
use crate::model::Diagnostic;
use crate::model::limits::MAX_INPUT_BYTES;

/// Reads a CSV table (UTF-8 text, byte-order mark or not, `,` or `;`) into rows of cells.
pub fn read_csv(input: &str) -> Sheet {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if input.len() > MAX_INPUT_BYTES {
        return Sheet::refused(
            SheetKind::Csv { separator: ',' },
            Diagnostic::error(
                0,
                0,
                format!(
                    "tableau de {} Mo, au-delà de la limite de {} Mo d'un fichier",
                    input.len().div_ceil(1024 * 1024),
                    MAX_INPUT_BYTES / (1024 * 1024)
                ),
            ),
        );
    }
    let sep = separator(input);
    let mut sheet = Sheet {
        rows: Vec::new(),
        kind: SheetKind::Csv { separator: sep },
        diagnostics: Vec::new(),
    };
    let mut row: Vec<Cell> = Vec::new();
    let mut cell = String::new();
    let (mut line, mut column) = (1u32, 1u32);
    let mut start = (1u32, 1u32);
    let mut in_quotes = false;
    let mut quoted = false;
    let mut after_quote = false;
    let mut reported_after_quote = false;
    // A record has begun (a quoted empty cell at the very end still counts).
    let mut started = false;
    let mut chars = input.chars().peekable();
    let end_cell = |row: &mut Vec<Cell>, cell: &mut String, start: (u32, u32), quoted: bool| {
        row.push(Cell {
            text: std::mem::take(cell),
            line: start.0,
            column: start.1,
            quoted,
        });
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                    column += 2;
                }
                '"' => {
                    in_quotes = false;
                    after_quote = true;
                    column += 1;
                }
                '\r' => {
                    cell.push('\r');
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                        cell.push('\n');
                    }
                    line += 1;
                    column = 1;
                }
                '\n' => {
                    cell.push('\n');
                    line += 1;
                    column = 1;
                }
                c => {
                    cell.push(c);
                    column += 1;
                }
            }
            continue;
        }
        started = true;
        match c {
            c if c == sep => {
                end_cell(&mut row, &mut cell, start, quoted);
                column += 1;
                start = (line, column);
                (quoted, after_quote, reported_after_quote) = (false, false, false);
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_cell(&mut row, &mut cell, start, quoted);
                sheet.rows.push(std::mem::take(&mut row));
                line += 1;
                column = 1;
                start = (line, column);
                (quoted, after_quote, reported_after_quote, started) = (false, false, false, false);
            }
            '"' if cell.is_empty() && !quoted => {
                in_quotes = true;
                quoted = true;
                column += 1;
            }
            c => {
                if after_quote && !reported_after_quote {
                    reported_after_quote = true;
                    sheet.diagnostics.push(Diagnostic::warning(
                        line,
                        column,
                        "texte après le guillemet fermant : il est gardé tel quel, à la suite de la cellule ; une cellule entre guillemets doit finir par le guillemet, suivi du séparateur ou de la fin de ligne",
                    ));
                }
                cell.push(c);
                column += 1;
            }
        }
    }
    if in_quotes {
        sheet.rows.clear();
        sheet.diagnostics.push(Diagnostic::error(
            start.0,
            start.1,
            format!(
                "guillemet ouvert jamais refermé : la cellule court jusqu'à la fin du fichier (ligne {line}) et avale toutes les lignes suivantes ; ajoutez le guillemet fermant",
            ),
        ));
        return sheet;
    }
    if started || quoted || !row.is_empty() {
        end_cell(&mut row, &mut cell, start, quoted);
        sheet.rows.push(row);
    }
    sheet
}

/// `;` if the header line has more semicolons than commas (outside quotes), else `,`.
pub(super) fn separator(input: &str) -> char {
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for c in input.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            '\r' | '\n' if !quoted => break,
            _ => {}
        }
    }
    if semis > commas { ';' } else { ',' }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<Vec<String>> {
        let sheet = read_csv(input);
        assert!(
            sheet.diagnostics.is_empty(),
            "{input:?}: {:?}",
            sheet.diagnostics
        );
        sheet
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.clone()).collect())
            .collect()
    }

    fn rows(list: &[&[&str]]) -> Vec<Vec<String>> {
        list.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    // Cases in the manner of csv-spectrum, written for this reader.

    #[test]
    fn simple_and_empty_fields() {
        assert_eq!(
            texts("a,b,c\n1,2,3\n"),
            rows(&[&["a", "b", "c"], &["1", "2", "3"]])
        );
        assert_eq!(
            texts("a,b,c\n1,,3\n,,\n"),
            rows(&[&["a", "b", "c"], &["1", "", "3"], &["", "", ""]])
        );
        assert_eq!(texts("a,b\n\"\",\"\"\n"), rows(&[&["a", "b"], &["", ""]]));
        assert_eq!(
            texts("a,b\n1,2"),
            rows(&[&["a", "b"], &["1", "2"]]),
            "no final line end"
        );
    }

    #[test]
    fn quoted_line_breaks_are_kept_as_written() {
        assert_eq!(
            texts("a,b\r\n\"x\r\ny\",z\r\n"),
            rows(&[&["a", "b"], &["x\r\ny", "z"]]),
            "CR LF inside quotes stays CR LF"
        );
        assert_eq!(
            texts("a,b\n\"x\ny\",z\n"),
            rows(&[&["a", "b"], &["x\ny", "z"]])
        );
    }

    #[test]
    fn escaped_quotes_and_separators_inside_quotes() {
        assert_eq!(
            texts("a,b\n\"dit \"\"oui\"\"\",\"1,2;3\"\n"),
            rows(&[&["a", "b"], &["dit \"oui\"", "1,2;3"]])
        );
        assert_eq!(texts("a\n\"\"\"\"\n"), rows(&[&["a"], &["\""]]));
    }

    #[test]
    fn spaces_inside_quotes_are_not_trimmed() {
        assert_eq!(
            texts("a,b\n\"  x  \", y \n"),
            rows(&[&["a", "b"], &["  x  ", " y "]])
        );
        assert!(read_csv("a\n\"  x  \"\n").rows[1][0].quoted);
    }

    #[test]
    fn utf8_bom_and_semicolons() {
        assert_eq!(
            texts("\u{feff}contribution;auteur\nL’élu·e « œuvre » 🚀;Zoé\n"),
            rows(&[
                &["contribution", "auteur"],
                &["L’élu·e « œuvre » 🚀", "Zoé"]
            ])
        );
        assert_eq!(separator("\"a;b\",levier\n"), ',');
        assert_eq!(separator("contribution;levier;auteur\n"), ';');
        assert_eq!(
            separator("a,b\rc;d;e;f\r"),
            ',',
            "the header ends at a lone CR"
        );
    }

    #[test]
    fn every_line_end_ends_a_record() {
        let want = rows(&[&["a", "b"], &["1", "2"], &["3", "4"]]);
        assert_eq!(texts("a,b\r1,2\r3,4\r"), want, "CR only (old Mac)");
        assert_eq!(texts("a,b\r\n1,2\n3,4\r"), want, "mixed");
        let sheet = read_csv("a,b\r1,2\r\"x\ry\",4");
        assert_eq!(sheet.rows[2][0].text, "x\ry");
        assert_eq!((sheet.rows[2][1].line, sheet.rows[2][1].column), (4, 4));
    }

    #[test]
    fn positions_are_lines_and_columns_of_each_cell() {
        let sheet = read_csv("a,\"b,\"\"c\"\"\nd\",e\r\nf;g,h\n");
        assert_eq!(
            sheet.rows.iter().map(|r| r.len()).collect::<Vec<_>>(),
            [3, 2]
        );
        assert_eq!(sheet.rows[0][1].text, "b,\"c\"\nd");
        assert_eq!((sheet.rows[0][2].line, sheet.rows[0][2].column), (2, 4));
        assert_eq!((sheet.rows[1][1].line, sheet.rows[1][1].column), (3, 5));
    }

    #[test]
    fn text_after_a_closing_quote_is_kept_and_reported() {
        let sheet = read_csv("a,b\n\"x\"y z,2\n");
        assert_eq!(sheet.rows[1][0].text, "xy z");
        assert_eq!(sheet.diagnostics.len(), 1);
        let d = &sheet.diagnostics[0];
        assert_eq!((d.line, d.column), (2, 4));
        assert!(d.message.contains("après le guillemet fermant"));
    }

    #[test]
    fn a_quote_left_open_is_an_error_where_it_opened() {
        let sheet = read_csv("a,b\n1,\"ouvert\n2,3\n");
        assert!(sheet.rows.is_empty());
        let d = &sheet.diagnostics[0];
        assert_eq!(
            (d.line, d.column, d.severity),
            (2, 3, crate::model::Severity::Error)
        );
        assert!(d.message.contains("jamais refermé"), "{}", d.message);
    }

    #[test]
    fn a_file_past_the_size_limit_is_refused_naming_it() {
        let big = "contribution\n".repeat(MAX_INPUT_BYTES / 13 + 1);
        let sheet = read_csv(&big);
        assert!(sheet.rows.is_empty());
        assert!(
            sheet.diagnostics[0]
                .message
                .contains("au-delà de la limite de 16 Mo"),
            "{:?}",
            sheet.diagnostics
        );
    }

    #[test]
    fn a_quote_inside_an_unquoted_cell_is_text() {
        assert_eq!(
            texts("a\nil a dit \"oui\"\n"),
            rows(&[&["a"], &["il a dit \"oui\""]])
        );
    }
}
