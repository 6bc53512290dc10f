//! Readers for the batch formats: JSON Lines, CSV with a named column, and
//! an X/Twitter archive's `tweets.js`. A bad record is reported with its line
//! number and skipped; a file that cannot be read at all is an error.

use serde_json::Value;

use crate::options::Platform;

/// One post to analyse.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub id: Option<Value>,
    pub text: String,
    pub platform: Option<Platform>,
}

/// A problem with one record: `(line number, message)`.
pub type RecordError = (usize, String);

pub fn read_jsonl(src: &str) -> (Vec<Input>, Vec<RecordError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                errors.push((line_no, format!("not valid JSON: {e}")));
                continue;
            }
        };
        let Some(text) = value.get("text").and_then(Value::as_str) else {
            errors.push((line_no, "no \"text\" string field".to_string()));
            continue;
        };
        let platform = match value.get("platform").and_then(Value::as_str) {
            None => None,
            Some(p) => match Platform::from_name(p) {
                Some(p) => Some(p),
                None => {
                    errors.push((line_no, format!("unknown platform '{p}'")));
                    continue;
                }
            },
        };
        inputs.push(Input {
            id: value.get("id").cloned(),
            text: text.to_string(),
            platform,
        });
    }
    (inputs, errors)
}

/// RFC 4180 CSV (quoted fields may hold commas, quotes and newlines), read
/// by the `csv` crate. The first record is the header; `column` and `id` are
/// found by name. Records may have fewer fields than the header: one without
/// `column` is reported with the line it starts on.
pub fn read_csv(src: &str, column: &str) -> Result<(Vec<Input>, Vec<RecordError>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(src.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err("the CSV file is empty".to_string()),
        Some(header) => header.map_err(|e| e.to_string())?,
    };
    let col = header
        .iter()
        .position(|h| h.trim() == column)
        .ok_or_else(|| {
            format!(
                "no column named '{column}' (columns: {})",
                header.iter().collect::<Vec<_>>().join(", ")
            )
        })?;
    let id_col = header.iter().position(|h| h.trim() == "id");
    let mut lines = LineNumbers::new(src);
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let fields = match record {
            Ok(fields) => fields,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.at(p.byte() as usize));
                errors.push((line, e.to_string()));
                continue;
            }
        };
        let line = fields.position().map_or(0, |p| lines.at(p.byte() as usize));
        match fields.get(col) {
            Some(text) => inputs.push(Input {
                id: id_col
                    .and_then(|i| fields.get(i))
                    .map(|s| Value::String(s.to_string())),
                text: text.to_string(),
                platform: None,
            }),
            None => errors.push((line, format!("has {} fields, no '{column}'", fields.len()))),
        }
    }
    Ok((inputs, errors))
}

/// The line a record starts on, from the byte offset the `csv` crate gives
/// for it. That offset is where the reader stood when the previous record
/// ended: before the `\n` of a `\r\n`, or before blank lines it skips, so
/// the crate's own line count can fall short.
struct LineNumbers<'a> {
    src: &'a [u8],
    pos: usize,
    line: usize,
}

impl LineNumbers<'_> {
    fn new(src: &str) -> LineNumbers<'_> {
        LineNumbers {
            src: src.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// Offsets must come in increasing order (records in file order).
    fn at(&mut self, offset: usize) -> usize {
        let mut start = offset.min(self.src.len());
        while matches!(self.src.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.max(self.pos);
        self.line += self.src[self.pos..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.pos = start;
        self.line
    }
}

/// An archive's `tweets.js`: `window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]`.
pub fn read_tweets_js(src: &str) -> Result<(Vec<Input>, Vec<RecordError>), String> {
    let start = src
        .find('[')
        .ok_or("no JSON array found; is this a tweets.js from an X/Twitter archive?")?;
    let array: Vec<Value> = serde_json::from_str(src[start..].trim_end().trim_end_matches(';'))
        .map_err(|e| format!("the tweets array is not valid JSON: {e}"))?;
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for (n, item) in array.iter().enumerate() {
        let tweet = item.get("tweet").unwrap_or(item);
        match tweet
            .get("full_text")
            .or_else(|| tweet.get("text"))
            .and_then(Value::as_str)
        {
            Some(text) => inputs.push(Input {
                id: tweet.get("id_str").or_else(|| tweet.get("id")).cloned(),
                text: text.to_string(),
                platform: Some(Platform::X),
            }),
            None => errors.push((n + 1, "tweet without full_text".to_string())),
        }
    }
    Ok((inputs, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_reports_bad_lines_and_keeps_the_rest() {
        let (inputs, errors) = read_jsonl("{\"id\":1,\"text\":\"hi\"}\nnot json\n{\"text\":\"x\",\"platform\":\"x\"}\n{\"id\":2}\n");
        assert_eq!(inputs.len(), 2);
        assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), vec![2, 4]);
        assert_eq!(inputs[1].platform, Some(Platform::X));
    }

    #[test]
    fn csv_handles_quotes_commas_and_newlines() {
        let (inputs, errors) = read_csv(
            "id,text\n1,\"Hello, \"\"world\"\"\nagain\"\n2,plain\n",
            "text",
        )
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(inputs[0].text, "Hello, \"world\"\nagain");
        assert_eq!(inputs[1].text, "plain");
        assert!(read_csv("a,b\n", "text").is_err());
        assert!(read_csv("\n\n", "text").is_err());
    }

    #[test]
    fn csv_short_records_are_reported_with_the_line_they_start_on() {
        // A quoted newline, CRLF line ends and blank lines all move the line
        // count; the record without a `text` field starts on line 4, the next
        // one on line 6.
        let src = "id,text\r\n1,\"two\r\nlines\"\r\n2\r\n\r\n3\r\n4,last";
        let (inputs, errors) = read_csv(src, "text").unwrap();
        assert_eq!(
            errors,
            [
                (4, "has 1 fields, no 'text'".to_string()),
                (6, "has 1 fields, no 'text'".to_string())
            ]
        );
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0].text, "two\r\nlines");
        assert_eq!(inputs[1].id, Some(Value::String("4".into())));
    }

    #[test]
    fn tweets_js_archive() {
        let src = "window.YTD.tweets.part0 = [ {\"tweet\": {\"id_str\": \"7\", \"full_text\": \"Follow us!\"}} ]";
        let (inputs, _) = read_tweets_js(src).unwrap();
        assert_eq!(inputs[0].text, "Follow us!");
        assert_eq!(inputs[0].id, Some(Value::String("7".into())));
    }
}
