//! The clinical vocabularies of SMP shared across the record: skin types, hair-loss patterns,
//! indications, contraindication conditions, scalp zones, and the catalogue's closed lists.

use crate::codes::code_enum;

code_enum! {
    /// How the client prefers to be reached.
    pub enum ContactChannel {
        Phone = "phone",
        Sms = "sms",
        Email = "email",
        WhatsApp = "whatsapp",
    }
}

code_enum! {
    /// Fitzpatrick skin type, I (always burns) to VI (never burns).
    pub enum Fitzpatrick {
        I = "i",
        II = "ii",
        III = "iii",
        IV = "iv",
        V = "v",
        VI = "vi",
    }
}

code_enum! {
    /// Hair-loss pattern: Norwood–Hamilton scale for male pattern, Ludwig for diffuse female pattern.
    pub enum HairLossPattern {
        Norwood1 = "norwood_1",
        Norwood2 = "norwood_2",
        Norwood2A = "norwood_2a",
        Norwood3 = "norwood_3",
        Norwood3A = "norwood_3a",
        Norwood3V = "norwood_3v",
        Norwood4 = "norwood_4",
        Norwood4A = "norwood_4a",
        Norwood5 = "norwood_5",
        Norwood5A = "norwood_5a",
        Norwood6 = "norwood_6",
        Norwood7 = "norwood_7",
        LudwigI = "ludwig_1",
        LudwigII = "ludwig_2",
        LudwigIII = "ludwig_3",
    }
}

code_enum! {
    /// Why the client is having SMP.
    pub enum Indication {
        PatternBaldness = "pattern_baldness",
        DiffuseThinning = "diffuse_thinning",
        AlopeciaAreata = "alopecia_areata",
        AlopeciaTotalis = "alopecia_totalis",
        ScarringAlopecia = "scarring_alopecia",
        StripScar = "strip_scar",
        FueScars = "fue_scars",
        TraumaScar = "trauma_scar",
        AfterChemotherapy = "after_chemotherapy",
        FailedTransplant = "failed_transplant",
        Other = "other",
    }
}

code_enum! {
    /// How much natural hair remains on the treated area.
    pub enum HairCoverage {
        None = "none",
        Sparse = "sparse",
        Partial = "partial",
        Full = "full",
    }
}

code_enum! {
    /// How the client usually wears the remaining hair.
    pub enum HairLength {
        Shaved = "shaved",
        Buzz = "buzz",
        Short = "short",
        Medium = "medium",
        Long = "long",
    }
}

code_enum! {
    /// A condition that can make SMP unsafe or unwise.
    pub enum Condition {
        KeloidScarring = "keloid_scarring",
        ScalpPsoriasisEczema = "scalp_psoriasis_eczema",
        ActiveInfection = "active_infection",
        BloodThinners = "blood_thinners",
        BleedingDisorder = "bleeding_disorder",
        Diabetes = "diabetes",
        Pregnancy = "pregnancy",
        Chemotherapy = "chemotherapy",
        Isotretinoin = "isotretinoin",
        RecentLaserRemoval = "recent_laser_removal",
        PigmentAllergy = "pigment_allergy",
        Other = "other",
    }
}

code_enum! {
    /// A zone of the scalp: what a plan covers and what each session entry treated.
    pub enum ScalpZone {
        FrontalHairline = "frontal_hairline",
        Temples = "temples",
        MidScalp = "mid_scalp",
        Crown = "crown",
        ScarCamouflage = "scar_camouflage",
        DensityBehindHair = "density_behind_hair",
        FullScalp = "full_scalp",
    }
}

code_enum! {
    /// The shape of the hairline drawn at the front.
    pub enum HairlineStyle {
        Soft = "soft",
        Sharp = "sharp",
        Mature = "mature",
    }
}

code_enum! {
    /// The final appearance the plan aims for.
    pub enum DesiredLook {
        ShavedBuzz = "shaved_buzz",
        DensityBehindLongHair = "density_behind_long_hair",
        ScarCamouflage = "scar_camouflage",
    }
}

code_enum! {
    /// Undertone of a pigment shade.
    pub enum PigmentTone {
        Cool = "cool",
        Neutral = "neutral",
        Warm = "warm",
    }
}

code_enum! {
    /// Taper of a needle's point.
    pub enum NeedleTaper {
        Short = "short",
        Medium = "medium",
        Long = "long",
        ExtraLong = "extra_long",
    }
}

