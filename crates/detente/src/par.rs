//! Parallel iteration with rayon, or its sequential stand-in when the `rayon` feature is off
//! (for example in a WebAssembly build, which has no threads).
//!
//! Every parallel loop in the library reduces its results in input order, so the two give the
//! same numbers; without the feature the library simply runs on the calling thread. Modules
//! import `crate::par::*` instead of `rayon::prelude::*`.

#[cfg(feature = "rayon")]
pub use rayon::prelude::*;

#[cfg(not(feature = "rayon"))]
pub use sequential::*;

#[cfg(not(feature = "rayon"))]
mod sequential {
    /// `into_par_iter()`: the value's own iterator.
    pub trait IntoParallelIterator: IntoIterator + Sized {
        /// The sequential iterator over `self`.
        fn into_par_iter(self) -> Self::IntoIter {
            self.into_iter()
        }
    }

    impl<I: IntoIterator> IntoParallelIterator for I {}

    /// `par_iter()`: iterate by reference.
    pub trait IntoParallelRefIterator<'a> {
        /// The iterator type.
        type Iter: Iterator;
        /// The sequential iterator over `&self`.
        fn par_iter(&'a self) -> Self::Iter;
    }

    impl<'a, I: 'a + ?Sized> IntoParallelRefIterator<'a> for I
    where
        &'a I: IntoIterator,
    {
        type Iter = <&'a I as IntoIterator>::IntoIter;
        fn par_iter(&'a self) -> Self::Iter {
            self.into_iter()
        }
    }

    /// `par_iter_mut()`: iterate by mutable reference.
    pub trait IntoParallelRefMutIterator<'a> {
        /// The iterator type.
        type Iter: Iterator;
        /// The sequential iterator over `&mut self`.
        fn par_iter_mut(&'a mut self) -> Self::Iter;
    }

    impl<'a, I: 'a + ?Sized> IntoParallelRefMutIterator<'a> for I
    where
        &'a mut I: IntoIterator,
    {
        type Iter = <&'a mut I as IntoIterator>::IntoIter;
        fn par_iter_mut(&'a mut self) -> Self::Iter {
            self.into_iter()
        }
    }

    /// `par_chunks_mut(n)`: mutable chunks of a slice.
    pub trait ParallelSliceMut<T> {
        /// The slice's `chunks_mut(n)`.
        fn par_chunks_mut(&mut self, n: usize) -> std::slice::ChunksMut<'_, T>;
    }

    impl<T> ParallelSliceMut<T> for [T] {
        fn par_chunks_mut(&mut self, n: usize) -> std::slice::ChunksMut<'_, T> {
            self.chunks_mut(n)
        }
    }

    /// rayon's adaptors that std's iterators lack.
    pub trait ParallelIterator: Iterator + Sized {
        /// `for_each` with one scratch value made by `init` (rayon makes one per worker).
        fn for_each_init<S, Init, F>(self, init: Init, f: F)
        where
            Init: Fn() -> S,
            F: Fn(&mut S, Self::Item),
        {
            let mut scratch = init();
            self.for_each(|x| f(&mut scratch, x));
        }
    }

    impl<I: Iterator> ParallelIterator for I {}
}
