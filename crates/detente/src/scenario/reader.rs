//! A typed walk over the spanned TOML tree that records every problem instead of stopping at
//! the first, and remembers the span of every value it reads (for later cross-checks).

use super::Uncertain;
use super::diagnostic::{Diagnostic, Kind, did_you_mean};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Byte spans of values by key path (`issue[0].stance[2].actor`).
pub type SpanMap = HashMap<String, Range<usize>>;

/// Collects diagnostics and spans during the walk.
#[derive(Default)]
pub struct Reader {
    /// Problems found so far.
    pub diags: Vec<Diagnostic>,
    /// Where each value read came from.
    pub spans: SpanMap,
}

/// A table being read, with its key path.
pub struct Tbl<'a, 'i> {
    map: &'a DeTable<'i>,
    /// Key path of this table (empty for the document root).
    pub path: String,
    /// Span of the table (its header or inline braces).
    pub span: Range<usize>,
}

/// TOML type name for messages.
pub fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The numeric value of an integer or float node.
pub fn as_f64(v: &DeValue<'_>) -> Option<f64> {
    match v {
        // An integer too long for 64 bits is still a number (26 digits of a position are
        // read, then range-checked like any other value).
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|x| x as f64)
            .or_else(|| {
                (i.radix() == 10)
                    .then(|| i.as_str().replace('_', "").parse::<f64>().ok())
                    .flatten()
            }),
        DeValue::Float(f) => {
            let s = f.as_str();
            match s {
                "nan" | "+nan" | "-nan" => Some(f64::NAN),
                "inf" | "+inf" => Some(f64::INFINITY),
                "-inf" => Some(f64::NEG_INFINITY),
                _ => s.replace('_', "").parse().ok(),
            }
        }
        _ => None,
    }
}

impl Reader {
    /// Record an error.
    pub fn error(
        &mut self,
        kind: Kind,
        message: impl Into<String>,
        key: &str,
        span: Range<usize>,
    ) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::error(kind, message).key(key).span(Some(span)));
        self.diags.last_mut().expect("just pushed")
    }

    /// Record a wrong-type error.
    fn wrong_type(&mut self, key: &str, v: &Spanned<DeValue<'_>>, expected: &str) {
        self.error(
            Kind::WrongType,
            format!(
                "`{}` is {}, expected {expected}",
                leaf(key),
                type_name(v.get_ref())
            ),
            key,
            v.span(),
        )
        .expected = Some(expected.to_string());
    }

    /// View `v` as a table at `path`; a wrong type is reported.
    pub fn table<'a, 'i>(
        &mut self,
        v: &'a Spanned<DeValue<'i>>,
        path: &str,
    ) -> Option<Tbl<'a, 'i>> {
        match v.get_ref() {
            DeValue::Table(map) => {
                self.spans.insert(path.to_string(), v.span());
                Some(Tbl {
                    map,
                    path: path.to_string(),
                    span: v.span(),
                })
            }
            _ => {
                self.wrong_type(path, v, "a table");
                None
            }
        }
    }
}

