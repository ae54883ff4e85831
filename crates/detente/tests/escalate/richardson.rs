//! Validation of the Richardson model against closed-form results and Richardson's 1909–13 data.

use detente::escalate::richardson::{
    Dopri5, FitWarning, Integrator, Matrix, RichardsonModel, Rk4, analyse, fit_pooled,
};

const FIXTURE: &str = include_str!("../fixtures/richardson/entente_central_1909_1913.csv");

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Columns france, russia, germany, austria_hungary per year from the fixture.
fn budgets() -> Vec<[f64; 4]> {
    FIXTURE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("year"))
        .map(|l| {
            let f: Vec<f64> = l.split(',').map(|x| x.trim().parse().unwrap()).collect();
            [f[1], f[2], f[3], f[4]]
        })
        .collect()
}

#[test]
fn pooled_1909_1913_fit_reproduces_richardson() {
    let rows = budgets();
    assert_eq!(rows.len(), 5);
    let u: Vec<f64> = rows.iter().map(|r| r[0] + r[1]).collect();
    let v: Vec<f64> = rows.iter().map(|r| r[2] + r[3]).collect();
    assert!(close(u[0] + v[0], 199.2, 1e-9) && close(u[4] + v[4], 289.0, 1e-9));
    let f = fit_pooled(&u, &v).unwrap();
    assert!(close(f.slope.value, 0.7310, 5e-5), "{f:?}");
    assert!(close(f.intercept.value, -142.49, 5e-3), "{f:?}");
    let zero = f.zero_crossing.unwrap();
    assert!(close(zero, 194.91, 5e-3), "{zero}");
    // Within 1 % of the published 0.73 and 194.
    assert!(close(f.slope.value, 0.73, 0.0073) && close(zero, 194.0, 1.94));
    assert!(f.unstable);
    assert_eq!(f.observations, 4);
    assert!(
        f.warnings
            .iter()
            .any(|w| matches!(w, FitWarning::OnlyCombinationIdentified { combination } if combination.contains("k − α")))
    );
    assert!(
        f.warnings
            .iter()
            .any(|w| matches!(w, FitWarning::ShortSeries { observations: 4 }))
    );
    assert!(f.slope.standard_error > 0.0 && f.r_squared > 0.8);
}

fn rk4(h: f64) -> Integrator {
    Integrator::Rk4(Rk4 {
        step: h,
        floor_at_zero: false,
    })
}

fn dopri(rtol: f64) -> Integrator {
    Integrator::Dopri5(Dopri5 {
        rtol,
        atol: 1e-12,
        floor_at_zero: false,
        ..Dopri5::default()
    })
}

/// RK4 (h = 0.01) and DOPRI5 (rtol 1e−10) agree with the matrix exponential to 1e−8.
fn integrators_agree(model: &RichardsonModel, x0: &[f64], times: &[f64]) {
    for integrator in [rk4(0.01), dopri(1e-10)] {
        let path = model.simulate(x0, times, &integrator).unwrap();
        for (k, &t) in times.iter().enumerate() {
            let exact = model.exact(x0, t).unwrap();
            for (got, want) in path.states[k].iter().zip(&exact) {
                assert!(
                    close(*got, *want, 1e-8),
                    "{integrator:?} t={t}: {got} v {want}"
                );
            }
        }
    }
}

#[test]
fn symmetric_stable_pair() {
    let m = RichardsonModel::two_actor(1.0, 1.0, 0.5, 0.5, 1.0, 1.0).unwrap();
    let a = analyse(&m).unwrap();
    assert!(close(a.equilibrium[0], 2.0, 1e-6) && close(a.equilibrium[1], 2.0, 1e-6));
    assert!(close(a.eigenvalues[0].re, -0.5, 1e-6) && close(a.eigenvalues[1].re, -1.5, 1e-6));
    assert!(a.stable && a.equilibrium_nonnegative);
    assert!(a.hawkins_simon.unwrap().stable);
    assert!(a.discrete.stable);
    integrators_agree(&m, &[0.0, 0.0], &[0.5, 1.0, 3.0]);
}

