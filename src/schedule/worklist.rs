//! The managers' recall worklist: who is due, overdue or coming up, most urgent first, with
//! what was tried last — a range scan over the stored due dates — and its CSV export.

use crate::clinic::settings;
use crate::codes::code_enum;
use crate::db::practice::Practice;
use crate::error::{Error, Result};
use crate::ids::StaffId;
use crate::schedule::recalls::{cooldown_start, Recall};
use crate::vocab::{ContactChannel, RecallKind};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

code_enum! {
    /// How urgent a worklist row is.
    pub enum Urgency {
        Overdue = "overdue",
        ThisWeek = "this_week",
        ThisMonth = "this_month",
        Upcoming = "upcoming",
    }
}

/// The most recalls one page of the worklist holds.
pub const MAX_WORKLIST_PAGE: u32 = 1000;

/// Which recalls the worklist shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorklistQuery {
    /// Due within this many days from today (overdue always included); the clinic's horizon if absent.
    pub within_days: Option<u16>,
    pub practitioner_id: Option<StaffId>,
    pub kind: Option<RecallKind>,
    /// Show the recalls flagged after too many unanswered attempts instead of the ones to call.
    pub flagged: bool,
    /// How many rows a page holds (1 to [`MAX_WORKLIST_PAGE`]); an export takes the whole view.
    pub limit: u32,
    /// Rows to skip (the rows already shown), for the next page.
    pub offset: u32,
}

/// One page of the worklist, how many recalls it holds in all, and how many of those fall in
/// each urgency group (the group headings' counts, whatever has been loaded so far).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorklistPage {
    pub rows: Vec<WorklistRow>,
    pub total: u32,
    pub by_urgency: UrgencyCounts,
}

/// How many recalls of a worklist view fall in each urgency group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UrgencyCounts {
    pub overdue: u32,
    pub this_week: u32,
    pub this_month: u32,
    pub upcoming: u32,
}

/// A recall due within this many days of today is due this week (today included).
const THIS_WEEK_DAYS: i64 = 7;
/// A recall due within this many days of today (and not this week) is due this month.
const THIS_MONTH_DAYS: i64 = 30;

/// One row of the worklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorklistRow {
    pub recall: Recall,
    pub client_number: u32,
    pub client_name: String,
    pub phone: String,
    pub email: String,
    /// How the client asked to be reached: the channel to try first.
    pub preferred_contact: ContactChannel,
    /// The client withdrew consent to care reminders: shown, but not to be contacted.
    pub do_not_contact: bool,
    pub practitioner_name: Option<String>,
    pub urgency: Urgency,
    /// Days past due (negative: days until due).
    pub days_overdue: i64,
}

/// How many recalls need attention, for the navigation ("12 due").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecallCounts {
    pub overdue: u32,
    pub due_today: u32,
    pub this_week: u32,
    pub this_month: u32,
    pub flagged: u32,
}

/// The worklist query's own filters (?3 the last due day, ?4 flagged, ?5 practitioner, ?6
/// kind), shared by its rows and its count.
const IN_VIEW: &str = "r.due_on <= ?3 AND r.flagged = ?4
    AND (?5 IS NULL OR r.practitioner_id = ?5) AND (?6 IS NULL OR r.kind = ?6)";

/// Open recalls that may be worked today: not snoozed or disabled past today, not contacted
/// within the cool-down, client not archived.
const WORKABLE: &str = "r.state IN ('due', 'contacted', 'snoozed')
    AND (r.snoozed_until IS NULL OR r.snoozed_until <= ?1)
    AND (r.disabled_until IS NULL OR r.disabled_until <= ?1)
    AND (r.last_contact_at IS NULL OR r.last_contact_at <= ?2)
    AND r.client_id NOT IN (SELECT id FROM clients WHERE archived_at IS NOT NULL)";

pub(crate) fn urgency(due_on: NaiveDate, today: NaiveDate) -> Urgency {
    match (due_on - today).num_days() {
        d if d < 0 => Urgency::Overdue,
        d if d <= THIS_WEEK_DAYS => Urgency::ThisWeek,
        d if d <= THIS_MONTH_DAYS => Urgency::ThisMonth,
        _ => Urgency::Upcoming,
    }
}

/// The last days of this week's and this month's urgency groups.
fn group_ends(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (
        today + Duration::days(THIS_WEEK_DAYS),
        today + Duration::days(THIS_MONTH_DAYS),
    )
}

