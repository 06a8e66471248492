//! A province's set-up: agencies, areas and fields as administrators type them in `/quan-tri` or
//! a file brings them (`civicdesk import-agencies`). The same checks serve both, so a value the
//! form refuses the file refuses too.
//!
//! A file is taken whole or not at all: the first bad record stops it, named by its position and
//! column, like the procedure importer.

use std::collections::{HashMap, HashSet};

use chrono::NaiveTime;
use serde_json::Value;

use crate::agency::{Agency, AgencyLevel};
use crate::cases::Area;
use crate::import::ImportError;
use crate::problems::AdminField;
use crate::procedure::FieldRef;

/// Why a value was refused: the form field (or file column) and, for logs and the command line,
/// what is wrong in English. Pages explain the field in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub field: AdminField,
    pub message: String,
}

fn invalid(field: AdminField, message: impl Into<String>) -> Invalid {
    Invalid { field, message: message.into() }
}

/// Codes name agencies, areas and fields in links and files: letters, digits, `.`, `_` and `-`.
pub fn check_code(field: AdminField, raw: &str) -> Result<String, Invalid> {
    let code = raw.trim();
    if code.is_empty() {
        return Err(invalid(field, "the code is missing"));
    }
    if code.len() > 40 || !code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err(invalid(field, format!("\"{code}\" is not a code (letters, digits, . _ -, at most 40)")));
    }
    Ok(code.to_owned())
}

fn check_name(field: AdminField, raw: &str) -> Result<String, Invalid> {
    let name = raw.trim();
    match name.chars().count() {
        0 => Err(invalid(field, "the name is missing")),
        1..=200 => Ok(name.to_owned()),
        _ => Err(invalid(field, "the name is longer than 200 characters")),
    }
}

fn optional(raw: &str) -> Option<String> {
    Some(raw.trim().to_owned()).filter(|v| !v.is_empty())
}

/// A line of free text (contact details, office hours): at most `max` characters, no line breaks.
fn line(field: AdminField, raw: &str, max: usize) -> Result<String, Invalid> {
    let value = raw.trim();
    if value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(invalid(field, format!("must be one line of at most {max} characters")));
    }
    Ok(value.to_owned())
}

/// An agency as typed: every value a string, as a form or a CSV row gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgencyInput {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub level: String,
    pub parent: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub office_hours: String,
    pub cutoff: String,
    pub website: String,
    pub coordinating: bool,
}

/// Reads a level as its URL word (`tinh`), its stored word (`province`) or the national number.
pub fn parse_level(raw: &str) -> Option<AgencyLevel> {
    let raw = raw.trim();
    AgencyLevel::from_slug(raw)
        .or_else(|| serde_json::from_value(Value::String(raw.to_owned())).ok())
        .or_else(|| raw.parse::<u8>().ok().and_then(AgencyLevel::from_national))
}

impl AgencyInput {
    pub fn from_agency(a: &Agency) -> Self {
        AgencyInput {
            code: a.code.clone(),
            slug: a.slug.clone(),
            name: a.name.clone(),
            level: a.level.slug().to_owned(),
            parent: a.parent.clone().unwrap_or_default(),
            email: a.email.clone(),
            phone: a.phone.clone(),
            address: a.address.clone(),
            office_hours: a.office_hours.clone(),
            cutoff: a.cutoff.clone(),
            website: a.website.clone().unwrap_or_default(),
            coordinating: a.coordinating,
        }
    }

