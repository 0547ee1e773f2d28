//! Consent templates the clinic edits. Editing never changes text already offered for signing:
//! each edit is a new numbered version, and every signature points at the version it signed.

use crate::actor::Actor;
use crate::clinic::staff;
use crate::consent::questionnaire::{check_questions, default_questions, ScreeningQuestion};
use crate::db::practice::{Practice, Write};
use crate::db::rows;
use crate::db::versions::{join_words, stale_message, time_ago, VERSION_FIELD};
use crate::error::{Error, Result};
use crate::ids::{ConsentTemplateId, ConsentTemplateVersionId, StaffId};
use crate::validate::{required_text, Problems};
use crate::vocab::ConsentKind;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A template as the clinic writes it (a new template, or the next version of one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConsentTemplateInput {
    pub kind: ConsentKind,
    pub title: String,
    /// The text the client reads and signs (plain text; paragraphs separated by blank lines).
    pub body: String,
    /// The pre-treatment questionnaire: only for the treatment consent.
    pub questions: Vec<ScreeningQuestion>,
}

/// One version of a consent template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConsentTemplate {
    pub id: ConsentTemplateId,
    pub version_id: ConsentTemplateVersionId,
    pub kind: ConsentKind,
    /// 1 for the first text, +1 for each edit.
    pub version: u32,
    pub title: String,
    pub body: String,
    pub questions: Vec<ScreeningQuestion>,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<StaffId>,
}

/// A template's new version as entered, checked; else every problem of it at once.
fn check(input: &ConsentTemplateInput) -> Result<ConsentTemplateInput> {
    let mut problems = Problems::default();
    let title = problems.check(required_text("title", "Title", &input.title, 200));
    let body = problems.check(required_text("body", "Consent text", &input.body, 50_000));
    let questions = if input.kind != ConsentKind::Treatment && !input.questions.is_empty() {
        problems.keep(Error::validation(
            "questions",
            "Only the treatment consent carries screening questions",
        ));
        None
    } else {
        problems.check(check_questions(&input.questions))
    };
    problems.finish()?;
    Ok(ConsentTemplateInput {
        kind: input.kind,
        title: title.unwrap_or_default(),
        body: body.unwrap_or_default(),
        questions: questions.unwrap_or_default(),
    })
}

const TEMPLATE_COLUMNS: &str = "t.id, v.id AS version_id, t.kind, v.version, v.title, v.body,
    v.questions, v.created_at, v.created_by";

fn from_row(row: &Row<'_>) -> rusqlite::Result<ConsentTemplate> {
    Ok(ConsentTemplate {
        id: row.get("id")?,
        version_id: row.get("version_id")?,
        kind: row.get("kind")?,
        version: row.get("version")?,
        title: row.get("title")?,
        body: row.get("body")?,
        questions: rows::json_column(row, "questions")?,
        created_at: row.get("created_at")?,
        created_by: row.get("created_by")?,
    })
}

