//! A small clinic on a real database file in a temporary folder, with the clock in the test's hand.

use chrono::NaiveDate;
use hairline::*;
use std::path::PathBuf;
use std::sync::Arc;

/// A drawn signature as the signature pad sends it (SVG path data).
pub const SIGNATURE: &str = "M 12 40 C 20 10, 35 10, 42 38 S 60 70, 75 30 L 90 34";
pub const COUNTERSIGNATURE: &str = "M 5 20 L 25 45 L 40 15 Q 55 5, 70 40";

/// How many random sequences a model-based test runs: `PROPTEST_CASES`, 1000 by default.
pub fn model_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

pub struct Clinic {
    pub practice: Practice,
    pub clock: Arc<FixedClock>,
    pub dir: tempfile::TempDir,
    pub practitioner: Staff,
    pub needle: Needle,
    pub pigment: Pigment,
    pub lot: PigmentLot,
    pub expired_lot: PigmentLot,
}

/// The ASCII letters of a name, lower-cased, for a sample email address.
fn mailbox(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase()
}

pub fn client_input(first: &str, last: &str) -> ClientInput {
    ClientInput {
        first_name: first.into(),
        last_name: last.into(),
        date_of_birth: Some(day("1984-05-17")),
        phone: "07700 900123".into(),
        email: format!("{}.{}@example.com", mailbox(first), mailbox(last)),
        address: "1 High Street, Leeds".into(),
        preferred_contact: Some(ContactChannel::Sms),
        care_reminders_consent: Some(true),
        marketing_consent: false,
        fitzpatrick: Some(Fitzpatrick::III),
        hair_loss_pattern: Some(HairLossPattern::Norwood5A),
        indication: Some(Indication::PatternBaldness),
        hair_coverage: Some(HairCoverage::Sparse),
        hair_length: Some(HairLength::Buzz),
        sun_exposure: None,
        contraindications: vec![],
        medications: String::new(),
        allergies: String::new(),
        notes: String::new(),
        confirm_minor: None,
    }
}

/// A plan of three sessions on the frontal hairline and crown.
pub fn plan_input(client: ClientId, pigment: PigmentId) -> PlanInput {
    PlanInput {
        client_id: client,
        areas: vec![ScalpZone::FrontalHairline, ScalpZone::Crown],
        hairline_style: Some(HairlineStyle::Soft),
        desired_look: Some(DesiredLook::ShavedBuzz),
        target_pigment_id: Some(pigment),
        planned_sessions: 3,
        spacing_days: 14,
        touch_up_interval_months: 60,
        touch_up_interval_manual: None,
        finish: None,
        notes: String::new(),
    }
}

/// Typical settings for one zone.
pub fn zone_setting(zone: ScalpZone, needle: NeedleId, lot: PigmentLotId) -> ZoneSetting {
    ZoneSetting {
        zone,
        needle_id: needle,
        cartridge_lot: "CART-889".into(),
        depth_mm: 0.8,
        target_layer: "upper dermis".into(),
        angle_deg: 75.0,
        machine_speed: Some(110.0),
        stroke_mm: Some(3.0),
        pigment_lot_id: lot,
        dilution: "1:2".into(),
        density: Density::Medium,
    }
}

/// A session of a plan performed on `performed_on` by `practitioner`.
pub fn session_input(
    plan: PlanId,
    number: u8,
    performed_on: &str,
    practitioner: StaffId,
    zones: Vec<ZoneSetting>,
) -> SessionInput {
    SessionInput {
        plan_id: plan,
        number,
        performed_on: day(performed_on),
        practitioner_id: practitioner,
        duration_minutes: 180,
        zones,
        skin_reaction: Some(SkinReaction::Mild),
        pain_score: Some(3),
        notes: "Client comfortable throughout.".into(),
        acknowledge_missing_consent: None,
        acknowledge_spacing: None,
    }
}

