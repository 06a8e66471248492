//! `POST /quan-tri`: the administrators' forms, named by their `action` field. Each change is
//! written with its audit entry (who, when, before → after) in one transaction; the answer is a
//! redirect back to the form's page, or that page again with the form as filled and why it was
//! refused, beside the field concerned.

use std::collections::HashMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use civicdesk_app::pages::admin::AdminPosted;
use civicdesk_app::pages::admin::api_keys::IssuedKey;
use civicdesk_domain::accounts::NewOfficial;
use civicdesk_domain::admin::{AdminChange, Applied, AuditAction, AuditEntry, NewApiClient, RESET_LINK_HOURS};
use civicdesk_domain::calendar::{DayKind, DayOverride, Term, TermUnit};
use civicdesk_domain::feedback::{Category, RoutingRule};
use civicdesk_domain::problems::{AdminField, AdminProblem};
use civicdesk_domain::retention::RetentionPolicy;
use civicdesk_domain::setup::{AgencyInput, AreaInput, Invalid, check_field, check_parent_chain};
use civicdesk_domain::store::StoreError;
use civicdesk_domain::workflow::{Official, ReexaminationPolicy, Role, TermRule};
use serde::Serialize;

use super::StaffForm;
use crate::http::edge::{OrUnavailable, Refused, prefix};
use crate::http::forms::{PostedParts, render};
use crate::state::AppState;
use civicdesk_services::accounts;
use civicdesk_services::mail::Composer;

/// Why a form was refused: a problem the page explains (beside the field when it is in one), or
/// a failure of storage.
enum Fault {
    Problem(AdminProblem),
    Store(StoreError),
}

impl From<StoreError> for Fault {
    fn from(e: StoreError) -> Self {
        Fault::Store(e)
    }
}

impl From<Invalid> for Fault {
    fn from(e: Invalid) -> Self {
        Fault::Problem(AdminProblem::Field(e.field))
    }
}

type Checked<T> = Result<T, Fault>;

/// What was typed in `field` is refused.
fn wrong(field: AdminField) -> Fault {
    Fault::Problem(AdminProblem::Field(field))
}

/// The page each form is on.
fn page_of(action: &str) -> &'static str {
    match action {
        "save_agency" | "delete_agency" => "/quan-tri/co-quan",
        "save_area" | "delete_area" => "/quan-tri/dia-ban",
        "save_field" | "delete_field" => "/quan-tri/linh-vuc",
        "add_account" | "update_account" | "end_sessions" | "send_link" => "/quan-tri/tai-khoan",
        "issue_api_key" | "revoke_api_key" => "/quan-tri/khoa-api",
        _ => "/quan-tri",
    }
}

fn required(parts: &PostedParts, field: AdminField) -> Checked<String> {
    Some(parts.get(field.name()).trim().to_owned()).filter(|v| !v.is_empty()).ok_or(wrong(field))
}

fn optional(parts: &PostedParts, field: &str) -> Option<String> {
    Some(parts.get(field).trim().to_owned()).filter(|v| !v.is_empty())
}

fn id(parts: &PostedParts) -> Checked<i64> {
    match optional(parts, "id") {
        None => Ok(0),
        Some(id) => id.parse().ok().filter(|id| *id > 0).ok_or(Fault::Problem(AdminProblem::Gone)),
    }
}

fn day(parts: &PostedParts) -> Checked<NaiveDate> {
    NaiveDate::parse_from_str(parts.get("date").trim(), "%Y-%m-%d").map_err(|_| wrong(AdminField::Date))
}

async fn agency(state: &AppState, parts: &PostedParts) -> Checked<String> {
    let code = required(parts, AdminField::Agency)?;
    state.services.store.agency_ref(&code).await?.map(|a| a.code).ok_or(wrong(AdminField::Agency))
}

async fn optional_agency(state: &AppState, parts: &PostedParts) -> Checked<Option<String>> {
    match optional(parts, "agency") {
        None => Ok(None),
        Some(_) => Ok(Some(agency(state, parts).await?)),
    }
}

