//! The clinic's own rules: default spacing between sessions, how touch-up intervals are
//! suggested, and how the recall worklist paces contact attempts. Stored as one JSON document.

use crate::actor::Actor;
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use crate::validate::{whole_in, Problems};
use crate::vocab::{Finish, Fitzpatrick, SunExposure};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the clinic suggests a touch-up interval: a base, adjusted for what is recorded on the
/// client and plan. Adjustments are in months and may be negative (sooner) or positive (later).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TouchUpRules {
    /// 12 to 120 months; 60 (five years) by default.
    pub base_months: u16,
    /// For a client who wants a crisp rather than softly faded look.
    pub crisp_finish_months: i16,
    pub moderate_sun_months: i16,
    pub high_sun_months: i16,
    /// By Fitzpatrick skin type, I to VI.
    pub skin_type_months: [i16; 6],
}

/// Everything the clinic sets for itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClinicSettings {
    /// Days between sessions of a new plan (typically 10–14).
    pub default_spacing_days: u16,
    pub touch_up: TouchUpRules,
    /// After a contact attempt, the recall leaves the worklist for this many days.
    pub contact_cooldown_days: u16,
    /// After this many unanswered attempts, the recall is flagged instead of repeated.
    pub max_unanswered_attempts: u8,
    /// How far ahead the worklist looks by default (days).
    pub worklist_horizon_days: u16,
    /// A client younger than this is recorded only once someone confirms it (most clinics do
    /// not treat minors); settings saved before it existed read as 18 (see [`load`]).
    pub minimum_age: u8,
    /// Minutes without input before a workstation locks itself (1–30); settings saved before
    /// sign-in existed read as 5 (see [`load`]).
    pub idle_lock_minutes: u8,
    /// Moves on with every save; the settings form sends back the version it was opened at.
    pub version: u32,
}

fn adult_age() -> u8 {
    18
}

/// The idle time before a workstation locks, unless the clinic chose another.
fn default_idle_lock_minutes() -> u8 {
    5
}

impl Default for ClinicSettings {
    fn default() -> Self {
        ClinicSettings {
            default_spacing_days: 14,
            touch_up: TouchUpRules {
                base_months: 60,
                crisp_finish_months: -12,
                moderate_sun_months: -6,
                high_sun_months: -12,
                skin_type_months: [-6, -6, 0, 0, 6, 6],
            },
            contact_cooldown_days: 3,
            max_unanswered_attempts: 3,
            worklist_horizon_days: 60,
            minimum_age: adult_age(),
            idle_lock_minutes: default_idle_lock_minutes(),
            version: 1,
        }
    }
}

/// A suggested touch-up interval and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TouchUpSuggestion {
    pub months: u16,
    /// Each rule that applied, e.g. "crisp finish wanted: −12 months".
    pub reasons: Vec<String>,
}

/// Touch-up intervals are kept within one to ten years.
pub const TOUCH_UP_MONTHS: std::ops::RangeInclusive<u16> = 12..=120;

impl TouchUpRules {
    /// The interval these rules suggest for a client with the given facts.
    pub fn suggest(
        &self,
        finish: Option<Finish>,
        sun: Option<SunExposure>,
        skin: Option<Fitzpatrick>,
    ) -> TouchUpSuggestion {
        let mut months = i32::from(self.base_months);
        let mut reasons = vec![format!("clinic base interval: {} months", self.base_months)];
        let mut apply = |delta: i16, why: String| {
            if delta != 0 {
                months += i32::from(delta);
                reasons.push(format!("{why}: {delta:+} months"));
            }
        };
        if finish == Some(Finish::Crisp) {
            apply(self.crisp_finish_months, "crisp finish wanted".into());
        }
        match sun {
            Some(SunExposure::High) => apply(self.high_sun_months, "high sun exposure".into()),
            Some(SunExposure::Moderate) => {
                apply(self.moderate_sun_months, "moderate sun exposure".into())
            }
            _ => {}
        }
        if let Some(skin) = skin {
            let index = Fitzpatrick::ALL
                .iter()
                .position(|s| *s == skin)
                .expect("listed");
            apply(
                self.skin_type_months[index],
                format!("skin type {}", skin.code().to_uppercase()),
            );
        }
        let (low, high) = (
            i32::from(*TOUCH_UP_MONTHS.start()),
            i32::from(*TOUCH_UP_MONTHS.end()),
        );
        if months < low || months > high {
            reasons.push(format!("kept within {low}–{high} months"));
        }
        TouchUpSuggestion {
            months: months.clamp(low, high) as u16,
            reasons,
        }
    }
}

