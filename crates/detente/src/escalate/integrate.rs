//! Hand-written ODE integrators: classical RK4 with a fixed step and
//! Dormand–Prince 5(4) with FSAL and step-size control. Both are generic over a right-hand side
//! `f(t, &x, &mut dx)` so that Richardson races and replicator dynamics share them.
//!
//! Steps are shortened to land exactly on every requested output time. With `floor_at_zero` the
//! state is clamped at 0 after each step (budgets cannot go negative).

use crate::maths;
use serde::Serialize;
use std::fmt;

/// Why an integration could not run.
#[derive(Debug, Clone, PartialEq)]
pub enum IntegrateError {
    /// Output times must be finite, not before the start time, and non-decreasing.
    BadOutputTimes,
    /// Step size or tolerances must be positive and finite.
    BadSettings(&'static str),
    /// The state became NaN or infinite.
    NotFinite { t: f64 },
    /// The adaptive integrator exceeded its step budget or its step underflowed.
    StepBudget { t: f64 },
}

impl fmt::Display for IntegrateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntegrateError::BadOutputTimes => f.write_str(
                "output times must be finite, not before the start time, and non-decreasing",
            ),
            IntegrateError::BadSettings(what) => write!(f, "invalid integrator setting: {what}"),
            IntegrateError::NotFinite { t } => write!(f, "the state diverged at t = {t}"),
            IntegrateError::StepBudget { t } => {
                write!(f, "step budget exhausted or step underflow at t = {t}")
            }
        }
    }
}

impl std::error::Error for IntegrateError {}

/// Fixed-step classical Runge–Kutta settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rk4 {
    /// Step h (default 0.05).
    pub step: f64,
    /// Clamp the state at 0 after each step (default on).
    pub floor_at_zero: bool,
}

impl Default for Rk4 {
    fn default() -> Self {
        Rk4 {
            step: 0.05,
            floor_at_zero: true,
        }
    }
}

/// Dormand–Prince 5(4) settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dopri5 {
    /// Relative tolerance (default 1e−6).
    pub rtol: f64,
    /// Absolute tolerance (default 1e−9).
    pub atol: f64,
    /// First trial step; `None` chooses one from the initial derivative.
    pub initial_step: Option<f64>,
    /// Maximum number of attempted steps (default 1e6).
    pub max_steps: usize,
    /// Clamp the state at 0 after each accepted step (default on).
    pub floor_at_zero: bool,
}

impl Default for Dopri5 {
    fn default() -> Self {
        Dopri5 {
            rtol: 1e-6,
            atol: 1e-9,
            initial_step: None,
            max_steps: 1_000_000,
            floor_at_zero: true,
        }
    }
}

/// States at the requested output times.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trajectory {
    /// The requested output times.
    pub times: Vec<f64>,
    /// `states[k]` is the state at `times[k]`.
    pub states: Vec<Vec<f64>>,
    /// Accepted steps.
    pub accepted_steps: usize,
    /// Rejected steps (always 0 for RK4).
    pub rejected_steps: usize,
}

fn check_times(t0: f64, times: &[f64]) -> Result<(), IntegrateError> {
    let mut prev = t0;
    for &t in times {
        if !t.is_finite() || t < prev {
            return Err(IntegrateError::BadOutputTimes);
        }
        prev = t;
    }
    Ok(())
}

fn floor(x: &mut [f64]) -> bool {
    let mut changed = false;
    for v in x.iter_mut() {
        if *v < 0.0 {
            *v = 0.0;
            changed = true;
        }
    }
    changed
}

/// Integrate `ẋ = f(t, x)` from `x0` at `t0` with classical RK4 and report the state at each of
/// `times` (non-decreasing, ≥ t0).
pub fn rk4<F>(
    f: F,
    t0: f64,
    x0: &[f64],
    times: &[f64],
    opts: &Rk4,
) -> Result<Trajectory, IntegrateError>
where
    F: Fn(f64, &[f64], &mut [f64]),
{
    if !(opts.step > 0.0 && opts.step.is_finite()) {
        return Err(IntegrateError::BadSettings("RK4 step must be positive"));
    }
    check_times(t0, times)?;
    let n = x0.len();
    let mut x = x0.to_vec();
    if opts.floor_at_zero {
        floor(&mut x);
    }
    let (mut k1, mut k2, mut k3, mut k4, mut tmp) = (
        vec![0.0; n],
        vec![0.0; n],
        vec![0.0; n],
        vec![0.0; n],
        vec![0.0; n],
    );
    let mut t = t0;
    let mut states = Vec::with_capacity(times.len());
    let mut accepted = 0;
    for &target in times {
        while t < target {
            let remaining = target - t;
            // Avoid a sliver step when rounding leaves a tiny remainder.
            let h = if remaining <= opts.step * (1.0 + 1e-9) {
                remaining
            } else {
                opts.step
            };
            f(t, &x, &mut k1);
            for i in 0..n {
                tmp[i] = x[i] + 0.5 * h * k1[i];
            }
            f(t + 0.5 * h, &tmp, &mut k2);
            for i in 0..n {
                tmp[i] = x[i] + 0.5 * h * k2[i];
            }
            f(t + 0.5 * h, &tmp, &mut k3);
            for i in 0..n {
                tmp[i] = x[i] + h * k3[i];
            }
            f(t + h, &tmp, &mut k4);
            for i in 0..n {
                x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
            }
            t = if h == remaining { target } else { t + h };
            if opts.floor_at_zero {
                floor(&mut x);
            }
            if x.iter().any(|v| !v.is_finite()) {
                return Err(IntegrateError::NotFinite { t });
            }
            accepted += 1;
        }
        states.push(x.clone());
    }
    Ok(Trajectory {
        times: times.to_vec(),
        states,
        accepted_steps: accepted,
        rejected_steps: 0,
    })
}

