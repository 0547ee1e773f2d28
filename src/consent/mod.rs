//! Signed consent: a client's signature on one exact version of a consent text, with the
//! questionnaire's answers and the practitioner's countersignature. Signed records are never
//! changed (the database refuses it too); withdrawing consent is a new dated record.

mod questionnaire;
mod signature;
pub(crate) use signature::as_image_file as signature_image_file;
mod templates;

pub use questionnaire::{
    default_questions, AnsweredQuestion, ScreeningAnswer, ScreeningQuestion, ScreeningRisk,
};
pub use templates::{default_consent_templates, ConsentTemplate, ConsentTemplateInput};

use crate::actor::Actor;
use crate::clinic::staff;
use crate::codes::code_enum;
use crate::db::practice::{Practice, Write};
use crate::db::rows;
use crate::error::{Error, Result};
use crate::ids::{ClientId, ConsentId, ConsentTemplateId, ConsentTemplateVersionId, StaffId};
use crate::record::clients::{self, Client};
use crate::record::contraindications;
use crate::validate::{required_text, Problems};
use crate::vocab::{ConsentKind, StaffRole};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

code_enum! {
    /// Whether a consent record gives consent or takes it back.
    pub enum ConsentAction {
        Grant = "grant",
        Withdraw = "withdraw",
    }
}

/// The two separate choices of a photo consent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhotoChoices {
    /// Photos may be taken and kept in the clinical record.
    pub clinical: bool,
    /// Photos may also be used as marketing material.
    pub marketing: bool,
}

/// A consent as it is signed on screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SignConsentInput {
    pub client_id: ClientId,
    /// The template version shown to the client: it must be the current one.
    pub template_version_id: ConsentTemplateVersionId,
    /// One answer per screening question (treatment consent only).
    pub answers: Vec<ScreeningAnswer>,
    /// Required for a photo consent, absent otherwise.
    pub photo_choices: Option<PhotoChoices>,
    /// The client's drawn signature: SVG path data, or a PNG data URL.
    pub client_signature: String,
    /// The countersignature of the practitioner signed in (who proves it is them at that
    /// moment), in the same forms.
    pub practitioner_signature: String,
}

/// A withdrawal of a signed consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WithdrawConsentInput {
    pub reason: String,
    /// The client's drawn signature, when they withdraw in person.
    pub client_signature: Option<String>,
}

/// A signed consent or a withdrawal, with everything its printable copy shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Consent {
    pub id: ConsentId,
    pub client_id: ClientId,
    pub client_name: String,
    pub client_date_of_birth: Option<NaiveDate>,
    pub template_id: ConsentTemplateId,
    pub template_version_id: ConsentTemplateVersionId,
    pub template_version: u32,
    pub kind: ConsentKind,
    pub action: ConsentAction,
    /// For a withdrawal: the consent it withdraws.
    pub withdraws_id: Option<ConsentId>,
    /// The exact text signed.
    pub title: String,
    pub body: String,
    pub answers: Vec<AnsweredQuestion>,
    pub photo_choices: Option<PhotoChoices>,
    /// Why consent was withdrawn (withdrawals only).
    pub reason: String,
    pub client_signature: Option<String>,
    pub practitioner_id: StaffId,
    /// The countersigner's name and role when they signed, frozen into the record.
    pub practitioner_name: String,
    pub practitioner_role: Option<StaffRole>,
    pub practitioner_signature: Option<String>,
    /// The clinic's day of signing.
    pub signed_on: NaiveDate,
    pub signed_at: DateTime<Utc>,
    pub recorded_by: Option<StaffId>,
    /// For a grant: the withdrawal that ended it, if any.
    pub withdrawn_by: Option<ConsentId>,
    pub withdrawn_on: Option<NaiveDate>,
}

/// Which consents of a client hold on a given day: what the record's consent strip shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentStatus {
    pub treatment: bool,
    /// The choices of the photo consent in force, or none when the client has signed none (which
    /// declines nothing: photos may be kept for the clinical record, never used for marketing).
    pub photo: Option<PhotoChoices>,
    pub data_processing: bool,
}

const CONSENT_COLUMNS: &str = "c.id, c.client_id, cl.first_name || ' ' || cl.last_name AS client_name,
    cl.date_of_birth AS client_date_of_birth, v.template_id, c.template_version_id, v.version AS template_version,
    c.kind, c.action, c.withdraws_id, c.title, c.body, c.answers, c.photo_clinical, c.photo_marketing,
    c.reason, c.client_signature, c.practitioner_id, coalesce(c.practitioner_name, s.name) AS practitioner_name,
    c.practitioner_role, c.practitioner_signature,
    c.signed_on, c.signed_at, c.recorded_by, w.id AS withdrawn_by, w.signed_on AS withdrawn_on";