code_enum! {
    /// How closely the impressions were placed in a zone.
    pub enum Density {
        Low = "low",
        Medium = "medium",
        High = "high",
    }
}

code_enum! {
    /// The skin's reaction during or right after a session.
    pub enum SkinReaction {
        None = "none",
        Mild = "mild",
        Moderate = "moderate",
        Severe = "severe",
    }
}

code_enum! {
    /// What a staff member does at the clinic.
    pub enum StaffRole {
        Practitioner = "practitioner",
        Manager = "manager",
        /// Reception: contact details, the calendar and recalls; nothing clinical.
        FrontDesk = "front_desk",
    }
}

code_enum! {
    /// How much sun the client's scalp gets: sun fades pigment faster.
    pub enum SunExposure {
        Low = "low",
        Moderate = "moderate",
        High = "high",
    }
}

code_enum! {
    /// The look the client wants to keep: a crisp finish needs touching up sooner than a soft one.
    pub enum Finish {
        Soft = "soft",
        Crisp = "crisp",
    }
}

code_enum! {
    /// What an appointment is for.
    pub enum AppointmentKind {
        ConsultationInPerson = "consultation_in_person",
        ConsultationVideo = "consultation_video",
        PlanSession = "plan_session",
        TouchUp = "touch_up",
        Review = "review",
    }
}

code_enum! {
    /// Where an appointment stands.
    pub enum AppointmentStatus {
        Booked = "booked",
        Attended = "attended",
        NoShow = "no_show",
        Cancelled = "cancelled",
    }
}

code_enum! {
    /// What a recall brings the client back for.
    pub enum RecallKind {
        NextSession = "next_session",
        TouchUp = "touch_up",
    }
}

code_enum! {
    /// Where a recall stands in its lifecycle.
    pub enum RecallState {
        Due = "due",
        Contacted = "contacted",
        Booked = "booked",
        Snoozed = "snoozed",
        Declined = "declined",
        Done = "done",
        Cancelled = "cancelled",
    }
}

code_enum! {
    /// How the clinic tried to reach a client.
    pub enum ContactMethod {
        Phone = "phone",
        Sms = "sms",
        Email = "email",
        WhatsApp = "whatsapp",
        InPerson = "in_person",
    }
}

code_enum! {
    /// What came of a contact attempt.
    pub enum ContactOutcome {
        Booked = "booked",
        CallBack = "call_back",
        NoAnswer = "no_answer",
        LeftMessage = "left_message",
        Declined = "declined",
        WrongNumber = "wrong_number",
    }
}

impl ContactOutcome {
    /// Whether the attempt reached nobody (counts towards flagging the recall).
    pub fn unanswered(self) -> bool {
        matches!(
            self,
            ContactOutcome::NoAnswer | ContactOutcome::LeftMessage | ContactOutcome::WrongNumber
        )
    }
}

code_enum! {
    /// A day of the week, for opening hours.
    pub enum Weekday {
        Monday = "mon",
        Tuesday = "tue",
        Wednesday = "wed",
        Thursday = "thu",
        Friday = "fri",
        Saturday = "sat",
        Sunday = "sun",
    }
}

impl From<chrono::Weekday> for Weekday {
    fn from(day: chrono::Weekday) -> Self {
        Weekday::ALL[day.num_days_from_monday() as usize]
    }
}

code_enum! {
    /// The fixed angle a clinical photo is taken from, so before and after line up.
    pub enum PhotoView {
        Front = "front",
        HairlineCloseUp = "hairline_close_up",
        Left = "left",
        Right = "right",
        Top = "top",
        Crown = "crown",
        Back = "back",
        ScarCloseUp = "scar_close_up",
    }
}

code_enum! {
    /// What a photo may be used for, as the client agreed.
    pub enum PhotoUse {
        /// Only in the clinical record.
        ClinicalOnly = "clinical_only",
        /// May also be shown as marketing material (before/after gallery, social media).
        MarketingAllowed = "marketing_allowed",
    }
}

code_enum! {
    /// What a consent document covers.
    pub enum ConsentKind {
        /// Consent to SMP treatment, with the pre-treatment questionnaire.
        Treatment = "smp_treatment",
        /// Consent to photographs, with separate clinical and marketing choices.
        Photo = "photo",
        /// The notice of how the clinic processes the client's data.
        DataProcessing = "data_processing",
    }
}
