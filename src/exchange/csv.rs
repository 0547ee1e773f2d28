//! Reads the CSV files other clinic systems export, with the `csv` crate: quoted fields holding
//! delimiters, line breaks and doubled quotes; UTF-8 with or without a BOM; CRLF, LF or CR; comma,
//! semicolon or tab as the delimiter (found from the header line).
//!
//! What the crate leaves to this module: the *physical line* each record starts on, for the
//! import report (its positions count LFs only and point before the blank lines it skips), and
//! refusing broken quoting (the crate never fails: it reads `"a"b` as `ab`, and an unclosed quote
//! to the end of the file, which would silently swallow the rows after it).

use csv::StringRecord;

/// One record and the physical line (from 1) of the file it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CsvRecord {
    pub line: u32,
    pub fields: Vec<String>,
}

/// Why the file cannot be read as CSV, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CsvError {
    pub line: u32,
    pub message: String,
}

const NEVER_CLOSED: &str = "a quoted field is never closed (a \" is missing)";
const TEXT_AFTER_QUOTE: &str =
    "text follows a closing quote; quotes inside a quoted field must be doubled (\"\")";

/// The delimiter of the first line: whichever of `,` `;` tab appears most outside quotes.
fn delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &c in text.as_bytes() {
        if !quoted && (c == b'\n' || c == b'\r') {
            break;
        }
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                entry.1 += 1;
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

/// Physical line numbers of byte offsets asked for in increasing order. A line ends at LF, CRLF
/// or a lone CR.
struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> u32 {
        let text = self.text;
        for i in self.offset..offset.min(text.len()) {
            if text[i] == b'\n' || (text[i] == b'\r' && text.get(i + 1) != Some(&b'\n')) {
                self.line += 1;
            }
        }
        self.offset = self.offset.max(offset);
        self.line
    }
}

/// Where `raw` (the file from a record's first byte) departs from the strict RFC 4180 spelling of
/// `record` as the crate read it: the offset in `raw` and what is wrong.
fn quoting_problem(raw: &[u8], record: &StringRecord, delim: u8) -> Option<(usize, &'static str)> {
    let mut at = 0;
    for (i, field) in record.iter().enumerate() {
        if raw.get(at) == Some(&b'"') {
            let opened = at;
            let content = field.replace('"', "\"\"");
            let rest = &raw[at + 1..];
            if let Some(differs) = content
                .bytes()
                .zip(rest)
                .position(|(want, &got)| want != got)
            {
                return Some((at + 1 + differs, TEXT_AFTER_QUOTE));
            }
            at += 1 + content.len();
            match raw.get(at) {
                Some(b'"') => at += 1,
                None => return Some((opened, NEVER_CLOSED)),
                Some(_) => return Some((at, TEXT_AFTER_QUOTE)),
            }
        } else {
            at += field.len();
        }
        let last = i + 1 == record.len();
        match raw.get(at) {
            Some(&c) if !last && c == delim => at += 1,
            None | Some(b'\r' | b'\n') if last => {}
            _ => return Some((at, TEXT_AFTER_QUOTE)),
        }
    }
    None
}

/// Reads every record of `text`. Blank lines are skipped. A record may have any number of
/// fields; the caller decides what a short or long record means.
pub(crate) fn parse(text: &str) -> Result<Vec<CsvRecord>, CsvError> {
    let bytes = text.as_bytes();
    // The crate skips a byte order mark at the start of the file.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let delim = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(bytes);
    let mut lines = Lines {
        text: bytes,
        offset: 0,
        line: 1,
    };
    let mut records = Vec::new();
    let mut record = StringRecord::new();
    loop {
        // The reader's position before a record, moved past the blank lines it skips.
        let before = (reader.position().byte() as usize).max(bom);
        let start = before
            + bytes[before..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        let more = reader.read_record(&mut record).map_err(|e| CsvError {
            line: lines.at(start),
            message: e.to_string(),
        })?;
        if !more {
            break;
        }
        let line = lines.at(start);
        if let Some((offset, message)) = quoting_problem(&bytes[start..], &record, delim) {
            return Err(CsvError {
                line: lines.at(start + offset),
                message: message.into(),
            });
        }
        // A line holding only `""` is blank too.
        if record.len() == 1 && record[0].is_empty() {
            continue;
        }
        records.push(CsvRecord {
            line,
            fields: record.iter().map(|f| f.replace("\r\n", "\n")).collect(),
        });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(u32, Vec<&str>)> {
        // Leak for brevity in tests: the parsed strings outlive the call.
        let parsed: &'static [CsvRecord] = Box::leak(parse(text).unwrap().into_boxed_slice());
        parsed
            .iter()
            .map(|r| (r.line, r.fields.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn quoted_fields_hold_delimiters_line_breaks_and_doubled_quotes() {
        let text = "name,notes\r\n\"Lopez, Ana\",\"said \"\"hi\"\"\r\nthen left\"\r\nBob,\r\n";
        assert_eq!(
            rows(text),
            vec![
                (1, vec!["name", "notes"]),
                (2, vec!["Lopez, Ana", "said \"hi\"\nthen left"]),
                (4, vec!["Bob", ""]),
            ]
        );
    }

    #[test]
    fn bom_lf_semicolons_blank_lines_and_no_final_newline() {
        let text = "\u{feff}first;last\n\nZoë;\"O;Neil\"\nAna;Lopez";
        assert_eq!(
            rows(text),
            vec![
                (1, vec!["first", "last"]),
                (3, vec!["Zoë", "O;Neil"]),
                (4, vec!["Ana", "Lopez"]),
            ]
        );
    }

    #[test]
    fn lone_cr_line_ends_tabs_blank_crlf_lines_and_stray_quotes_inside_a_field() {
        let text = "a\tb\r\r\n\r\n\"\"\r5'10\"\t\"x\"\rc\t\"two\rlines\"\rd\t";
        assert_eq!(
            rows(text),
            vec![
                (1, vec!["a", "b"]),
                (5, vec!["5'10\"", "x"]),
                (6, vec!["c", "two\rlines"]),
                (8, vec!["d", ""]),
            ]
        );
    }

    #[test]
    fn broken_quoting_names_its_line() {
        let err = parse("a,b\n1,\"open\n2,3\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("never closed"));
        let err = parse("a,b\n\"x\"y,2\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("doubled"));
    }

    #[test]
    fn a_broken_quote_is_placed_on_its_own_line_within_a_record() {
        let err = parse("a,b\n\"one\ntwo\",\"three\nfour\n").unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (3, NEVER_CLOSED));
        let err = parse("a,b\n\"one\ntwo\" x,3\n").unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (3, TEXT_AFTER_QUOTE));
        let err = parse("a\n\"ends \"\"\"\"\n").unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (2, NEVER_CLOSED));
        let err = parse("a,b\n\"\"x,1\n").unwrap_err();
        assert_eq!((err.line, err.message.as_str()), (2, TEXT_AFTER_QUOTE));
    }
}
