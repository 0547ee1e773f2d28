//! Long lists a page at a time: the one rule every paged list of a record applies to the rows a
//! screen asks for (a client's sessions, a record's audit history, a lot's uses), so each says
//! the same thing about a bad page instead of quietly answering another.

use crate::error::{Error, Result};

/// The most rows one page of a record's list holds.
pub const MAX_PAGE_ROWS: u32 = 100;

/// Rows `offset..offset + limit` of a list, the limit checked: made only by [`PageRequest::of`],
/// so a use case that takes one needs no check of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    offset: u32,
    limit: u32,
}

impl PageRequest {
    /// The page a screen asked for, refusing a size outside 1..=[`MAX_PAGE_ROWS`] (naming the
    /// `limit` field and `rows`, what the list holds: "sessions"). An offset past the end is
    /// not an error: it answers an empty page, as a list that shrank meanwhile does.
    pub fn of(offset: u32, limit: u32, rows: &str) -> Result<Self> {
        if (1..=MAX_PAGE_ROWS).contains(&limit) {
            Ok(PageRequest { offset, limit })
        } else {
            Err(Error::validation(
                "limit",
                format!("Ask for between 1 and {MAX_PAGE_ROWS} {rows} at a time, not {limit}"),
            ))
        }
    }

    /// How many rows to skip.
    pub fn offset(self) -> u32 {
        self.offset
    }

    /// How many rows at most.
    pub fn limit(self) -> u32 {
        self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_size_outside_the_bounds_is_refused_naming_the_limit_and_the_rows() {
        assert_eq!(
            PageRequest::of(40, 20, "entries").unwrap(),
            PageRequest {
                offset: 40,
                limit: 20
            }
        );
        assert!(PageRequest::of(0, MAX_PAGE_ROWS, "entries").is_ok());
        for limit in [0, MAX_PAGE_ROWS + 1] {
            let err = PageRequest::of(0, limit, "uses").unwrap_err();
            assert_eq!(err.field(), Some("limit"));
            assert_eq!(
                err.to_string(),
                format!("Ask for between 1 and 100 uses at a time, not {limit}")
            );
        }
    }
}
