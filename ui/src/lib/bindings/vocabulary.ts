// Generated from the core's closed vocabularies (src/bindings.rs). Do not edit.
import type { ContactChannel } from "./ContactChannel";
import type { Fitzpatrick } from "./Fitzpatrick";
import type { HairLossPattern } from "./HairLossPattern";
import type { Indication } from "./Indication";
import type { HairCoverage } from "./HairCoverage";
import type { HairLength } from "./HairLength";
import type { Condition } from "./Condition";
import type { ScalpZone } from "./ScalpZone";
import type { HairlineStyle } from "./HairlineStyle";
import type { DesiredLook } from "./DesiredLook";
import type { PigmentTone } from "./PigmentTone";
import type { NeedleTaper } from "./NeedleTaper";
import type { Density } from "./Density";
import type { SkinReaction } from "./SkinReaction";
import type { StaffRole } from "./StaffRole";
import type { PlanStatus } from "./PlanStatus";
import type { SunExposure } from "./SunExposure";
import type { Finish } from "./Finish";
import type { Weekday } from "./Weekday";
import type { AppointmentKind } from "./AppointmentKind";
import type { AppointmentStatus } from "./AppointmentStatus";
import type { RecallKind } from "./RecallKind";
import type { RecallState } from "./RecallState";
import type { ContactMethod } from "./ContactMethod";
import type { ContactOutcome } from "./ContactOutcome";
import type { Urgency } from "./Urgency";
import type { ClientField } from "./ClientField";
import type { PhotoView } from "./PhotoView";
import type { PhotoUse } from "./PhotoUse";
import type { ConsentKind } from "./ConsentKind";

export const CONTACT_CHANNEL_VALUES: readonly ContactChannel[] = ["phone", "sms", "email", "whatsapp"];

export const FITZPATRICK_VALUES: readonly Fitzpatrick[] = ["i", "ii", "iii", "iv", "v", "vi"];

export const HAIR_LOSS_PATTERN_VALUES: readonly HairLossPattern[] = ["norwood_1", "norwood_2", "norwood_2a", "norwood_3", "norwood_3a", "norwood_3v", "norwood_4", "norwood_4a", "norwood_5", "norwood_5a", "norwood_6", "norwood_7", "ludwig_1", "ludwig_2", "ludwig_3"];

export const INDICATION_VALUES: readonly Indication[] = ["pattern_baldness", "diffuse_thinning", "alopecia_areata", "alopecia_totalis", "scarring_alopecia", "strip_scar", "fue_scars", "trauma_scar", "after_chemotherapy", "failed_transplant", "other"];

export const HAIR_COVERAGE_VALUES: readonly HairCoverage[] = ["none", "sparse", "partial", "full"];

export const HAIR_LENGTH_VALUES: readonly HairLength[] = ["shaved", "buzz", "short", "medium", "long"];

export const CONDITION_VALUES: readonly Condition[] = ["keloid_scarring", "scalp_psoriasis_eczema", "active_infection", "blood_thinners", "bleeding_disorder", "diabetes", "pregnancy", "chemotherapy", "isotretinoin", "recent_laser_removal", "pigment_allergy", "other"];

export const SCALP_ZONE_VALUES: readonly ScalpZone[] = ["frontal_hairline", "temples", "mid_scalp", "crown", "scar_camouflage", "density_behind_hair", "full_scalp"];

export const HAIRLINE_STYLE_VALUES: readonly HairlineStyle[] = ["soft", "sharp", "mature"];

export const DESIRED_LOOK_VALUES: readonly DesiredLook[] = ["shaved_buzz", "density_behind_long_hair", "scar_camouflage"];

export const PIGMENT_TONE_VALUES: readonly PigmentTone[] = ["cool", "neutral", "warm"];

export const NEEDLE_TAPER_VALUES: readonly NeedleTaper[] = ["short", "medium", "long", "extra_long"];

export const DENSITY_VALUES: readonly Density[] = ["low", "medium", "high"];

export const SKIN_REACTION_VALUES: readonly SkinReaction[] = ["none", "mild", "moderate", "severe"];

export const STAFF_ROLE_VALUES: readonly StaffRole[] = ["practitioner", "manager", "front_desk"];

export const PLAN_STATUS_VALUES: readonly PlanStatus[] = ["planned", "in_progress", "completed", "cancelled"];

export const SUN_EXPOSURE_VALUES: readonly SunExposure[] = ["low", "moderate", "high"];

export const FINISH_VALUES: readonly Finish[] = ["soft", "crisp"];

export const WEEKDAY_VALUES: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export const APPOINTMENT_KIND_VALUES: readonly AppointmentKind[] = ["consultation_in_person", "consultation_video", "plan_session", "touch_up", "review"];

export const APPOINTMENT_STATUS_VALUES: readonly AppointmentStatus[] = ["booked", "attended", "no_show", "cancelled"];

export const RECALL_KIND_VALUES: readonly RecallKind[] = ["next_session", "touch_up"];

export const RECALL_STATE_VALUES: readonly RecallState[] = ["due", "contacted", "booked", "snoozed", "declined", "done", "cancelled"];

export const CONTACT_METHOD_VALUES: readonly ContactMethod[] = ["phone", "sms", "email", "whatsapp", "in_person"];

export const CONTACT_OUTCOME_VALUES: readonly ContactOutcome[] = ["booked", "call_back", "no_answer", "left_message", "declined", "wrong_number"];

export const URGENCY_VALUES: readonly Urgency[] = ["overdue", "this_week", "this_month", "upcoming"];

export const CLIENT_FIELD_VALUES: readonly ClientField[] = ["first_name", "last_name", "full_name", "date_of_birth", "phone", "email", "address", "address_line", "city", "postcode", "country", "notes", "medications", "allergies", "care_reminders_consent", "marketing_consent", "external_id", "client_since", "ignore"];

export const PHOTO_VIEW_VALUES: readonly PhotoView[] = ["front", "hairline_close_up", "left", "right", "top", "crown", "back", "scar_close_up"];

export const PHOTO_USE_VALUES: readonly PhotoUse[] = ["clinical_only", "marketing_allowed"];

export const CONSENT_KIND_VALUES: readonly ConsentKind[] = ["smp_treatment", "photo", "data_processing"];
