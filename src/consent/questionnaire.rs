//! The pre-treatment questionnaire of the treatment consent: screening questions, each tied to a
//! contraindication, and the rule that turns a "yes" into an entry on the client's banner.

use crate::error::{Error, Result};
use crate::ids::ContraindicationId;
use crate::record::contraindications::{Contraindication, ContraindicationKind};
use crate::validate::{bounded_text, required_text, whole_in, Problems};
use crate::vocab::Condition;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// What a "yes" to a screening question puts on the client's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScreeningRisk {
    /// No treatment while it is on file, unless a doctor's clearance is recorded.
    Absolute,
    /// No treatment for `days` days from the day of signing.
    Temporary { days: u16 },
    /// Treatment only once a doctor's clearance is recorded.
    NeedsClearance,
}

/// One screening question, phrased so that "yes" flags a risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScreeningQuestion {
    /// A short stable key (e.g. `blood_thinners`), unique within the template.
    pub key: String,
    /// The question as the client reads it.
    pub text: String,
    pub condition: Condition,
    pub risk: ScreeningRisk,
}

/// The client's answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScreeningAnswer {
    pub key: String,
    /// `true` ("yes") flags the risk.
    pub yes: bool,
    /// What the client added (which drug, which allergy, …).
    pub detail: String,
}

/// A question with its answer, as kept in the signed consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnsweredQuestion {
    pub question: ScreeningQuestion,
    pub yes: bool,
    pub detail: String,
}

const MAX_QUESTIONS: usize = 40;

/// Checks a template's questions: keys unique and simple, text present, temporary risks bounded;
/// else every problem of every question at once, each under its path (`questions[2].text`).
pub(crate) fn check_questions(questions: &[ScreeningQuestion]) -> Result<Vec<ScreeningQuestion>> {
    if questions.len() > MAX_QUESTIONS {
        return Err(Error::validation(
            "questions",
            format!("At most {MAX_QUESTIONS} screening questions"),
        ));
    }
    let mut problems = Problems::default();
    let mut keys = HashSet::new();
    let mut checked = Vec::with_capacity(questions.len());
    for (i, q) in questions.iter().enumerate() {
        let field = |name: &str| format!("questions[{i}].{name}");
        let key = problems.check(
            required_text(&field("key"), "Question key", &q.key, 40)
                .and_then(|key| new_key(&field("key"), key, &mut keys)),
        );
        if let ScreeningRisk::Temporary { days } = q.risk {
            problems.check(whole_in(&field("risk.days"), "Days", days.into(), 1, 730));
        }
        let text = problems.check(required_text(&field("text"), "Question", &q.text, 500));
        if let (Some(key), Some(text)) = (key, text) {
            checked.push(ScreeningQuestion {
                key,
                text,
                condition: q.condition,
                risk: q.risk,
            });
        }
    }
    problems.finish()?;
    Ok(checked)
}

/// A question's key, once it is simple (a-z, 0-9, _) and not among the `keys` already taken,
/// which it then joins.
fn new_key(field: &str, key: String, keys: &mut HashSet<String>) -> Result<String> {
    if !key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(Error::validation(
            field,
            format!("Question key \"{key}\" may use only a-z, 0-9 and _"),
        ));
    }
    if !keys.insert(key.clone()) {
        return Err(Error::validation(
            field,
            format!("Question key \"{key}\" is used twice"),
        ));
    }
    Ok(key)
}

