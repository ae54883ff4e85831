//! The classical fourth-order Runge–Kutta step, used by the replicator dynamics (h = 0.01). Kept deliberately small: the adaptive DOPRI5 integrator belongs to the
//! Richardson model.

/// Scratch space for [`Rk4Stepper::step`] on a system of `n` equations (no allocation per step).
#[derive(Debug, Clone)]
pub struct Rk4Stepper {
    k1: Vec<f64>,
    k2: Vec<f64>,
    k3: Vec<f64>,
    k4: Vec<f64>,
    tmp: Vec<f64>,
}

impl Rk4Stepper {
    /// Scratch for `n` equations.
    pub fn new(n: usize) -> Rk4Stepper {
        Rk4Stepper {
            k1: vec![0.0; n],
            k2: vec![0.0; n],
            k3: vec![0.0; n],
            k4: vec![0.0; n],
            tmp: vec![0.0; n],
        }
    }

    /// Advances `y` from `t` to `t + h` for `ẏ = f(t, y)`, where `f(t, y, out)` writes `ẏ` into
    /// `out`: `y += h/6 (k₁ + 2k₂ + 2k₃ + k₄)`.
    pub fn step<F>(&mut self, f: &mut F, t: f64, y: &mut [f64], h: f64)
    where
        F: FnMut(f64, &[f64], &mut [f64]),
    {
        let half = 0.5 * h;
        f(t, y, &mut self.k1);
        axpy(&mut self.tmp, y, half, &self.k1);
        f(t + half, &self.tmp, &mut self.k2);
        axpy(&mut self.tmp, y, half, &self.k2);
        f(t + half, &self.tmp, &mut self.k3);
        axpy(&mut self.tmp, y, h, &self.k3);
        f(t + h, &self.tmp, &mut self.k4);
        let ks = self.k1.iter().zip(&self.k2).zip(&self.k3).zip(&self.k4);
        for (yi, (((a, b), c), d)) in y.iter_mut().zip(ks) {
            *yi += h / 6.0 * (a + 2.0 * b + 2.0 * c + d);
        }
    }
}

/// `out = y + c·k`.
fn axpy(out: &mut [f64], y: &[f64], c: f64, k: &[f64]) {
    for ((o, yi), ki) in out.iter_mut().zip(y).zip(k) {
        *o = yi + c * ki;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponential_decay_to_rk4_accuracy() {
        let mut rk = Rk4Stepper::new(1);
        let mut y = [1.0];
        let mut f = |_t: f64, y: &[f64], out: &mut [f64]| out[0] = -y[0];
        for k in 0..100 {
            rk.step(&mut f, k as f64 * 0.01, &mut y, 0.01);
        }
        assert!((y[0] - (-1.0f64).exp()).abs() < 1e-10);
    }

    #[test]
    fn harmonic_oscillator_keeps_its_energy() {
        let mut rk = Rk4Stepper::new(2);
        let mut y = [1.0, 0.0];
        let mut f = |_t: f64, y: &[f64], out: &mut [f64]| {
            out[0] = y[1];
            out[1] = -y[0];
        };
        for k in 0..628 {
            rk.step(&mut f, k as f64 * 0.01, &mut y, 0.01);
        }
        assert!((y[0] * y[0] + y[1] * y[1] - 1.0).abs() < 1e-8);
    }
}