#[test]
fn asymmetric_stable_pair_and_its_path() {
    let m = RichardsonModel::two_actor(2.0, 1.0, 1.0, 0.5, 1.0, 2.0).unwrap();
    let a = analyse(&m).unwrap();
    assert!(close(a.equilibrium[0], 2.0, 1e-6) && close(a.equilibrium[1], 3.0, 1e-6));
    let s3 = 3f64.sqrt();
    assert!(close(a.eigenvalues[0].re, (-3.0 + s3) / 2.0, 1e-6));
    assert!(close(a.eigenvalues[0].re, -0.633975, 1e-6));
    assert!(close(a.eigenvalues[1].re, -2.366025, 1e-6));
    assert!(a.stable);
    let times = [1.0, 5.0];
    let exact1 = m.exact(&[0.0, 0.0], 1.0).unwrap();
    let exact5 = m.exact(&[0.0, 0.0], 5.0).unwrap();
    assert!(
        close(exact1[0], 0.871495, 1e-6) && close(exact1[1], 1.433286, 1e-6),
        "{exact1:?}"
    );
    assert!(
        close(exact5[0], 1.909484, 1e-6) && close(exact5[1], 2.876352, 1e-6),
        "{exact5:?}"
    );
    let floored = m
        .simulate(
            &[0.0, 0.0],
            &times,
            &Integrator::Rk4(Rk4 {
                step: 0.01,
                floor_at_zero: true,
            }),
        )
        .unwrap();
    assert!(close(floored.states[1][0], 1.909484, 1e-6));
    integrators_agree(&m, &[0.0, 0.0], &times);
}

#[test]
fn unstable_pair_has_no_meaningful_rest_point() {
    let m = RichardsonModel::two_actor(0.5, 0.5, 1.0, 1.0, 1.0, 1.0).unwrap();
    let a = analyse(&m).unwrap();
    assert!(close(a.eigenvalues[0].re, 0.5, 1e-6) && close(a.eigenvalues[1].re, -1.5, 1e-6));
    assert!(!a.stable);
    assert!(close(a.runaway_growth_rate.unwrap(), 0.5, 1e-6));
    assert!(close(a.equilibrium[0], -2.0, 1e-6) && close(a.equilibrium[1], -2.0, 1e-6));
    assert!(!a.equilibrium_nonnegative);
    assert!(!a.hawkins_simon.unwrap().stable);
    assert!(!a.discrete.stable);
    let want = -2.0 + 3.0 * 1f64.exp();
    assert!(close(want, 6.154845, 1e-6));
    let exact = m.exact(&[1.0, 1.0], 2.0).unwrap();
    assert!(close(exact[0], want, 1e-6) && close(exact[1], want, 1e-6));
    integrators_agree(&m, &[1.0, 1.0], &[1.0, 2.0]);
}

#[test]
fn three_actor_eigenvalues_equilibrium_and_drivers() {
    let k = Matrix::from_rows(&[
        vec![0.0, 0.6, 0.2],
        vec![0.6, 0.0, 0.0],
        vec![0.2, 0.0, 0.0],
    ])
    .unwrap();
    let m = RichardsonModel::new(
        vec!["a".into(), "b".into(), "c".into()],
        k,
        vec![1.0; 3],
        vec![1.0; 3],
    )
    .unwrap();
    let a = analyse(&m).unwrap();
    for (z, want) in a.eigenvalues.iter().zip([-0.367544, -1.0, -1.632456]) {
        assert!(
            close(z.re, want, 1e-6) && z.im == 0.0,
            "{:?}",
            a.eigenvalues
        );
    }
    for (x, want) in a.equilibrium.iter().zip([3.0, 2.8, 1.6]) {
        assert!(close(*x, want, 1e-6));
    }
    let s = &a.reaction_sensitivity;
    assert!(close(s[0][1], 0.474342, 1e-6) && close(s[1][0], 0.474342, 1e-6));
    assert!(close(s[0][2], 0.158114, 1e-6));
    let top = &a.drivers[0];
    assert!(close(top.score, 0.284605, 1e-6));
    assert_eq!((top.from, top.to), (0, 1));
    let d13 = a.drivers.iter().find(|d| (d.from, d.to) == (0, 2)).unwrap();
    assert!(close(d13.score, 0.031623, 1e-6));
    assert!(top.score > d13.score);
    assert!(a.metzler && a.hawkins_simon.unwrap().stable);
    integrators_agree(&m, &[0.0, 1.0, 2.0], &[0.7, 4.0]);
}
