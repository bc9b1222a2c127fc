//! FluffOS's matrix package: 4x4 transformation matrices for 3-D
//! graphics, kept as arrays of 16 floats in row-major order with the
//! row-vector convention (a point is transformed as `v * M`, so the
//! translation is in the last row, elements 12..14).
//!
//! Every efun except `id_matrix` takes the matrix as its first argument,
//! **writes the result into that same array** and returns it, as FluffOS
//! does: `translate(m, ...)` changes `m`.

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::VmResult;
use ferrum_vm::value::Array;
use ferrum_vm::{bail, efun, Value, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("float *id_matrix()", id_matrix),
    efun!("float *translate(float *, float, float, float)", translate),
    efun!("float *scale(float *, float, float, float)", scale),
    efun!("float *rotate_x(float *, float)", rotate_x),
    efun!("float *rotate_y(float *, float)", rotate_y),
    efun!("float *rotate_z(float *, float)", rotate_z),
    efun!(
        "float *lookat_rotate(float *, float, float, float)",
        lookat_rotate
    ),
    efun!(
        "float *lookat_rotate2(float *, float, float, float, float, float, float)",
        lookat_rotate2
    ),
];

type Matrix = [f64; 16];

const IDENTITY: Matrix = [
    1.0, 0.0, 0.0, 0.0, //
    0.0, 1.0, 0.0, 0.0, //
    0.0, 0.0, 1.0, 0.0, //
    0.0, 0.0, 0.0, 1.0,
];

/// `a * b`.
fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    let mut out = [0.0; 16];
    for row in 0..4 {
        for col in 0..4 {
            out[row * 4 + col] = (0..4).map(|k| a[row * 4 + k] * b[k * 4 + col]).sum();
        }
    }
    out
}

/// The matrix argument: exactly 16 floats, else "Bad argument 1".
fn matrix_arg(args: &[Value], efun: &str) -> VmResult<(Array, Matrix)> {
    let array = args::array(args, 0)?;
    let mut m = [0.0; 16];
    {
        let items = array.borrow();
        if items.len() != 16 {
            bail!("Bad argument 1 to {}()", efun);
        }
        for (slot, item) in m.iter_mut().zip(items.iter()) {
            match item {
                Value::Float(f) => *slot = *f,
                _ => bail!("Bad argument 1 to {}()", efun),
            }
        }
    }
    Ok((array, m))
}

/// Writes `m` into the caller's array and returns that array.
fn store(array: Array, m: &Matrix) -> Value {
    {
        let mut items = array.borrow_mut();
        for (item, f) in items.iter_mut().zip(m.iter()) {
            *item = Value::Float(*f);
        }
    }
    Value::Array(array)
}

/// `current * transform`, written back into the first argument.
fn apply(args: &[Value], efun: &str, transform: &Matrix) -> VmResult<Value> {
    let (array, current) = matrix_arg(args, efun)?;
    Ok(store(array, &multiply(&current, transform)))
}

/// `float *id_matrix()`: a new identity matrix.
pub fn id_matrix(_vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::array(
        IDENTITY.iter().map(|f| Value::Float(*f)).collect(),
    ))
}

/// `float *translate(float *m, float x, float y, float z)`: `m` times a
/// translation by (x, y, z).
pub fn translate(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let mut t = IDENTITY;
    t[12] = args::float(args, 1)?;
    t[13] = args::float(args, 2)?;
    t[14] = args::float(args, 3)?;
    apply(args, "translate", &t)
}

/// `float *scale(float *m, float x, float y, float z)`: `m` times a
/// scaling by (x, y, z).
pub fn scale(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let mut s = IDENTITY;
    s[0] = args::float(args, 1)?;
    s[5] = args::float(args, 2)?;
    s[10] = args::float(args, 3)?;
    apply(args, "scale", &s)
}

/// The rotation by `angle` radians about one axis (row-vector form).
fn rotation(axis: usize, angle: f64) -> Matrix {
    let (s, c) = angle.sin_cos();
    let mut r = IDENTITY;
    // The two coordinates the rotation mixes, in right-handed order.
    let (i, j) = match axis {
        0 => (1, 2),
        1 => (2, 0),
        _ => (0, 1),
    };
    r[i * 4 + i] = c;
    r[i * 4 + j] = s;
    r[j * 4 + i] = -s;
    r[j * 4 + j] = c;
    r
}

/// `float *rotate_x(float *m, float angle)`: `m` times a rotation by
/// `angle` radians about the x axis.
pub fn rotate_x(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    apply(args, "rotate_x", &rotation(0, args::float(args, 1)?))
}

