#!/usr/bin/env python3
"""Writes history-seeded.json: a 24-post history whose habit numbers are easy to
count by hand (the Rust test in src/history/summary.rs pins them).

Posts 14-23 are the current period, 4-13 the previous one, 0-3 are older.
  open questions: current 14 16 18 20 (40%), previous 8 (10%)
  "follow us":    current 15 21 (20%), previous 4 5 6 9 11 (50%), older 0: 8 in all
  hashtags:       current total 12 (1.2 per post)
  first_balance:  on 12 posts, 5 of them ended closer to connection
"""
import json, os

START = 1_790_812_800_000  # 2026-10-01T00:00:00Z
SITES = ["x", "linkedin", "mastodon", "bluesky"]
HOSTS = {"x": "x.com", "linkedin": "www.linkedin.com", "mastodon": "mastodon.social", "bluesky": "bsky.app"}
BAL = ["broadcasting", "leaning-broadcast", "mixed", "leaning-connection", "connecting"]

question = {14, 16, 18, 20, 8}
follow = {15, 21, 4, 5, 6, 9, 11, 0}
hard_sell = {1, 2, 17}
shouting = {19, 3}
gratitude = {22, 12, 13}
hashtags_current = {14: 3, 15: 2, 16: 0, 17: 4, 18: 1, 19: 0, 20: 1, 21: 1, 22: 0, 23: 0}
# (first, final) ranks into BAL for posts that were analysed before posting.
firsts = {2: (0, 0), 4: (0, 1), 6: (1, 1), 8: (1, 3), 10: (2, 2), 12: (2, 3), 14: (1, 3),
          16: (3, 3), 18: (2, 4), 20: (4, 4), 22: (3, 2), 23: (2, 2)}

records = []
for i in range(24):
    cues, phrases = {}, []
    def add(cue, text=None):
        cues[cue] = cues.get(cue, 0) + 1
        if text:
            phrases.append({"cue": cue, "text": text})
    if i in question: add("open-question", "What do you")
    if i in follow: add("follow-ask", "Follow us" if i % 2 else "follow us")
    if i in hard_sell: add("hard-sell", "buy now")
    if i in shouting: add("shouting", "HUGE")
    if i in gratitude: add("gratitude", "thank you")
    fame = 25 * sum(1 for c in cues if c in ("follow-ask", "hard-sell", "shouting"))
    connection = 30 * sum(1 for c in cues if c in ("open-question", "gratitude"))
    if i in firsts:
        first, final = firsts[i]
    else:
        first, final = None, (2 if fame == connection else (1 if fame > connection else 3))
    site = SITES[i % 4]
    records.append({
        "id": f"seed-{i:02d}",
        "site": site,
        "host": HOSTS[site],
        "time": START + i * 36 * 3_600_000,
        "balance": BAL[final],
        "fame": min(fame, 100),
        "connection": min(connection, 100),
        "cues": cues,
        "stats": {"chars": 120, "char_limit": 280, "words": 22, "sentences": 2,
                  "questions": 1 if i in question else 0,
                  "you_words": 2 if i % 3 == 0 else 1, "we_words": 1 if i % 2 == 0 else 2,
                  "brand_mentions": 0, "hashtags": hashtags_current.get(i, 2), "mentions": 0,
                  "links": 0, "caps_words": 1 if i in shouting else 0,
                  "exclamation_runs": 0, "emoji": 0},
        "phrases": phrases,
        "first_balance": BAL[first] if first is not None else None,
    })

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "history-seeded.json"), "w") as f:
    json.dump({"schema": 1, "records": records}, f, indent=1)
    f.write("\n")
