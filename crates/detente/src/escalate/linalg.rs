//! Small dense linear algebra for the Richardson model: LU with
//! partial pivoting, a 1-norm condition number, eigenvalues by Hessenberg reduction and shifted QR,
//! eigenvectors by inverse iteration, Householder least squares, and the matrix exponential used
//! to check the integrators.
//!
//! Sizes are those of arms races (a handful of actors), so clarity beats blocking and every routine
//! is O(n³) on row-major `f64` storage. Nothing here panics on user data: singular or
//! ill-shaped inputs come back as [`LinalgError`].

use crate::maths;
use serde::Serialize;
use std::fmt;
use std::ops::{Add, Div, Index, IndexMut, Mul, Neg, Sub};

/// Why a linear-algebra routine could not answer.
#[derive(Debug, Clone, PartialEq)]
pub enum LinalgError {
    /// The matrix must be square.
    NotSquare { rows: usize, cols: usize },
    /// Operand sizes do not fit together.
    DimensionMismatch { expected: usize, found: usize },
    /// The matrix is singular (or the design rank-deficient) to working precision.
    Singular,
    /// A value is NaN or infinite.
    NotFinite,
    /// Shifted QR did not converge within its iteration budget.
    NoConvergence,
    /// Least squares needs more observations than regressors.
    Underdetermined {
        observations: usize,
        regressors: usize,
    },
}

impl fmt::Display for LinalgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinalgError::NotSquare { rows, cols } => {
                write!(f, "matrix must be square, got {rows}×{cols}")
            }
            LinalgError::DimensionMismatch { expected, found } => {
                write!(f, "dimension mismatch: expected {expected}, found {found}")
            }
            LinalgError::Singular => f.write_str("matrix is singular to working precision"),
            LinalgError::NotFinite => f.write_str("matrix or vector contains NaN or infinity"),
            LinalgError::NoConvergence => f.write_str("eigenvalue iteration did not converge"),
            LinalgError::Underdetermined {
                observations,
                regressors,
            } => write!(
                f,
                "{observations} observations cannot identify {regressors} coefficients \
                 (need more observations than coefficients)"
            ),
        }
    }
}

impl std::error::Error for LinalgError {}

/// Dense row-major real matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// All-zero `rows × cols` matrix.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }

    /// The `n × n` identity.
    pub fn identity(n: usize) -> Self {
        let mut m = Matrix::zeros(n, n);
        for i in 0..n {
            m[(i, i)] = 1.0;
        }
        m
    }

    /// Matrix from rows of equal length; errors on ragged rows.
    pub fn from_rows(rows: &[Vec<f64>]) -> Result<Self, LinalgError> {
        let cols = rows.first().map_or(0, Vec::len);
        let mut data = Vec::with_capacity(rows.len() * cols);
        for r in rows {
            if r.len() != cols {
                return Err(LinalgError::DimensionMismatch {
                    expected: cols,
                    found: r.len(),
                });
            }
            data.extend_from_slice(r);
        }
        Ok(Matrix {
            rows: rows.len(),
            cols,
            data,
        })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Row `i` as a slice.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// Rows as owned vectors (for serialisation and display).
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        (0..self.rows).map(|i| self.row(i).to_vec()).collect()
    }

    /// Transpose.
    pub fn transpose(&self) -> Matrix {
        let mut t = Matrix::zeros(self.cols, self.rows);
        for i in 0..self.rows {
            for j in 0..self.cols {
                t[(j, i)] = self[(i, j)];
            }
        }
        t
    }

    /// Product `self · other`.
    pub fn mul(&self, other: &Matrix) -> Result<Matrix, LinalgError> {
        if self.cols != other.rows {
            return Err(LinalgError::DimensionMismatch {
                expected: self.cols,
                found: other.rows,
            });
        }
        let mut p = Matrix::zeros(self.rows, other.cols);
        for i in 0..self.rows {
            for k in 0..self.cols {
                let a = self[(i, k)];
                if a == 0.0 {
                    continue;
                }
                for j in 0..other.cols {
                    p[(i, j)] += a * other[(k, j)];
                }
            }
        }
        Ok(p)
    }

    /// Product `self · x` into `out` (no allocation; used on integrator hot paths).
    pub fn mul_vec_into(&self, x: &[f64], out: &mut [f64]) {
        for (i, o) in out.iter_mut().enumerate().take(self.rows) {
            *o = self.row(i).iter().zip(x).map(|(a, b)| a * b).sum();
        }
    }

    /// Product `self · x`.
    pub fn mul_vec(&self, x: &[f64]) -> Result<Vec<f64>, LinalgError> {
        if x.len() != self.cols {
            return Err(LinalgError::DimensionMismatch {
                expected: self.cols,
                found: x.len(),
            });
        }
        let mut out = vec![0.0; self.rows];
        self.mul_vec_into(x, &mut out);
        Ok(out)
    }

    /// Induced 1-norm: the largest absolute column sum.
    pub fn norm_one(&self) -> f64 {
        (0..self.cols)
            .map(|j| (0..self.rows).map(|i| self[(i, j)].abs()).sum::<f64>())
            .fold(0.0, f64::max)
    }

    /// `true` when every entry is finite.
    pub fn is_finite(&self) -> bool {
        self.data.iter().all(|x| x.is_finite())
    }

    fn require_square(&self) -> Result<usize, LinalgError> {
        if self.rows != self.cols {
            Err(LinalgError::NotSquare {
                rows: self.rows,
                cols: self.cols,
            })
        } else {
            Ok(self.rows)
        }
    }
}

