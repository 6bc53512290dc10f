//! Platform norms from the spec: length limits and how many hashtags read as
//! natural there.

use crate::options::Platform;

/// Characters a post may have; 0 for none known.
pub(crate) fn char_limit(platform: Platform) -> u32 {
    platform.facts().char_limit
}

/// The most hashtags that still read as natural on the platform.
pub(crate) fn hashtag_norm(platform: Platform) -> u32 {
    platform.facts().hashtag_norm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reddit_allows_no_hashtags_and_generic_has_no_limit() {
        assert_eq!(hashtag_norm(Platform::Reddit), 0);
        assert_eq!(char_limit(Platform::Generic), 0);
        assert_eq!(char_limit(Platform::X), 280);
    }
}
