//! The accepted spellings of an interface's own properties: the keys of `Interface::lookup`.
//!
//! Each property is found by its IDL name (`readOnly`), the content attribute it reflects
//! (`readonly`, `for` for `htmlFor`) and its lowercased IDL name (`maxlength`). When two
//! properties claim one key, the IDL name beats a reflected name, which beats a lowercased name
//! (`value` is `value`, not `defaultValue`, which reflects the `value` attribute), and among
//! equal spellings a writable property beats a read-only one (`class` is `className`, not the
//! read-only `classList`, which reflects `class` too). Any other tie is ambiguous and stops the
//! generator.

use indexmap::IndexMap;

use crate::Error;
use crate::model::Property;

/// How a key spells a property; earlier variants win a contested key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Spelling {
    IdlName,
    ContentAttribute,
    Lowercase,
}

/// How strongly a property claims a key: by spelling, then writable before read-only (field
/// order is comparison order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    spelling: Spelling,
    readonly: bool,
}

impl Spelling {
    fn describe(self) -> &'static str {
        match self {
            Spelling::IdlName => "IDL name",
            Spelling::ContentAttribute => "reflected content attribute",
            Spelling::Lowercase => "lowercased IDL name",
        }
    }
}

/// Every key -> the index of the property it names in `properties`, in order of first claim.
pub fn lookup_keys(
    interface: &str,
    properties: &[Property],
) -> Result<IndexMap<String, u16>, Error> {
    let mut claims: IndexMap<String, Vec<(Rank, usize)>> = IndexMap::new();
    for (index, property) in properties.iter().enumerate() {
        let reflected = property
            .reflects
            .as_ref()
            .map(|reflection| reflection.attribute.clone());
        let spellings = [
            (Spelling::IdlName, Some(property.name.clone())),
            (Spelling::ContentAttribute, reflected),
            (Spelling::Lowercase, Some(property.name.to_lowercase())),
        ];
        for (spelling, key) in spellings {
            if let Some(key) = key {
                let rank = Rank {
                    spelling,
                    readonly: property.readonly,
                };
                claims.entry(key).or_default().push((rank, index));
            }
        }
    }

    let mut lookup = IndexMap::with_capacity(claims.len());
    for (key, claimants) in claims {
        let best = claimants
            .iter()
            .map(|&(rank, _)| rank)
            .min()
            .expect("a key has a claimant");
        let mut winners: Vec<usize> = claimants
            .iter()
            .filter(|&&(rank, _)| rank == best)
            .map(|&(_, index)| index)
            .collect();
        winners.dedup();
        let [winner] = winners[..] else {
            let names: Vec<&str> = winners
                .iter()
                .map(|&index| properties[index].name.as_str())
                .collect();
            return Err(Error::new(format!(
                "{interface}: the key `{key}` is the {} of several {} properties: {}",
                best.spelling.describe(),
                if best.readonly {
                    "read-only"
                } else {
                    "writable"
                },
                names.join(", ")
            )));
        };
        let index = u16::try_from(winner)
            .map_err(|_| Error::new(format!("{interface}: too many properties")))?;
        lookup.insert(key, index);
    }
    Ok(lookup)
}