impl Index<(usize, usize)> for Matrix {
    type Output = f64;
    fn index(&self, (i, j): (usize, usize)) -> &f64 {
        &self.data[i * self.cols + j]
    }
}

impl IndexMut<(usize, usize)> for Matrix {
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut f64 {
        &mut self.data[i * self.cols + j]
    }
}

/// LU factorisation `P A = L U` with partial pivoting (row interchanges).
#[derive(Debug, Clone)]
pub struct Lu {
    /// L (unit diagonal, below) and U (on and above the diagonal) packed together.
    packed: Matrix,
    /// `perm[i]` = original row placed at row i.
    perm: Vec<usize>,
}

impl Lu {
    /// Factorise a square matrix; [`LinalgError::Singular`] when a pivot vanishes relative to the
    /// matrix's scale (|pivot| ≤ n·ε·‖A‖₁).
    pub fn factor(a: &Matrix) -> Result<Lu, LinalgError> {
        let n = a.require_square()?;
        if !a.is_finite() {
            return Err(LinalgError::NotFinite);
        }
        let tiny = n as f64 * f64::EPSILON * a.norm_one();
        let mut lu = a.clone();
        let mut perm: Vec<usize> = (0..n).collect();
        for k in 0..n {
            let p = (k..n)
                .max_by(|&x, &y| lu[(x, k)].abs().total_cmp(&lu[(y, k)].abs()))
                .unwrap_or(k);
            if lu[(p, k)].abs() <= tiny || lu[(p, k)] == 0.0 {
                return Err(LinalgError::Singular);
            }
            if p != k {
                for j in 0..n {
                    lu.data.swap(p * n + j, k * n + j);
                }
                perm.swap(p, k);
            }
            let pivot = lu[(k, k)];
            for i in k + 1..n {
                let factor = lu[(i, k)] / pivot;
                lu[(i, k)] = factor;
                for j in k + 1..n {
                    lu[(i, j)] -= factor * lu[(k, j)];
                }
            }
        }
        Ok(Lu { packed: lu, perm })
    }

