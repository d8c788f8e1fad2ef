//! Pass 2, model: derives from the read data what the generated tables hold (SPEC-DATA.md,
//! "Derivation"): the Python classes, the interfaces they reach with their typed properties,
//! the events. Everything is ordered here, so emitting is a plain walk.

use std::collections::BTreeSet;

use indexmap::{IndexMap, IndexSet};

use crate::Error;
use crate::lookup::lookup_keys;
use crate::read::{AttributeData, Compat, ElementData, SpecData};
use crate::types::{PropertyType, property_type};

/// Everything the generated module holds.
#[derive(Debug)]
pub struct Model {
    /// Upstream package -> version, as `html-elements.json` lists them.
    pub sources: Vec<(String, String)>,
    /// Sorted by class name.
    pub classes: Vec<ElementClass>,
    /// Every interface the classes reach, sorted by name.
    pub interfaces: IndexMap<String, Interface>,
    /// Sorted, without duplicates.
    pub events: Vec<String>,
    /// Tag -> index in `classes`, for the classes that are a tag's own (`div`, never `grid`).
    pub class_by_tag: IndexMap<String, u16>,
    /// Class name or compat alias -> index in `classes`.
    pub class_by_name: IndexMap<String, u16>,
}

/// One Python class of `pyscript.web`.
#[derive(Debug)]
pub struct ElementClass {
    pub class_name: String,
    pub tag: String,
    pub interface: String,
    pub void: bool,
    pub href: String,
    pub source: ClassSource,
}

/// Why a class exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassSource {
    /// A current element of the HTML standard.
    Element,
    /// An obsolete element compat keeps (`param`).
    KeptObsolete,
    /// A compat class that is not its tag's own (`grid`, a `div`).
    ExtraClass,
}

/// A DOM interface with its own properties.
#[derive(Debug)]
pub struct Interface {
    pub name: String,
    pub parent: Option<String>,
    pub href: String,
    pub properties: Vec<Property>,
    /// Accepted spelling -> index in `properties` (see [`crate::lookup`]).
    pub lookup: IndexMap<String, u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub ty: PropertyType,
    pub readonly: bool,
    pub reflects: Option<Reflection>,
    pub declared_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reflection {
    pub attribute: String,
    pub kind: String,
}

impl Model {
    /// The class at `index` of `class_by_tag`/`class_by_name`.
    pub fn class(&self, index: u16) -> &ElementClass {
        &self.classes[usize::from(index)]
    }