const CONSENT_FROM: &str = "consents c
    JOIN clients cl ON cl.id = c.client_id
    JOIN consent_template_versions v ON v.id = c.template_version_id
    JOIN staff s ON s.id = c.practitioner_id
    LEFT JOIN consents w ON w.withdraws_id = c.id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Consent> {
    let clinical: Option<bool> = row.get("photo_clinical")?;
    let marketing: Option<bool> = row.get("photo_marketing")?;
    Ok(Consent {
        id: row.get("id")?,
        client_id: row.get("client_id")?,
        client_name: row.get("client_name")?,
        client_date_of_birth: row.get("client_date_of_birth")?,
        template_id: row.get("template_id")?,
        template_version_id: row.get("template_version_id")?,
        template_version: row.get("template_version")?,
        kind: row.get("kind")?,
        action: row.get("action")?,
        withdraws_id: row.get("withdraws_id")?,
        title: row.get("title")?,
        body: row.get("body")?,
        answers: rows::json_column(row, "answers")?,
        photo_choices: clinical
            .zip(marketing)
            .map(|(clinical, marketing)| PhotoChoices {
                clinical,
                marketing,
            }),
        reason: row.get("reason")?,
        client_signature: row.get("client_signature")?,
        practitioner_id: row.get("practitioner_id")?,
        practitioner_name: row.get("practitioner_name")?,
        practitioner_role: row.get("practitioner_role")?,
        practitioner_signature: row.get("practitioner_signature")?,
        signed_on: row.get("signed_on")?,
        signed_at: row.get("signed_at")?,
        recorded_by: row.get("recorded_by")?,
        withdrawn_by: row.get("withdrawn_by")?,
        withdrawn_on: row.get("withdrawn_on")?,
    })
}

fn query(conn: &Connection, filter: &str, params: impl rusqlite::Params) -> Result<Vec<Consent>> {
    let sql = format!(
        "SELECT {CONSENT_COLUMNS} FROM {CONSENT_FROM} WHERE {filter} ORDER BY c.signed_at DESC, c.id DESC"
    );
    rows::all(conn, &sql, params, from_row)
}

fn load(conn: &Connection, id: ConsentId) -> Result<Consent> {
    query(conn, "c.id = ?1", [id])?
        .pop()
        .ok_or_else(|| Error::not_found("consent", id))
}

/// A client's grants of `kind` that hold on `day` (signed by then, not withdrawn by then),
/// newest first.
fn valid_grants(
    conn: &Connection,
    client: ClientId,
    kind: ConsentKind,
    day: NaiveDate,
) -> Result<Vec<Consent>> {
    query(
        conn,
        "c.client_id = ?1 AND c.kind = ?2 AND c.action = 'grant' AND c.signed_on <= ?3
         AND (w.id IS NULL OR w.signed_on > ?3)",
        params![client, kind, day],
    )
}

/// Whether the client has a signed treatment consent holding on `day`.
pub(crate) fn treatment_consent_valid(
    conn: &Connection,
    client: ClientId,
    day: NaiveDate,
) -> Result<bool> {
    Ok(!valid_grants(conn, client, ConsentKind::Treatment, day)?.is_empty())
}

/// The photo choices of the client's latest photo consent holding on `day` (none: both false).
pub(crate) fn photo_choices(
    conn: &Connection,
    client: ClientId,
    day: NaiveDate,
) -> Result<PhotoChoices> {
    Ok(photo_consent(conn, client, day)?.unwrap_or_default())
}

/// The choices of the client's photo consent in force on `day`, if they signed one.
fn photo_consent(
    conn: &Connection,
    client: ClientId,
    day: NaiveDate,
) -> Result<Option<PhotoChoices>> {
    Ok(valid_grants(conn, client, ConsentKind::Photo, day)?
        .first()
        .and_then(|c| c.photo_choices))
}

/// Whether the client's photo consent in force on `day` declines clinical photos (a consent
/// signed with "photos may be kept in the clinical record" unticked). No photo consent at all
/// is not a refusal.
pub(crate) fn declines_clinical_photos(
    conn: &Connection,
    client: ClientId,
    day: NaiveDate,
) -> Result<bool> {
    Ok(photo_consent(conn, client, day)?.is_some_and(|choices| !choices.clinical))
}

