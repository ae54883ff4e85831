//! [`Player`]: every registry strategy as one enum, so match loops dispatch with a `match`
//! instead of a virtual call, with a boxed fallback for strategies defined
//! outside this crate.

use super::first_simple::FirstSimple;
use super::first_stateful::{
    Downing, Graaskamp, Nydegger, Shubik, SteinRapoport, TidemanChieruzzi,
};
use super::lookback::LookBack;
use super::memory_one::MemoryOne;
use super::transformer::Transformed;
use super::{FourVector, History, MatchContext, Meta, Strategy};
use crate::escalate::game::Action;
use crate::rng::DetRng;

macro_rules! players {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        /// A strategy from the registry (enum dispatch) or any boxed [`Strategy`].
        #[derive(Clone)]
        pub enum Player {
            $(
                #[doc = concat!("A [`", stringify!($ty), "`].")]
                $variant($ty),
            )*
            /// A transformed strategy.
            Transformed(Box<Transformed>),
            /// Any other strategy (virtual dispatch).
            Boxed(Box<dyn Strategy>),
        }

        impl Strategy for Player {
            fn meta(&self) -> &Meta {
                match self {
                    $(Player::$variant(s) => s.meta(),)*
                    Player::Transformed(s) => s.meta(),
                    Player::Boxed(s) => s.meta(),
                }
            }

            fn reset(&mut self, ctx: &MatchContext) {
                match self {
                    $(Player::$variant(s) => s.reset(ctx),)*
                    Player::Transformed(s) => s.reset(ctx),
                    Player::Boxed(s) => s.reset(ctx),
                }
            }

            #[inline]
            fn decide(&mut self, h: &History, rng: &mut DetRng) -> Action {
                match self {
                    $(Player::$variant(s) => s.decide(h, rng),)*
                    Player::Transformed(s) => s.decide(h, rng),
                    Player::Boxed(s) => s.decide(h, rng),
                }
            }

            fn four_vector(&self) -> Option<FourVector> {
                match self {
                    $(Player::$variant(s) => s.four_vector(),)*
                    Player::Transformed(s) => s.four_vector(),
                    Player::Boxed(s) => s.four_vector(),
                }
            }
        }

        $(
            impl From<$ty> for Player {
                fn from(s: $ty) -> Player {
                    Player::$variant(s)
                }
            }
        )*
    };
}

players! {
    MemoryOne(MemoryOne),
    LookBack(LookBack),
    FirstSimple(FirstSimple),
    Downing(Downing),
    Graaskamp(Graaskamp),
    Nydegger(Nydegger),
    Shubik(Shubik),
    SteinRapoport(SteinRapoport),
    TidemanChieruzzi(TidemanChieruzzi),
}

impl From<Transformed> for Player {
    fn from(s: Transformed) -> Player {
        Player::Transformed(Box::new(s))
    }
}

impl std::fmt::Debug for Player {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Player({})", self.meta().key())
    }
}