    /// Solve `A x = b`.
    pub fn solve(&self, b: &[f64]) -> Result<Vec<f64>, LinalgError> {
        let n = self.perm.len();
        if b.len() != n {
            return Err(LinalgError::DimensionMismatch {
                expected: n,
                found: b.len(),
            });
        }
        let mut x: Vec<f64> = self.perm.iter().map(|&p| b[p]).collect();
        for i in 0..n {
            for j in 0..i {
                x[i] -= self.packed[(i, j)] * x[j];
            }
        }
        for i in (0..n).rev() {
            for j in i + 1..n {
                x[i] -= self.packed[(i, j)] * x[j];
            }
            x[i] /= self.packed[(i, i)];
        }
        Ok(x)
    }

    /// The inverse, column by column.
    pub fn inverse(&self) -> Result<Matrix, LinalgError> {
        let n = self.perm.len();
        let mut inv = Matrix::zeros(n, n);
        let mut e = vec![0.0; n];
        for j in 0..n {
            e.iter_mut().for_each(|x| *x = 0.0);
            e[j] = 1.0;
            let col = self.solve(&e)?;
            for i in 0..n {
                inv[(i, j)] = col[i];
            }
        }
        Ok(inv)
    }
}

/// Condition number κ₁(A) = ‖A‖₁·‖A⁻¹‖₁ (computed exactly through the inverse: the matrices here
/// are small). Infinite when A is singular.
pub fn condition_number(a: &Matrix) -> Result<f64, LinalgError> {
    match Lu::factor(a) {
        Ok(lu) => Ok(a.norm_one() * lu.inverse()?.norm_one()),
        Err(LinalgError::Singular) => Ok(f64::INFINITY),
        Err(e) => Err(e),
    }
}

/// Solve `A x = b` by LU with partial pivoting.
pub fn solve(a: &Matrix, b: &[f64]) -> Result<Vec<f64>, LinalgError> {
    Lu::factor(a)?.solve(b)
}

/// Complex number for eigenvalues and eigenvectors.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Complex {
    /// Real part.
    pub re: f64,
    /// Imaginary part.
    pub im: f64,
}

impl Complex {
    /// `re + i·im`.
    pub const fn new(re: f64, im: f64) -> Self {
        Complex { re, im }
    }
    /// A real number.
    pub const fn real(re: f64) -> Self {
        Complex { re, im: 0.0 }
    }
    /// Complex conjugate.
    pub fn conj(self) -> Self {
        Complex::new(self.re, -self.im)
    }
    /// Modulus.
    pub fn abs(self) -> f64 {
        maths::hypot(self.re, self.im)
    }
    /// Multiply by a real.
    pub fn scale(self, s: f64) -> Self {
        Complex::new(self.re * s, self.im * s)
    }
    /// Principal square root.
    pub fn sqrt(self) -> Self {
        let r = self.abs();
        if r == 0.0 {
            return Complex::real(0.0);
        }
        let re = ((r + self.re) / 2.0).sqrt();
        let im = ((r - self.re) / 2.0).sqrt();
        Complex::new(re, if self.im < 0.0 { -im } else { im })
    }
}

impl Add for Complex {
    type Output = Complex;
    fn add(self, o: Complex) -> Complex {
        Complex::new(self.re + o.re, self.im + o.im)
    }
}
impl Sub for Complex {
    type Output = Complex;
    fn sub(self, o: Complex) -> Complex {
        Complex::new(self.re - o.re, self.im - o.im)
    }
}
impl Mul for Complex {
    type Output = Complex;
    fn mul(self, o: Complex) -> Complex {
        Complex::new(
            self.re * o.re - self.im * o.im,
            self.re * o.im + self.im * o.re,
        )
    }
}
impl Div for Complex {
    type Output = Complex;
    fn div(self, o: Complex) -> Complex {
        let d = o.re * o.re + o.im * o.im;
        Complex::new(
            (self.re * o.re + self.im * o.im) / d,
            (self.im * o.re - self.re * o.im) / d,
        )
    }
}
impl Neg for Complex {
    type Output = Complex;
    fn neg(self) -> Complex {
        Complex::new(-self.re, -self.im)
    }
}

