//! Platform norms from the spec: length limits and how many hashtags read as
//! natural there.

use crate::options::Platform;

/// Characters a post may have (long-form limits where the platform has one
/// for ordinary accounts would only hide the short-form norm).
pub(crate) fn char_limit(platform: Platform) -> u32 {
    match platform {
        Platform::X => 280,
        Platform::Bluesky => 300,
        Platform::Mastodon | Platform::Threads => 500,
        Platform::Linkedin => 3_000,
        Platform::Facebook => 63_206,
        Platform::Instagram => 2_200,
        Platform::Reddit => 40_000,
        Platform::Generic => 0,
    }
}

/// The most hashtags that still read as natural on the platform.
pub(crate) fn hashtag_norm(platform: Platform) -> u32 {
    match platform {
        Platform::X | Platform::Bluesky | Platform::Facebook => 2,
        Platform::Threads => 1,
        Platform::Mastodon | Platform::Linkedin | Platform::Instagram => 5,
        Platform::Reddit => 0,
        // No known norm: the most lenient of the common ones.
        Platform::Generic => 5,
    }
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
