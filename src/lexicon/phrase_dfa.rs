//! A set of literal phrases searched byte by byte, ASCII case folded: an
//! Aho-Corasick automaton whose transitions are computed the first time a
//! text takes them and then cached, so that the search costs a table load
//! per byte and building it costs little more than its trie.
//!
//! Building matters more than it seems: the lexicon's automaton (about
//! 18,000 states) is built on the first analysis after the background
//! starts, which is on the first keystroke after a stopped background wakes,
//! and Firefox runs that code in its baseline tier. The trie is built from
//! the sorted phrases without a lookup, and kept sparse (each state's
//! children in a list); failure links come from it in one pass by depth.
//! Only the table of transitions is dense, and only the rows of states a
//! text reaches are ever written: its megabytes are allocated, not touched.

use std::sync::Mutex;

/// Phrases ASCII case folded, searched with overlapping matches: the same
/// matches, in the same order, as aho-corasick's `find_overlapping_iter`
/// with standard semantics and `ascii_case_insensitive` (a test holds it to
/// that crate).
pub(crate) struct PhraseDfa {
    /// Bytes that no phrase holds share class 0; an ASCII capital is in its
    /// lowercase letter's class (the phrases are stored lowercased).
    classes: [u8; 256],
    /// How many classes there are: the width of a row of `table`.
    stride: usize,
    /// The trie. State 0 is a sentinel, never reached (so that no
    /// transition is 0, see `table`); ROOT is 1. Per state: its first
    /// child, its next sibling (0: none) and the class of its edge.
    first_child: Vec<u32>,
    next_sibling: Vec<u32>,
    edge_class: Vec<u8>,
    /// The root's children by class (0: none): most failure links end
    /// there, and it has the most children.
    root_children: Vec<u32>,
    /// Per state, its failure link: the state of the longest proper suffix
    /// of its path that is also a path in the trie.
    fail: Vec<u32>,
    /// Per state, the patterns that end exactly there, as a range of
    /// `own_patterns`: `own_start[s]..own_start[s + 1]`.
    own_start: Vec<u32>,
    own_patterns: Vec<u32>,
    /// Per state, the nearest state along its failure links that has
    /// patterns of its own (0: none): the rest of its matches.
    next_output: Vec<u32>,
    /// Per state, whether it has a match, its own or along its failure links.
    matches: Vec<bool>,
    /// Per pattern, its length in bytes.
    pattern_len: Vec<u32>,
    /// Per state, per class: the next state's first slot (state × stride),
    /// shifted left once, its low bit set when that state has a match; 0
    /// while not computed yet.
    table: Mutex<Vec<u32>>,
}

const ROOT: usize = 1;

impl Clone for PhraseDfa {
    fn clone(&self) -> PhraseDfa {
        PhraseDfa {
            classes: self.classes,
            stride: self.stride,
            first_child: self.first_child.clone(),
            next_sibling: self.next_sibling.clone(),
            edge_class: self.edge_class.clone(),
            root_children: self.root_children.clone(),
            fail: self.fail.clone(),
            own_start: self.own_start.clone(),
            own_patterns: self.own_patterns.clone(),
            next_output: self.next_output.clone(),
            matches: self.matches.clone(),
            pattern_len: self.pattern_len.clone(),
            // A fresh table of the same size: a clone learns its own transitions.
            table: Mutex::new(vec![0; self.fail.len() * self.stride]),
        }
    }
}

impl std::fmt::Debug for PhraseDfa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhraseDfa")
            .field("patterns", &self.pattern_len.len())
            .field("states", &(self.fail.len() - 1))
            .finish()
    }
}

impl PhraseDfa {
    /// Patterns are numbered in the order given. An empty pattern is
    /// numbered but never matches (a match is reported after a byte).
    pub fn new<I, P>(patterns: I) -> PhraseDfa
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        let lowered: Vec<Vec<u8>> = patterns
            .into_iter()
            .map(|p| p.as_ref().to_ascii_lowercase())
            .collect();
        let mut classes = [0u8; 256];
        let mut stride = 1;
        for &b in lowered.iter().flatten() {
            if classes[b as usize] == 0 {
                assert!(stride < 256, "phrases use at most 255 distinct bytes");
                classes[b as usize] = stride as u8;
                stride += 1;
            }
        }
        for upper in b'A'..=b'Z' {
            classes[upper as usize] = classes[upper.to_ascii_lowercase() as usize];
        }

        // The trie from the phrases in sorted order: a phrase shares with
        // every earlier one at most the prefix it shares with the one just
        // before it, so the path of that one is all there is to reuse.
        let mut order: Vec<usize> = (0..lowered.len()).collect();
        order.sort_unstable_by(|&a, &b| lowered[a].cmp(&lowered[b]));
        let mut dfa = PhraseDfa {
            classes,
            stride,
            first_child: vec![0, 0],
            next_sibling: vec![0, 0],
            edge_class: vec![0, 0],
            root_children: vec![0; stride],
            fail: Vec::new(),
            own_start: Vec::new(),
            own_patterns: Vec::new(),
            next_output: Vec::new(),
            matches: Vec::new(),
            pattern_len: lowered.iter().map(|p| p.len() as u32).collect(),
            table: Mutex::new(Vec::new()),
        };
        // Per state, its depth (for the pass by depth below) and parent.
        let mut depth: Vec<u32> = vec![0, 0];
        let mut parent: Vec<u32> = vec![0, 0];
        // Per pattern, the state where it ends (0 for an empty pattern).
        let mut ends = vec![0u32; lowered.len()];
        let mut path = vec![ROOT];
        let mut previous: &[u8] = &[];
        for &id in &order {
            let pattern = &lowered[id];
            let shared = pattern
                .iter()
                .zip(previous)
                .take_while(|(a, b)| a == b)
                .count();
            path.truncate(shared + 1);
            for &b in &pattern[shared..] {
                let from = *path.last().expect("the path holds the root");
                let class = classes[b as usize];
                let new = depth.len();
                depth.push(depth[from] + 1);
                parent.push(from as u32);
                dfa.edge_class.push(class);
                dfa.first_child.push(0);
                dfa.next_sibling.push(dfa.first_child[from]);
                dfa.first_child[from] = new as u32;
                if from == ROOT {
                    dfa.root_children[class as usize] = new as u32;
                }
                path.push(new);
            }
            if !pattern.is_empty() {
                ends[id] = *path.last().expect("the path holds the root") as u32;
            }
            previous = pattern;
        }
        let states = depth.len();

