//! Every example the spec quotes from platform guidance fires its cue, and
//! every exemption the platforms grant stays free of bait cues.
//!
//! Sources, paraphrased in the spec and kept here as fixtures:
//! - META: Meta, "Fighting Engagement Bait on Facebook" (December 2017):
//!   react, comment, share, tag and vote baiting; exemptions for asking for
//!   help, advice or recommendations, missing persons, and raising money.
//! - LINKEDIN: LinkedIn's 2021 feed guidance on engagement bait (polls run
//!   through reactions, "Agree?" style prompts, asks to like or comment).
//! - YOUTUBE: YouTube's fake engagement policy (incentivised likes and
//!   subscriptions are not allowed; asking viewers to subscribe is).

use rapport::{analyze, Cue, Options, Severity};

const META: &str = "Meta, Fighting Engagement Bait on Facebook (Dec 2017)";
const LINKEDIN: &str = "LinkedIn feed guidance on engagement bait (2021)";
const YOUTUBE: &str = "YouTube fake engagement policy";

fn cues(text: &str) -> Vec<Cue> {
    analyze(text, &Options::default()).cues()
}

#[track_caller]
fn assert_fires(source: &str, text: &str, cue: Cue) {
    let got = cues(text);
    assert!(
        got.contains(&cue),
        "[{source}] {text:?} should fire {} but fired {:?}",
        cue.name(),
        got
    );
}

#[test]
fn meta_bait_examples_fire_their_cue() {
    let fixtures = [
        ("LIKE this if you're an Aries!", Cue::ReactionBait),
        ("Double tap if you love Mondays", Cue::ReactionBait),
        ("Smash that like button", Cue::ReactionBait),
        ("Click the heart if you like food", Cue::ReactionBait),
        ("Comment YES if you agree", Cue::CommentBait),
        ("Type 'amen' if you believe", Cue::CommentBait),
        ("Drop a 🔥 below", Cue::CommentBait),
        (
            "If you're excited for the weekend, comment 'TGIF'!",
            Cue::CommentBait,
        ),
        (
            "Share with 5 friends for your chance to win",
            Cue::ShareBait,
        ),
        ("RT if you agree", Cue::ShareBait),
        ("SHARE this if you are a millennial", Cue::ShareBait),
        ("Tag a friend who would do this!", Cue::TagBait),
        ("Tag 3 friends to enter", Cue::TagBait),
        ("Follow us and tag a friend who needs this!", Cue::TagBait),
        ("❤️ for cats, 😂 for dogs", Cue::VoteBait),
        ("Like for A, share for B", Cue::VoteBait),
        ("Every like = $1 for charity", Cue::LikeForGood),
        ("If we reach 10k likes we'll donate", Cue::LikeForGood),
    ];
    for (text, cue) in fixtures {
        assert_fires(META, text, cue);
    }
}

#[test]
fn linkedin_examples_fire_their_cue() {
    let fixtures = [
        ("Remote work is here to stay. Agree?", Cue::QuestionBait),
        ("Big news this week. Thoughts?", Cue::QuestionBait),
        ("Who's with me?", Cue::QuestionBait),
        ("Yes or no?", Cue::QuestionBait),
        ("Follow us for more", Cue::FollowAsk),
        ("Like our page", Cue::FollowAsk),
    ];
    for (text, cue) in fixtures {
        assert_fires(LINKEDIN, text, cue);
    }
}

#[test]
fn youtube_subscribe_is_a_soft_follow_ask_never_severe() {
    for text in [
        "Don't forget to subscribe",
        "Hit the bell so you never miss a video",
    ] {
        assert_fires(YOUTUBE, text, Cue::FollowAsk);
        let a = analyze(text, &Options::default());
        assert!(
            a.hints
                .iter()
                .filter(|h| h.cue == Cue::FollowAsk)
                .all(|h| h.severity == Severity::Mild),
            "[{YOUTUBE}] {text:?}: subscribe asks stay mild"
        );
    }
    // Trading engagement for rewards is what the policy forbids.
    assert_fires(YOUTUBE, "Every like = $1 for charity", Cue::LikeForGood);
}

