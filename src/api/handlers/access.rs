//! Signing in and out, locking, and each person's own account; setup codes for staff.

use crate::access::accounts::SetupCode;
use crate::api::requests::{
    ById, ChangePassword, CreateOwner, LockWorkstation, NoRequest, RedeemSetupCode, SetPin, SignIn,
    SignInWithPin,
};
use crate::api::sign_in::{SignInScreen, SignedIn};
use crate::api::{Call, Reply};
use crate::ids::StaffId;

pub(crate) fn sign_in_screen(call: &Call<'_>, _: NoRequest) -> Reply<SignInScreen> {
    call.service.sign_in_screen(call.session)
}

pub(crate) fn create_owner(call: &Call<'_>, r: CreateOwner) -> Reply<SignedIn> {
    call.service.create_owner(call.session, &r)
}

pub(crate) fn sign_in(call: &Call<'_>, r: SignIn) -> Reply<SignedIn> {
    call.service.sign_in(call.session, &r)
}

pub(crate) fn sign_in_with_pin(call: &Call<'_>, r: SignInWithPin) -> Reply<SignedIn> {
    call.service.sign_in_with_pin(call.session, &r)
}

pub(crate) fn redeem_setup_code(call: &Call<'_>, r: RedeemSetupCode) -> Reply<SignedIn> {
    call.service.redeem_setup_code(call.session, &r)
}

pub(crate) fn sign_out(call: &Call<'_>, _: NoRequest) -> Reply<()> {
    call.service.sign_out(call.session)
}

pub(crate) fn lock_workstation(call: &Call<'_>, r: LockWorkstation) -> Reply<()> {
    call.service.lock_workstation(call.session, r)
}

pub(crate) fn set_pin(call: &Call<'_>, r: SetPin) -> Reply<SignedIn> {
    call.service.set_pin(&call.caller, &r)
}

pub(crate) fn change_password(call: &Call<'_>, r: ChangePassword) -> Reply<()> {
    call.service.change_password(&call.caller, &r)
}

pub(crate) fn issue_setup_code(call: &Call<'_>, r: ById<StaffId>) -> Reply<SetupCode> {
    call.service.issue_setup_code(call.caller.actor()?, r.id)
}