/// Reduce to upper Hessenberg form by Householder reflections (similar to `a`, so the same
/// eigenvalues).
pub fn hessenberg(a: &Matrix) -> Result<Matrix, LinalgError> {
    let n = a.require_square()?;
    let mut h = a.clone();
    for k in 0..n.saturating_sub(2) {
        let norm = (k + 1..n)
            .map(|i| h[(i, k)] * h[(i, k)])
            .sum::<f64>()
            .sqrt();
        if norm == 0.0 {
            continue;
        }
        let alpha = if h[(k + 1, k)] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = (k + 1..n).map(|i| h[(i, k)]).collect();
        v[0] -= alpha;
        let vv: f64 = v.iter().map(|x| x * x).sum();
        if vv == 0.0 {
            continue;
        }
        // H = I − 2vvᵀ/vᵀv applied from the left (rows k+1..n) and the right (columns k+1..n).
        for j in 0..n {
            let s: f64 = (0..v.len()).map(|r| v[r] * h[(k + 1 + r, j)]).sum::<f64>() * 2.0 / vv;
            for (r, vr) in v.iter().enumerate() {
                h[(k + 1 + r, j)] -= s * vr;
            }
        }
        for i in 0..n {
            let s: f64 = (0..v.len()).map(|r| h[(i, k + 1 + r)] * v[r]).sum::<f64>() * 2.0 / vv;
            for (r, vr) in v.iter().enumerate() {
                h[(i, k + 1 + r)] -= s * vr;
            }
        }
        for i in k + 2..n {
            h[(i, k)] = 0.0;
        }
    }
    Ok(h)
}

/// A unitary plane rotation `G = [[c, s], [−s̄, c]]` (c real) with `G·[x; y] = [r; 0]`.
fn givens(x: Complex, y: Complex) -> (f64, Complex) {
    let ax = x.abs();
    if ax == 0.0 {
        return (0.0, Complex::real(1.0));
    }
    let norm = maths::hypot(ax, y.abs());
    (ax / norm, x.scale(1.0 / ax) * y.conj().scale(1.0 / norm))
}

/// Eigenvalue of the 2×2 block [[a, b], [c, d]] closer to d (Wilkinson shift).
fn wilkinson_shift(a: Complex, b: Complex, c: Complex, d: Complex) -> Complex {
    let half_tr = (a + d).scale(0.5);
    let det = a * d - b * c;
    let disc = (half_tr * half_tr - det).sqrt();
    let l1 = half_tr + disc;
    let l2 = half_tr - disc;
    if (l1 - d).abs() <= (l2 - d).abs() {
        l1
    } else {
        l2
    }
}

/// Eigenvalues of a square real matrix: Householder reduction to Hessenberg form, then
/// single-shift QR (Wilkinson shifts, Givens rotations) in complex arithmetic with deflation.
/// Sorted by real part, largest first, then by imaginary part, largest first; imaginary parts
/// below 1e-12 of the matrix scale are set to zero.
pub fn eigenvalues(a: &Matrix) -> Result<Vec<Complex>, LinalgError> {
    let n = a.require_square()?;
    if !a.is_finite() {
        return Err(LinalgError::NotFinite);
    }
    let real_h = hessenberg(a)?;
    let mut h: Vec<Vec<Complex>> = (0..n)
        .map(|i| (0..n).map(|j| Complex::real(real_h[(i, j)])).collect())
        .collect();
    let scale = a.norm_one().max(f64::MIN_POSITIVE);
    let mut eig = vec![Complex::real(0.0); n];
    let mut hi = n;
    let mut iterations = 0usize;
    while hi > 0 {
        let last = hi - 1;
        // Find the start of the active unreduced block.
        let mut lo = last;
        while lo > 0 {
            let sub = h[lo][lo - 1].abs();
            let diag = h[lo - 1][lo - 1].abs() + h[lo][lo].abs();
            if sub <= f64::EPSILON * diag.max(f64::EPSILON * scale) {
                h[lo][lo - 1] = Complex::real(0.0);
                break;
            }
            lo -= 1;
        }
        if lo == last {
            eig[last] = h[last][last];
            hi -= 1;
            iterations = 0;
            continue;
        }
        iterations += 1;
        if iterations > 100 * n.max(10) {
            return Err(LinalgError::NoConvergence);
        }
        let mu = if iterations % 11 == 10 {
            // Exceptional shift breaks rare cycles of the Wilkinson shift.
            h[last][last] + Complex::real(0.75 * h[last][last - 1].abs())
        } else {
            wilkinson_shift(
                h[last - 1][last - 1],
                h[last - 1][last],
                h[last][last - 1],
                h[last][last],
            )
        };
        qr_step(&mut h, lo, last, mu);
    }
    let tol = 1e-12 * scale;
    for e in &mut eig {
        if e.im.abs() <= tol {
            e.im = 0.0;
        }
    }
    crate::order::sort_by(&mut eig, |x, y| {
        y.re.total_cmp(&x.re).then(y.im.total_cmp(&x.im))
    });
    Ok(eig)
}

