//! YAML that cannot blow up: every YAML text factlint reads (rule packs, configuration,
//! gazetteers, Markdown front matter) goes through [`from_str`].
//!
//! An alias (`*a`) repeats the node its anchor (`&a`) names, so a few kilobytes of nested
//! aliases (a "billion laughs") stand for billions of values. `yaml_serde` caps the number
//! of alias *jumps* (100 per event of the document), but not what each jump repeats: an
//! anchored list of 1,000 items repeated 100 times, itself repeated 1,000 times, is 10⁸
//! strings from an 11 KB file — gigabytes once deserialised. [`from_str`] first walks the
//! document as the deserialiser would expand it, counting values without keeping any, and
//! refuses a document that expands to more than [`budget`] values; only then is it
//! deserialised for real.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use std::cell::Cell;
use std::fmt;

/// The most values (scalars, sequences, mappings) a YAML text of `len` bytes may expand to:
/// more than any text without aliases can hold (every value takes at least one byte and a
/// separator), plus a fixed allowance for modest reuse of anchors.
pub fn budget(len: usize) -> usize {
    100_000usize.saturating_add(len.saturating_mul(2))
}

/// Deserialises `text`, refusing one whose aliases expand it past [`budget`] values with an
/// error that says so (located where the expansion went over, as `yaml_serde` locates it).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_yaml::Error> {
    let limit = budget(text.len());
    let seen = Cell::new(0usize);
    let de = serde_yaml::Deserializer::from_str(text);
    Count { seen: &seen, limit }.deserialize(de)?;
    serde_yaml::from_str(text)
}

/// Counts the values of the expanded document; fails past `limit`.
#[derive(Clone, Copy)]
struct Count<'c> {
    seen: &'c Cell<usize>,
    limit: usize,
}

impl Count<'_> {
    fn tick<E: de::Error>(self) -> Result<(), E> {
        let n = self.seen.get() + 1;
        self.seen.set(n);
        if n > self.limit {
            return Err(E::custom(format!(
                "the YAML expands to more than {} values through its aliases (`*name`); \
                 refusing it (a \"billion laughs\" document?)",
                self.limit
            )));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Count<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! scalars {
    ($($name:ident: $t:ty),*) => {
        $(fn $name<E: de::Error>(self, _v: $t) -> Result<(), E> { self.tick() })*
    };
}

impl<'de> Visitor<'de> for Count<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    scalars!(visit_bool: bool, visit_i64: i64, visit_i128: i128, visit_u64: u64,
             visit_u128: u128, visit_f64: f64, visit_str: &str, visit_bytes: &[u8]);

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.tick()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.tick()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.tick()?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.tick()?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    /// A tagged value (`!tag value`): the tag, then its value.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        self.tick()?;
        let ((), variant) = data.variant_seed(Tag)?;
        variant.newtype_variant_seed(self)
    }
}

/// The tag of a tagged value, read and dropped.
struct Tag;

impl<'de> DeserializeSeed<'de> for Tag {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        <de::IgnoredAny as serde::Deserialize>::deserialize(d).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_yaml::Value;

    /// K scalars anchored, repeated N times in a list, that list repeated M times.
    fn wide_bomb(k: usize, n: usize, m: usize) -> String {
        let a = vec!["lol"; k].join(",");
        let b = vec!["*a"; n].join(",");
        let c = vec!["*b"; m].join(",");
        format!("a: &a [{a}]\nb: &b [{b}]\nc: [{c}]\n")
    }

    #[test]
    fn a_wide_alias_bomb_is_refused_without_expanding_it() {
        // 10^8 strings if expanded; the plain deserialiser would allocate gigabytes
        let bomb = wide_bomb(1000, 100, 1000);
        assert!(bomb.len() < 12_000);
        let started = std::time::Instant::now();
        let e = from_str::<Value>(&bomb).expect_err("refused");
        assert!(e.to_string().contains("expands to more than"), "{e}");
        assert!(e.location().is_some(), "located: {e}");
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn the_classic_billion_laughs_is_refused() {
        let mut s = String::from("a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
        for (i, c) in "bcdefghi".chars().enumerate() {
            let p = (b'a' + i as u8) as char;
            s.push_str(&format!(
                "{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
            ));
        }
        assert!(from_str::<Value>(&s).is_err());
    }

    #[test]
    fn ordinary_yaml_and_modest_anchors_load() {
        let v: Value = from_str("x: &x {a: 1, b: [2, 3]}\ny: *x\nz: !tag 5\n").expect("loads");
        assert_eq!(v["y"]["b"][1], Value::from(3));
        // a wide document without aliases is within its budget however large
        let big = format!("[{}]", vec!["1"; 300_000].join(","));
        let v: Value = from_str(&big).expect("loads");
        assert_eq!(v.as_sequence().map(Vec::len), Some(300_000));
        // errors of the real deserialiser still come through
        assert!(from_str::<Vec<u32>>("[a, b]").is_err());
    }
}