/// `float *rotate_y(float *m, float angle)`.
pub fn rotate_y(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    apply(args, "rotate_y", &rotation(1, args::float(args, 1)?))
}

/// `float *rotate_z(float *m, float angle)`.
pub fn rotate_z(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    apply(args, "rotate_z", &rotation(2, args::float(args, 1)?))
}

type Vector = [f64; 3];

fn sub(a: Vector, b: Vector) -> Vector {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn dot(a: Vector, b: Vector) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn cross(a: Vector, b: Vector) -> Vector {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

/// `v` scaled to length 1; None for a zero vector.
fn normalized(v: Vector) -> Option<Vector> {
    let len = dot(v, v).sqrt();
    (len > 1e-12).then(|| [v[0] / len, v[1] / len, v[2] / len])
}

/// The viewing transform of an eye at `eye` looking at `target`: the eye
/// moves to the origin and the target onto the +z axis, with the world's
/// y axis kept as "up" as far as possible. When the eye is on the target
/// the view looks along +z; when it looks straight up or down, the world's
/// z axis serves as up instead.
fn look_at(eye: Vector, target: Vector) -> Matrix {
    let n = normalized(sub(target, eye)).unwrap_or([0.0, 0.0, 1.0]);
    let u = normalized(cross([0.0, 1.0, 0.0], n))
        .or_else(|| normalized(cross([0.0, 0.0, 1.0], n)))
        .unwrap_or([1.0, 0.0, 0.0]);
    let v = cross(n, u);
    // The columns are the new axes; the last row moves the eye home.
    let mut m = IDENTITY;
    for k in 0..3 {
        m[k * 4] = u[k];
        m[k * 4 + 1] = v[k];
        m[k * 4 + 2] = n[k];
    }
    m[12] = -dot(eye, u);
    m[13] = -dot(eye, v);
    m[14] = -dot(eye, n);
    m
}

/// `float *lookat_rotate(float *m, float x, float y, float z)`: replaces
/// `m` by the viewing transform from `m`'s position (its translation row)
/// towards the point (x, y, z).
pub fn lookat_rotate(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let target = [
        args::float(args, 1)?,
        args::float(args, 2)?,
        args::float(args, 3)?,
    ];
    let (array, current) = matrix_arg(args, "lookat_rotate")?;
    let eye = [current[12], current[13], current[14]];
    Ok(store(array, &look_at(eye, target)))
}

/// `float *lookat_rotate2(float *m, float ex, float ey, float ez, float
/// lx, float ly, float lz)`: replaces `m` by the viewing transform from
/// the eye (ex, ey, ez) towards the point (lx, ly, lz).
pub fn lookat_rotate2(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let mut p = [0.0; 6];
    for (i, slot) in p.iter_mut().enumerate() {
        *slot = args::float(args, i + 1)?;
    }
    let (array, _) = matrix_arg(args, "lookat_rotate2")?;
    Ok(store(
        array,
        &look_at([p[0], p[1], p[2]], [p[3], p[4], p[5]]),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transform(m: &Matrix, p: Vector) -> Vector {
        let mut out = [0.0; 3];
        for (col, o) in out.iter_mut().enumerate() {
            *o = p[0] * m[col] + p[1] * m[4 + col] + p[2] * m[8 + col] + m[12 + col];
        }
        out
    }

    fn close(a: Vector, b: Vector) -> bool {
        a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    #[test]
    fn rotations_are_right_handed_for_row_vectors() {
        let quarter = std::f64::consts::FRAC_PI_2;
        assert!(close(
            transform(&rotation(2, quarter), [1.0, 0.0, 0.0]),
            [0.0, 1.0, 0.0]
        ));
        assert!(close(
            transform(&rotation(0, quarter), [0.0, 1.0, 0.0]),
            [0.0, 0.0, 1.0]
        ));
        assert!(close(
            transform(&rotation(1, quarter), [0.0, 0.0, 1.0]),
            [1.0, 0.0, 0.0]
        ));
    }

    #[test]
    fn look_at_puts_the_eye_at_the_origin_and_the_target_on_plus_z() {
        let eye = [1.0, 2.0, 3.0];
        let target = [4.0, 6.0, 3.0];
        let m = look_at(eye, target);
        assert!(close(transform(&m, eye), [0.0, 0.0, 0.0]));
        assert!(close(transform(&m, target), [0.0, 0.0, 5.0]));
        // Straight up: still a rotation (no NaN).
        let up = look_at([0.0; 3], [0.0, 2.0, 0.0]);
        assert!(up.iter().all(|f| f.is_finite()));
        assert!(close(transform(&up, [0.0, 2.0, 0.0]), [0.0, 0.0, 2.0]));
    }
}