impl Practice {
    /// Today, the last due day the query reaches, and when the contact cool-down began.
    fn worklist_window(
        &self,
        query: &WorklistQuery,
    ) -> Result<(NaiveDate, NaiveDate, DateTime<Utc>)> {
        let settings = settings::load(self.conn())?;
        let today = self.clock().today();
        let horizon = query.within_days.unwrap_or(settings.worklist_horizon_days);
        let until = today + Duration::days(horizon.into());
        let cooldown = cooldown_start(self.clock().now(), settings.contact_cooldown_days);
        Ok((today, until, cooldown))
    }

    /// A page of the worklist, most overdue first: `query.limit` rows (1 to
    /// [`MAX_WORKLIST_PAGE`]; another is refused, naming `limit`) from `query.offset`.
    pub fn worklist(&self, query: &WorklistQuery) -> Result<Vec<WorklistRow>> {
        if !(1..=MAX_WORKLIST_PAGE).contains(&query.limit) {
            return Err(Error::validation(
                "limit",
                format!(
                    "Ask for between 1 and {MAX_WORKLIST_PAGE} recalls at a time, not {}",
                    query.limit
                ),
            ));
        }
        self.worklist_rows(query, query.limit.into(), query.offset)
    }

    /// The worklist's rows from `offset`, at most `limit` of them, most overdue first.
    fn worklist_rows(
        &self,
        query: &WorklistQuery,
        limit: i64,
        offset: u32,
    ) -> Result<Vec<WorklistRow>> {
        let (today, until, cooldown) = self.worklist_window(query)?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT r.*, c.number AS client_number, c.first_name || ' ' || c.last_name AS client_name, c.phone, c.email,
                    c.preferred_contact, c.care_reminders_consent, st.name AS practitioner_name
             FROM recalls r INDEXED BY recalls_open_by_due
             JOIN clients c ON c.id = r.client_id
             LEFT JOIN staff st ON st.id = r.practitioner_id
             WHERE {WORKABLE} AND {IN_VIEW}
             ORDER BY r.due_on, r.id
             LIMIT ?7 OFFSET ?8"
        ))?;
        let rows = stmt.query_map(
            params![
                today,
                cooldown,
                until,
                query.flagged,
                query.practitioner_id,
                query.kind,
                limit,
                offset
            ],
            |row: &Row<'_>| {
                let recall = crate::schedule::recalls::recall_from_row(row)?;
                let consent: bool = row.get("care_reminders_consent")?;
                Ok(WorklistRow {
                    urgency: urgency(recall.due_on, today),
                    days_overdue: (today - recall.due_on).num_days(),
                    client_number: row.get("client_number")?,
                    client_name: row.get("client_name")?,
                    phone: row.get("phone")?,
                    email: row.get("email")?,
                    preferred_contact: row.get("preferred_contact")?,
                    do_not_contact: !consent,
                    practitioner_name: row.get("practitioner_name")?,
                    recall,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One page of the worklist with the number of recalls that match the query in all and in
    /// each urgency group, so the screen never stops at its page size silently nor counts only
    /// the rows it has loaded.
    pub fn worklist_page(&self, query: &WorklistQuery) -> Result<WorklistPage> {
        let rows = self.worklist(query)?;
        let (today, until, cooldown) = self.worklist_window(query)?;
        let (week, month) = group_ends(today);
        let (total, overdue, this_week, this_month, upcoming) = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*), count(*) FILTER (WHERE r.due_on < ?1),
                        count(*) FILTER (WHERE r.due_on >= ?1 AND r.due_on <= ?7),
                        count(*) FILTER (WHERE r.due_on > ?7 AND r.due_on <= ?8),
                        count(*) FILTER (WHERE r.due_on > ?8)
                 FROM recalls r INDEXED BY recalls_open_by_due
                 WHERE {WORKABLE} AND {IN_VIEW}"
            ))?
            .query_row(
                params![
                    today,
                    cooldown,
                    until,
                    query.flagged,
                    query.practitioner_id,
                    query.kind,
                    week,
                    month
                ],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
        Ok(WorklistPage {
            rows,
            total,
            by_urgency: UrgencyCounts {
                overdue,
                this_week,
                this_month,
                upcoming,
            },
        })
    }

    /// Counts for the navigation: overdue, due today, this week, this month, flagged.
    pub fn recall_counts(&self) -> Result<RecallCounts> {
        let settings = settings::load(self.conn())?;
        let today = self.clock().today();
        let cooldown = cooldown_start(self.clock().now(), settings.contact_cooldown_days);
        let (week, month) = group_ends(today);
        let (overdue, due_today, this_week, this_month) = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FILTER (WHERE r.due_on < ?1), count(*) FILTER (WHERE r.due_on = ?1),
                        count(*) FILTER (WHERE r.due_on >= ?1 AND r.due_on <= ?3),
                        count(*) FILTER (WHERE r.due_on >= ?1)
                 FROM recalls r INDEXED BY recalls_open_by_due
                 WHERE {WORKABLE} AND r.flagged = 0 AND r.due_on <= ?4"
            ))?
            .query_row(params![today, cooldown, week, month], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        let flagged = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*) FROM recalls r INDEXED BY recalls_open_by_due WHERE {WORKABLE} AND r.flagged = 1"
            ))?
            .query_row(params![today, cooldown], |r| r.get(0))?;
        Ok(RecallCounts {
            overdue,
            due_today,
            this_week,
            this_month,
            flagged,
        })
    }

    /// The whole worklist of `query`'s view (its `limit` and `offset`, a screen's page, do not
    /// apply: an export holds every recall the view shows) as CSV (RFC 4180: CRLF line ends,
    /// quoted where needed), UTF-8 with a byte order mark so that Excel reads accents correctly.
    pub fn worklist_csv(&self, query: &WorklistQuery) -> Result<String> {
        let rows = self.worklist_rows(query, i64::from(u32::MAX), 0)?;
        let header = [
            "Client number",
            "Client",
            "Phone",
            "Email",
            "Preferred contact",
            "Do not contact",
            "Due",
            "Urgency",
            "Days overdue",
            "What",
            "Practitioner",
            "State",
            "Attempts",
            "Last contact",
            "Last outcome",
        ];
        let records = rows.into_iter().map(|row| {
            let what = match row.recall.kind {
                RecallKind::NextSession => {
                    format!("Session {}", row.recall.session_number.unwrap_or_default())
                }
                RecallKind::TouchUp => "Touch-up".to_owned(),
            };
            [
                row.client_number.to_string(),
                row.client_name,
                row.phone,
                row.email,
                row.preferred_contact.code().to_owned(),
                if row.do_not_contact { "yes" } else { "no" }.to_owned(),
                row.recall.due_on.to_string(),
                row.urgency.code().to_owned(),
                row.days_overdue.to_string(),
                what,
                row.practitioner_name.unwrap_or_default(),
                row.recall.state.code().to_owned(),
                row.recall.attempts.to_string(),
                row.recall
                    .last_contact_at
                    .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                    .unwrap_or_default(),
                row.recall
                    .last_contact_outcome
                    .map(|o| o.code().to_owned())
                    .unwrap_or_default(),
            ]
        });
        let header = header.map(str::to_owned);
        Ok(format!(
            "\u{feff}{}",
            csv_lines(std::iter::once(header).chain(records))
        ))
    }
}