fn category(parts: &PostedParts) -> Checked<Option<Category>> {
    match optional(parts, "category") {
        None => Ok(None),
        Some(c) => Category::parse(&c).filter(|c| c.accepted()).map(Some).ok_or(wrong(AdminField::Category)),
    }
}

/// An account as the trail records it (never its password).
#[derive(Serialize)]
struct AccountRecord<'a> {
    name: &'a str,
    email: &'a str,
    role: &'a str,
    agency: &'a str,
    active: bool,
}

/// A template as the trail records it.
#[derive(Serialize)]
struct TemplateRecord<'a> {
    agency: &'a str,
    title: &'a str,
    body: &'a str,
}

/// A routing rule as the trail records it.
#[derive(Serialize)]
struct RuleRecord<'a> {
    category: Option<&'a str>,
    area: Option<&'a str>,
    agency: &'a str,
    note: &'a str,
}

fn rule_record<'a>(rule: &'a RoutingRule, note: &'a str) -> RuleRecord<'a> {
    RuleRecord { category: rule.category.map(Category::as_str), area: rule.area.as_deref(), agency: &rule.agency, note }
}

/// A change and its entry, built from a form.
struct Planned {
    change: AdminChange,
    entry: AuditEntry,
    /// A new key, shown once on the page that answers the form once the change is made.
    issued: Option<IssuedKey>,
}

/// A client system's key as the trail records it: who it is for and how it starts, never the
/// key.
#[derive(Serialize)]
struct ApiClientRecord<'a> {
    name: &'a str,
    hint: &'a str,
}