/// Pairs every question with exactly one answer (in the questions' order); else every problem
/// at once: each question left unanswered or answered twice, each answer to no question, each
/// detail too long.
pub(crate) fn answer(
    questions: &[ScreeningQuestion],
    answers: &[ScreeningAnswer],
) -> Result<Vec<AnsweredQuestion>> {
    let mut problems = Problems::default();
    for (i, stray) in answers.iter().enumerate() {
        if !questions.iter().any(|q| q.key == stray.key) {
            problems.keep(Error::validation(
                format!("answers[{i}].key"),
                format!("\"{}\" is not a question of this consent", stray.key),
            ));
        }
    }
    let mut answered = Vec::with_capacity(questions.len());
    for q in questions {
        let mut given = answers.iter().enumerate().filter(|(_, a)| a.key == q.key);
        let Some((i, a)) = given.next() else {
            problems.keep(Error::validation(
                format!("answers.{}", q.key),
                format!("Answer the question \"{}\"", q.text),
            ));
            continue;
        };
        if let Some((twice, _)) = given.next() {
            problems.keep(Error::validation(
                format!("answers[{twice}].key"),
                format!("The question \"{}\" is answered twice", q.key),
            ));
        }
        let detail = bounded_text(&format!("answers[{i}].detail"), "Detail", &a.detail, 500);
        if let Some(detail) = problems.check(detail) {
            answered.push(AnsweredQuestion {
                question: q.clone(),
                yes: a.yes,
                detail,
            });
        }
    }
    problems.finish()?;
    Ok(answered)
}

/// The contraindications the "yes" answers flag, for a consent signed on `signed_on`. A risk
/// already on the client's record (same condition, not cleared) is not added twice.
pub(crate) fn flagged(
    answered: &[AnsweredQuestion],
    on_record: &[Contraindication],
    signed_on: NaiveDate,
) -> Vec<Contraindication> {
    let mut out: Vec<Contraindication> = Vec::new();
    for a in answered.iter().filter(|a| a.yes) {
        let q = &a.question;
        let known = on_record
            .iter()
            .chain(out.iter())
            .any(|c| c.condition == q.condition && c.clearance.is_none());
        if known {
            continue;
        }
        let kind = match q.risk {
            ScreeningRisk::Absolute => ContraindicationKind::Absolute,
            ScreeningRisk::NeedsClearance => ContraindicationKind::NeedsClearance,
            ScreeningRisk::Temporary { days } => ContraindicationKind::Temporary {
                until: signed_on
                    .checked_add_days(Days::new(days.into()))
                    .unwrap_or(signed_on),
            },
        };
        let detail = if a.detail.is_empty() {
            format!("Questionnaire: {}", q.text)
        } else {
            format!("Questionnaire: {} — {}", q.text, a.detail)
        };
        out.push(Contraindication {
            id: ContraindicationId::new(),
            condition: q.condition,
            detail: detail.chars().take(500).collect(),
            kind,
            clearance: None,
        });
    }
    out
}

/// Medicine names that, found in a client's recorded medications, mean a "yes" to the
/// question about a condition (brand and generic names, matched case-insensitively).
const MEDICINES: &[(Condition, &[&str])] = &[
    (
        Condition::BloodThinners,
        &[
            "warfarin",
            "coumadin",
            "apixaban",
            "eliquis",
            "rivaroxaban",
            "xarelto",
            "dabigatran",
            "pradaxa",
            "edoxaban",
            "lixiana",
            "heparin",
            "enoxaparin",
            "clexane",
            "clopidogrel",
            "plavix",
            "ticagrelor",
            "brilique",
            "prasugrel",
            "aspirin",
        ],
    ),
    (
        Condition::Isotretinoin,
        &["isotretinoin", "roaccutane", "accutane", "absorica"],
    ),
    (Condition::Diabetes, &["insulin", "metformin", "gliclazide"]),
    (Condition::Chemotherapy, &["chemotherapy"]),
];

/// The "no" answers that the client's record contradicts — an uncleared contraindication of the
/// question's condition, or a medicine for it among their medications — each with the
/// question's key and what the record says. Flagged before signing: a consent must not say
/// "no blood thinners" for a client on warfarin.
pub(crate) fn contradictions(
    answered: &[AnsweredQuestion],
    on_record: &[Contraindication],
    medications: &str,
    today: NaiveDate,
) -> Vec<(String, String)> {
    let medications = medications.to_lowercase();
    let mut found = Vec::new();
    for a in answered.iter().filter(|a| !a.yes) {
        let q = &a.question;
        let in_force = |c: &&Contraindication| match c.kind {
            ContraindicationKind::Temporary { until } => until >= today,
            _ => true,
        };
        let recorded = on_record
            .iter()
            .filter(in_force)
            .find(|c| c.condition == q.condition && c.clearance.is_none());
        let medicine = MEDICINES
            .iter()
            .filter(|(condition, _)| *condition == q.condition)
            .flat_map(|(_, names)| names.iter())
            .find(|name| medications.contains(*name));
        let why = match (recorded, medicine) {
            (Some(c), _) if !c.detail.is_empty() => {
                format!(
                    "the client's record lists it (\u{201c}{}\u{201d})",
                    c.detail
                )
            }
            (Some(_), _) => "the client's record lists it".to_owned(),
            (None, Some(name)) => format!("the client's medications include {name}"),
            (None, None) => continue,
        };
        found.push((q.key.clone(), why));
    }
    found
}