/// One shifted QR step on the block `lo..=hi`: `H − μI = QR`, `H ← RQ + μI`.
fn qr_step(h: &mut [Vec<Complex>], lo: usize, hi: usize, mu: Complex) {
    for (k, row) in h.iter_mut().enumerate().take(hi + 1).skip(lo) {
        row[k] = row[k] - mu;
    }
    let mut rotations = Vec::with_capacity(hi - lo);
    for k in lo..hi {
        let (c, s) = givens(h[k][k], h[k + 1][k]);
        let (upper, lower) = h.split_at_mut(k + 1);
        for (a, b) in upper[k][k..=hi].iter_mut().zip(&mut lower[0][k..=hi]) {
            let (x, y) = (*a, *b);
            *a = x.scale(c) + s * y;
            *b = y.scale(c) - s.conj() * x;
        }
        rotations.push((c, s));
    }
    for (offset, &(c, s)) in rotations.iter().enumerate() {
        let k = lo + offset;
        for row in h.iter_mut().take((k + 2).min(hi) + 1).skip(lo) {
            let x = row[k];
            let y = row[k + 1];
            row[k] = x.scale(c) + s.conj() * y;
            row[k + 1] = y.scale(c) - s * x;
        }
    }
    for (k, row) in h.iter_mut().enumerate().take(hi + 1).skip(lo) {
        row[k] = row[k] + mu;
    }
}

/// Solve the complex system `(A − σI) x = b` by LU with partial pivoting; a vanishing pivot is
/// replaced by a tiny one, which is exactly what inverse iteration wants.
fn shifted_solve(a: &Matrix, sigma: Complex, b: &[Complex]) -> Vec<Complex> {
    let n = a.rows();
    let tiny = f64::EPSILON * a.norm_one().max(1.0);
    let mut m: Vec<Vec<Complex>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let v = Complex::real(a[(i, j)]);
                    if i == j { v - sigma } else { v }
                })
                .collect()
        })
        .collect();
    let mut x = b.to_vec();
    for k in 0..n {
        let p = (k..n)
            .max_by(|&r, &s| m[r][k].abs().total_cmp(&m[s][k].abs()))
            .unwrap_or(k);
        m.swap(p, k);
        x.swap(p, k);
        if m[k][k].abs() < tiny {
            m[k][k] = Complex::real(tiny);
        }
        let (upper, lower) = m.split_at_mut(k + 1);
        let pivot_row = &upper[k];
        for (off, row) in lower.iter_mut().enumerate() {
            let f = row[k] / pivot_row[k];
            for (r, p) in row[k..].iter_mut().zip(&pivot_row[k..]) {
                *r = *r - f * *p;
            }
            let t = f * x[k];
            x[k + 1 + off] = x[k + 1 + off] - t;
        }
    }
    for i in (0..n).rev() {
        let mut s = x[i];
        for j in i + 1..n {
            s = s - m[i][j] * x[j];
        }
        x[i] = s / m[i][i];
    }
    x
}

