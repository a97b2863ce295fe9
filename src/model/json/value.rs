//! JSON text to a tree of values that remember where they are written, with syntax errors in
//! French at the byte where the text goes wrong. One pass, no recursion deeper than
//! [`MAX_DEPTH`]; strings without escapes borrow the input.
//!
//! The map's own reader: `serde_json` and the derived `Deserialize` it replaces weighed about
//! 100 KB of the public module (see `docs/size.md`), for one format whose fields are read by
//! hand in `read.rs`.

use std::borrow::Cow;

/// Lists and objects nested deeper than this are refused (the format needs 6).
pub const MAX_DEPTH: usize = 128;

/// A JSON value and where it is written: `start` is the byte offset of its first byte, `end`
/// of its last (the closing quote, bracket or brace, the last digit).
#[derive(Debug)]
pub struct Value<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: Kind<'a>,
}

#[derive(Debug)]
pub enum Kind<'a> {
    Null,
    Bool(bool),
    /// The number as written (checked against the JSON grammar, not converted).
    Number(&'a str),
    Str(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    /// Members in the order written, each with the byte offset of its key.
    Object(Vec<Member<'a>>),
}

#[derive(Debug)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    pub at: usize,
    pub value: Value<'a>,
}

/// Why the text is not JSON, and where (a byte offset; the end of the text when it stops
/// too early).
#[derive(Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub at: usize,
    pub message: String,
}

const INCOMPLETE: &str = "JSON incomplet : le fichier se termine avant la fin du document (accolade ou crochet fermant manquant ?)";

/// Parses a whole document: one value, then only white space.
pub fn parse(input: &str) -> Result<Value<'_>, SyntaxError> {
    let mut p = Parser {
        input,
        b: input.as_bytes(),
        i: 0,
        depth: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.error("caractères en trop après la fin du document"));
    }
    Ok(v)
}

struct Parser<'a> {
    input: &'a str,
    b: &'a [u8],
    i: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, what: &str) -> SyntaxError {
        if self.i >= self.b.len() {
            return SyntaxError {
                at: self.b.len(),
                message: INCOMPLETE.into(),
            };
        }
        SyntaxError {
            at: self.i,
            message: format!("JSON invalide : {what}"),
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn value(&mut self) -> Result<Value<'a>, SyntaxError> {
        self.ws();
        let start = self.i;
        let kind = match self.peek() {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => Kind::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => Kind::Number(self.number()?),
            Some(b't') => self.word("true", Kind::Bool(true))?,
            Some(b'f') => self.word("false", Kind::Bool(false))?,
            Some(b'n') => self.word("null", Kind::Null)?,
            _ => return Err(self.error("valeur attendue")),
        };
        Ok(Value {
            start,
            end: self.i - 1,
            kind,
        })
    }

    fn word(&mut self, word: &str, kind: Kind<'a>) -> Result<Kind<'a>, SyntaxError> {
        for &w in word.as_bytes() {
            match self.peek() {
                Some(c) if c == w => self.i += 1,
                _ => return Err(self.error("mot-clé inconnu (true, false ou null attendu)")),
            }
        }
        Ok(kind)
    }

    /// Past an opening bracket or brace, one level deeper; true when `close` follows at once
    /// (an empty list or object, closed).
    fn open(&mut self, close: u8) -> Result<bool, SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(&format!(
                "plus de {MAX_DEPTH} listes ou objets imbriqués les uns dans les autres"
            )));
        }
        self.i += 1;
        self.ws();
        Ok(self.close(close))
    }

    /// Past `close` and one level up, if it is next.
    fn close(&mut self, close: u8) -> bool {
        let closes = self.peek() == Some(close);
        if closes {
            self.i += 1;
            self.depth -= 1;
        }
        closes
    }

    /// After an item: a comma and another item (true), or `close` (false); `expected` says
    /// what was wanted instead.
    fn more(&mut self, close: u8, expected: &str) -> Result<bool, SyntaxError> {
        self.ws();
        if self.close(close) {
            return Ok(false);
        }
        if self.peek() != Some(b',') {
            return Err(self.error(expected));
        }
        self.i += 1;
        self.ws();
        if self.peek() == Some(close) {
            return Err(self.error("virgule en trop avant la fermeture"));
        }
        Ok(true)
    }

    fn array(&mut self) -> Result<Kind<'a>, SyntaxError> {
        let mut items = Vec::new();
        if !self.open(b']')? {
            loop {
                items.push(self.value()?);
                if !self.more(b']', "virgule ou crochet fermant « ] » attendu")? {
                    break;
                }
            }
        }
        Ok(Kind::Array(items))
    }

    fn object(&mut self) -> Result<Kind<'a>, SyntaxError> {
        let mut members = Vec::new();
        if !self.open(b'}')? {
            loop {
                if self.peek() != Some(b'"') {
                    return Err(self.error("nom de champ attendu entre guillemets"));
                }
                let at = self.i;
                let key = self.string()?;
                self.ws();
                if self.peek() != Some(b':') {
                    return Err(self.error("deux-points « : » attendu après le nom du champ"));
                }
                self.i += 1;
                let value = self.value()?;
                members.push(Member { key, at, value });
                if !self.more(b'}', "virgule ou accolade fermante « } » attendue")? {
                    break;
                }
            }
        }
        Ok(Kind::Object(members))
    }

    /// A string, from its opening quote to past its closing one.
    fn string(&mut self) -> Result<Cow<'a, str>, SyntaxError> {
        self.i += 1;
        let start = self.i;
        // Borrowed until the first escape.
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'"' => {
                    self.i += 1;
                    return Ok(Cow::Borrowed(&self.input[start..self.i - 1]));
                }
                b'\\' => break,
                0..=0x1f => return Err(self.control()),
                _ => self.i += 1,
            }
        }
        let mut s = String::from(&self.input[start..self.i]);
        loop {
            // Copy the run up to the next quote, escape or control character in one piece.
            let run = self.i;
            while let Some(&c) = self.b.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            s.push_str(&self.input[run..self.i]);
            match self.peek() {
                None => return Err(self.error("")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(Cow::Owned(s));
                }
                Some(b'\\') => self.escape(&mut s)?,
                Some(_) => return Err(self.control()),
            }
        }
    }

    fn control(&self) -> SyntaxError {
        self.error("caractère de contrôle dans une chaîne (retour à la ligne non échappé ?)")
    }

    /// One escape, from its backslash.
    fn escape(&mut self, s: &mut String) -> Result<(), SyntaxError> {
        self.i += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.i += 1;
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    // A surrogate pair: the low half must follow as its own escape.
                    if self.b.get(self.i..self.i + 2) != Some(b"\\u") {
                        return Err(self.error("séquence d'échappement invalide"));
                    }
                    self.i += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error("séquence d'échappement invalide"));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    first
                };
                let c = char::from_u32(code)
                    .ok_or_else(|| self.error("séquence d'échappement invalide"))?;
                s.push(c);
                return Ok(());
            }
            _ => return Err(self.error("séquence d'échappement invalide")),
        };
        s.push(c);
        self.i += 1;
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.error("séquence d'échappement invalide")),
            };
            n = n * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(n)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("nombre invalide")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("nombre invalide : un chiffre est attendu après le point"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("nombre invalide : un chiffre est attendu dans l'exposant"));
            }
            self.digits();
        }
        Ok(&self.input[start..self.i])
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }
}

