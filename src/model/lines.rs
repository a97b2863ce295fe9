//! Byte offsets to 1-based line and column, in O(log n) per lookup after one O(n) pass.
//!
//! Readers report a mistake by its byte offset; rescanning the input for each diagnostic would
//! make a file with many of them quadratic (100 000 warnings on a 5 MB file took minutes). The
//! index keeps where each line starts and, every [`STRIDE`] bytes, how many characters came
//! before, so a column costs a binary search plus at most `STRIDE` bytes counted, however long
//! the line (a minified JSON file is one line).

/// Bytes between two character-count checkpoints.
const STRIDE: usize = 4096;

pub struct LineIndex<'a> {
    input: &'a [u8],
    /// Byte offset where each line starts (the first is 0).
    starts: Vec<usize>,
    /// Characters before byte `k * STRIDE`.
    chars_before: Vec<usize>,
}

/// Is `b` the first byte of a UTF-8 character (not a continuation byte)?
fn starts_char(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

impl<'a> LineIndex<'a> {
    pub fn new(input: &'a str) -> LineIndex<'a> {
        let bytes = input.as_bytes();
        let mut starts = vec![0];
        let mut chars_before = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut chars = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i.is_multiple_of(STRIDE) {
                chars_before.push(chars);
            }
            if b == b'\n' {
                starts.push(i + 1);
            }
            chars += usize::from(starts_char(b));
        }
        if bytes.len().is_multiple_of(STRIDE) {
            chars_before.push(chars);
        }
        LineIndex {
            input: bytes,
            starts,
            chars_before,
        }
    }

    /// Characters in `input[..offset]`.
    fn chars_to(&self, offset: usize) -> usize {
        let k = offset / STRIDE;
        self.chars_before[k]
            + self.input[k * STRIDE..offset]
                .iter()
                .filter(|&&b| starts_char(b))
                .count()
    }

    /// 1-based line and column (in characters) of a byte offset; past the end means the end.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.input.len());
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let column = self.chars_to(offset) - self.chars_to(start) + 1;
        (line as u32, column as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious rescanning version, to compare with.
    fn slow(input: &str, offset: usize) -> (u32, u32) {
        let before = &input[..offset];
        let line = before.matches('\n').count() as u32 + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[start..].chars().count() as u32 + 1)
    }

    #[test]
    fn agrees_with_rescanning_on_every_char_boundary() {
        let long = "é".repeat(STRIDE) + "x\n" + &"a".repeat(STRIDE * 2 + 7) + "\r\n€🙂\n";
        for input in ["", "a", "\n", "ab\ncd\n\nef", "é\nà b\n", long.as_str()] {
            let ix = LineIndex::new(input);
            for (i, _) in input.char_indices().chain([(input.len(), ' ')]) {
                assert_eq!(ix.line_col(i), slow(input, i), "{i} in {input:?}");
            }
        }
    }
}
