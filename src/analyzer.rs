//! Entry point of the analysis. (Scaffolding: the real rules land with issue 5.)

use crate::analysis::{Analysis, Balance, Stats};
use crate::options::Options;

/// An analyser prepared for one set of options (platform, brand profile,
/// disabled rules). Build it once and reuse it for every keystroke.
#[derive(Debug, Clone)]
pub struct Analyzer {
    options: Options,
}

impl Analyzer {
    pub fn new(options: &Options) -> Analyzer {
        Analyzer {
            options: options.clone(),
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    pub fn analyze(&self, text: &str) -> Analysis {
        let stats = Stats {
            chars: text.chars().count() as u32,
            ..Stats::default()
        };
        Analysis {
            hints: Vec::new(),
            fame: 0,
            connection: 0,
            balance: Balance::Neutral,
            stats,
            notices: Vec::new(),
        }
    }
}

/// Analyses one draft with the given options.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    Analyzer::new(options).analyze(text)
}