    /// `name` and its ancestors, nearest first.
    pub fn chain<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Interface> {
        std::iter::successors(self.interfaces.get(name), |interface| {
            interface
                .parent
                .as_deref()
                .and_then(|parent| self.interfaces.get(parent))
        })
    }
}

/// Derives the model; fails on data the tables cannot represent faithfully.
pub fn build(spec: &SpecData, compat: &Compat) -> Result<Model, Error> {
    let classes = classes(spec, compat)?;
    let class_by_tag = index_by(&classes, |class| {
        (class.source != ClassSource::ExtraClass).then(|| class.tag.clone())
    })?;
    let mut class_by_name = index_by(&classes, |class| Some(class.class_name.clone()))?;
    for (alias, target) in &compat.aliases {
        let &index = class_by_name.get(target).ok_or_else(|| {
            Error::new(format!(
                "compat.json: alias `{alias}` names unknown class `{target}`"
            ))
        })?;
        if class_by_name.insert(alias.clone(), index).is_some() {
            return Err(Error::new(format!(
                "compat.json: alias `{alias}` is already a class name"
            )));
        }
    }
    let interfaces = interfaces(spec, &classes)?;
    let events: BTreeSet<&String> = spec.events.iter().collect();
    Ok(Model {
        sources: spec
            .sources
            .iter()
            .map(|(name, version)| (name.clone(), version.clone()))
            .collect(),
        classes,
        interfaces,
        events: events.into_iter().cloned().collect(),
        class_by_tag,
        class_by_name,
    })
}

/// The current elements, the obsolete ones compat keeps, and compat's extra classes; sorted.
fn classes(spec: &SpecData, compat: &Compat) -> Result<Vec<ElementClass>, Error> {
    let mut elements: IndexMap<&str, &ElementData> = IndexMap::new();
    for element in &spec.elements {
        if elements.insert(&element.tag, element).is_some() {
            return Err(Error::new(format!(
                "html-elements.json lists `<{}>` twice",
                element.tag
            )));
        }
    }
    let element = |tag: &str| {
        elements.get(tag).copied().ok_or_else(|| {
            Error::new(format!(
                "compat.json names `<{tag}>`, which html-elements.json lacks"
            ))
        })
    };

    let mut tags: Vec<(&ElementData, ClassSource)> = spec
        .elements
        .iter()
        .filter(|element| !element.obsolete)
        .map(|element| (element, ClassSource::Element))
        .collect();
    for extra in &compat.extra_elements {
        let element = element(&extra.tag)?;
        if !element.obsolete {
            return Err(Error::new(format!(
                "compat.json keeps `<{}>`, which is no longer obsolete: remove it from extra_elements",
                extra.tag
            )));
        }
        tags.push((element, ClassSource::KeptObsolete));
    }
    for tag in compat.class_names.keys() {
        if !tags.iter().any(|(element, _)| element.tag == *tag) {
            return Err(Error::new(format!(
                "compat.json renames `<{tag}>`, which has no class"
            )));
        }
    }

    let mut classes: Vec<ElementClass> = tags
        .into_iter()
        .map(|(element, source)| ElementClass {
            class_name: compat
                .class_names
                .get(&element.tag)
                .unwrap_or(&element.tag)
                .clone(),
            tag: element.tag.clone(),
            interface: element.interface.clone(),
            void: element.void,
            href: element.href.clone(),
            source,
        })
        .collect();
    for extra in &compat.extra_classes {
        let element = element(&extra.tag)?;
        classes.push(ElementClass {
            class_name: extra.class_name.clone(),
            tag: extra.tag.clone(),
            interface: element.interface.clone(),
            void: element.void,
            href: extra.href.clone(),
            source: ClassSource::ExtraClass,
        });
    }
    classes.sort_by(|left, right| left.class_name.cmp(&right.class_name));
    Ok(classes)
}

/// `key(class)` -> the class's index, for the classes that have a key; keys must be unique.
fn index_by(
    classes: &[ElementClass],
    key: impl Fn(&ElementClass) -> Option<String>,
) -> Result<IndexMap<String, u16>, Error> {
    let mut index_by_key = IndexMap::new();
    for (index, class) in classes.iter().enumerate() {
        let Some(key) = key(class) else { continue };
        let index =
            u16::try_from(index).map_err(|_| Error::new("more than 65535 element classes"))?;
        if index_by_key.insert(key.clone(), index).is_some() {
            return Err(Error::new(format!("two element classes claim `{key}`")));
        }
    }
    Ok(index_by_key)
}

/// The interfaces the classes reach through `inherits`, each with its own properties.
fn interfaces(
    spec: &SpecData,
    classes: &[ElementClass],
) -> Result<IndexMap<String, Interface>, Error> {
    let mut reached: IndexSet<&str> = IndexSet::new();
    for class in classes {
        let mut name = Some(class.interface.as_str());
        while let Some(current) = name {
            if !reached.insert(current) {
                break;
            }
            let data = spec.interfaces.get(current).ok_or_else(|| {
                Error::new(format!(
                    "html-elements.json: interface {current} (of `<{}>`) is missing",
                    class.tag
                ))
            })?;
            name = data.inherits.as_deref();
        }
    }
    reached.sort();
    let keeps_obsolete = interfaces_keeping_obsolete_members(classes);

    let mut interfaces = IndexMap::with_capacity(reached.len());
    for name in reached {
        let data = &spec.interfaces[name];
        let properties = data
            .attributes
            .iter()
            .filter(|attribute| is_property(attribute, keeps_obsolete.contains(name)))
            .map(|attribute| property(name, attribute, spec))
            .collect::<Result<Vec<_>, _>>()?;
        let lookup = lookup_keys(name, &properties)?;
        let interface = Interface {
            name: name.to_owned(),
            parent: data.inherits.clone(),
            href: data.href.clone(),
            properties,
            lookup,
        };
        interfaces.insert(name.to_owned(), interface);
    }
    check_no_shadowing(&interfaces)?;
    Ok(interfaces)
}

/// `Interface::property` searches the nearest interface first, so a reflected or lowercased
/// key there must not hide an ancestor's property of that IDL name.
fn check_no_shadowing(interfaces: &IndexMap<String, Interface>) -> Result<(), Error> {
    for interface in interfaces.values() {
        let mut ancestor = interface
            .parent
            .as_deref()
            .and_then(|parent| interfaces.get(parent));
        while let Some(current) = ancestor {
            for (key, &index) in &interface.lookup {
                let property = &interface.properties[usize::from(index)];
                if *key != property.name
                    && current
                        .properties
                        .iter()
                        .any(|inherited| inherited.name == *key)
                {
                    return Err(Error::new(format!(
                        "{}: the key `{key}` of {} hides {}.{key}",
                        interface.name, property.name, current.name
                    )));
                }
            }
            ancestor = current
                .parent
                .as_deref()
                .and_then(|parent| interfaces.get(parent));
        }
    }
    Ok(())
}

/// The interfaces of the obsolete elements compat keeps, when no current element shares them
/// (`HTMLParamElement`): an element kept on purpose keeps its members too, or `param(name=...)`
/// could set nothing.
fn interfaces_keeping_obsolete_members(classes: &[ElementClass]) -> BTreeSet<&str> {
    let of = |source| {
        classes
            .iter()
            .filter(move |class| class.source == source)
            .map(|class| class.interface.as_str())
    };
    let current: BTreeSet<&str> = of(ClassSource::Element).collect();
    of(ClassSource::KeptObsolete)
        .filter(|interface| !current.contains(interface))
        .collect()
}

/// Obsolete members are left out (unless `keep_obsolete`), and so are `on*` event handlers:
/// events have their own API (`el.on_click`, `when`).
fn is_property(attribute: &AttributeData, keep_obsolete: bool) -> bool {
    let is_event_handler = attribute
        .ty
        .name
        .as_deref()
        .is_some_and(|name| name.ends_with("EventHandler"));
    (keep_obsolete || !attribute.obsolete) && !is_event_handler
}

fn property(
    interface: &str,
    attribute: &AttributeData,
    spec: &SpecData,
) -> Result<Property, Error> {
    let ty = property_type(&attribute.ty, attribute.reflect.as_ref(), &spec.enums)
        .map_err(|error| Error::new(format!("{interface}.{}: {error}", attribute.name)))?;
    Ok(Property {
        name: attribute.name.clone(),
        ty,
        readonly: attribute.readonly,
        reflects: attribute.reflect.as_ref().map(|reflect| Reflection {
            attribute: reflect.attribute.clone(),
            kind: reflect.kind.clone(),
        }),
        declared_by: attribute.from.clone(),
    })
}