fn normalise(v: &mut [Complex]) {
    let norm = v
        .iter()
        .map(|z| z.re * z.re + z.im * z.im)
        .sum::<f64>()
        .sqrt();
    if norm > 0.0 && norm.is_finite() {
        for z in v.iter_mut() {
            *z = z.scale(1.0 / norm);
        }
    }
}

/// Right eigenvector `v` (A v = λ v, unit 2-norm) for an eigenvalue λ already known, by inverse
/// iteration with a shift perturbed by a relative 1e-10 (so that `A − σI` is invertible).
pub fn eigenvector(a: &Matrix, lambda: Complex) -> Result<Vec<Complex>, LinalgError> {
    let n = a.require_square()?;
    let eps = 1e-10 * a.norm_one().max(1.0);
    let sigma = lambda + Complex::real(eps);
    let mut v: Vec<Complex> = (0..n)
        .map(|i| Complex::new(1.0 + 0.1 * i as f64, 0.05))
        .collect();
    normalise(&mut v);
    for _ in 0..4 {
        v = shifted_solve(a, sigma, &v);
        if v.iter().any(|z| !z.re.is_finite() || !z.im.is_finite()) {
            return Err(LinalgError::NoConvergence);
        }
        normalise(&mut v);
    }
    Ok(v)
}

/// Left eigenvector in the `wᵀ A = λ wᵀ` sense (`w = ū` for the `uᴴA = λuᴴ` convention): a right eigenvector of Aᵀ for the same λ.
pub fn left_eigenvector(a: &Matrix, lambda: Complex) -> Result<Vec<Complex>, LinalgError> {
    eigenvector(&a.transpose(), lambda)
}

/// Ordinary least squares by Householder QR.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeastSquares {
    /// Coefficients in the order of the design's columns.
    pub coefficients: Vec<f64>,
    /// Standard errors √(σ̂²·[(XᵀX)⁻¹]_jj), σ̂² = RSS/(n − p); NaN when n = p.
    pub standard_errors: Vec<f64>,
    /// Coefficient of determination 1 − RSS/TSS (TSS about the mean of y).
    pub r_squared: f64,
    /// Residual sum of squares.
    pub residual_sum_of_squares: f64,
    /// Observations n.
    pub observations: usize,
    /// Residual degrees of freedom n − p.
    pub degrees_of_freedom: usize,
    /// 2-norm condition number of the design, σ_max/σ_min.
    pub condition: f64,
}