    /// Checks what one agency says by itself; [`check_agencies`] checks how they fit together.
    pub fn check(&self) -> Result<Agency, Invalid> {
        let code = check_code(AdminField::Code, &self.code)?;
        let name = check_name(AdminField::Name, &self.name)?;
        let slug = match optional(&self.slug) {
            None => crate::text::slug(&name),
            Some(s)
                if s.len() <= 120
                    && s.split('-')
                        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())) =>
            {
                s
            }
            Some(s) => {
                return Err(invalid(
                    AdminField::Slug,
                    format!("\"{s}\" is not a link word (a-z, 0-9 and single hyphens)"),
                ));
            }
        };
        if slug.is_empty() {
            return Err(invalid(AdminField::Slug, "the name gives no link word: give one"));
        }
        let level = parse_level(&self.level)
            .ok_or_else(|| invalid(AdminField::Level, format!("\"{}\" is not a level", self.level.trim())))?;
        let parent = match optional(&self.parent) {
            Some(p) => Some(check_code(AdminField::Parent, &p)?),
            None => None,
        };
        if parent.as_deref() == Some(code.as_str()) {
            return Err(invalid(AdminField::Parent, "an agency cannot be under itself"));
        }
        let email = crate::feedback::normalise_email(&self.email)
            .filter(|e| e.len() <= 254)
            .ok_or_else(|| invalid(AdminField::Email, format!("\"{}\" is not an e-mail address", self.email.trim())))?;
        let cutoff = match optional(&self.cutoff) {
            None => crate::calendar::default_cutoff(),
            Some(c) => NaiveTime::parse_from_str(&c, "%H:%M")
                .map_err(|_| invalid(AdminField::Cutoff, format!("\"{c}\" is not a time such as 16:30")))?,
        };
        let website = match optional(&self.website) {
            None => None,
            Some(w)
                if (w.starts_with("https://") || w.starts_with("http://"))
                    && w.len() <= 300
                    && !w.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>')) =>
            {
                Some(w)
            }
            Some(w) => {
                return Err(invalid(
                    AdminField::Website,
                    format!("\"{w}\" is not a web address starting with https://"),
                ));
            }
        };
        Ok(Agency {
            code,
            slug,
            name,
            level,
            parent,
            email,
            phone: line(AdminField::Phone, &self.phone, 40)?,
            address: line(AdminField::Address, &self.address, 300)?,
            office_hours: line(AdminField::OfficeHours, &self.office_hours, 300)?,
            cutoff: cutoff.format("%H:%M").to_string(),
            website,
            coordinating: self.coordinating,
        })
    }
}

/// An area as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AreaInput {
    pub code: String,
    pub name: String,
    pub parent: String,
    pub agency: String,
}

impl AreaInput {
    pub fn check(&self) -> Result<Area, Invalid> {
        let code = check_code(AdminField::Code, &self.code)?;
        let parent = match optional(&self.parent) {
            Some(p) => Some(check_code(AdminField::Parent, &p)?),
            None => None,
        };
        if parent.as_deref() == Some(code.as_str()) {
            return Err(invalid(AdminField::Parent, "an area cannot lie in itself"));
        }
        let agency = match optional(&self.agency) {
            Some(a) => Some(check_code(AdminField::Agency, &a)?),
            None => None,
        };
        Ok(Area { code, name: check_name(AdminField::Name, &self.name)?, agency, parent })
    }
}

/// A field as typed.
pub fn check_field(code: &str, name: &str) -> Result<FieldRef, Invalid> {
    Ok(FieldRef { code: check_code(AdminField::Code, code)?, name: check_name(AdminField::Name, name)? })
}

/// Whether following `parent` from `start` comes back to it, or reaches a code not in `known`.
/// Answers the field's problem, if any.
pub fn check_parent_chain(start: &str, parents: &HashMap<String, Option<String>>) -> Result<(), Invalid> {
    let mut seen = HashSet::from([start.to_owned()]);
    let mut at = parents.get(start).cloned().flatten();
    while let Some(code) = at {
        if !seen.insert(code.clone()) {
            return Err(invalid(AdminField::Parent, "the hierarchy would go round in a circle"));
        }
        match parents.get(&code) {
            Some(next) => at = next.clone(),
            None => return Err(invalid(AdminField::Parent, format!("\"{code}\" is not a known code"))),
        }
    }
    Ok(())
}

/// Agencies and areas read from a file, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetupFile {
    pub agencies: Vec<Agency>,
    pub areas: Vec<Area>,
}

/// What is already stored, for checking a file against it.
#[derive(Clone, Debug, Default)]
pub struct Existing {
    pub agencies: Vec<Agency>,
    pub areas: Vec<Area>,
}

fn error(record: usize, code: Option<&str>, invalid: Invalid) -> ImportError {
    ImportError {
        record,
        code: code.map(str::to_owned),
        field: invalid.field.name().to_owned(),
        message: invalid.message,
    }
}

fn file_error(message: impl Into<String>) -> ImportError {
    ImportError { record: 0, code: None, field: String::new(), message: message.into() }
}

/// A JSON value as the text a form would have sent.
fn as_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn truthy(raw: &str) -> bool {
    matches!(raw.trim().to_lowercase().as_str(), "true" | "1" | "yes" | "co" | "có" | "x")
}