impl Write<'_> {
    /// Carries the questionnaire's flagged risks onto the client's contraindications (the banner).
    fn add_flagged_risks(
        &self,
        client: &Client,
        answered: &[AnsweredQuestion],
        day: NaiveDate,
    ) -> Result<()> {
        let flagged = questionnaire::flagged(answered, &client.contraindications, day);
        if flagged.is_empty() {
            return Ok(());
        }
        let mut all = client.contraindications.clone();
        all.extend(flagged);
        contraindications::replace_all(self.tx, client.id, &all)?;
        let after = clients::load(self.tx, client.id)?;
        self.audit(
            "client",
            &client.id,
            "questionnaire",
            Some(client),
            Some(&after),
        )
    }

    fn insert_consent(
        &self,
        c: &Consent,
        clinical: Option<bool>,
        marketing: Option<bool>,
    ) -> Result<Consent> {
        let answers = serde_json::to_string(&c.answers).expect("answers serialise");
        self.tx.execute(
            "INSERT INTO consents (id, client_id, template_version_id, kind, action, withdraws_id, title, body,
                answers, photo_clinical, photo_marketing, reason, client_signature, practitioner_id,
                practitioner_signature, signed_on, signed_at, recorded_by, practitioner_name,
                practitioner_role)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                ?19, ?20)",
            params![
                c.id, c.client_id, c.template_version_id, c.kind, c.action, c.withdraws_id, c.title, c.body,
                answers, clinical, marketing, c.reason, c.client_signature, c.practitioner_id,
                c.practitioner_signature, c.signed_on, c.signed_at, c.recorded_by, c.practitioner_name,
                c.practitioner_role
            ],
        )?;
        let saved = load(self.tx, c.id)?;
        let action = match c.action {
            ConsentAction::Grant => "sign",
            ConsentAction::Withdraw => "withdraw",
        };
        // The audit notes who, what and when. The signatures and the names stay in the consent
        // and the client's record only, so erasing a client leaves none in the trail.
        let mut noted = saved.clone();
        noted.client_signature = noted.client_signature.map(|_| "(drawn)".into());
        noted.practitioner_signature = noted.practitioner_signature.map(|_| "(drawn)".into());
        noted.client_name = String::new();
        noted.client_date_of_birth = None;
        self.audit("consent", &c.id, action, None::<&Consent>, Some(&noted))?;
        Ok(saved)
    }
}

impl Practice {
    /// Signs a consent: the client's drawn signature and the practitioner's countersignature on
    /// the current version of a template, with the questionnaire answered. A "yes" that flags a
    /// risk goes onto the client's contraindications in the same transaction.
    pub fn sign_consent(&mut self, actor: Actor, input: &SignConsentInput) -> Result<Consent> {
        let today = self.clock().today();
        // What the client and practitioner filled in — the signatures, the answers, the photo
        // choices — is checked all together, every problem named at once.
        let mut problems = Problems::default();
        let client_signature = problems.check(signature::check(
            "client_signature",
            "Client's signature",
            &input.client_signature,
        ));
        let practitioner_signature = problems.check(signature::check(
            "practitioner_signature",
            "Practitioner's countersignature",
            &input.practitioner_signature,
        ));
        self.write(actor, |w| {
            let client = clients::load(w.tx, input.client_id).map_err(|_| {
                Error::validation("client_id", format!("No client with id {} exists", input.client_id))
            })?;
            let template = templates::version(w.tx, input.template_version_id)?.ok_or_else(|| {
                Error::validation(
                    "template_version_id",
                    format!("No consent template version with id {} exists", input.template_version_id),
                )
            })?;
            let current = w.tx.query_row(
                "SELECT max(version) FROM consent_template_versions WHERE template_id = ?1",
                [template.id],
                |r| r.get::<_, u32>(0),
            )?;
            if template.version != current {
                return Err(Error::refused(
                    Some("template_version_id"),
                    format!(
                        "\"{}\" has been revised since this text was shown (version {} is current); show the current text and sign again",
                        template.title, current
                    ),
                ));
            }
            let Actor::Staff(signer) = w.actor else {
                return Err(Error::Forbidden(
                    "Only a practitioner, signed in, can countersign a consent".to_owned(),
                ));
            };
            let countersigner = staff::active_practitioner(w.tx, signer, "actor", "countersign a consent")?;
            let answers = match template.kind {
                ConsentKind::Treatment => problems.check(questionnaire::answer(&template.questions, &input.answers)),
                _ if !input.answers.is_empty() => {
                    problems.keep(Error::validation("answers", "Only the treatment consent has questions to answer"));
                    None
                }
                _ => Some(Vec::new()),
            };
            // `Some(None)`: no photo choices, as this consent has none.
            let choices = match (template.kind, input.photo_choices) {
                (ConsentKind::Photo, Some(choices)) => Some(Some(choices)),
                (ConsentKind::Photo, None) => {
                    problems.keep(Error::validation(
                        "photo_choices",
                        "Choose whether photos may be kept for the clinical record and, separately, used for marketing",
                    ));
                    None
                }
                (_, Some(_)) => {
                    problems.keep(Error::validation("photo_choices", "Photo choices belong to the photo consent"));
                    None
                }
                (_, None) => Some(None),
            };
            let signatures = client_signature.zip(practitioner_signature);
            let ((answers, choices), (client_signature, practitioner_signature)) =
                problems.finish_with(answers.zip(choices).zip(signatures))?;
            let contradicted =
                questionnaire::contradictions(&answers, &client.contraindications, &client.medications, today);
            if let Some((key, _)) = contradicted.first() {
                let each: Vec<String> = contradicted
                    .iter()
                    .map(|(key, why)| {
                        let text = answers.iter().find(|a| &a.question.key == key).map_or("", |a| a.question.text.as_str());
                        format!("\u{201c}{text}\u{201d} was answered No, but {why}")
                    })
                    .collect();
                return Err(Error::refused(
                    Some(&format!("answers.{key}")),
                    format!(
                        "{}. Check with the client and correct the answer, or correct the record first.",
                        each.join("; ")
                    ),
                ));
            }
            let consent = Consent {
                id: ConsentId::new(),
                client_id: client.id,
                client_name: client.full_name(),
                client_date_of_birth: client.date_of_birth,
                template_id: template.id,
                template_version_id: template.version_id,
                template_version: template.version,
                kind: template.kind,
                action: ConsentAction::Grant,
                withdraws_id: None,
                title: template.title.clone(),
                body: template.body.clone(),
                answers,
                photo_choices: choices,
                reason: String::new(),
                client_signature: Some(client_signature),
                practitioner_id: countersigner.id,
                practitioner_name: countersigner.name,
                practitioner_role: Some(countersigner.role),
                practitioner_signature: Some(practitioner_signature),
                signed_on: today,
                signed_at: w.now,
                recorded_by: w.actor.staff_id(),
                withdrawn_by: None,
                withdrawn_on: None,
            };
            let saved = w.insert_consent(&consent, choices.map(|c| c.clinical), choices.map(|c| c.marketing))?;
            w.add_flagged_risks(&client, &saved.answers, today)?;
            Ok(saved)
        })
    }