/// Least-squares fit of `y` on the columns of `x` (n × p, n > p) by Householder QR.
pub fn least_squares(x: &Matrix, y: &[f64]) -> Result<LeastSquares, LinalgError> {
    let (n, p) = (x.rows(), x.cols());
    if y.len() != n {
        return Err(LinalgError::DimensionMismatch {
            expected: n,
            found: y.len(),
        });
    }
    if n <= p {
        return Err(LinalgError::Underdetermined {
            observations: n,
            regressors: p,
        });
    }
    if !x.is_finite() || y.iter().any(|v| !v.is_finite()) {
        return Err(LinalgError::NotFinite);
    }
    let mut a = x.clone();
    let mut qty = y.to_vec();
    for k in 0..p {
        let norm = (k..n).map(|i| a[(i, k)] * a[(i, k)]).sum::<f64>().sqrt();
        if norm == 0.0 {
            return Err(LinalgError::Singular);
        }
        let alpha = if a[(k, k)] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = (k..n).map(|i| a[(i, k)]).collect();
        v[0] -= alpha;
        let vv: f64 = v.iter().map(|t| t * t).sum();
        for j in k..p {
            let s = v
                .iter()
                .enumerate()
                .map(|(r, vr)| vr * a[(k + r, j)])
                .sum::<f64>()
                * 2.0
                / vv;
            for (r, vr) in v.iter().enumerate() {
                a[(k + r, j)] -= s * vr;
            }
        }
        let s = v
            .iter()
            .enumerate()
            .map(|(r, vr)| vr * qty[k + r])
            .sum::<f64>()
            * 2.0
            / vv;
        for (r, vr) in v.iter().enumerate() {
            qty[k + r] -= s * vr;
        }
    }
    let mut r = Matrix::zeros(p, p);
    for i in 0..p {
        for j in i..p {
            r[(i, j)] = a[(i, j)];
        }
    }
    let max_diag = (0..p).map(|i| r[(i, i)].abs()).fold(0.0, f64::max);
    if (0..p).any(|i| r[(i, i)].abs() <= 1e-13 * max_diag) {
        return Err(LinalgError::Singular);
    }
    let mut beta = qty[..p].to_vec();
    for i in (0..p).rev() {
        for j in i + 1..p {
            beta[i] -= r[(i, j)] * beta[j];
        }
        beta[i] /= r[(i, i)];
    }
    let rss: f64 = qty[p..].iter().map(|t| t * t).sum();
    let dof = n - p;
    let sigma2 = rss / dof as f64;
    // (XᵀX)⁻¹ = R⁻¹R⁻ᵀ: its diagonal is the squared row norms of R⁻¹.
    let r_inv = Lu::factor(&r)?.inverse()?;
    let standard_errors = (0..p)
        .map(|j| (sigma2 * r_inv.row(j).iter().map(|t| t * t).sum::<f64>()).sqrt())
        .collect();
    let y_mean = y.iter().sum::<f64>() / n as f64;
    let tss: f64 = y.iter().map(|v| (v - y_mean) * (v - y_mean)).sum();
    let r_squared = if tss > 0.0 { 1.0 - rss / tss } else { f64::NAN };
    let gram = r.transpose().mul(&r)?;
    let sv2 = eigenvalues(&gram)?;
    let (hi, lo) = sv2.iter().fold((0.0f64, f64::INFINITY), |(h, l), z| {
        (h.max(z.re), l.min(z.re))
    });
    let condition = if lo > 0.0 {
        (hi / lo).sqrt()
    } else {
        f64::INFINITY
    };
    Ok(LeastSquares {
        coefficients: beta,
        standard_errors,
        r_squared,
        residual_sum_of_squares: rss,
        observations: n,
        degrees_of_freedom: dof,
        condition,
    })
}

