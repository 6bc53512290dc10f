//! The wasm modules' memory allocator: power-of-two size classes, each with a
//! free list, carved from memory the module grows. Rust's default allocator
//! for wasm32 (dlmalloc) is about 5.5 KB of code in a module whose budget is
//! 200 KB; this one is a few hundred bytes.
//!
//! The trade: a block keeps its class for life (no splitting or merging), so
//! memory can hold up to about twice what is live. The analyser's working set
//! is a few buffers reused keystroke after keystroke, which suits size
//! classes; wasm memory never shrinks with either allocator.
//!
//! The bookkeeping (`Heap`) is plain arithmetic on addresses, so it is tested
//! natively against a simulated memory; only the `#[global_allocator]` at the
//! bottom touches the real one.

/// Classes 2^3 (8 bytes) up to 2^31.
const CLASSES: usize = 32;
const MIN_CLASS: u32 = 3;
/// The wasm page, the unit `memory.grow` works in.
pub const PAGE: usize = 65_536;

/// The size class (log2 of the block size) for a request, or `None` when no
/// block can hold it.
pub fn class_of(size: usize, align: usize) -> Option<u32> {
    let need = size.max(align).max(1 << MIN_CLASS);
    let class = need.checked_next_power_of_two()?.trailing_zeros();
    ((class as usize) < CLASSES).then_some(class)
}

/// Free lists and the untouched tail of memory. Addresses are `usize`; a
/// free block stores the address of the next free block of its class in its
/// first word, so the lists cost no memory of their own.
pub struct Heap {
    free: [usize; CLASSES],
    /// Start of the memory no block has used yet.
    next: usize,
    /// End of the memory the module has.
    end: usize,
}

impl Heap {
    pub const fn new() -> Heap {
        Heap {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }
    }

    /// A block for `class`: the head of its free list, else fresh memory.
    /// `read` loads a free block's link; `grow(pages)` grows memory and
    /// returns its previous end in bytes, or `None` when the host refuses.
    /// Returns 0 when out of memory.
    pub fn alloc(
        &mut self,
        class: u32,
        read: impl FnOnce(usize) -> usize,
        grow: impl FnOnce(usize) -> Option<usize>,
    ) -> usize {
        let c = class as usize;
        let head = self.free[c];
        if head != 0 {
            self.free[c] = read(head);
            return head;
        }
        let size = 1usize << class;
        // Blocks are aligned to their size (up to a page), so any alignment
        // the request asked for, which is at most its size, holds.
        let align = size.min(PAGE);
        let Some(start) = self.next.checked_add(align - 1).map(|n| n & !(align - 1)) else {
            return 0;
        };
        let Some(end) = start.checked_add(size) else {
            return 0;
        };
        if end > self.end {
            let pages = (end - self.end).div_ceil(PAGE);
            match grow(pages) {
                // Nothing else grows this memory, so the old end is ours.
                Some(old_end) if old_end == self.end => self.end += pages * PAGE,
                _ => return 0,
            }
        }
        self.next = end;
        start
    }

    /// Whether `block`, just returned by `alloc` while `untouched` was the
    /// start of the memory no block had used, must be cleared to read as
    /// zeros: one taken from a free list was used before; fresh memory was
    /// not, and wasm memory is zero when the module starts and when it grows.
    pub fn needs_clearing(block: usize, untouched: usize) -> bool {
        block != 0 && block < untouched
    }

    /// Start of the memory no block has used yet.
    pub fn untouched(&self) -> usize {
        self.next
    }

    /// Returns a block to its class's list; `write(block, next)` stores the
    /// link in the block.
    pub fn free(&mut self, block: usize, class: u32, write: impl FnOnce(usize, usize)) {
        let c = class as usize;
        write(block, self.free[c]);
        self.free[c] = block;
    }

    /// Starts allocating at `memory_end` (bytes), the memory the module was
    /// instantiated with (its data and stack sit below it).
    pub fn start_at(&mut self, memory_end: usize) {
        if self.end == 0 {
            self.next = memory_end;
            self.end = memory_end;
        }
    }
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

#[cfg(target_arch = "wasm32")]
mod global {
    use super::{class_of, Heap, PAGE};
    use core::alloc::{GlobalAlloc, Layout};
    use core::arch::wasm32;
    use core::cell::UnsafeCell;

    struct SizeClasses(UnsafeCell<Heap>);

    // wasm32-unknown-unknown runs one thread: nothing shares the heap.
    unsafe impl Sync for SizeClasses {}

    #[global_allocator]
    static ALLOCATOR: SizeClasses = SizeClasses(UnsafeCell::new(Heap::new()));

