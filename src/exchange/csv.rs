//! A small RFC 4180 reader for the files other clinic systems export: quoted fields holding
//! delimiters, line breaks and doubled quotes; UTF-8 with or without a BOM; CRLF or LF; comma,
//! semicolon or tab as the delimiter (found from the header line).
//!
//! Our own rather than the `csv` crate: the import needs the *physical line* each record starts
//! on for its error report, ~150 lines cover the format, and it keeps the core's dependencies few.

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

/// The delimiter of the first line: whichever of `,` `;` tab appears most outside quotes.
fn delimiter(text: &str) -> char {
    let mut counts = [(',', 0), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in text.chars() {
        if !quoted && (c == '\n' || c == '\r') {
            break;
        }
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                entry.1 += 1;
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == ','))
        .map_or(',', |(d, _)| *d)
}

/// Reads every record of `text`. Blank lines are skipped. A record may have any number of
/// fields; the caller decides what a short or long record means.
pub(crate) fn parse(text: &str) -> Result<Vec<CsvRecord>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delim = delimiter(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line: u32 = 1;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut record_line = 1;
    let mut at_field_start = true;

    let end_record =
        |fields: &mut Vec<String>, field: &mut String, records: &mut Vec<CsvRecord>, start: u32| {
            fields.push(std::mem::take(field));
            let blank = fields.len() == 1 && fields[0].is_empty();
            if !blank {
                records.push(CsvRecord {
                    line: start,
                    fields: std::mem::take(fields),
                });
            }
            fields.clear();
        };

    while let Some(c) = chars.next() {
        if at_field_start && c == '"' {
            let opened = line;
            loop {
                match chars.next() {
                    None => {
                        return Err(CsvError {
                            line: opened,
                            message: "a quoted field is never closed (a \" is missing)".into(),
                        })
                    }
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some('\r') if chars.peek() == Some(&'\n') => {
                        chars.next();
                        line += 1;
                        field.push('\n');
                    }
                    Some(c) => {
                        if c == '\n' || c == '\r' {
                            line += 1;
                        }
                        field.push(c);
                    }
                }
            }
            match chars.peek() {
                None | Some('\n') | Some('\r') => {}
                Some(&c) if c == delim => {}
                Some(_) => {
                    return Err(CsvError {
                        line,
                        message: "text follows a closing quote; quotes inside a quoted field must be doubled (\"\")".into(),
                    })
                }
            }
            at_field_start = false;
            continue;
        }
        at_field_start = false;
        match c {
            c if c == delim => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_record(&mut fields, &mut field, &mut records, record_line);
                line += 1;
                record_line = line;
                at_field_start = true;
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        end_record(&mut fields, &mut field, &mut records, record_line);
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
    fn broken_quoting_names_its_line() {
        let err = parse("a,b\n1,\"open\n2,3\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("never closed"));
        let err = parse("a,b\n\"x\"y,2\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("doubled"));
    }
}