/// Reads the form of `action` and what it changes, with the state before.
async fn plan(state: &AppState, me: &Official, action: &str, parts: &PostedParts) -> Checked<Vec<Planned>> {
    let store = state.services.store.as_ref();
    let entry = |subject: &str| AuditEntry::new(AuditAction::Change, Some(me), subject);
    let one = |change: AdminChange, entry: AuditEntry| Ok(vec![Planned { change, entry, issued: None }]);
    match action {
        "add_day" | "delete_day" => {
            let date = day(parts)?;
            let before = store.calendar_days().await?.into_iter().find(|d| d.date == date);
            if action == "delete_day" {
                let entry = entry(&date.to_string()).changed::<_, DayOverride>(action, before.as_ref(), None);
                return one(AdminChange::DeleteDay(date), entry);
            }
            let kind =
                if parts.get("kind") == "working_day" { DayKind::MakeUpWorkingDay } else { DayKind::AnnouncedDayOff };
            let day = DayOverride { date, kind, note: required(parts, AdminField::Note)? };
            let entry = entry(&date.to_string()).changed(action, before.as_ref(), Some(&day));
            one(AdminChange::SaveDay(day), entry)
        }
        "add_term" | "delete_term" => {
            let (agency, category) = (optional_agency(state, parts).await?, category(parts)?);
            let before = store.term_rules().await?.into_iter().find(|r| r.agency == agency && r.category == category);
            let subject = format!("{} · {}", agency.as_deref().unwrap_or("*"), category.map_or("*", Category::as_str));
            if action == "delete_term" {
                let entry = entry(&subject).changed::<_, TermRule>(action, before.as_ref(), None);
                return one(AdminChange::DeleteTerm { agency, category }, entry);
            }
            let amount = parts
                .get("amount")
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|a| (1..=365).contains(a))
                .ok_or(wrong(AdminField::Amount))?;
            let unit = if parts.get("unit") == "working_days" { TermUnit::WorkingDays } else { TermUnit::Days };
            let rule = TermRule { agency, category, term: Term { amount, unit } };
            let entry = entry(&subject).changed(action, before.as_ref(), Some(&rule));
            one(AdminChange::SaveTerm(rule), entry)
        }
        "save_reexamination" => {
            let days = |field: AdminField| {
                parts
                    .get(field.name())
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=ReexaminationPolicy::MAX_DAYS).contains(n))
                    .ok_or(wrong(field))
            };
            let policy = ReexaminationPolicy {
                within_days: days(AdminField::WithinDays)?,
                term_days: days(AdminField::TermDays)?,
            };
            let before = store.reexamination_policy().await?;
            let entry = entry("reexamination").changed(action, Some(&before), Some(&policy));
            one(AdminChange::SaveReexamination(policy), entry)
        }
        "save_retention" => {
            let keep_days = parts
                .get(AdminField::KeepDays.name())
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (RetentionPolicy::MIN_DAYS..=RetentionPolicy::MAX_DAYS).contains(n))
                .ok_or(wrong(AdminField::KeepDays))?;
            let policy = RetentionPolicy { keep_days };
            let before = store.retention_policy().await?;
            let entry = entry("retention").changed(action, Some(&before), Some(&policy));
            one(AdminChange::SaveRetention(policy), entry)
        }
        "save_template" | "delete_template" => {
            let id = id(parts)?;
            let before = match id {
                0 => None,
                id => Some(store.template(id).await?.ok_or(Fault::Problem(AdminProblem::Gone))?),
            };
            let before_record = before.as_ref().map(|(agency, title, body)| TemplateRecord { agency, title, body });
            if action == "delete_template" {
                let entry = entry(&id.to_string()).changed::<_, TemplateRecord>(action, before_record.as_ref(), None);
                return one(AdminChange::DeleteTemplate(id), entry);
            }
            let (agency, title, body) =
                (agency(state, parts).await?, required(parts, AdminField::Title)?, required(parts, AdminField::Body)?);
            let after = TemplateRecord { agency: &agency, title: &title, body: &body };
            let entry = entry(&title).changed(action, before_record.as_ref(), Some(&after));
            one(AdminChange::SaveTemplate { id, agency, title, body }, entry)
        }
        "save_rule" | "delete_rule" => {
            let id = id(parts)?;
            let rules = store.routing_rules_noted().await?;
            let before = match id {
                0 => None,
                id => Some(rules.iter().find(|(r, _)| r.id == id).ok_or(Fault::Problem(AdminProblem::Gone))?),
            };
            let before_record = before.map(|(r, note)| rule_record(r, note));
            if action == "delete_rule" {
                let entry = entry(&id.to_string()).changed::<_, RuleRecord>(action, before_record.as_ref(), None);
                return one(AdminChange::DeleteRule(id), entry);
            }
            let rule = RoutingRule {
                id,
                category: category(parts)?,
                area: optional(parts, "area"),
                agency: agency(state, parts).await?,
            };
            if let Some(area) = &rule.area
                && !store.areas().await?.iter().any(|a| &a.code == area)
            {
                return Err(wrong(AdminField::Area));
            }
            let note = parts.get("note").trim().to_owned();
            let entry = entry(&rule.agency).changed(action, before_record.as_ref(), Some(&rule_record(&rule, &note)));
            one(AdminChange::SaveRule { rule, note }, entry)
        }
        "save_agency" | "delete_agency" => {
            let agencies = store.agency_records().await?;
            let original = optional(parts, "original");
            let before = original.as_ref().map(|code| agencies.iter().find(|a| &a.code == code));
            let before = match before {
                None => None,
                Some(found) => Some(found.ok_or(Fault::Problem(AdminProblem::Gone))?),
            };
            if action == "delete_agency" {
                let before = before.ok_or(Fault::Problem(AdminProblem::Gone))?;
                if before.coordinating {
                    return Err(Fault::Problem(AdminProblem::CoordinatorNeeded));
                }
                let entry = entry(&before.code).changed::<_, civicdesk_domain::Agency>(action, Some(before), None);
                return one(AdminChange::DeleteAgency(before.code.clone()), entry);
            }
            let input = AgencyInput {
                // A stored agency keeps its code: cases, accounts and links name it.
                code: original.clone().unwrap_or_else(|| parts.get("code")),
                slug: parts.get("slug"),
                name: parts.get("name"),
                level: parts.get("level"),
                parent: parts.get("parent"),
                email: parts.get("email"),
                phone: parts.get("phone"),
                address: parts.get("address"),
                office_hours: parts.get("office_hours"),
                cutoff: parts.get("cutoff"),
                website: parts.get("website"),
                coordinating: parts.checked("coordinating"),
            };
            let agency = input.check()?;
            let mut parents: HashMap<String, Option<String>> =
                agencies.iter().map(|a| (a.code.clone(), a.parent.clone())).collect();
            parents.insert(agency.code.clone(), agency.parent.clone());
            check_parent_chain(&agency.code, &parents)?;
            if before.is_none() && agencies.iter().any(|a| a.code == agency.code) {
                return Err(wrong(AdminField::Code));
            }
            // There is always a coordinating office: another is chosen, never this one unchosen.
            if before.is_some_and(|b| b.coordinating) && !agency.coordinating {
                return Err(Fault::Problem(AdminProblem::CoordinatorNeeded));
            }
            if agencies.iter().any(|a| a.slug == agency.slug && a.code != agency.code) {
                return Err(wrong(AdminField::Slug));
            }
            let entry = entry(&agency.code).changed(action, before, Some(&agency));
            one(AdminChange::SaveAgency { new: before.is_none(), agency }, entry)
        }
        "save_area" | "delete_area" => {
            let areas = store.areas().await?;
            let original = optional(parts, "original");
            let before = match &original {
                None => None,
                Some(code) => Some(areas.iter().find(|a| &a.code == code).ok_or(Fault::Problem(AdminProblem::Gone))?),
            };
            if action == "delete_area" {
                let before = before.ok_or(Fault::Problem(AdminProblem::Gone))?;
                let entry = entry(&before.code).changed::<_, civicdesk_domain::cases::Area>(action, Some(before), None);
                return one(AdminChange::DeleteArea(before.code.clone()), entry);
            }
            let input = AreaInput {
                code: original.clone().unwrap_or_else(|| parts.get("code")),
                name: parts.get("name"),
                parent: parts.get("parent"),
                agency: parts.get("agency"),
            };
            let area = input.check()?;
            let mut parents: HashMap<String, Option<String>> =
                areas.iter().map(|a| (a.code.clone(), a.parent.clone())).collect();
            parents.insert(area.code.clone(), area.parent.clone());
            check_parent_chain(&area.code, &parents)?;
            if let Some(agency) = &area.agency
                && store.agency_ref(agency).await?.is_none()
            {
                return Err(wrong(AdminField::Agency));
            }
            if before.is_none() && areas.iter().any(|a| a.code == area.code) {
                return Err(wrong(AdminField::Code));
            }
            let entry = entry(&area.code).changed(action, before, Some(&area));
            one(AdminChange::SaveArea { new: before.is_none(), area }, entry)
        }
        "save_field" | "delete_field" => {
            let fields = store.fields().await?;
            let original = optional(parts, "original");
            let before = match &original {
                None => None,
                Some(code) => Some(
                    &fields.iter().find(|f| &f.field.code == code).ok_or(Fault::Problem(AdminProblem::Gone))?.field,
                ),
            };
            if action == "delete_field" {
                let before = before.ok_or(Fault::Problem(AdminProblem::Gone))?;
                let entry =
                    entry(&before.code).changed::<_, civicdesk_domain::procedure::FieldRef>(action, Some(before), None);
                return one(AdminChange::DeleteField(before.code.clone()), entry);
            }
            let field = check_field(&original.clone().unwrap_or_else(|| parts.get("code")), &parts.get("name"))?;
            if before.is_none() && fields.iter().any(|f| f.field.code == field.code) {
                return Err(wrong(AdminField::Code));
            }
            let entry = entry(&field.code).changed(action, before, Some(&field));
            one(AdminChange::SaveField { new: before.is_none(), field }, entry)
        }
        "add_account" => {
            let name = required(parts, AdminField::Name)?;
            if name.chars().count() > 100 {
                return Err(wrong(AdminField::Name));
            }
            let email = civicdesk_domain::feedback::normalise_email(&parts.get("email").to_lowercase())
                .ok_or(wrong(AdminField::Email))?;
            let role = Role::parse(&parts.get("role")).ok_or(wrong(AdminField::Role))?;
            let agency = agency(state, parts).await?;
            let password = parts.get("password");
            if !password.is_empty() && password.chars().count() < accounts::MIN_PASSWORD {
                return Err(wrong(AdminField::Password));
            }
            // Without a first password, nobody knows one until the official sets it by the link.
            let first = if password.is_empty() { accounts::new_token() } else { password };
            let password_hash = hash(first).await?;
            let record =
                AccountRecord { name: &name, email: &email, role: role.as_str(), agency: &agency, active: true };
            let entry = entry(&email).changed::<AccountRecord, _>(action, None, Some(&record));
            one(AdminChange::CreateAccount(NewOfficial { email, name, role, agency, password_hash }), entry)
        }
        "update_account" | "end_sessions" | "send_link" => {
            let id = id(parts)?;
            let account = store.account(id).await?.ok_or(Fault::Problem(AdminProblem::Gone))?;
            let o = &account.official;
            let before = AccountRecord {
                name: &o.name,
                email: &o.email,
                role: o.role.as_str(),
                agency: &o.agency,
                active: account.active,
            };
            match action {
                "end_sessions" => {
                    let entry = AuditEntry::new(AuditAction::SignOutEverywhere, Some(me), &o.email);
                    one(AdminChange::EndSessions(id), entry)
                }
                "send_link" => {
                    if !account.active {
                        return Err(Fault::Problem(AdminProblem::Inactive));
                    }
                    Ok(vec![password_link(state, me, o)])
                }
                _ => {
                    let name = required(parts, AdminField::Name)?;
                    let role = Role::parse(&parts.get("role")).ok_or(wrong(AdminField::Role))?;
                    let agency = agency(state, parts).await?;
                    let active = parts.checked("active");
                    // An administrator cannot lock themselves out.
                    if id == me.id && (!active || role != Role::Admin) {
                        return Err(Fault::Problem(AdminProblem::OwnAccount));
                    }
                    let after =
                        AccountRecord { name: &name, email: &o.email, role: role.as_str(), agency: &agency, active };
                    let entry = entry(&o.email).changed(action, Some(&before), Some(&after));
                    one(AdminChange::UpdateAccount { id, name, role, agency, active }, entry)
                }
            }
        }
        "issue_api_key" => {
            let name = required(parts, AdminField::Name)?;
            if name.chars().count() > 100 || civicdesk_domain::feedback::clean_line(&name).is_none() {
                return Err(wrong(AdminField::Name));
            }
            let key = accounts::new_token();
            let key_hash = civicdesk_domain::cases::token_hash(&key).expect("a token made here has the right shape");
            let hint: String = key.chars().take(civicdesk_domain::admin::API_KEY_HINT).collect();
            let entry = entry(&name).changed::<ApiClientRecord, _>(
                action,
                None,
                Some(&ApiClientRecord { name: &name, hint: &hint }),
            );
            let issued = Some(IssuedKey { name: name.clone(), key });
            Ok(vec![Planned { change: AdminChange::IssueApiKey(NewApiClient { name, key_hash, hint }), entry, issued }])
        }
        "revoke_api_key" => {
            let id = id(parts)?;
            let clients = store.api_clients().await?;
            let client = clients.iter().find(|c| c.id == id).ok_or(Fault::Problem(AdminProblem::Gone))?;
            let record = ApiClientRecord { name: &client.name, hint: &client.hint };
            let entry = entry(&client.name).changed::<_, ApiClientRecord>(action, Some(&record), None);
            one(AdminChange::RevokeApiKey(id), entry)
        }
        _ => Err(Fault::Problem(AdminProblem::UnknownAction)),
    }
}