        // Each state's own patterns, in the order given (a counting sort).
        let mut own_start = vec![0u32; states + 1];
        for &end in ends.iter().filter(|&&e| e != 0) {
            own_start[end as usize + 1] += 1;
        }
        for s in 1..own_start.len() {
            own_start[s] += own_start[s - 1];
        }
        let mut own_patterns = vec![0u32; own_start[states] as usize];
        let mut placed = own_start.clone();
        for (id, &end) in ends.iter().enumerate().filter(|(_, &e)| e != 0) {
            own_patterns[placed[end as usize] as usize] = id as u32;
            placed[end as usize] += 1;
        }
        dfa.own_start = own_start;
        dfa.own_patterns = own_patterns;

        // States by depth (a counting sort), so that every state's failure
        // link, which is shallower, is known before it is needed.
        let max_depth = depth.iter().copied().max().unwrap_or(0) as usize;
        let mut at_depth = vec![0usize; max_depth + 2];
        for &d in &depth[ROOT..] {
            at_depth[d as usize + 1] += 1;
        }
        for d in 1..at_depth.len() {
            at_depth[d] += at_depth[d - 1];
        }
        let mut by_depth = vec![0usize; states - ROOT];
        for (state, &d) in depth.iter().enumerate().skip(ROOT) {
            by_depth[at_depth[d as usize]] = state;
            at_depth[d as usize] += 1;
        }
        dfa.fail = vec![ROOT as u32; states];
        dfa.next_output = vec![0; states];
        dfa.matches = vec![false; states];
        // by_depth[0] is the root: its links stay as they are.
        for &state in &by_depth[1..] {
            let from = parent[state] as usize;
            let fail = if from == ROOT {
                ROOT
            } else {
                dfa.follow(dfa.fail[from] as usize, dfa.edge_class[state] as usize)
            };
            dfa.fail[state] = fail as u32;
            dfa.matches[state] = dfa.has_own(state) || dfa.matches[fail];
            dfa.next_output[state] = if dfa.has_own(fail) {
                fail as u32
            } else {
                dfa.next_output[fail]
            };
        }
        // Zeroed, and written only where a text goes: most of it is never touched.
        dfa.table = Mutex::new(vec![0; states * stride]);
        dfa
    }

    fn has_own(&self, state: usize) -> bool {
        self.own_start[state] < self.own_start[state + 1]
    }

    /// The trie's child of `state` on `class`, if any.
    fn child(&self, state: usize, class: usize) -> Option<usize> {
        if state == ROOT {
            return Some(self.root_children[class] as usize).filter(|&c| c != 0);
        }
        let mut child = self.first_child[state] as usize;
        while child != 0 {
            if self.edge_class[child] as usize == class {
                return Some(child);
            }
            child = self.next_sibling[child] as usize;
        }
        None
    }

    /// The state after `class` from `state`: its child, else the same from
    /// its failure link, down to the root. The failure links of `state` and
    /// every state on the way must be known (they are shallower than it).
    fn follow(&self, mut state: usize, class: usize) -> usize {
        loop {
            if let Some(next) = self.child(state, class) {
                return next;
            }
            if state == ROOT {
                return ROOT;
            }
            state = self.fail[state] as usize;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<u32>> {
        // A poisoned lock only means another search panicked; the table
        // holds nothing but transitions that were computed whole.
        self.table.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every (overlapping) occurrence of a phrase, as `(start, end, pattern)`,
    /// in the order of their ends, and at one end from the longest phrase to
    /// the shortest. `f` must not search this automaton again.
    #[inline]
    pub fn for_each_match(&self, haystack: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let stride = self.stride;
        let mut table = self.lock();
        // The current state as its row in the table (state × stride), so
        // that a byte costs an addition and a load.
        let mut row = ROOT * stride;
        for (i, &b) in haystack.iter().enumerate() {
            let class = self.classes[b as usize] as usize;
            let mut entry = table[row + class];
            if entry == 0 {
                let next = self.follow(row / stride, class);
                entry = ((next * stride) as u32) << 1 | u32::from(self.matches[next]);
                table[row + class] = entry;
            }
            row = (entry >> 1) as usize;
            if entry & 1 == 1 {
                let end = i + 1;
                let mut s = row / stride;
                while s != 0 {
                    let own = self.own_start[s] as usize..self.own_start[s + 1] as usize;
                    for &id in &self.own_patterns[own] {
                        f(
                            end - self.pattern_len[id as usize] as usize,
                            end,
                            id as usize,
                        );
                    }
                    s = self.next_output[s] as usize;
                }
            }
        }
    }
}