impl Clinic {
    /// A practice on a fresh file, "today" being 2026-06-15, with one practitioner, one needle
    /// and one pigment with a good lot and an expired one.
    pub fn new() -> Clinic {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(FixedClock::on(day("2026-06-15")));
        let mut practice =
            Practice::open(dir.path().join("clinic.sqlite"), clock.clone()).expect("open");
        let practitioner = practice
            .create_staff(
                Actor::System,
                &StaffInput {
                    name: "Dana Whitfield".into(),
                    role: Some(StaffRole::Practitioner),
                },
            )
            .unwrap();
        let needle = practice
            .create_needle(
                Actor::System,
                &NeedleInput {
                    brand: "Kwadron".into(),
                    configuration: "1RL".into(),
                    maker_code: "0601".into(),
                    diameter_mm: 0.18,
                    taper: Some(NeedleTaper::Long),
                },
            )
            .unwrap();
        let pigment = practice
            .create_pigment(
                Actor::System,
                &PigmentInput {
                    brand: "Perma Blend".into(),
                    name: "SMP Jet".into(),
                    tone: Some(PigmentTone::Neutral),
                },
            )
            .unwrap();
        let lot = practice
            .add_pigment_lot(
                Actor::System,
                pigment.id,
                &PigmentLotInput {
                    lot_number: "PB-2026-01".into(),
                    expires_on: day("2028-01-31"),
                    received_on: Some(day("2026-01-10")),
                    opened_on: None,
                },
            )
            .unwrap();
        let expired_lot = practice
            .add_pigment_lot(
                Actor::System,
                pigment.id,
                &PigmentLotInput {
                    lot_number: "PB-2023-07".into(),
                    expires_on: day("2026-05-31"),
                    received_on: Some(day("2023-07-01")),
                    opened_on: None,
                },
            )
            .unwrap();
        practice
            .add_default_consent_templates(Actor::System)
            .expect("default consent templates");
        Clinic {
            practice,
            clock,
            dir,
            practitioner,
            needle,
            pigment,
            lot,
            expired_lot,
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("clinic.sqlite")
    }

    pub fn actor(&self) -> Actor {
        Actor::Staff(self.practitioner.id)
    }

    /// A new client who signed the treatment consent (answering "no" to every question) long
    /// before any session a test records, as every client must before treatment.
    pub fn client(&mut self, first: &str, last: &str) -> Client {
        let actor = self.actor();
        let client = self
            .practice
            .create_client(actor, &client_input(first, last))
            .unwrap();
        self.consented(client.id);
        client
    }

    /// Has `client` sign the treatment consent on 2015-01-05, before any session a test records.
    pub fn consented(&mut self, client: ClientId) -> Consent {
        let now = self.clock.now();
        self.clock.set("2015-01-05T10:00:00Z".parse().unwrap());
        let consent = self.sign(client, ConsentKind::Treatment, &[]);
        self.clock.set(now);
        consent
    }

    /// A client without any signed consent.
    pub fn unconsented_client(&mut self, first: &str, last: &str) -> Client {
        let actor = self.actor();
        self.practice
            .create_client(actor, &client_input(first, last))
            .unwrap()
    }

    /// The current template of `kind`.
    pub fn template(&self, kind: ConsentKind) -> ConsentTemplate {
        self.practice
            .consent_templates()
            .unwrap()
            .into_iter()
            .find(|t| t.kind == kind)
            .expect("a template of each kind")
    }

    /// What signing the current `kind` template looks like: every question answered "no" except
    /// the keys in `yes`; photo consents allow clinical use only.
    pub fn consent_input(
        &self,
        client: ClientId,
        kind: ConsentKind,
        yes: &[&str],
    ) -> SignConsentInput {
        let template = self.template(kind);
        SignConsentInput {
            client_id: client,
            template_version_id: template.version_id,
            answers: template
                .questions
                .iter()
                .map(|q| ScreeningAnswer {
                    key: q.key.clone(),
                    yes: yes.contains(&q.key.as_str()),
                    detail: String::new(),
                })
                .collect(),
            photo_choices: (kind == ConsentKind::Photo).then_some(PhotoChoices {
                clinical: true,
                marketing: false,
            }),
            client_signature: SIGNATURE.into(),
            practitioner_signature: COUNTERSIGNATURE.into(),
        }
    }

    /// Signs the current `kind` template for `client` now.
    pub fn sign(&mut self, client: ClientId, kind: ConsentKind, yes: &[&str]) -> Consent {
        let input = self.consent_input(client, kind, yes);
        let actor = self.actor();
        self.practice.sign_consent(actor, &input).unwrap()
    }

    pub fn plan_input(&self, client: ClientId) -> PlanInput {
        plan_input(client, self.pigment.id)
    }

    pub fn plan(&mut self, client: ClientId) -> Plan {
        let input = self.plan_input(client);
        let actor = self.actor();
        self.practice.create_plan(actor, &input).unwrap()
    }

    pub fn zone(&self, zone: ScalpZone) -> ZoneSetting {
        zone_setting(zone, self.needle.id, self.lot.id)
    }

    pub fn session_input(&self, plan: PlanId, number: u8, performed_on: &str) -> SessionInput {
        session_input(
            plan,
            number,
            performed_on,
            self.practitioner.id,
            vec![
                self.zone(ScalpZone::FrontalHairline),
                self.zone(ScalpZone::Crown),
            ],
        )
    }

    /// Records a session on `performed_on`, going ahead if it comes sooner than the plan's
    /// spacing (what most tests set up is not about spacing; `sessions.rs` tests that rule).
    pub fn record(&mut self, plan: PlanId, number: u8, performed_on: &str) -> Session {
        let input = SessionInput {
            acknowledge_spacing: Some(true),
            ..self.session_input(plan, number, performed_on)
        };
        let actor = self.actor();
        self.practice.record_session(actor, &input).unwrap()
    }

    /// Closes the practice and opens the same file again, as a restart of the app would.
    pub fn reopen(&mut self) {
        let fresh = Practice::open(self.path(), self.clock.clone()).expect("reopen");
        self.practice = fresh;
    }
}

/// Asserts a validation error on `field`.
#[track_caller]
pub fn assert_field<T: std::fmt::Debug>(result: Result<T>, code: ErrorCode, field: &str) -> Error {
    let err = result.expect_err("expected an error");
    assert_eq!(err.code(), code, "code of {err}");
    assert_eq!(err.field(), Some(field), "field of {err}");
    err
}

/// The fields a refusal names, in order: each of its problems, or its one field. For asserting
/// that a form's problems come back all at once.
pub fn problem_fields(refused: &ApiError) -> Vec<String> {
    match &refused.problems {
        Some(problems) => problems.iter().map(|p| p.field.clone()).collect(),
        None => refused.field.iter().cloned().collect(),
    }
}

pub fn count(practice: &Practice, table: &str) -> i64 {
    practice
        .raw_connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Monday to Saturday 09:00–18:00 local time.
pub fn weekday_hours() -> Vec<OpeningHours> {
    [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
    ]
    .into_iter()
    .map(|weekday| OpeningHours {
        weekday,
        opens: "09:00:00".parse().unwrap(),
        closes: "18:00:00".parse().unwrap(),
    })
    .collect()
}

pub fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test date-time")
}

impl Clinic {
    /// A site in `time_zone` where the clinic's practitioner works.
    pub fn site(&mut self, name: &str, time_zone: &str, hours: Vec<OpeningHours>) -> Site {
        let input = SiteInput {
            name: name.into(),
            address: format!("1 Main Street, {name}"),
            time_zone: time_zone.into(),
            hours,
        };
        let site = self.practice.create_site(Actor::System, &input).unwrap();
        let mut sites: Vec<SiteId> = self
            .practice
            .list_sites()
            .unwrap()
            .iter()
            .filter(|s| s.staff_ids.contains(&self.practitioner.id))
            .map(|s| s.id)
            .collect();
        sites.push(site.id);
        self.practice
            .set_staff_sites(Actor::System, self.practitioner.id, &sites)
            .unwrap();
        self.practice.site(site.id).unwrap()
    }