    /// Records the withdrawal of a signed consent, dated today. The signed consent itself is
    /// unchanged; from today it no longer holds.
    pub fn withdraw_consent(
        &mut self,
        actor: Actor,
        id: ConsentId,
        input: &WithdrawConsentInput,
    ) -> Result<Consent> {
        let today = self.clock().today();
        let mut problems = Problems::default();
        let reason = problems.check(required_text("reason", "Reason", &input.reason, 2000));
        let client_signature = problems.check(
            input
                .client_signature
                .as_deref()
                .map(|s| signature::check("client_signature", "Client's signature", s))
                .transpose(),
        );
        let (reason, client_signature) = problems.finish_with(reason.zip(client_signature))?;
        self.write(actor, |w| {
            let Actor::Staff(recorder) = w.actor else {
                return Err(Error::refused(
                    Some("actor"),
                    "Sign in before recording a withdrawal",
                ));
            };
            let original = load(w.tx, id)?;
            if original.action == ConsentAction::Withdraw {
                return Err(Error::validation(
                    "id",
                    "This record is itself a withdrawal",
                ));
            }
            if let Some(on) = original.withdrawn_on {
                return Err(Error::conflict(
                    None,
                    format!("This consent was already withdrawn on {on}"),
                ));
            }
            let person = staff::load(w.tx, recorder)?;
            let withdrawal = Consent {
                id: ConsentId::new(),
                action: ConsentAction::Withdraw,
                withdraws_id: Some(original.id),
                answers: Vec::new(),
                photo_choices: None,
                reason,
                client_signature,
                practitioner_id: recorder,
                practitioner_name: person.name,
                practitioner_role: Some(person.role),
                practitioner_signature: None,
                signed_on: today,
                signed_at: w.now,
                recorded_by: Some(recorder),
                ..original
            };
            w.insert_consent(&withdrawal, None, None)
        })
    }

    /// One signed consent or withdrawal with its text, answers, signatures, time and names: the
    /// data of its printable copy.
    pub fn signed_consent(&self, id: ConsentId) -> Result<Consent> {
        load(self.conn(), id)
    }

    /// Every consent record of a client (grants and withdrawals), newest first.
    pub fn client_consents(&self, client: ClientId) -> Result<Vec<Consent>> {
        query(self.conn(), "c.client_id = ?1", [client])
    }

    /// Whether the client has a signed, not withdrawn, treatment consent on `day`.
    pub fn has_valid_treatment_consent(&self, client: ClientId, day: NaiveDate) -> Result<bool> {
        treatment_consent_valid(self.conn(), client, day)
    }

    /// Which consents hold for the client on `day`.
    pub fn consent_status(&self, client: ClientId, day: NaiveDate) -> Result<ConsentStatus> {
        let conn = self.conn();
        Ok(ConsentStatus {
            treatment: treatment_consent_valid(conn, client, day)?,
            photo: photo_consent(conn, client, day)?,
            data_processing: !valid_grants(conn, client, ConsentKind::DataProcessing, day)?
                .is_empty(),
        })
    }
}