#[test]
fn spec_examples_of_other_fame_cues_fire() {
    let fixtures = [
        ("Buy now", Cue::HardSell),
        ("Order today", Cue::HardSell),
        ("Limited time only", Cue::HardSell),
        ("Hurry, only 3 left!", Cue::HardSell),
        ("Shop now", Cue::HardSell),
        ("Use code SAVE20 at checkout", Cue::HardSell),
        (
            "Click here to read the report: https://acme.example/r",
            Cue::CallToAction,
        ),
        ("Learn more at our site", Cue::CallToAction),
        ("Register now for our webinar", Cue::CallToAction),
        ("Link in bio", Cue::CallToAction),
        ("We are the best", Cue::SelfPraise),
        ("Our award-winning team", Cue::SelfPraise),
        ("We're the leading provider of cloud tools", Cue::SelfPraise),
        ("We just hit 1 million followers", Cue::FameMetrics),
        ("Help us go viral", Cue::FameMetrics),
        ("Everyone is talking about us", Cue::FameMetrics),
        ("You won't believe what happened next", Cue::CuriosityBait),
        ("This one trick will blow your mind", Cue::CuriosityBait),
        ("BIGGEST SALE EVER!!!", Cue::Shouting),
        ("#sale #deal #shop #buy #now #love", Cue::HashtagStuffing),
        (
            "We are proud of our team. We shipped our app and we love it.",
            Cue::BrandCentric,
        ),
        ("New blog post: https://acme.example/blog/1", Cue::LinkOnly),
    ];
    for (text, cue) in fixtures {
        assert_fires("analysis spec", text, cue);
    }
}

#[test]
fn spec_examples_of_connection_cues_fire() {
    let fixtures = [
        (
            "What's the one tool you can't work without?",
            Cue::OpenQuestion,
        ),
        (
            "How do you handle feedback from your team?",
            Cue::OpenQuestion,
        ),
        ("Which flavour should we make next?", Cue::OpenQuestion),
        ("Tell us what you'd change", Cue::Listening),
        ("We'd love to hear from you", Cue::Listening),
        ("You asked, we listened", Cue::Listening),
        ("Thank you, everyone", Cue::Gratitude),
        ("Thanks to @ana for the photo", Cue::Gratitude),
        ("@ana built this with our kit", Cue::Spotlight),
        ("Meet Sam, who roasts every batch", Cue::Spotlight),
        ("Help us choose the next flavour", Cue::CoCreation),
        ("Join us on Sunday", Cue::CoCreation),
        ("We got this wrong", Cue::Honesty),
        ("We're sorry", Cue::Honesty),
        ("Here's what we're changing", Cue::Honesty),
        ("Here's how to descale a kettle", Cue::HelpfulValue),
        ("3 tips for better sleep", Cue::HelpfulValue),
        ("We believe coffee should be fair", Cue::SharedValues),
        ("I spent the morning with our bakers", Cue::PersonalVoice),
    ];
    for (text, cue) in fixtures {
        assert_fires("analysis spec", text, cue);
    }
}

#[test]
fn meta_exemptions_fire_no_bait_cue() {
    let exempt = [
        "Please share: our neighbour's son has been missing since Tuesday. Have you seen him?",
        "Our dog Max went missing near the park, please share this post",
        "Any recommendations for a good plumber in Leeds? Tag a friend who knows one",
        "Heading to Lisbon next month, comment your best travel tips!",
        "We're raising money for the food bank, please share the link with friends",
        "Need advice: what's the best way to store sourdough? Comment below if you know",
    ];
    for text in exempt {
        let got = cues(text);
        assert!(
            got.iter().all(|c| !c.is_bait()),
            "[{META}] exemption {text:?} fired a bait cue: {got:?}"
        );
    }
}

#[test]
fn like_is_not_always_a_reaction_ask() {
    for text in [
        "We'd like to thank you all",
        "I like this one best",
        "Looks like rain today",
    ] {
        assert!(!cues(text).contains(&Cue::ReactionBait), "{text:?}");
    }
}