/// A cell that a spreadsheet would read as a formula (it starts with one of OWASP's formula
/// characters and is not just a signed number) gets a leading `'`, so it shows as text.
fn defused(field: String) -> String {
    let formula =
        field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err();
    if formula {
        format!("'{field}")
    } else {
        field
    }
}

/// Records as CSV (RFC 4180: CRLF line ends; fields quoted when they hold a comma, quote, CR or
/// LF), every cell [`defused`].
fn csv_lines<R: IntoIterator<Item = String>>(records: impl IntoIterator<Item = R>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        writer
            .write_record(record.into_iter().map(defused))
            .expect("writing to memory cannot fail");
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the cells are UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        let out = csv_lines([[
            "a,b".to_owned(),
            "say \"hi\"".to_owned(),
            "=SUM(A1)".to_owned(),
            "-3".to_owned(),
            "two\nlines".to_owned(),
        ]]);
        assert_eq!(
            out,
            "\"a,b\",\"say \"\"hi\"\"\",'=SUM(A1),-3,\"two\nlines\"\r\n"
        );
        let out = csv_lines([
            vec!["+44 7700".to_owned(), "@me".to_owned(), "\tcmd".to_owned()],
            vec!["\r=1".to_owned(), "+1.5".to_owned(), String::new()],
        ]);
        assert_eq!(out, "'+44 7700,'@me,'\tcmd\r\n\"'\r=1\",+1.5,\r\n");
    }

    #[test]
    fn urgency_buckets() {
        let today: NaiveDate = "2026-06-15".parse().unwrap();
        assert_eq!(urgency(today - Duration::days(1), today), Urgency::Overdue);
        assert_eq!(urgency(today, today), Urgency::ThisWeek);
        assert_eq!(
            urgency(today + Duration::days(8), today),
            Urgency::ThisMonth
        );
        assert_eq!(
            urgency(today + Duration::days(31), today),
            Urgency::Upcoming
        );
    }
}
