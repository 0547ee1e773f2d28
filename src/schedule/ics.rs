//! What is sent to clients about an appointment — an iCalendar file (RFC 5545) and a reminder
//! text — always in the site's local time with its time zone named, never in UTC alone.
//!
//! Written here rather than with the `icalendar` crate (checked at 0.17.17, its latest): that
//! crate writes `DTSTART;TZID=…` but has no VTIMEZONE component — `Calendar::timezone` adds only
//! the non-standard `X-WR-TIMEZONE`, and a component of another kind (`Other`) has no public
//! constructor: it can only be had by parsing text we would still write ourselves — and its TEXT
//! escaping leaves the CR of a CRLF in the value (`a\r\nb` becomes `a<CR>\nb`), a bare CR that
//! RFC 5545 does not allow in a content line (an address typed on Windows holds CRLFs). Its
//! folding (75 octets, on character boundaries) would be the same as ours.

use crate::clinic::sites::{self, parse_time_zone};
use crate::db::practice::Practice;
use crate::error::Result;
use crate::ids::AppointmentId;
use crate::schedule::appointments::Appointment;
use crate::vocab::AppointmentKind;
use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

fn kind_label(kind: AppointmentKind) -> &'static str {
    match kind {
        AppointmentKind::ConsultationInPerson => "SMP consultation",
        AppointmentKind::ConsultationVideo => "SMP video consultation",
        AppointmentKind::PlanSession => "SMP session",
        AppointmentKind::TouchUp => "SMP touch-up",
        AppointmentKind::Review => "SMP review",
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// A VTIMEZONE for `tz` covering `from..to`: one STANDARD/DAYLIGHT block per offset change
/// (found hour by hour), or a single block for a zone without DST.
fn vtimezone(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let offset_at = |t: DateTime<Utc>| {
        tz.offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc()
    };
    let fmt_offset = |secs: i32| {
        format!(
            "{}{:02}{:02}",
            if secs < 0 { '-' } else { '+' },
            secs.abs() / 3600,
            secs.abs() % 3600 / 60
        )
    };
    let start = from - Duration::days(366);
    let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{}", tz.name())];
    let mut previous = offset_at(start);
    let mut changes = 0;
    let mut t = start;
    while t <= to + Duration::days(1) {
        let offset = offset_at(t);
        if offset != previous {
            let daylight = offset > previous;
            let block = if daylight { "DAYLIGHT" } else { "STANDARD" };
            lines.push(format!("BEGIN:{block}"));
            lines.push(format!(
                "DTSTART:{}",
                local_stamp(t.naive_utc() + Duration::seconds(previous.into()))
            ));
            lines.push(format!("TZOFFSETFROM:{}", fmt_offset(previous)));
            lines.push(format!("TZOFFSETTO:{}", fmt_offset(offset)));
            lines.push(format!("END:{block}"));
            previous = offset;
            changes += 1;
        }
        t += Duration::hours(1);
    }
    if changes == 0 {
        lines.extend([
            "BEGIN:STANDARD".to_owned(),
            "DTSTART:19700101T000000".to_owned(),
            format!("TZOFFSETFROM:{}", fmt_offset(previous)),
            format!("TZOFFSETTO:{}", fmt_offset(previous)),
            "END:STANDARD".to_owned(),
        ]);
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}

/// An iCalendar file with the given appointments, each in its site's local time (TZID) with
/// the matching VTIMEZONE, so Google Calendar, Outlook and Apple Calendar show the right hour.
/// A site time zone that is not a zone name is an error on `time_zone`.
pub fn calendar_file(
    appointments: &[Appointment],
    address_of: impl Fn(&Appointment) -> String,
    now: DateTime<Utc>,
) -> Result<String> {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Hairline//SMP clinic calendar//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
    ];
    let mut zones: Vec<&str> = appointments.iter().map(|a| a.time_zone.as_str()).collect();
    zones.sort_unstable();
    zones.dedup();
    for zone in zones {
        let of_zone = appointments.iter().filter(|a| a.time_zone == zone);
        let from = of_zone
            .clone()
            .map(|a| a.starts_at)
            .min()
            .expect("zone has appointments");
        let to = of_zone
            .map(|a| a.ends_at)
            .max()
            .expect("zone has appointments");
        lines.extend(vtimezone(parse_time_zone("time_zone", zone)?, from, to));
    }
    for a in appointments {
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}@hairline", a.id),
            format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")),
            format!(
                "DTSTART;TZID={}:{}",
                a.time_zone,
                local_stamp(a.starts_local)
            ),
            format!("DTEND;TZID={}:{}", a.time_zone, local_stamp(a.ends_local)),
            format!(
                "SUMMARY:{}",
                text(&format!("{} — {}", kind_label(a.kind), a.site_name))
            ),
            format!("LOCATION:{}", text(&address_of(a))),
            format!("DESCRIPTION:{}", text(&reminder(a))),
            format!(
                "STATUS:{}",
                if a.status == crate::AppointmentStatus::Cancelled {
                    "CANCELLED"
                } else {
                    "CONFIRMED"
                }
            ),
            "END:VEVENT".to_owned(),
        ]);
    }
    lines.push("END:VCALENDAR".to_owned());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    Ok(out)
}

/// The reminder text for a client, with the site's local date and time and its time zone.
pub fn reminder(a: &Appointment) -> String {
    let first_name = a.client_name.split(' ').next().unwrap_or(&a.client_name);
    format!(
        "Hello {first_name}, this is a reminder of your {} at {} on {} at {} ({} time) with {}. \
         Please reply if you need to change it.",
        kind_label(a.kind).replacen("SMP ", "", 1),
        a.site_name,
        a.starts_local.format("%A %-d %B %Y"),
        a.starts_local.format("%H:%M"),
        a.time_zone,
        a.practitioner_name
    )
}

impl Practice {
    /// One appointment as an .ics file for the client.
    pub fn appointment_ics(&self, id: AppointmentId) -> Result<String> {
        let appointment = self.appointment(id)?;
        let site = sites::load(self.conn(), appointment.site_id)?;
        calendar_file(&[appointment], |_| site.address.clone(), self.clock().now())
    }

    /// A calendar view's appointments as one .ics file.
    pub fn calendar_ics(
        &self,
        query: &crate::schedule::appointments::CalendarQuery,
    ) -> Result<String> {
        let appointments = self.calendar(query)?;
        let sites = self.list_sites()?;
        let address = |a: &Appointment| {
            sites
                .iter()
                .find(|s| s.id == a.site_id)
                .map(|s| s.address.clone())
                .unwrap_or_default()
        };
        calendar_file(&appointments, address, self.clock().now())
    }

    /// The reminder text for one appointment.
    pub fn appointment_reminder(&self, id: AppointmentId) -> Result<String> {
        Ok(reminder(&self.appointment(id)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        fold(&format!("DESCRIPTION:{}", "é".repeat(60)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        assert_eq!(
            out.replace("\r\n ", "").trim_end(),
            format!("DESCRIPTION:{}", "é".repeat(60))
        );
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(
            text("1 High St\r\nLondon"),
            "1 High St\\nLondon",
            "no bare CR"
        );
    }
}
