//! A serde `Serializer` that writes a value as Rust source for a `static`, used by build.rs.
//!
//! Parsing TOML in the browser costs about 100 KB of gzipped wasm (serde + toml code generated
//! per content type); compiling the already-validated content into statics costs only the text.
//! Strings become `Cow::Borrowed("...")`, sequences become `Cow::Borrowed(&ITEMS_n)` with each
//! array hoisted into its own `static` (a static may borrow another static; temporaries inside a
//! constructor call would not live long enough), unit enum variants are turned from their
//! kebab-case serde name back into the Rust variant name.

use std::fmt;

use serde::ser::{self, Serialize};

/// Rust source for one value and the Rust type of that value (needed to declare hoisted arrays).
pub struct Lit {
    pub expr: String,
    pub ty: String,
}

#[derive(Debug)]
pub struct LiteralError(String);

impl fmt::Display for LiteralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LiteralError {}

impl ser::Error for LiteralError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        LiteralError(msg.to_string())
    }
}

fn unsupported(what: &str) -> LiteralError {
    LiteralError(format!("content models may not use {what}"))
}

/// Writes `static NAME: TYPE = value;` plus the arrays it borrows.
pub fn static_item<T: Serialize>(name: &str, ty: &str, value: &T) -> Result<String, LiteralError> {
    let mut hoisted = Vec::new();
    let lit = value.serialize(LitSerializer {
        hoisted: &mut hoisted,
        prefix: name,
    })?;
    let mut out = String::new();
    for item in hoisted {
        out.push_str(&item);
        out.push('\n');
    }
    out.push_str(&format!("pub static {name}: {ty} = {};\n", lit.expr));
    Ok(out)
}

const COW: &str = "::std::borrow::Cow";

fn camel_case(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

struct LitSerializer<'a> {
    hoisted: &'a mut Vec<String>,
    prefix: &'a str,
}

impl<'a> LitSerializer<'a> {
    fn child(&mut self) -> LitSerializer<'_> {
        LitSerializer {
            hoisted: self.hoisted,
            prefix: self.prefix,
        }
    }
}

fn plain(expr: String, ty: &str) -> Result<Lit, LiteralError> {
    Ok(Lit {
        expr,
        ty: ty.to_string(),
    })
}

impl<'a> ser::Serializer for LitSerializer<'a> {
    type Ok = Lit;
    type Error = LiteralError;
    type SerializeSeq = SeqLit<'a>;
    type SerializeTuple = ser::Impossible<Lit, LiteralError>;
    type SerializeTupleStruct = ser::Impossible<Lit, LiteralError>;
    type SerializeTupleVariant = ser::Impossible<Lit, LiteralError>;
    type SerializeMap = ser::Impossible<Lit, LiteralError>;
    type SerializeStruct = StructLit<'a>;
    type SerializeStructVariant = ser::Impossible<Lit, LiteralError>;