/// One record, named by the columns of [`AgencyInput`] and [`AreaInput`], as text.
struct Row {
    number: usize,
    cells: HashMap<String, String>,
}

impl Row {
    fn get(&self, column: &str) -> String {
        self.cells.get(column).cloned().unwrap_or_default()
    }

    fn agency(&self) -> Result<Agency, ImportError> {
        let input = AgencyInput {
            code: self.get("code"),
            slug: self.get("slug"),
            name: self.get("name"),
            level: self.get("level"),
            parent: self.get("parent"),
            email: self.get("email"),
            phone: self.get("phone"),
            address: self.get("address"),
            office_hours: self.get("office_hours"),
            cutoff: self.get("cutoff"),
            website: self.get("website"),
            coordinating: truthy(&self.get("coordinating")),
        };
        input.check().map_err(|e| error(self.number, optional(&input.code).as_deref(), e))
    }

    fn area(&self) -> Result<Area, ImportError> {
        let input = AreaInput {
            code: self.get("code"),
            name: self.get("name"),
            parent: self.get("parent"),
            agency: self.get("agency"),
        };
        input.check().map_err(|e| error(self.number, optional(&input.code).as_deref(), e))
    }
}

/// Reads `{"agencies": [...], "areas": [...]}` (either list may be left out) or a bare array of
/// agencies. Records are numbered from 1 through the agencies and then the areas.
pub fn from_json(text: &str) -> Result<SetupFile, ImportError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| file_error(format!("not valid JSON (line {}, column {}): {e}", e.line(), e.column())))?;
    let (agencies, areas) = match &value {
        Value::Array(items) => (items.clone(), Vec::new()),
        Value::Object(o) => {
            if let Some(key) = o.keys().find(|k| !matches!(k.as_str(), "agencies" | "areas")) {
                return Err(file_error(format!("unknown key \"{key}\" (expected \"agencies\" and \"areas\")")));
            }
            let list = |key: &str| match o.get(key) {
                None => Ok(Vec::new()),
                Some(Value::Array(items)) => Ok(items.clone()),
                Some(_) => Err(file_error(format!("\"{key}\" must be an array"))),
            };
            (list("agencies")?, list("areas")?)
        }
        _ => return Err(file_error("the file must hold an object or an array")),
    };
    let row = |number: usize, item: &Value| -> Result<Row, ImportError> {
        let object = item.as_object().ok_or_else(|| ImportError {
            record: number,
            code: None,
            field: String::new(),
            message: "a record must be a JSON object".to_owned(),
        })?;
        Ok(Row { number, cells: object.iter().map(|(k, v)| (k.clone(), as_text(Some(v)))).collect() })
    };
    let mut file = SetupFile::default();
    for (i, item) in agencies.iter().enumerate() {
        file.agencies.push(row(i + 1, item)?.agency()?);
    }
    for (i, item) in areas.iter().enumerate() {
        file.areas.push(row(agencies.len() + i + 1, item)?.area()?);
    }
    Ok(file)
}

/// Reads CSV with a header row naming the columns; a `kind` column says whether each row is an
/// `agency` or an `area` (Vietnamese `co-quan` / `dia-ban` also read). Rows count from 1 after
/// the header.
pub fn from_csv(text: &str) -> Result<SetupFile, ImportError> {
    let mut reader =
        csv::ReaderBuilder::new().flexible(false).from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().map_err(|e| file_error(format!("cannot read the header row: {e}")))?.clone();
    for required in ["kind", "code", "name"] {
        if !headers.iter().any(|h| h.trim() == required) {
            return Err(file_error(format!("the header row has no {required} column")));
        }
    }
    let mut file = SetupFile::default();
    for (i, record) in reader.records().enumerate() {
        let number = i + 1;
        let record = record.map_err(|e| ImportError {
            record: number,
            code: None,
            field: String::new(),
            message: format!("unreadable CSV row: {e}"),
        })?;
        let row = Row {
            number,
            cells: headers.iter().map(|h| h.trim().to_owned()).zip(record.iter().map(str::to_owned)).collect(),
        };
        match row.get("kind").trim().to_lowercase().as_str() {
            "agency" | "co-quan" | "coquan" => file.agencies.push(row.agency()?),
            "area" | "dia-ban" | "diaban" => file.areas.push(row.area()?),
            other => {
                return Err(ImportError {
                    record: number,
                    code: optional(&row.get("code")),
                    field: "kind".to_owned(),
                    message: format!("\"{other}\" is neither agency nor area"),
                });
            }
        }
    }
    Ok(file)
}

