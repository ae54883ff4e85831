//! The dilemma's Monte Carlo runs in memory that does not grow with the number of runs: a
//! counting global allocator records the peak of live heap bytes during `monte_carlo` and
//! during a comparison of two policies, at 10⁴ and at 10⁵ runs. Before the summaries streamed,
//! every run's tension path and record were kept (≈ 0.4 KB per run here, 40 MB more at 10⁵).
//!
//! One test in this binary, so no other test allocates while it measures.

use detente::escalate::dilemma::{
    DilemmaActor, DilemmaParams, DilemmaSetup, DomainSpec, compare_policies, monte_carlo,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
            PEAK.fetch_max(now, Ordering::SeqCst);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak live bytes above the level at the start while `f` runs.
fn peak_during<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let start = LIVE.load(Ordering::SeqCst);
    PEAK.store(start, Ordering::SeqCst);
    let out = f();
    (PEAK.load(Ordering::SeqCst) - start, out)
}

fn rivalry(west: &str) -> DilemmaSetup {
    let actor = DilemmaActor::new;
    DilemmaSetup {
        sides: vec!["west".into(), "east".into()],
        actors: vec![
            actor("usa", "west", west),
            actor("china", "east", "tit-for-tat"),
        ],
        domains: vec![DomainSpec::new("military"), DomainSpec::new("economic")],
        influence: vec![],
        trade: vec![],
        grievances: vec![],
        start: vec![],
        prior: None,
        params: DilemmaParams {
            spiral: detente::escalate::dilemma::SpiralRule {
                domains: 1,
                periods: 2,
                lock: 0.5,
            },
            ..Default::default()
        },
    }
}

#[test]
fn memory_does_not_grow_with_runs() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let tft = rivalry("tit-for-tat");
    let gtft = rivalry("generous-tit-for-tat");
    pool.install(|| {
        // Warm the pool's threads so their start-up allocations are not counted.
        monte_carlo(&tft, 100, 1).unwrap();
        let (small, s) = peak_during(|| monte_carlo(&tft, 10_000, 1).unwrap());
        let (large, l) = peak_during(|| monte_carlo(&tft, 100_000, 1).unwrap());
        assert_eq!((s.runs, l.runs), (10_000, 100_000));
        assert!(l.spiral.hits > s.spiral.hits);
        // The same fixed-size sketches and run buffer either way; a little slack for the
        // scheduling of per-thread work spaces.
        assert!(
            large <= small + 256 * 1024,
            "peak {large} B at 10⁵ runs against {small} B at 10⁴"
        );
        assert!(large < 8 << 20, "peak {large} B");
        let (small, _) = peak_during(|| compare_policies(&tft, &gtft, 10_000, 1).unwrap());
        let (large, c) = peak_during(|| compare_policies(&tft, &gtft, 100_000, 1).unwrap());
        assert!(c.spiral.high < 0.0, "{:?}", c.spiral);
        assert!(
            large <= small + 256 * 1024,
            "comparison: peak {large} B at 10⁵ runs against {small} B at 10⁴"
        );
    });
}