    fn serialize_bool(self, v: bool) -> Result<Lit, LiteralError> {
        plain(v.to_string(), "bool")
    }
    fn serialize_i8(self, v: i8) -> Result<Lit, LiteralError> {
        plain(format!("{v}"), "i8")
    }
    fn serialize_i16(self, v: i16) -> Result<Lit, LiteralError> {
        plain(format!("{v}"), "i16")
    }
    fn serialize_i32(self, v: i32) -> Result<Lit, LiteralError> {
        plain(format!("{v}"), "i32")
    }
    fn serialize_i64(self, v: i64) -> Result<Lit, LiteralError> {
        plain(format!("{v}"), "i64")
    }
    fn serialize_u8(self, v: u8) -> Result<Lit, LiteralError> {
        plain(format!("{v}"), "u8")
    }
    fn serialize_u16(self, v: u16) -> Result<Lit, LiteralError> {
        plain(format!("{v}"), "u16")
    }
    fn serialize_u32(self, v: u32) -> Result<Lit, LiteralError> {
        plain(format!("{v}"), "u32")
    }
    fn serialize_u64(self, v: u64) -> Result<Lit, LiteralError> {
        // usize serialises as u64; the models use usize, never u64.
        plain(format!("{v}"), "usize")
    }
    fn serialize_f32(self, _: f32) -> Result<Lit, LiteralError> {
        Err(unsupported("floats"))
    }
    fn serialize_f64(self, _: f64) -> Result<Lit, LiteralError> {
        Err(unsupported("floats"))
    }
    fn serialize_char(self, _: char) -> Result<Lit, LiteralError> {
        Err(unsupported("char"))
    }
    fn serialize_str(self, v: &str) -> Result<Lit, LiteralError> {
        // `{:?}` of a str is a valid Rust string literal (quotes, backslashes, \u{..} escaped).
        plain(
            format!("{COW}::Borrowed({v:?})"),
            &format!("{COW}<'static, str>"),
        )
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Lit, LiteralError> {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> Result<Lit, LiteralError> {
        plain("None".into(), "Option<_>")
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Lit, LiteralError> {
        let inner = value.serialize(self)?;
        Ok(Lit {
            expr: format!("Some({})", inner.expr),
            ty: format!("Option<{}>", inner.ty),
        })
    }
    fn serialize_unit(self) -> Result<Lit, LiteralError> {
        plain("()".into(), "()")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<Lit, LiteralError> {
        plain(name.into(), name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Lit, LiteralError> {
        plain(format!("{name}::{}", camel_case(variant)), name)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Lit, LiteralError> {
        let inner = value.serialize(self)?;
        plain(format!("{name}({})", inner.expr), name)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Lit, LiteralError> {
        Err(unsupported("newtype variants"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<SeqLit<'a>, LiteralError> {
        Ok(SeqLit {
            ser: self,
            items: Vec::new(),
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, LiteralError> {
        Err(unsupported("tuples"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, LiteralError> {
        Err(unsupported("tuple structs"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, LiteralError> {
        Err(unsupported("tuple variants"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, LiteralError> {
        Err(unsupported("maps"))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<StructLit<'a>, LiteralError> {
        Ok(StructLit {
            ser: self,
            name,
            fields: Vec::new(),
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, LiteralError> {
        Err(unsupported("struct variants"))
    }
}

pub struct SeqLit<'a> {
    ser: LitSerializer<'a>,
    items: Vec<Lit>,
}

impl ser::SerializeSeq for SeqLit<'_> {
    type Ok = Lit;
    type Error = LiteralError;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), LiteralError> {
        let lit = value.serialize(self.ser.child())?;
        self.items.push(lit);
        Ok(())
    }

    fn end(self) -> Result<Lit, LiteralError> {
        let Some(first) = self.items.first() else {
            // An empty array needs no storage: `&[]` is promoted to 'static.
            return plain(
                format!("{COW}::Borrowed(&[])"),
                &format!("{COW}<'static, [_]>"),
            );
        };
        let ty = first.ty.clone();
        let name = format!("{}_ITEMS_{}", self.ser.prefix, self.ser.hoisted.len());
        let body: Vec<&str> = self.items.iter().map(|l| l.expr.as_str()).collect();
        self.ser.hoisted.push(format!(
            "static {name}: [{ty}; {}] = [{}];",
            body.len(),
            body.join(", ")
        ));
        plain(
            format!("{COW}::Borrowed(&{name})"),
            &format!("{COW}<'static, [{ty}]>"),
        )
    }
}

pub struct StructLit<'a> {
    ser: LitSerializer<'a>,
    name: &'static str,
    fields: Vec<(&'static str, String)>,
}

impl ser::SerializeStruct for StructLit<'_> {
    type Ok = Lit;
    type Error = LiteralError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), LiteralError> {
        let lit = value.serialize(self.ser.child())?;
        self.fields.push((key, lit.expr));
        Ok(())
    }

    fn end(self) -> Result<Lit, LiteralError> {
        let fields: Vec<String> = self
            .fields
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        plain(
            format!("{} {{ {} }}", self.name, fields.join(", ")),
            self.name,
        )
    }
}