/// Matrix exponential `e^A` by scaling and squaring with a 24-term Taylor series (the scaled
/// matrix has ‖A/2^s‖₁ ≤ 1/2, so truncation error is far below double precision).
pub fn expm(a: &Matrix) -> Result<Matrix, LinalgError> {
    let n = a.require_square()?;
    if !a.is_finite() {
        return Err(LinalgError::NotFinite);
    }
    let norm = a.norm_one();
    let squarings = if norm > 0.5 {
        maths::log2(norm / 0.5).ceil() as i32
    } else {
        0
    };
    let factor = 0.5f64.powi(squarings);
    let mut scaled = a.clone();
    scaled.data.iter_mut().for_each(|x| *x *= factor);
    let mut sum = Matrix::identity(n);
    let mut term = Matrix::identity(n);
    for k in 1..=24 {
        term = term.mul(&scaled)?;
        term.data.iter_mut().for_each(|x| *x /= k as f64);
        for (s, t) in sum.data.iter_mut().zip(&term.data) {
            *s += t;
        }
    }
    for _ in 0..squarings {
        sum = sum.mul(&sum)?;
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(rows: &[&[f64]]) -> Matrix {
        Matrix::from_rows(&rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn lu_solves_and_detects_singularity() {
        let a = m(&[&[0.0, 2.0, 1.0], &[1.0, 1.0, 0.0], &[3.0, 0.0, 1.0]]);
        let x = solve(&a, &[5.0, 3.0, 6.0]).unwrap();
        let b = a.mul_vec(&x).unwrap();
        for (u, v) in b.iter().zip([5.0, 3.0, 6.0]) {
            assert!((u - v).abs() < 1e-12);
        }
        let s = m(&[&[1.0, 2.0], &[2.0, 4.0]]);
        assert_eq!(Lu::factor(&s).unwrap_err(), LinalgError::Singular);
        assert!(condition_number(&s).unwrap().is_infinite());
        assert!((condition_number(&Matrix::identity(3)).unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn eigenvalues_of_a_rotation_are_a_conjugate_pair() {
        let a = m(&[&[0.0, -2.0], &[2.0, 0.0]]);
        let e = eigenvalues(&a).unwrap();
        assert!(
            e[0].re.abs() < 1e-12 && (e[0].im - 2.0).abs() < 1e-12,
            "{e:?}"
        );
        assert!((e[1].im + 2.0).abs() < 1e-12);
    }

    #[test]
    fn eigenvalues_of_a_companion_matrix() {
        // (x − 1)(x − 2)(x − 3)(x + 4): companion of x⁴ − 2x³ − 13x² + 38x − 24.
        let a = m(&[
            &[2.0, 13.0, -38.0, 24.0],
            &[1.0, 0.0, 0.0, 0.0],
            &[0.0, 1.0, 0.0, 0.0],
            &[0.0, 0.0, 1.0, 0.0],
        ]);
        let e = eigenvalues(&a).unwrap();
        for (z, want) in e.iter().zip([3.0, 2.0, 1.0, -4.0]) {
            assert!((z.re - want).abs() < 1e-9 && z.im == 0.0, "{e:?}");
        }
    }

    #[test]
    fn inverse_iteration_finds_left_and_right_vectors() {
        let a = m(&[&[1.0, 2.0], &[0.5, -1.0]]);
        let e = eigenvalues(&a).unwrap();
        let v = eigenvector(&a, e[0]).unwrap();
        let w = left_eigenvector(&a, e[0]).unwrap();
        for i in 0..2 {
            let av = Complex::real(a[(i, 0)]) * v[0] + Complex::real(a[(i, 1)]) * v[1];
            assert!((av - e[0] * v[i]).abs() < 1e-9);
            let wa = w[0] * Complex::real(a[(0, i)]) + w[1] * Complex::real(a[(1, i)]);
            assert!((wa - e[0] * w[i]).abs() < 1e-9);
        }
    }

    #[test]
    fn least_squares_recovers_a_line_with_standard_errors() {
        let x = m(&[&[1.0, 1.0], &[2.0, 1.0], &[3.0, 1.0], &[4.0, 1.0]]);
        let fit = least_squares(&x, &[3.1, 4.9, 7.2, 8.8]).unwrap();
        // Hand computation: slope 1.94, intercept 1.15, RSS 0.082.
        assert!((fit.coefficients[0] - 1.94).abs() < 1e-12);
        assert!((fit.coefficients[1] - 1.15).abs() < 1e-12);
        assert!((fit.residual_sum_of_squares - 0.082).abs() < 1e-12);
        assert!((fit.standard_errors[0] - (0.041f64 / 5.0).sqrt()).abs() < 1e-12);
        assert!(fit.r_squared > 0.99);
        let bad = m(&[&[1.0, 2.0], &[2.0, 4.0], &[3.0, 6.0]]);
        assert_eq!(
            least_squares(&bad, &[1.0, 2.0, 3.0]).unwrap_err(),
            LinalgError::Singular
        );
    }

    #[test]
    fn expm_of_a_diagonal_and_a_rotation() {
        let d = m(&[&[1.0, 0.0], &[0.0, -2.0]]);
        let e = expm(&d).unwrap();
        assert!((e[(0, 0)] - 1f64.exp()).abs() < 1e-13);
        assert!((e[(1, 1)] - (-2f64).exp()).abs() < 1e-14);
        let r = m(&[&[0.0, -3.0], &[3.0, 0.0]]);
        let e = expm(&r).unwrap();
        assert!((e[(0, 0)] - 3f64.cos()).abs() < 1e-12);
        assert!((e[(1, 0)] - 3f64.sin()).abs() < 1e-12);
    }
}