    pub fn booking(
        &self,
        site: SiteId,
        client: ClientId,
        starts: &str,
        minutes: u16,
    ) -> AppointmentInput {
        AppointmentInput {
            site_id: site,
            client_id: client,
            practitioner_id: self.practitioner.id,
            kind: AppointmentKind::ConsultationInPerson,
            starts_local: at(starts),
            duration_minutes: minutes,
            plan_id: None,
            session_number: None,
            notes: String::new(),
            acknowledge_spacing: None,
        }
    }
}

impl Clinic {
    /// Gives `client` a calendar history: a booking with `notes` at a new site, and a phone call
    /// about their first recall ending in `outcome`, noted as `call_note`.
    pub fn booked_and_called(
        &mut self,
        client: ClientId,
        notes: &str,
        outcome: ContactOutcome,
        call_note: &str,
    ) {
        let actor = self.actor();
        let site = self.site("Leeds", "Europe/London", weekday_hours());
        let booking = AppointmentInput {
            notes: notes.into(),
            ..self.booking(site.id, client, "2026-06-22 10:00", 60)
        };
        self.practice.book_appointment(actor, &booking).unwrap();
        let recall = self.practice.client_recalls(client).unwrap()[0].id;
        let call = ContactInput {
            method: ContactMethod::Phone,
            outcome,
            note: call_note.into(),
        };
        self.practice.log_contact(actor, recall, &call).unwrap();
    }
}
