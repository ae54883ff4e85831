//! Stable sorting for the library and its front ends, with one sorting routine for every type.
//!
//! The standard library's stable sort is fast, but each element type and comparison closure
//! gets its own copy of it, about 6 KB of WebAssembly each: some 60 copies made up a seventh of
//! the browser page's module. [`sort_by`] and its relatives sort natively with the standard
//! library. In a WebAssembly build they sort a list of indices with one merge sort that takes
//! its comparison as a trait object, then move the elements into place.
//!
//! A stable sort's result is fixed by the comparison alone: for a consistent comparison (a
//! total preorder), every correct stable sort returns the same order. So both builds return
//! the same order, and the tests check this against the standard library.

use std::cmp::Ordering;

/// Sort `v` stably by `compare` (as `v.sort_by(compare)`).
#[cfg(not(target_arch = "wasm32"))]
pub fn sort_by<T>(v: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    v.sort_by(compare);
}

/// Sort `v` stably by `compare` (as `v.sort_by(compare)`).
#[cfg(target_arch = "wasm32")]
pub fn sort_by<T>(v: &mut [T], compare: impl FnMut(&T, &T) -> Ordering) {
    small_sort_by(v, compare);
}

/// The WebAssembly build's [`sort_by`]: the stable order of the indices, then the elements
/// moved into it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn small_sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(v.len(), &mut |i, j| compare(&v[i], &v[j]) == Ordering::Less);
    permute(v, &order);
}

/// Sort floating-point numbers by their total order ([`f64::total_cmp`]). Numbers that compare
/// equal under it have the same bits, so the unstable sort (small and fast in either build)
/// returns what the stable one would.
pub fn sort_floats(v: &mut [f64]) {
    v.sort_unstable_by(f64::total_cmp);
}

/// Sort `v` stably by `key` (as `v.sort_by_key(key)`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` stably in its natural order (as `v.sort()`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The stable sorting permutation of `n` items: `order[k]` is the index of the item that
/// comes k-th, where `less(i, j)` says whether item i comes strictly before item j. A merge
/// sort (insertion sort below 16 items): items that compare equal keep their order.
fn stable_order(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut scratch = vec![0; n];
    merge_sort(&mut order, &mut scratch, less);
    order
}

fn merge_sort(
    items: &mut [usize],
    scratch: &mut [usize],
    less: &mut dyn FnMut(usize, usize) -> bool,
) {
    let n = items.len();
    if n < 16 {
        for i in 1..n {
            let x = items[i];
            let mut j = i;
            while j > 0 && less(x, items[j - 1]) {
                items[j] = items[j - 1];
                j -= 1;
            }
            items[j] = x;
        }
        return;
    }
    let mid = n / 2;
    merge_sort(&mut items[..mid], &mut scratch[..mid], less);
    merge_sort(&mut items[mid..], &mut scratch[mid..], less);
    if !less(items[mid], items[mid - 1]) {
        return;
    }
    scratch.copy_from_slice(items);
    let (mut a, mut b) = (0, mid);
    for slot in items.iter_mut() {
        // Take from the right half only when strictly before the left one: stable.
        let right = b < n && (a == mid || less(scratch[b], scratch[a]));
        if right {
            *slot = scratch[b];
            b += 1;
        } else {
            *slot = scratch[a];
            a += 1;
        }
    }
}

/// Rearrange `v` so that position k holds the element that was at `order[k]` (`order` a
/// permutation of the indices of `v`), one cycle of the permutation at a time.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut placed = vec![false; v.len()];
    for start in 0..v.len() {
        let mut k = start;
        while !placed[k] {
            placed[k] = true;
            let next = order[k];
            if next == start {
                break;
            }
            v.swap(k, next);
            k = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Pairs (key, original position) with many equal keys: the order of equal keys shows
        /// stability, and the whole result must equal the standard library's.
        #[test]
        fn the_small_sort_returns_the_standard_librarys_order(
            keys in proptest::collection::vec(0u8..6, 0..200),
        ) {
            let items: Vec<(u8, usize)> = keys.into_iter().zip(0..).collect();
            let mut ours = items.clone();
            small_sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn floats_by_total_order_and_strings(
            xs in proptest::collection::vec(-1e3f64..1e3, 0..100),
        ) {
            let mut ours = xs.clone();
            small_sort_by(&mut ours, f64::total_cmp);
            let mut std = xs.clone();
            std.sort_by(f64::total_cmp);
            prop_assert_eq!(&ours, &std);
            let mut words: Vec<String> = xs.iter().map(|x| format!("{:.0}", x / 100.0)).collect();
            let mut expected = words.clone();
            small_sort_by(&mut words, String::cmp);
            expected.sort();
            prop_assert_eq!(words, expected);
        }
    }

    #[test]
    fn floats_sort_as_the_stable_sort_does() {
        let xs = [
            2.0,
            -0.0,
            0.0,
            f64::NAN,
            1.0,
            -f64::INFINITY,
            0.0,
            -0.0,
            2.0,
        ];
        let mut ours = xs.to_vec();
        sort_floats(&mut ours);
        let mut std = xs.to_vec();
        std.sort_by(f64::total_cmp);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&ours), bits(&std));
    }

    #[test]
    fn the_helpers_sort_as_the_standard_library_does() {
        let mut v = vec![3, 1, 2, 1];
        sort(&mut v);
        assert_eq!(v, [1, 1, 2, 3]);
        let mut w = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
        sort_by_key(&mut w, |p| p.0);
        assert_eq!(w, [(1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
        let mut e: Vec<u8> = Vec::new();
        sort(&mut e);
        assert!(e.is_empty());
    }

    /// The crates the browser page's module is built from sort through this module: every
    /// direct use of the standard library's stable sort outside tests would be one more copy
    /// of it in the module.
    #[test]
    fn the_page_crates_sort_through_this_module() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut found = Vec::new();
        for krate in [
            "detente",
            "detente-present",
            "detente-report",
            "detente-web",
        ] {
            let mut dirs = vec![root.join(krate).join("src")];
            while let Some(dir) = dirs.pop() {
                for entry in std::fs::read_dir(&dir).unwrap() {
                    let path = entry.unwrap().path();
                    if path.is_dir() {
                        dirs.push(path);
                        continue;
                    }
                    if path.extension().is_none_or(|e| e != "rs") || path.ends_with("order.rs") {
                        continue;
                    }
                    let text = std::fs::read_to_string(&path).unwrap();
                    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                    for (k, line) in code.lines().enumerate() {
                        if [
                            ".sort()",
                            ".sort_by(",
                            ".sort_by_key(",
                            ".sort_by_cached_key(",
                        ]
                        .iter()
                        .any(|m| line.contains(m))
                        {
                            found.push(format!("{}:{}", path.display(), k + 1));
                        }
                    }
                }
            }
        }
        assert!(found.is_empty(), "use `detente::order`: {found:#?}");
    }

    #[test]
    fn a_permutation_is_applied_cycle_by_cycle() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut v, &[4, 0, 3, 2, 1]);
        assert_eq!(v, ['e', 'a', 'd', 'c', 'b']);
    }
}
