//! Reading CSV text into rows of cells with their positions (RFC 4180 quotes).

use crate::model::Diagnostic;

/// One cell: its text and where it starts (1-based line and column).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) line: u32,
    pub(super) column: u32,
}

/// Splits CSV text into rows of cells (RFC 4180 quotes, CR LF or LF). An unclosed quote is an
/// error at the line where it opened.
pub(super) fn records(input: &str, sep: char) -> Result<Vec<Vec<Cell>>, Diagnostic> {
    let mut rows = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut cell = String::new();
    let (mut line, mut column) = (1u32, 1u32);
    let mut start = (1u32, 1u32);
    let mut in_quotes = false;
    let mut chars = input.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    column += 2;
                    cell.push('"');
                    continue;
                }
                '"' => in_quotes = false,
                '\n' => {
                    cell.push('\n');
                    line += 1;
                    column = 0;
                }
                '\r' => {}
                c => cell.push(c),
            }
            column += 1;
            continue;
        }
        match c {
            '"' if at_start => {
                in_quotes = true;
                at_start = false;
            }
            c if c == sep => {
                row.push(Cell {
                    text: std::mem::take(&mut cell),
                    line: start.0,
                    column: start.1,
                });
                start = (line, column + 1);
                at_start = true;
            }
            '\r' => {}
            '\n' => {
                row.push(Cell {
                    text: std::mem::take(&mut cell),
                    line: start.0,
                    column: start.1,
                });
                rows.push(std::mem::take(&mut row));
                line += 1;
                column = 0;
                start = (line, 1);
                at_start = true;
            }
            c => {
                // Text after a closing quote is kept as written.
                cell.push(c);
                at_start = false;
            }
        }
        column += 1;
    }
    if in_quotes {
        return Err(Diagnostic::error(
            start.0,
            start.1,
            "guillemet ouvert jamais refermé : la cellule court jusqu'à la fin du fichier",
        ));
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(Cell {
            text: cell,
            line: start.0,
            column: start.1,
        });
        rows.push(row);
    }
    Ok(rows)
}

/// `;` if the header line has more semicolons than commas (outside quotes), else `,`.
pub(super) fn separator(input: &str) -> char {
    let header = input.lines().next().unwrap_or("");
    let (mut commas, mut semis, mut quoted) = (0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if semis > commas { ';' } else { ',' }
}