    unsafe impl GlobalAlloc for SizeClasses {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let Some(class) = class_of(layout.size(), layout.align()) else {
                return core::ptr::null_mut();
            };
            // SAFETY: single-threaded, and no allocation re-enters this one.
            let heap = unsafe { &mut *self.0.get() };
            heap.start_at(wasm32::memory_size(0) * PAGE);
            heap.alloc(
                class,
                // SAFETY: a free block holds its successor's address.
                |block| unsafe { *(block as *const usize) },
                |pages| match wasm32::memory_grow(0, pages) {
                    usize::MAX => None,
                    old => Some(old * PAGE),
                },
            ) as *mut u8
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // The default clears every block; fresh memory already reads as
            // zeros, and the large zeroed tables (the phrase automaton's,
            // megabytes, built on a woken background's first analysis) come
            // from it.
            // SAFETY: as in `alloc`.
            let untouched = unsafe { &*self.0.get() }.untouched();
            let ptr = unsafe { self.alloc(layout) };
            if Heap::needs_clearing(ptr as usize, untouched) {
                // SAFETY: the block holds at least `layout.size()` bytes.
                unsafe { core::ptr::write_bytes(ptr, 0, layout.size()) };
            }
            ptr
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            if let Some(class) = class_of(layout.size(), layout.align()) {
                // SAFETY: as in `alloc`; `ptr` came from `alloc` with this layout.
                let heap = unsafe { &mut *self.0.get() };
                heap.free(ptr as usize, class, |block, next| unsafe {
                    *(block as *mut usize) = next
                });
            }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // Growing within the block's class moves nothing.
            if class_of(layout.size(), layout.align()) == class_of(new_size, layout.align()) {
                return ptr;
            }
            // SAFETY: the caller guarantees a valid layout for `new_size`.
            let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
            let new = unsafe { self.alloc(new_layout) };
            if !new.is_null() {
                // SAFETY: both blocks hold at least the smaller size.
                unsafe {
                    core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
            }
            new
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A simulated memory: the links of free blocks, and its size.
    struct Sim {
        heap: Heap,
        links: HashMap<usize, usize>,
        size: usize,
        limit: usize,
    }

    impl Sim {
        fn new(start: usize, limit: usize) -> Sim {
            let mut heap = Heap::new();
            heap.start_at(start);
            Sim {
                heap,
                links: HashMap::new(),
                size: start,
                limit,
            }
        }
        fn alloc(&mut self, size: usize, align: usize) -> usize {
            let class = class_of(size, align).unwrap();
            let links = &self.links;
            let (mem, limit) = (&mut self.size, self.limit);
            self.heap.alloc(
                class,
                |b| links[&b],
                |pages| {
                    let old = *mem;
                    (old + pages * PAGE <= limit).then(|| {
                        *mem += pages * PAGE;
                        old
                    })
                },
            )
        }
        fn free(&mut self, block: usize, size: usize, align: usize) {
            let class = class_of(size, align).unwrap();
            let links = &mut self.links;
            self.heap.free(block, class, |b, next| {
                links.insert(b, next);
            });
        }
    }

    #[test]
    fn only_a_reused_block_needs_clearing() {
        let mut sim = Sim::new(PAGE, 1 << 30);
        let before = sim.heap.untouched();
        let first = sim.alloc(1_000, 8);
        assert!(!Heap::needs_clearing(first, before), "fresh memory");
        sim.free(first, 1_000, 8);
        let before = sim.heap.untouched();
        let again = sim.alloc(1_000, 8);
        assert_eq!(again, first);
        assert!(Heap::needs_clearing(again, before), "a block used before");
        let before = sim.heap.untouched();
        let other = sim.alloc(1_000, 8);
        assert!(!Heap::needs_clearing(other, before), "fresh memory again");
        assert!(!Heap::needs_clearing(0, before), "no block");
    }

    #[test]
    fn classes_round_up_to_powers_of_two_of_at_least_eight() {
        for (size, align, class) in [
            (0, 1, 3),
            (1, 1, 3),
            (8, 8, 3),
            (9, 1, 4),
            (16, 16, 4),
            (17, 4, 5),
            (3, 64, 6),
            (65_536, 8, 16),
            (65_537, 8, 17),
        ] {
            assert_eq!(
                class_of(size, align),
                Some(class),
                "{size} bytes, align {align}"
            );
        }
        assert_eq!(class_of(usize::MAX, 1), None);
    }

    #[test]
    fn blocks_are_aligned_disjoint_inside_memory_and_reused_after_free() {
        let mut sim = Sim::new(3 * PAGE + 100, 1 << 30);
        let mut live: Vec<(usize, usize, usize)> = Vec::new();
        // A deterministic mix of sizes and alignments, freeing every third.
        let mut seed = 12_345u64;
        for i in 0..3_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let size = [1, 7, 8, 24, 100, 1_000, 5_000, 70_000][(seed >> 33) as usize % 8];
            let align = [1, 4, 8, 16][(seed >> 40) as usize % 4];
            let block = sim.alloc(size, align);
            assert_ne!(block, 0);
            assert_eq!(block % align, 0, "alignment");
            assert!(
                block >= 3 * PAGE + 100 && block + size <= sim.size,
                "inside memory"
            );
            for &(b, s, _) in &live {
                assert!(block + size <= b || b + s <= block, "blocks overlap");
            }
            live.push((block, size, align));
            if i % 3 == 2 {
                let (b, s, a) = live.remove((seed >> 20) as usize % live.len());
                sim.free(b, s, a);
                // The next block of that class is the one just freed.
                assert_eq!(sim.alloc(s, a), b, "a freed block is reused first");
                sim.free(b, s, a);
            }
        }
    }

    #[test]
    fn out_of_memory_is_null_and_loses_nothing() {
        let mut sim = Sim::new(PAGE, 4 * PAGE);
        let a = sim.alloc(PAGE, 8);
        assert_ne!(a, 0);
        assert_eq!(sim.alloc(4 * PAGE, 8), 0, "the host refused to grow");
        // Smaller requests still fit in what is left.
        let b = sim.alloc(PAGE, 8);
        assert_ne!(b, 0);
        assert_ne!(a, b);
    }
}