/// The clinic's rules, each within its bounds; else every one that is not, at once.
fn validate(settings: &ClinicSettings) -> Result<()> {
    let mut problems = Problems::default();
    problems.check(whole_in(
        "minimum_age",
        "Minimum age (years)",
        settings.minimum_age.into(),
        16,
        25,
    ));
    problems.check(whole_in(
        "default_spacing_days",
        "Default spacing (days)",
        settings.default_spacing_days.into(),
        1,
        120,
    ));
    problems.check(whole_in(
        "touch_up.base_months",
        "Base touch-up interval (months)",
        settings.touch_up.base_months.into(),
        12,
        120,
    ));
    let adjustments = [
        (
            "touch_up.crisp_finish_months",
            settings.touch_up.crisp_finish_months,
        ),
        (
            "touch_up.moderate_sun_months",
            settings.touch_up.moderate_sun_months,
        ),
        (
            "touch_up.high_sun_months",
            settings.touch_up.high_sun_months,
        ),
    ]
    .into_iter()
    .map(|(f, v)| (f.to_owned(), v))
    .chain(
        settings
            .touch_up
            .skin_type_months
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("touch_up.skin_type_months[{i}]"), *v)),
    );
    for (field, value) in adjustments {
        problems.check(whole_in(
            &field,
            "Adjustment (months)",
            value.into(),
            -60,
            60,
        ));
    }
    problems.check(whole_in(
        "contact_cooldown_days",
        "Days before contacting again",
        settings.contact_cooldown_days.into(),
        0,
        90,
    ));
    problems.check(whole_in(
        "max_unanswered_attempts",
        "Unanswered attempts before flagging",
        settings.max_unanswered_attempts.into(),
        1,
        20,
    ));
    problems.check(whole_in(
        "idle_lock_minutes",
        "Lock after idle (minutes)",
        settings.idle_lock_minutes.into(),
        1,
        30,
    ));
    problems.check(whole_in(
        "worklist_horizon_days",
        "Worklist horizon (days)",
        settings.worklist_horizon_days.into(),
        1,
        730,
    ));
    problems.finish()
}

const KEY: &str = "clinic";

pub(crate) fn load(conn: &Connection) -> Result<ClinicSettings> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    match stored {
        None => Ok(ClinicSettings::default()),
        Some(json) => {
            let unreadable = |e: serde_json::Error| {
                Error::Migration(format!("clinic settings cannot be read: {e}"))
            };
            let mut stored: serde_json::Value = serde_json::from_str(&json).map_err(unreadable)?;
            // Saved before the clinic could set a minimum age: the age every clinic had then.
            if let Some(fields) = stored.as_object_mut() {
                fields
                    .entry("minimum_age")
                    .or_insert_with(|| adult_age().into());
                // Saved before workstations locked themselves: the default idle time.
                fields
                    .entry("idle_lock_minutes")
                    .or_insert_with(|| default_idle_lock_minutes().into());
            }
            serde_json::from_value(stored).map_err(unreadable)
        }
    }
}

impl Practice {
    pub fn settings(&self) -> Result<ClinicSettings> {
        load(self.conn())
    }

    /// Saves the clinic's settings, if they are still at `settings.version` (the version the
    /// form was opened at).
    pub fn update_settings(
        &mut self,
        actor: Actor,
        settings: &ClinicSettings,
    ) -> Result<ClinicSettings> {
        validate(settings)?;
        self.write(actor, |w| {
            let before = load(w.tx)?;
            if before.version != settings.version {
                return Err(w.stale_save("settings", "clinic settings", KEY, settings.version, before.version)?);
            }
            let after = ClinicSettings {
                version: before.version + 1,
                ..settings.clone()
            };
            let json = serde_json::to_string(&after).expect("settings serialise");
            w.tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![KEY, json],
            )?;
            w.audit("settings", &KEY, "update", Some(&before), Some(&after))?;
            Ok(after)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_stored_before_the_minimum_age_existed_read_as_18() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            .unwrap();
        let mut old = serde_json::to_value(ClinicSettings::default()).unwrap();
        old.as_object_mut().unwrap().remove("minimum_age");
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            params![KEY, old.to_string()],
        )
        .unwrap();
        assert_eq!(load(&conn).unwrap().minimum_age, 18);
        // A request, though, must say it: the type has no default of its own.
        let err = serde_json::from_value::<ClinicSettings>(old).unwrap_err();
        assert!(err.to_string().contains("minimum_age"), "{err}");
    }

    #[test]
    fn suggestion_applies_each_rule_with_its_reason_and_stays_in_bounds() {
        let rules = ClinicSettings::default().touch_up;
        let plain = rules.suggest(None, None, None);
        assert_eq!(plain.months, 60);
        let s = rules.suggest(
            Some(Finish::Crisp),
            Some(SunExposure::High),
            Some(Fitzpatrick::II),
        );
        assert_eq!(s.months, 60 - 12 - 12 - 6);
        assert_eq!(s.reasons.len(), 4, "{:?}", s.reasons);
        assert!(s.reasons[1].contains("crisp"));
        let harsh = TouchUpRules {
            base_months: 12,
            ..rules
        };
        assert_eq!(harsh.suggest(Some(Finish::Crisp), None, None).months, 12);
    }
}
