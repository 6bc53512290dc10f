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

/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
pub fn read_csv(src: &str, column: &str) -> Result<(Vec<Input>, Vec<RecordError>), String> {
    let records = parse_csv(src);
    let Some((_, header)) = records.first() else {
        return Err("the CSV file is empty".to_string());
    };
    let col = header
        .iter()
        .position(|h| h.trim() == column)
        .ok_or_else(|| {
            format!(
                "no column named '{column}' (columns: {})",
                header.join(", ")
            )
        })?;
    let id_col = header.iter().position(|h| h.trim() == "id");
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for (line, fields) in records.iter().skip(1) {
        match fields.get(col) {
            Some(text) => inputs.push(Input {
                id: id_col
                    .and_then(|i| fields.get(i))
                    .map(|s| Value::String(s.clone())),
                text: text.clone(),
                platform: None,
            }),
            None => errors.push((*line, format!("has {} fields, no '{column}'", fields.len()))),
        }
    }
    Ok((inputs, errors))
}

/// Records with the line number each starts on.
fn parse_csv(src: &str) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut record_line = 1;
    let mut chars = src.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                if !(fields.len() == 1 && fields[0].is_empty()) {
                    records.push((record_line, std::mem::take(&mut fields)));
                }
                fields.clear();
                line += 1;
                record_line = line;
                any = false;
            }
            _ => field.push(c),
        }
    }
    if any {
        fields.push(field);
        records.push((record_line, fields));
    }
    records
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
    }

    #[test]
    fn tweets_js_archive() {
        let src = "window.YTD.tweets.part0 = [ {\"tweet\": {\"id_str\": \"7\", \"full_text\": \"Follow us!\"}} ]";
        let (inputs, _) = read_tweets_js(src).unwrap();
        assert_eq!(inputs[0].text, "Follow us!");
        assert_eq!(inputs[0].id, Some(Value::String("7".into())));
    }
}