fn query(
    conn: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<ConsentTemplate>> {
    let sql = format!(
        "SELECT {TEMPLATE_COLUMNS} FROM consent_template_versions v
         JOIN consent_templates t ON t.id = v.template_id
         WHERE {filter} ORDER BY t.kind, t.created_at, v.version"
    );
    rows::all(conn, &sql, params, from_row)
}

/// One template version by its id.
pub(crate) fn version(
    conn: &Connection,
    id: ConsentTemplateVersionId,
) -> Result<Option<ConsentTemplate>> {
    Ok(query(conn, "v.id = ?1", [id])?.pop())
}

/// The current version of every template.
fn current(conn: &Connection) -> Result<Vec<ConsentTemplate>> {
    query(
        conn,
        "v.version = (SELECT max(version) FROM consent_template_versions x WHERE x.template_id = t.id)",
        [],
    )
}

/// The latest version of a template.
fn latest(conn: &Connection, id: ConsentTemplateId) -> Result<ConsentTemplate> {
    query(conn, "t.id = ?1", [id])?
        .pop()
        .ok_or_else(|| Error::not_found("consent template", id))
}

impl Practice {
    /// Creates a template at version 1.
    pub fn create_consent_template(
        &mut self,
        actor: Actor,
        input: &ConsentTemplateInput,
    ) -> Result<ConsentTemplate> {
        let v = check(input)?;
        self.write(actor, |w| w.create_template(&v))
    }

    /// Saves an edit of a template as its next version; signatures of earlier versions keep
    /// their text. An edit that changes nothing returns the current version. The edit must be
    /// of the current version (`version`, the one the form was opened at): an edit of an older
    /// one is refused, naming who saved the newer text.
    pub fn revise_consent_template(
        &mut self,
        actor: Actor,
        id: ConsentTemplateId,
        version: u32,
        input: &ConsentTemplateInput,
    ) -> Result<ConsentTemplate> {
        let v = check(input)?;
        self.write(actor, |w| {
            let current = latest(w.tx, id)?;
            if current.version != version {
                return Err(stale_template(w, id, version, &current)?);
            }
            if v.kind != current.kind {
                return Err(Error::validation(
                    "kind",
                    "A template's kind cannot change; create a new template instead",
                ));
            }
            if (&v.title, &v.body, &v.questions)
                == (&current.title, &current.body, &current.questions)
            {
                return Ok(current);
            }
            w.insert_template_version(id, current.version + 1, &v)
        })
    }

    /// The current version of every template, by kind.
    pub fn consent_templates(&self) -> Result<Vec<ConsentTemplate>> {
        current(self.conn())
    }

    /// Every version of one template, oldest first.
    pub fn consent_template_history(&self, id: ConsentTemplateId) -> Result<Vec<ConsentTemplate>> {
        let versions = query(self.conn(), "t.id = ?1", [id])?;
        if versions.is_empty() {
            return Err(Error::not_found("consent template", id));
        }
        Ok(versions)
    }

    /// Creates the starting template of each kind the clinic has none of yet (first run; the
    /// shell calls it after opening). Returns the templates created.
    pub fn add_default_consent_templates(&mut self, actor: Actor) -> Result<Vec<ConsentTemplate>> {
        self.write(actor, |w| w.add_default_consent_templates())
    }
}

/// The conflict for an edit of version `opened` of a template that has since moved on to
/// `current`: who saved the newer versions, and when.
fn stale_template(
    w: &Write<'_>,
    id: ConsentTemplateId,
    opened: u32,
    current: &ConsentTemplate,
) -> Result<Error> {
    let newer = query(w.tx, "t.id = ?1 AND v.version > ?2", params![id, opened])?;
    let mut people: Vec<String> = Vec::new();
    for version in &newer {
        let who = match version.created_by {
            Some(staff) => staff::load(w.tx, staff).map_or_else(|_| staff.to_string(), |s| s.name),
            None => "Hairline".to_owned(),
        };
        if !people.contains(&who) {
            people.push(who);
        }
    }
    Ok(Error::conflict(
        Some(VERSION_FIELD),
        stale_message(&format!(
            "Since you opened version {opened} of \"{}\", {} saved version {} of it {}",
            current.title,
            join_words(&people),
            current.version,
            time_ago(current.created_at, w.now),
        )),
    ))
}

impl Write<'_> {
    fn create_template(&self, v: &ConsentTemplateInput) -> Result<ConsentTemplate> {
        let id = ConsentTemplateId::new();
        self.tx.execute(
            "INSERT INTO consent_templates (id, kind, created_at) VALUES (?1, ?2, ?3)",
            params![id, v.kind, self.now],
        )?;
        self.insert_template_version(id, 1, v)
    }

    pub(crate) fn add_default_consent_templates(&self) -> Result<Vec<ConsentTemplate>> {
        let have: Vec<ConsentKind> = current(self.tx)?.iter().map(|t| t.kind).collect();
        default_consent_templates()
            .iter()
            .filter(|t| !have.contains(&t.kind))
            .map(|t| self.create_template(&check(t)?))
            .collect()
    }

    fn insert_template_version(
        &self,
        template: ConsentTemplateId,
        number: u32,
        v: &ConsentTemplateInput,
    ) -> Result<ConsentTemplate> {
        let version_id = ConsentTemplateVersionId::new();
        let questions = serde_json::to_string(&v.questions).expect("questions serialise");
        self.tx.execute(
            "INSERT INTO consent_template_versions (id, template_id, version, title, body, questions, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![version_id, template, number, v.title, v.body, questions, self.now, self.actor.staff_id()],
        )?;
        let saved = version(self.tx, version_id)?
            .ok_or_else(|| Error::not_found("consent template version", version_id))?;
        let action = if number == 1 { "create" } else { "revise" };
        self.audit(
            "consent_template",
            &template,
            action,
            None::<&ConsentTemplate>,
            Some(&saved),
        )?;
        Ok(saved)
    }
}

/// The texts a clinic starts from, one per kind. They are a starting point for the clinic's own
/// wording (and its lawyer's), not legal advice.
pub fn default_consent_templates() -> Vec<ConsentTemplateInput> {
    vec![
        ConsentTemplateInput {
            kind: ConsentKind::Treatment,
            title: "Consent to scalp micropigmentation".into(),
            body: "I ask the clinic to carry out scalp micropigmentation (SMP): cosmetic pigment placed in the upper dermis of my scalp with fine needles, usually over two or three sessions.\n\n\
                   I understand that SMP is semi-permanent: the pigment fades over years and touch-ups are needed; results vary with skin type, sun exposure and aftercare; redness, tenderness and small scabs are usual for a few days; and, rarely, infection, allergic reaction, pigment migration or scarring can occur.\n\n\
                   I have answered the health questions below truthfully and will tell the clinic of any change before each session. I have been given the aftercare instructions and had the chance to ask questions.".into(),
            questions: default_questions(),
        },
        ConsentTemplateInput {
            kind: ConsentKind::Photo,
            title: "Consent to photographs".into(),
            body: "The clinic photographs my scalp from fixed angles before and after sessions, to plan and record my treatment. I choose below whether these photographs may be used for my clinical record only, and separately whether they may also be shown as marketing material (website, social media, before/after gallery), in which case my face will be cropped or hidden where possible.\n\n\
                   I can withdraw this consent at any time; photographs already published cannot always be recalled.".into(),
            questions: Vec::new(),
        },
        ConsentTemplateInput {
            kind: ConsentKind::DataProcessing,
            title: "How we use your information".into(),
            body: "The clinic keeps your contact details, health answers, treatment record and photographs to provide your treatment safely and to remind you of your care (next session, touch-up). It is kept on the clinic's own computers, shared with no one without your consent unless the law requires it, and kept for as long as the law on health records requires.\n\n\
                   You may ask to see, correct or export your record, and to stop care reminders, at any time.".into(),
            questions: Vec::new(),
        },
    ]
}