/// The screening questions a new treatment consent starts with (the clinic edits them).
pub fn default_questions() -> Vec<ScreeningQuestion> {
    let q = |key: &str, text: &str, condition: Condition, risk: ScreeningRisk| ScreeningQuestion {
        key: key.into(),
        text: text.into(),
        condition,
        risk,
    };
    vec![
        q("keloid_scarring", "Have you ever formed keloid or raised (hypertrophic) scars?", Condition::KeloidScarring, ScreeningRisk::NeedsClearance),
        q("blood_thinners", "Do you take blood-thinning medication (e.g. warfarin, aspirin daily, apixaban)?", Condition::BloodThinners, ScreeningRisk::NeedsClearance),
        q("bleeding_disorder", "Do you have a bleeding or clotting disorder (e.g. haemophilia)?", Condition::BleedingDisorder, ScreeningRisk::NeedsClearance),
        q("pregnancy", "Are you pregnant or breastfeeding?", Condition::Pregnancy, ScreeningRisk::Temporary { days: 270 }),
        q("scalp_condition", "Do you have an active scalp condition (psoriasis, eczema, dermatitis) on the area to treat?", Condition::ScalpPsoriasisEczema, ScreeningRisk::Temporary { days: 30 }),
        q("active_infection", "Do you have an infection, cold sore or open wound on the scalp?", Condition::ActiveInfection, ScreeningRisk::Temporary { days: 14 }),
        q("diabetes", "Do you have diabetes?", Condition::Diabetes, ScreeningRisk::NeedsClearance),
        q("chemotherapy", "Are you having, or have you had in the last 6 months, chemotherapy or radiotherapy?", Condition::Chemotherapy, ScreeningRisk::NeedsClearance),
        q("isotretinoin", "Have you taken isotretinoin (Roaccutane) in the last 6 months?", Condition::Isotretinoin, ScreeningRisk::Temporary { days: 180 }),
        q("allergies", "Are you allergic to any pigment, ink, metal, latex or anaesthetic?", Condition::PigmentAllergy, ScreeningRisk::NeedsClearance),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_questions_are_valid() {
        let questions = default_questions();
        assert_eq!(check_questions(&questions).unwrap(), questions);
    }

    #[test]
    fn every_question_needs_exactly_one_answer() {
        let questions = default_questions();
        let all_no: Vec<ScreeningAnswer> = questions
            .iter()
            .map(|q| ScreeningAnswer {
                key: q.key.clone(),
                yes: false,
                detail: String::new(),
            })
            .collect();
        assert!(answer(&questions, &all_no).is_ok());
        let err = answer(&questions, &all_no[1..]).unwrap_err();
        assert_eq!(err.field(), Some("answers.keloid_scarring"));
        let mut twice = all_no.clone();
        twice.push(all_no[0].clone());
        assert!(answer(&questions, &twice).is_err());
    }

    #[test]
    fn a_temporary_risk_runs_from_the_day_of_signing() {
        let questions = default_questions();
        let answered: Vec<AnsweredQuestion> = questions
            .iter()
            .map(|q| AnsweredQuestion {
                question: q.clone(),
                yes: q.key == "active_infection",
                detail: String::new(),
            })
            .collect();
        let flagged = flagged(&answered, &[], "2026-06-15".parse().unwrap());
        assert_eq!(flagged.len(), 1);
        assert_eq!(
            flagged[0].kind,
            ContraindicationKind::Temporary {
                until: "2026-06-29".parse().unwrap()
            }
        );
    }
}
