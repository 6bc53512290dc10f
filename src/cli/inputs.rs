//! Readers for the batch formats: JSON Lines, CSV with a named column, and
//! an X/Twitter archive's `tweets.js`. A bad record is reported with its line
//! number and skipped; a file that cannot be read at all is an error.

use serde_json::Value;

use crate::options::Platform;
use crate::outcomes::{parse_count, Outcome};

/// One post to analyse, with what followed it when the file says.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub id: Option<Value>,
    pub text: String,
    pub platform: Option<Platform>,
    pub outcome: Outcome,
}

/// A count from a JSON value: a number, or a string as the sites print it ("1.2K").
fn count_of(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| *f >= 0.0 && f.is_finite())
                .map(|f| f as u64)
        }),
        Value::String(s) => parse_count(s),
        _ => None,
    }
}

/// The first of `names` that `object` has.
fn field<'a>(object: &'a Value, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|n| object.get(*n))
}

/// The CSV columns that hold a post's counts, named by `batch`'s flags.
#[derive(Debug, Clone, Default)]
pub struct OutcomeColumns {
    pub replies: Option<String>,
    pub reposts: Option<String>,
    pub likes: Option<String>,
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
        let outcome = Outcome {
            replies: count_of(field(&value, &["replies", "reply_count"])),
            reposts: count_of(field(
                &value,
                &["reposts", "retweets", "shares", "retweet_count"],
            )),
            likes: count_of(field(&value, &["likes", "favorites", "favorite_count"])),
            views: count_of(field(&value, &["views", "impressions", "view_count"])),
            read_at: None,
        };
        inputs.push(Input {
            id: value.get("id").cloned(),
            text: text.to_string(),
            platform,
            outcome,
        });
    }
    (inputs, errors)
}

/// RFC 4180 CSV (quoted fields may hold commas, quotes and newlines), read
/// by the `csv` crate. The first record is the header; `column` and `id` are
/// found by name. Records may have fewer fields than the header: one without
/// `column` is reported with the line it starts on.
pub fn read_csv(
    src: &str,
    column: &str,
    counts: &OutcomeColumns,
) -> Result<(Vec<Input>, Vec<RecordError>), String> {
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
    let count_col = |name: &Option<String>| -> Result<Option<usize>, String> {
        match name {
            None => Ok(None),
            Some(name) => header
                .iter()
                .position(|h| h.trim() == name)
                .map(Some)
                .ok_or_else(|| format!("no column named '{name}' for the counts")),
        }
    };
    let (replies_col, reposts_col, likes_col) = (
        count_col(&counts.replies)?,
        count_col(&counts.reposts)?,
        count_col(&counts.likes)?,
    );
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
            Some(text) => {
                let count =
                    |col: Option<usize>| col.and_then(|i| fields.get(i)).and_then(parse_count);
                inputs.push(Input {
                    id: id_col
                        .and_then(|i| fields.get(i))
                        .map(|s| Value::String(s.to_string())),
                    text: text.to_string(),
                    platform: None,
                    outcome: Outcome {
                        replies: count(replies_col),
                        reposts: count(reposts_col),
                        likes: count(likes_col),
                        ..Outcome::default()
                    },
                })
            }
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
                // The archive has the post's likes and reposts (as strings), not its replies.
                outcome: Outcome {
                    replies: count_of(tweet.get("reply_count")),
                    reposts: count_of(tweet.get("retweet_count")),
                    likes: count_of(tweet.get("favorite_count")),
                    ..Outcome::default()
                },
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
            &OutcomeColumns::default(),
        )
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(inputs[0].text, "Hello, \"world\"\nagain");
        assert_eq!(inputs[1].text, "plain");
        assert!(read_csv("a,b\n", "text", &OutcomeColumns::default()).is_err());
        assert!(read_csv("\n\n", "text", &OutcomeColumns::default()).is_err());
    }

    #[test]
    fn csv_short_records_are_reported_with_the_line_they_start_on() {
        // A quoted newline, CRLF line ends and blank lines all move the line
        // count; the record without a `text` field starts on line 4, the next
        // one on line 6.
        let src = "id,text\r\n1,\"two\r\nlines\"\r\n2\r\n\r\n3\r\n4,last";
        let (inputs, errors) = read_csv(src, "text", &OutcomeColumns::default()).unwrap();
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
        let src = "window.YTD.tweets.part0 = [ {\"tweet\": {\"id_str\": \"7\", \"full_text\": \"Follow us!\", \"favorite_count\": \"12\", \"retweet_count\": \"3\"}} ]";
        let (inputs, _) = read_tweets_js(src).unwrap();
        assert_eq!(inputs[0].text, "Follow us!");
        assert_eq!(inputs[0].id, Some(Value::String("7".into())));
        assert_eq!(
            inputs[0].outcome,
            Outcome {
                replies: None,
                reposts: Some(3),
                likes: Some(12),
                ..Outcome::default()
            }
        );
    }

    #[test]
    fn jsonl_counts_as_numbers_or_printed() {
        let (inputs, _) = read_jsonl(
            "{\"text\":\"a\",\"likes\":40,\"replies\":\"1.2K\",\"retweets\":3}\n{\"text\":\"b\",\"reposts\":\"1,234\"}\n{\"text\":\"c\"}\n",
        );
        assert_eq!(
            inputs[0].outcome,
            Outcome {
                replies: Some(1_200),
                reposts: Some(3),
                likes: Some(40),
                ..Outcome::default()
            }
        );
        assert_eq!(
            inputs[1].outcome,
            Outcome {
                replies: None,
                reposts: Some(1_234),
                likes: None,
                ..Outcome::default()
            }
        );
        assert!(!inputs[2].outcome.is_known());
    }

    #[test]
    fn csv_counts_from_the_named_columns() {
        let columns = OutcomeColumns {
            replies: None,
            reposts: Some("rt".into()),
            likes: Some("fav".into()),
        };
        let (inputs, errors) =
            read_csv("text,fav,rt\nhello,\"1,234\",2\nbye,,x\n", "text", &columns).unwrap();
        assert!(errors.is_empty());
        assert_eq!(
            inputs[0].outcome,
            Outcome {
                replies: None,
                reposts: Some(2),
                likes: Some(1_234),
                ..Outcome::default()
            }
        );
        assert_eq!(inputs[1].outcome, Outcome::default());
        let missing = OutcomeColumns {
            likes: Some("hearts".into()),
            ..OutcomeColumns::default()
        };
        assert!(read_csv("text,fav\nhello,1\n", "text", &missing)
            .unwrap_err()
            .contains("hearts"));
    }
}