/// A one-time link for `official` to set a password, e-mailed through the outbox.
fn password_link(state: &AppState, me: &Official, official: &Official) -> Planned {
    let token = accounts::new_token();
    let token_hash = civicdesk_domain::cases::token_hash(&token).expect("a token made here has the right shape");
    let expires = Utc::now() + chrono::Duration::hours(RESET_LINK_HOURS);
    let mail = Composer { public_url: state.public_url.clone() }.password_link(official, &token);
    Planned {
        change: AdminChange::SendPasswordLink { official: official.id, token_hash, expires, mail },
        entry: AuditEntry::new(AuditAction::Change, Some(me), &official.email).changed::<(), ()>(
            "send_link",
            None,
            None,
        ),
        issued: None,
    }
}

/// Hashing takes tens of milliseconds of CPU: off the request threads.
async fn hash(password: String) -> Checked<String> {
    tokio::task::spawn_blocking(move || accounts::hash_password(&password))
        .await
        .map_err(|e| StoreError::Backend(e.to_string()))?
        .map_err(|e| Fault::Store(StoreError::Backend(e.to_string())))
}

/// Does what the form asks, with its record; a key it issued, to show once.
async fn apply(
    state: &AppState,
    me: &Official,
    address: &str,
    action: &str,
    parts: &PostedParts,
) -> Checked<Option<IssuedKey>> {
    let mut planned = plan(state, me, action, parts).await?;
    let mut shown = None;
    while !planned.is_empty() {
        let Planned { change, entry, issued } = planned.remove(0);
        match state.services.store.apply_admin(&change, &entry.from_address(address)).await? {
            Applied::Done => {}
            Applied::Exists => return Err(Fault::Problem(AdminProblem::Exists)),
            Applied::InUse => return Err(Fault::Problem(AdminProblem::InUse)),
            Applied::Missing => return Err(Fault::Problem(AdminProblem::Gone)),
        }
        match change {
            AdminChange::SaveDay(_) | AdminChange::DeleteDay(_) => state.services.calendars.reload().await?,
            AdminChange::SendPasswordLink { .. } => state.services.outbox.notify_one(),
            // An account created without a first password gets the link to set one.
            AdminChange::CreateAccount(new) if parts.get("password").is_empty() => {
                if let Some((official, _)) = state.services.store.official_by_email(&new.email).await? {
                    planned.push(password_link(state, me, &official));
                }
            }
            _ => {}
        }
        shown = shown.or(issued);
    }
    Ok(shown)
}

/// `POST /quan-tri`
pub async fn act(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
    StaffForm { signed, parts, headers }: StaffForm,
) -> Result<Response, Refused> {
    let lang = prefix(&uri);
    let me = &signed.session.official;
    if me.role != Role::Admin {
        return Err(Refused::NotFound);
    }
    let action = parts.get("action");
    let page = page_of(&action);
    match apply(&state, me, &peer.ip().to_string(), &action, &parts).await {
        // A new key is shown once: on the page that answers this post.
        Ok(Some(issued)) => Ok(render(&state, format!("{lang}{page}"), Some(&headers), issued, StatusCode::OK).await),
        Ok(None) => Ok(Redirect::to(&format!("{lang}{page}?xong={action}")).into_response()),
        Err(Fault::Problem(problem)) => {
            // Passwords are never sent back to the page.
            let fields = parts.fields.into_iter().filter(|(name, _)| name != "csrf" && name != "password").collect();
            let posted = AdminPosted { action, fields, problem };
            let page = format!("{lang}{page}");
            Ok(render(&state, page, Some(&headers), posted, StatusCode::UNPROCESSABLE_ENTITY).await)
        }
        Err(Fault::Store(error)) => Err(error).or_unavailable("an administration change"),
    }
}
