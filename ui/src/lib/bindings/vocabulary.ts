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

export const STAFF_ROLE_VALUES: readonly StaffRole[] = ["practitioner", "manager"];

export const PLAN_STATUS_VALUES: readonly PlanStatus[] = ["planned", "in_progress", "completed", "cancelled"];

export const PHOTO_VIEW_VALUES: readonly PhotoView[] = ["front", "hairline_close_up", "left", "right", "top", "crown", "back", "scar_close_up"];

export const PHOTO_USE_VALUES: readonly PhotoUse[] = ["clinical_only", "marketing_allowed"];

export const CONSENT_KIND_VALUES: readonly ConsentKind[] = ["smp_treatment", "photo", "data_processing"];