/// Dormand–Prince nodes c₂..c₆ (c₇ = 1).
const C: [f64; 5] = [1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0];
const A21: f64 = 1.0 / 5.0;
const A3: [f64; 2] = [3.0 / 40.0, 9.0 / 40.0];
const A4: [f64; 3] = [44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0];
const A5: [f64; 4] = [
    19372.0 / 6561.0,
    -25360.0 / 2187.0,
    64448.0 / 6561.0,
    -212.0 / 729.0,
];
const A6: [f64; 5] = [
    9017.0 / 3168.0,
    -355.0 / 33.0,
    46732.0 / 5247.0,
    49.0 / 176.0,
    -5103.0 / 18656.0,
];
/// Fifth-order weights b (= a₇, which makes the last stage the next step's first: FSAL).
const B: [f64; 7] = [
    35.0 / 384.0,
    0.0,
    500.0 / 1113.0,
    125.0 / 192.0,
    -2187.0 / 6784.0,
    11.0 / 84.0,
    0.0,
];
/// Embedded fourth-order weights b*.
const B_STAR: [f64; 7] = [
    5179.0 / 57600.0,
    0.0,
    7571.0 / 16695.0,
    393.0 / 640.0,
    -92097.0 / 339200.0,
    187.0 / 2100.0,
    1.0 / 40.0,
];

/// Integrate `ẋ = f(t, x)` with Dormand–Prince 5(4): error per step
/// `err = RMS_i(e_i / (atol + rtol·max(|x_i|, |x_new,i|)))`, accept iff err ≤ 1, next step
/// `h·min(5, max(0.2, 0.9·err^(−1/5)))`; steps are shortened to land on the output times.
pub fn dopri5<F>(
    f: F,
    t0: f64,
    x0: &[f64],
    times: &[f64],
    opts: &Dopri5,
) -> Result<Trajectory, IntegrateError>
where
    F: Fn(f64, &[f64], &mut [f64]),
{
    if !(opts.rtol >= 0.0 && opts.atol >= 0.0 && opts.rtol + opts.atol > 0.0) {
        return Err(IntegrateError::BadSettings(
            "tolerances must be non-negative and not both zero",
        ));
    }
    check_times(t0, times)?;
    let n = x0.len();
    let mut x = x0.to_vec();
    if opts.floor_at_zero {
        floor(&mut x);
    }
    let mut k: Vec<Vec<f64>> = vec![vec![0.0; n]; 7];
    let mut stage = vec![0.0; n];
    let mut x_new = vec![0.0; n];
    f(t0, &x, &mut k[0]);
    let span = times.last().map_or(0.0, |&t| t - t0);
    let mut h = match opts.initial_step {
        Some(h) if h > 0.0 && h.is_finite() => h,
        Some(_) => return Err(IntegrateError::BadSettings("initial step must be positive")),
        None => starting_step(&x, &k[0], opts, span),
    };
    let mut t = t0;
    let mut states = Vec::with_capacity(times.len());
    let (mut accepted, mut rejected) = (0usize, 0usize);
    for &target in times {
        while t < target {
            if accepted + rejected >= opts.max_steps {
                return Err(IntegrateError::StepBudget { t });
            }
            let remaining = target - t;
            let landing = h >= remaining;
            let step = if landing { remaining } else { h };
            if step <= f64::EPSILON * t.abs().max(1.0) && !landing {
                return Err(IntegrateError::StepBudget { t });
            }
            let rows: [&[f64]; 5] = [&[A21], &A3, &A4, &A5, &A6];
            for (s, row) in rows.iter().enumerate() {
                for i in 0..n {
                    let acc: f64 = row.iter().zip(&k).map(|(a, ks)| a * ks[i]).sum();
                    stage[i] = x[i] + step * acc;
                }
                f(t + C[s] * step, &stage, &mut k[s + 1]);
            }
            for i in 0..n {
                let acc: f64 = B.iter().zip(&k).map(|(b, ks)| b * ks[i]).sum();
                x_new[i] = x[i] + step * acc;
            }
            f(t + step, &x_new, &mut k[6]);
            let mut sq = 0.0;
            for i in 0..n {
                let e: f64 = step
                    * B.iter()
                        .zip(&B_STAR)
                        .zip(&k)
                        .map(|((b, bs), ks)| (b - bs) * ks[i])
                        .sum::<f64>();
                let sc = opts.atol + opts.rtol * x[i].abs().max(x_new[i].abs());
                sq += (e / sc) * (e / sc);
            }
            let err = if n == 0 { 0.0 } else { (sq / n as f64).sqrt() };
            if !err.is_finite() {
                return Err(IntegrateError::NotFinite { t });
            }
            let factor = if err == 0.0 {
                5.0
            } else {
                (0.9 * maths::powf(err, -0.2)).clamp(0.2, 5.0)
            };
            if err <= 1.0 {
                t = if landing { target } else { t + step };
                std::mem::swap(&mut x, &mut x_new);
                let clamped = opts.floor_at_zero && floor(&mut x);
                if clamped {
                    f(t, &x, &mut k[0]);
                } else {
                    k.swap(0, 6);
                }
                accepted += 1;
                // A landing step may be much shorter than the controller's h; keep h then.
                if !landing {
                    h = step * factor;
                } else {
                    h = h.max(step * factor);
                }
            } else {
                rejected += 1;
                h = step * factor;
            }
        }
        states.push(x.clone());
    }
    Ok(Trajectory {
        times: times.to_vec(),
        states,
        accepted_steps: accepted,
        rejected_steps: rejected,
    })
}