fn leaf(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

impl<'a, 'i> Tbl<'a, 'i> {
    /// The root table of a document.
    pub fn root(map: &'a DeTable<'i>, span: Range<usize>) -> Self {
        Tbl {
            map,
            path: String::new(),
            span,
        }
    }

    /// Key path of `key` inside this table.
    pub fn key_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The raw node under `key`.
    pub fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.map.get(key)
    }

    /// Whether `key` is present.
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    fn node(
        &self,
        r: &mut Reader,
        key: &str,
        required: bool,
        expected: &str,
    ) -> Option<&'a Spanned<DeValue<'i>>> {
        match self.map.get(key) {
            Some(v) => {
                r.spans.insert(self.key_path(key), v.span());
                Some(v)
            }
            None => {
                if required {
                    let what = if self.path.is_empty() {
                        "the file".to_string()
                    } else {
                        format!("`{}`", self.path)
                    };
                    r.error(
                        Kind::MissingKey,
                        format!("missing key `{key}` in {what}"),
                        &self.key_path(key),
                        self.span.clone(),
                    )
                    .expected = Some(format!("`{key} = ...` ({expected})"));
                }
                None
            }
        }
    }

    /// A string value.
    pub fn string(&self, r: &mut Reader, key: &str, required: bool) -> Option<String> {
        let v = self.node(r, key, required, "a string")?;
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                r.wrong_type(&self.key_path(key), v, "a string");
                None
            }
        }
    }

    /// A date (`2023-11-29`) or a string of that shape, returned as `YYYY-MM-DD`.
    pub fn date(&self, r: &mut Reader, key: &str) -> Option<String> {
        let v = self.node(r, key, false, "a date")?;
        let text = match v.get_ref() {
            DeValue::Datetime(d) => d.to_string(),
            DeValue::String(s) => s.to_string(),
            _ => {
                r.wrong_type(&self.key_path(key), v, "a date such as 2023-11-29");
                return None;
            }
        };
        let ok = text.len() == 10
            && text.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if ok {
            Some(text)
        } else {
            r.error(
                Kind::WrongType,
                format!("`{key}` is `{text}`, expected a date YYYY-MM-DD"),
                &self.key_path(key),
                v.span(),
            )
            .expected = Some("a date such as 2023-11-29".into());
            None
        }
    }

    /// A boolean.
    pub fn boolean(&self, r: &mut Reader, key: &str) -> Option<bool> {
        let v = self.node(r, key, false, "true or false")?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                r.wrong_type(&self.key_path(key), v, "true or false");
                None
            }
        }
    }

    /// An integer.
    pub fn integer(&self, r: &mut Reader, key: &str, required: bool) -> Option<i64> {
        let v = self.node(r, key, required, "an integer")?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(x) => Some(x),
                Err(_) => {
                    r.error(
                        Kind::OutOfRange,
                        format!("`{key}` does not fit in 64 bits"),
                        &self.key_path(key),
                        v.span(),
                    );
                    None
                }
            },
            _ => {
                r.wrong_type(&self.key_path(key), v, "an integer");
                None
            }
        }
    }

    /// A non-negative integer that fits in `u64` (the full range, 0 to 18446744073709551615).
    pub fn unsigned(&self, r: &mut Reader, key: &str, required: bool) -> Option<u64> {
        let v = self.node(r, key, required, "an integer ≥ 0")?;
        let DeValue::Integer(i) = v.get_ref() else {
            r.wrong_type(&self.key_path(key), v, "an integer ≥ 0");
            return None;
        };
        if let Ok(x) = u64::from_str_radix(i.as_str().trim_start_matches('+'), i.radix()) {
            return Some(x);
        }
        let negative = i.as_str().starts_with('-');
        r.error(
            Kind::OutOfRange,
            if negative {
                format!("`{key}` is {}, expected a non-negative integer", i.as_str())
            } else {
                format!("`{key}` does not fit in 64 bits")
            },
            &self.key_path(key),
            v.span(),
        )
        .expected = Some("an integer from 0 to 18446744073709551615".into());
        None
    }

    /// A finite number (integer or float).
    pub fn number(&self, r: &mut Reader, key: &str, required: bool) -> Option<f64> {
        let v = self.node(r, key, required, "a number")?;
        number_node(r, &self.key_path(key), v)
    }

    /// A finite number within `[lo, hi]`.
    pub fn number_in(
        &self,
        r: &mut Reader,
        key: &str,
        required: bool,
        lo: f64,
        hi: f64,
    ) -> Option<f64> {
        let x = self.number(r, key, required)?;
        if x < lo || x > hi {
            let span = self
                .map
                .get(key)
                .map(|n| n.span())
                .unwrap_or(self.span.clone());
            r.error(
                Kind::OutOfRange,
                format!("`{key}` is {x}, outside [{lo}, {hi}]"),
                &self.key_path(key),
                span,
            )
            .expected = Some(format!("a number between {lo} and {hi}"));
            return None;
        }
        Some(x)
    }

    /// An uncertain number: a number, `{low, mode, high}` or `{low, high}`.
    pub fn uncertain(&self, r: &mut Reader, key: &str, required: bool) -> Option<Uncertain> {
        let v = self.node(r, key, required, "a number or {low, mode, high}")?;
        uncertain_node(r, &self.key_path(key), v)
    }

    /// An array of strings.
    pub fn strings(&self, r: &mut Reader, key: &str, required: bool) -> Option<Vec<String>> {
        let v = self.node(r, key, required, "an array of strings")?;
        let path = self.key_path(key);
        let DeValue::Array(items) = v.get_ref() else {
            r.wrong_type(&path, v, "an array of strings");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (k, item) in items.iter().enumerate() {
            let p = format!("{path}[{k}]");
            r.spans.insert(p.clone(), item.span());
            match item.get_ref() {
                DeValue::String(s) => out.push(s.to_string()),
                _ => r.wrong_type(&p, item, "a string"),
            }
        }
        Some(out)
    }

    /// A sub-table (`[a.b]` or an inline table).
    pub fn table(&self, r: &mut Reader, key: &str, required: bool) -> Option<Tbl<'a, 'i>> {
        let v = self.node(r, key, required, "a table")?;
        r.table(v, &self.key_path(key))
    }

    /// An array of tables (`[[key]]`), each with its index path.
    pub fn tables(&self, r: &mut Reader, key: &str) -> Vec<Tbl<'a, 'i>> {
        let Some(v) = self.node(r, key, false, "an array of tables") else {
            return Vec::new();
        };
        let path = self.key_path(key);
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(k, item)| r.table(item, &format!("{path}[{k}]")))
                .collect(),
            _ => {
                r.wrong_type(&path, v, &format!("an array of tables ([[{path}]])"));
                Vec::new()
            }
        }
    }

    /// Every `(key, node)` pair, in file order.
    pub fn entries(&self) -> impl Iterator<Item = (&'a str, &'a Spanned<DeValue<'i>>)> {
        self.map.iter().map(|(k, v)| (k.get_ref().as_ref(), v))
    }

    /// Report every key not in `known`, with a suggestion.
    pub fn finish(&self, r: &mut Reader, known: &[&str]) {
        for (k, _) in self.map.iter() {
            let name: &str = k.get_ref();
            if !known.contains(&name) {
                let what = if self.path.is_empty() {
                    "at the top level".to_string()
                } else {
                    format!("in `{}`", self.path)
                };
                let d = r.error(
                    Kind::UnknownKey,
                    format!("unknown key `{name}` {what}"),
                    &self.key_path(name),
                    k.span(),
                );
                d.expected = Some(format!("one of: {}", known.join(", ")));
                d.help = did_you_mean(name, known.iter().copied());
            }
        }
    }
}

