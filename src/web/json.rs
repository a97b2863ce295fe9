//! Values for the page as JSON text, which the browser's `JSON.parse` turns into plain objects:
//! what the handle and the modules return. Built for size: serde-wasm-bindgen built each object
//! field by field across the boundary, its code inlined into every method that returns one
//! (`docs/size.md`); here each value is written into one string, with the few shapes the
//! project's types have. Numbers: integers as they are, floats (scores) with up to six
//! decimals; a value this writer does not know (bytes, a map key that is not a string) is an
//! error, and the method returns null.

use std::fmt::Write as _;

use serde::ser::{self, Serialize};
use wasm_bindgen::JsValue;

/// `v` as a plain JS value (`JSON.parse` of its JSON text), null if it cannot be written.
pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    let mut out = Writer(String::new());
    match v.serialize(&mut out) {
        Ok(()) => js_sys::JSON::parse(&out.0).unwrap_or(JsValue::NULL),
        Err(Unwritable) => JsValue::NULL,
    }
}

/// The JSON text being written.
struct Writer(String);

/// A value JSON (or this writer) cannot hold.
#[derive(Debug)]
struct Unwritable;

impl std::fmt::Display for Unwritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("valeur non écrite")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unwritable
    }
}

impl Writer {
    fn string(&mut self, s: &str) {
        self.0.push('"');
        for c in s.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                '\n' => self.0.push_str("\\n"),
                '\r' => self.0.push_str("\\r"),
                '\t' => self.0.push_str("\\t"),
                c if (c as u32) < 0x20 => {
                    let _ = write!(self.0, "\\u{:04x}", c as u32);
                }
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }

    /// A finite float with up to six decimals (trailing zeros dropped); null otherwise.
    fn float(&mut self, v: f64) {
        if !v.is_finite() {
            self.0.push_str("null");
            return;
        }
        let negative = v < 0.0;
        let micro = (v.abs() * 1e6).round();
        if micro >= 9e15 {
            // Beyond what the digits below hold exactly: an integer is all that is left.
            let _ = write!(
                self.0,
                "{}{}",
                if negative { "-" } else { "" },
                v.abs() as u64
            );
            return;
        }
        let micro = micro as u64;
        let (whole, mut frac) = (micro / 1_000_000, micro % 1_000_000);
        if negative && micro > 0 {
            self.0.push('-');
        }
        let _ = write!(self.0, "{whole}");
        if frac > 0 {
            let mut digits = 6;
            while frac % 10 == 0 {
                frac /= 10;
                digits -= 1;
            }
            let _ = write!(self.0, ".{frac:0digits$}");
        }
    }
}

/// What follows an opening bracket: a comma before every element but the first.
struct Seq<'a> {
    w: &'a mut Writer,
    first: bool,
    close: char,
}

impl Seq<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.0.push(',');
        }
        self.first = false;
    }

    fn key(&mut self, key: &str) {
        self.comma();
        self.w.string(key);
        self.w.0.push(':');
    }
}

macro_rules! integers {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, v: $ty) -> Result<(), Unwritable> {
            let _ = write!(self.0, "{v}");
            Ok(())
        })*
    };
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Unwritable>;
    type SerializeMap = Seq<'a>;
    type SerializeStruct = Seq<'a>;
    type SerializeStructVariant = ser::Impossible<(), Unwritable>;

    integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_bool(self, v: bool) -> Result<(), Unwritable> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), Unwritable> {
        self.float(f64::from(v));
        Ok(())
    }

    fn serialize_f64(self, v: f64) -> Result<(), Unwritable> {
        self.float(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Unwritable> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unwritable> {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unwritable> {
        Err(Unwritable)
    }

    fn serialize_none(self) -> Result<(), Unwritable> {
        self.0.push_str("null");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Unwritable> {
        v.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unwritable> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unwritable> {
        self.serialize_none()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unwritable> {
        self.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unwritable> {
        v.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unwritable> {
        Err(Unwritable)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, Unwritable> {
        self.0.push('[');
        Ok(Seq {
            w: self,
            first: true,
            close: ']',
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Unwritable> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, Unwritable> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(Unwritable)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Seq<'a>, Unwritable> {
        self.0.push('{');
        Ok(Seq {
            w: self,
            first: true,
            close: '}',
        })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, Unwritable> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(Unwritable)
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Unwritable;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unwritable> {
        self.comma();
        v.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Unwritable> {
        self.w.0.push(self.close);
        Ok(())
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Unwritable;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unwritable> {
        ser::SerializeSeq::serialize_element(self, v)
    }

    fn end(self) -> Result<(), Unwritable> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unwritable> {
        ser::SerializeSeq::serialize_element(self, v)
    }

    fn end(self) -> Result<(), Unwritable> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Seq<'_> {
    type Ok = ();
    type Error = Unwritable;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unwritable> {
        self.comma();
        // Keys are strings: written as one, anything else refused.
        let start = self.w.0.len();
        key.serialize(&mut *self.w)?;
        if !self.w.0[start..].starts_with('"') {
            return Err(Unwritable);
        }
        self.w.0.push(':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unwritable> {
        v.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Unwritable> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeStruct for Seq<'_> {
    type Ok = ();
    type Error = Unwritable;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unwritable> {
        self.key(key);
        v.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Unwritable> {
        ser::SerializeSeq::end(self)
    }
}