/// `s` written between JSON quotes (without them): `"` and `\` escaped, control characters as
/// `\n`, `\t`… or `\u00XX`; everything else as is.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(input: &str) -> SyntaxError {
        parse(input).expect_err("a syntax error")
    }

    #[test]
    fn reads_values_with_their_places() {
        let v = parse(" {\"a\": [1, -2.5e3, true, null], \"b\\u00e9\": \"x\\ny\"} ").unwrap();
        assert_eq!((v.start, v.end), (1, 49));
        let Kind::Object(m) = &v.kind else { panic!() };
        assert_eq!(m[0].key, "a");
        assert_eq!(m[0].at, 2);
        let Kind::Array(a) = &m[0].value.kind else {
            panic!()
        };
        assert!(matches!(a[1].kind, Kind::Number("-2.5e3")));
        assert_eq!((a[1].start, a[1].end), (11, 16));
        assert!(matches!(a[2].kind, Kind::Bool(true)));
        assert!(matches!(a[3].kind, Kind::Null));
        assert_eq!(m[1].key, "bé");
        let Kind::Str(s) = &m[1].value.kind else {
            panic!()
        };
        assert_eq!(s, "x\ny");
    }

    #[test]
    fn surrogate_pairs_and_bad_escapes() {
        let v = parse("\"\\ud83d\\ude00\"").unwrap();
        assert!(matches!(v.kind, Kind::Str(ref s) if s == "😀"));
        assert_eq!(
            err("\"\\ud83d\"").message,
            "JSON invalide : séquence d'échappement invalide"
        );
        assert_eq!(err("\"\\q\"").at, 2);
    }

    #[test]
    fn syntax_errors_name_the_place_and_what_was_expected() {
        let e = err("{\"a\": 1 \"b\": 2}");
        assert_eq!(e.at, 8);
        assert_eq!(
            e.message,
            "JSON invalide : virgule ou accolade fermante « } » attendue"
        );
        assert_eq!(
            err("[1,]").message,
            "JSON invalide : virgule en trop avant la fermeture"
        );
        assert_eq!(
            err("[1 2]").message,
            "JSON invalide : virgule ou crochet fermant « ] » attendu"
        );
        assert_eq!(
            err("{1: 2}").message,
            "JSON invalide : nom de champ attendu entre guillemets"
        );
        assert_eq!(
            err("{\"a\" 2}").message,
            "JSON invalide : deux-points « : » attendu après le nom du champ"
        );
        assert_eq!(
            err("[nul]").message,
            "JSON invalide : mot-clé inconnu (true, false ou null attendu)"
        );
        assert_eq!(
            err("{} x").message,
            "JSON invalide : caractères en trop après la fin du document"
        );
        assert_eq!(
            err("[01]").message,
            "JSON invalide : virgule ou crochet fermant « ] » attendu"
        );
        assert_eq!(err("[1.]").at, 3);
        assert!(err("\"a\nb\"").message.contains("caractère de contrôle"));
        for cut in ["{\"a\": [1, 2", "\"abc", "{\"a\"", "[", "{\"a\": tr"] {
            let e = err(cut);
            assert!(e.message.starts_with("JSON incomplet"), "{cut}: {e:?}");
            assert_eq!(e.at, cut.len());
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert!(err(&deep).message.contains("imbriqués"));
        let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn escape_writes_what_parse_reads() {
        for s in [
            "plain",
            "a \"quoted\" \\ path",
            "line\nbreak\ttab\u{1}",
            "é😀",
        ] {
            let written = format!("\"{}\"", escape(s));
            let v = parse(&written).unwrap();
            assert!(matches!(v.kind, Kind::Str(ref r) if r == s), "{s}");
        }
        assert_eq!(escape("\u{1f}"), "\\u001f");
    }
}