/// Reads a file by its name's ending (`.json`, otherwise CSV).
pub fn parse(name: &str, text: &str) -> Result<SetupFile, ImportError> {
    if name.to_lowercase().ends_with(".json") { from_json(text) } else { from_csv(text) }
}

impl SetupFile {
    /// The areas in an order where each comes after the area it lies in (when that is in the file).
    pub fn areas_parents_first(&self) -> Vec<&Area> {
        let mut out: Vec<&Area> = Vec::with_capacity(self.areas.len());
        let mut placed = HashSet::new();
        while out.len() < self.areas.len() {
            let before = out.len();
            for area in &self.areas {
                let ready =
                    area.parent.as_ref().is_none_or(|p| placed.contains(p) || !self.areas.iter().any(|a| &a.code == p));
                if !placed.contains(&area.code) && ready {
                    placed.insert(area.code.clone());
                    out.push(area);
                }
            }
            if out.len() == before {
                // A circle, which `check` refuses: keep the rest in file order.
                out.extend(self.areas.iter().filter(|a| !placed.contains(&a.code)));
                break;
            }
        }
        out
    }

    /// Checks the file against itself and what is stored: codes and link words unique, every
    /// parent and agency known, no circles, at most one coordinating office. Numbers errors as
    /// the parser did (areas after agencies).
    pub fn check(&self, existing: &Existing) -> Result<(), ImportError> {
        let mut codes = HashSet::new();
        // Link words after the import: a stored agency the file lists again takes the file's.
        let mut slug_of: HashMap<&str, &str> =
            existing.agencies.iter().map(|a| (a.code.as_str(), a.slug.as_str())).collect();
        let mut parents: HashMap<String, Option<String>> =
            existing.agencies.iter().map(|a| (a.code.clone(), a.parent.clone())).collect();
        for (i, a) in self.agencies.iter().enumerate() {
            if !codes.insert(a.code.clone()) {
                let e = invalid(AdminField::Code, format!("\"{}\" appears twice in the file", a.code));
                return Err(error(i + 1, Some(&a.code), e));
            }
            slug_of.insert(&a.code, &a.slug);
            parents.insert(a.code.clone(), a.parent.clone());
        }
        for (i, a) in self.agencies.iter().enumerate() {
            if let Some((other, _)) = slug_of.iter().find(|(code, slug)| **code != a.code && **slug == a.slug) {
                let e = invalid(AdminField::Slug, format!("\"{}\" is already the link word of {other}", a.slug));
                return Err(error(i + 1, Some(&a.code), e));
            }
        }
        for (i, a) in self.agencies.iter().enumerate() {
            check_parent_chain(&a.code, &parents).map_err(|e| error(i + 1, Some(&a.code), e))?;
        }
        let coordinating: Vec<_> = self.agencies.iter().filter(|a| a.coordinating).collect();
        if coordinating.len() > 1 {
            let i = self.agencies.iter().position(|a| a.code == coordinating[1].code).unwrap_or(0);
            return Err(error(
                i + 1,
                Some(&coordinating[1].code),
                invalid(AdminField::Coordinating, "only one agency can be the coordinating office"),
            ));
        }
        let first_area = self.agencies.len();
        let mut area_codes = HashSet::new();
        let mut area_parents: HashMap<String, Option<String>> =
            existing.areas.iter().map(|a| (a.code.clone(), a.parent.clone())).collect();
        for (i, a) in self.areas.iter().enumerate() {
            if !area_codes.insert(a.code.clone()) {
                return Err(error(
                    first_area + i + 1,
                    Some(&a.code),
                    invalid(AdminField::Code, format!("\"{}\" appears twice in the file", a.code)),
                ));
            }
            area_parents.insert(a.code.clone(), a.parent.clone());
        }
        for (i, a) in self.areas.iter().enumerate() {
            let at = |e: Invalid| error(first_area + i + 1, Some(&a.code), e);
            check_parent_chain(&a.code, &area_parents).map_err(at)?;
            if let Some(agency) = &a.agency
                && !parents.contains_key(agency)
            {
                return Err(at(invalid(AdminField::Agency, format!("\"{agency}\" is not a known agency"))));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