/// Read a finite number from a node.
pub fn number_node(r: &mut Reader, path: &str, v: &Spanned<DeValue<'_>>) -> Option<f64> {
    match as_f64(v.get_ref()) {
        Some(x) if x.is_finite() => Some(x),
        Some(x) => {
            r.error(
                Kind::NotFinite,
                format!("`{}` is {x}; numbers must be finite", leaf(path)),
                path,
                v.span(),
            )
            .expected = Some("a finite number".into());
            None
        }
        None => {
            r.wrong_type(path, v, "a number");
            None
        }
    }
}

/// Read an uncertain number from a node.
pub fn uncertain_node(r: &mut Reader, path: &str, v: &Spanned<DeValue<'_>>) -> Option<Uncertain> {
    let DeValue::Table(_) = v.get_ref() else {
        return match as_f64(v.get_ref()) {
            Some(_) => number_node(r, path, v).map(Uncertain::Fixed),
            None => {
                r.wrong_type(path, v, "a number, { low, mode, high } or { low, high }");
                None
            }
        };
    };
    let t = r.table(v, path)?;
    let low = t.number(r, "low", true);
    let high = t.number(r, "high", true);
    let mode = if t.has("mode") {
        t.number(r, "mode", true)
    } else {
        None
    };
    t.finish(r, &["low", "mode", "high"]);
    let (low, high) = (low?, high?);
    let ordered = match mode {
        Some(m) => low <= m && m <= high,
        None => low <= high,
    };
    if !ordered {
        let msg = match mode {
            Some(m) => {
                format!(
                    "`{}` has low = {low}, mode = {m}, high = {high}; expected low ≤ mode ≤ high",
                    leaf(path)
                )
            }
            None => format!("`{}` has low = {low} > high = {high}", leaf(path)),
        };
        r.error(Kind::LowAboveHigh, msg, path, v.span()).expected =
            Some("low ≤ mode ≤ high".into());
        return None;
    }
    Some(match (t.has("mode"), mode) {
        (true, Some(mode)) => Uncertain::Triangular { low, mode, high },
        (true, None) => return None,
        (false, _) => Uncertain::Uniform { low, high },
    })
}