/// First trial step from the scale of the state and its derivative (Hairer–Nørsett–Wanner's
/// first guess, without their second derivative probe), never longer than the span.
fn starting_step(x: &[f64], dx: &[f64], opts: &Dopri5, span: f64) -> f64 {
    let n = x.len().max(1) as f64;
    let sc = |v: f64| opts.atol + opts.rtol * v.abs();
    let d0 = (x.iter().map(|v| (v / sc(*v)).powi(2)).sum::<f64>() / n).sqrt();
    let d1 = (x
        .iter()
        .zip(dx)
        .map(|(v, d)| (d / sc(*v)).powi(2))
        .sum::<f64>()
        / n)
        .sqrt();
    let h = if d0 < 1e-5 || d1 < 1e-5 {
        1e-6
    } else {
        0.01 * d0 / d1
    };
    if span > 0.0 { h.min(span) } else { h }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk4_and_dopri5_solve_exponential_decay() {
        let f = |_t: f64, x: &[f64], dx: &mut [f64]| dx[0] = -x[0];
        let times = [0.5, 1.0, 2.0];
        let r = rk4(
            f,
            0.0,
            &[1.0],
            &times,
            &Rk4 {
                step: 0.01,
                floor_at_zero: true,
            },
        )
        .unwrap();
        let d = dopri5(
            f,
            0.0,
            &[1.0],
            &times,
            &Dopri5 {
                rtol: 1e-10,
                atol: 1e-12,
                ..Dopri5::default()
            },
        )
        .unwrap();
        for (k, &t) in times.iter().enumerate() {
            let exact = (-t).exp();
            assert!((r.states[k][0] - exact).abs() < 1e-9);
            assert!((d.states[k][0] - exact).abs() < 1e-9);
        }
    }

    #[test]
    fn floor_keeps_the_state_non_negative() {
        let f = |_t: f64, _x: &[f64], dx: &mut [f64]| dx[0] = -1.0;
        let r = rk4(f, 0.0, &[0.5], &[2.0], &Rk4::default()).unwrap();
        assert_eq!(r.states[0][0], 0.0);
        let d = dopri5(f, 0.0, &[0.5], &[2.0], &Dopri5::default()).unwrap();
        assert_eq!(d.states[0][0], 0.0);
    }

    #[test]
    fn bad_times_are_errors() {
        let f = |_t: f64, _x: &[f64], dx: &mut [f64]| dx[0] = 0.0;
        assert_eq!(
            rk4(f, 1.0, &[0.0], &[0.5], &Rk4::default()).unwrap_err(),
            IntegrateError::BadOutputTimes
        );
        assert!(dopri5(f, 0.0, &[0.0], &[2.0, 1.0], &Dopri5::default()).is_err());
    }
}
