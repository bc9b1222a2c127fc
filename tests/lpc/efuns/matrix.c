// The matrix package: 4x4 float matrices, row-major, row vectors (the
// translation is in elements 12..14). Every efun but id_matrix writes its
// result into the matrix it was given and returns that same array.
#include <tests.h>

#define ID ({ 1.0, 0.0, 0.0, 0.0,  0.0, 1.0, 0.0, 0.0,  0.0, 0.0, 1.0, 0.0,  0.0, 0.0, 0.0, 1.0 })

int near(float a, float b) { return a - b < 0.000001 && b - a < 0.000001; }

int same_matrix(float *a, float *b) {
    if (sizeof(a) != 16 || sizeof(b) != 16) return 0;
    for (int i = 0; i < 16; i++) {
        if (!near(a[i], b[i])) return 0;
    }
    return 1;
}

// A point (x, y, z) through a matrix: ({ x, y, z, 1 }) * m.
float *apply(float *m, float x, float y, float z) {
    return ({ x * m[0] + y * m[4] + z * m[8] + m[12],
              x * m[1] + y * m[5] + z * m[9] + m[13],
              x * m[2] + y * m[6] + z * m[10] + m[14] });
}

int same_point(float *a, float *b) {
    return near(a[0], b[0]) && near(a[1], b[1]) && near(a[2], b[2]);
}

void test_identity() {
    ASSERT_EQ(ID, id_matrix());
    // A new array each time.
    float *a = id_matrix();
    a[0] = 5.0;
    ASSERT_EQ(1.0, id_matrix()[0]);
}

void test_translate_and_scale_work_in_place() {
    float *m = id_matrix();
    float *r = translate(m, 1.0, 2.0, 3.0);
    ASSERT(r == m);
    ASSERT_EQ(({ 1.0, 0.0, 0.0, 0.0,  0.0, 1.0, 0.0, 0.0,  0.0, 0.0, 1.0, 0.0,  1.0, 2.0, 3.0, 1.0 }), m);
    ASSERT(same_point(({ 11.0, 22.0, 33.0 }), apply(m, 10.0, 20.0, 30.0)));

    // m * S: the translation row is scaled too (translate, then scale).
    scale(m, 2.0, 3.0, 4.0);
    ASSERT_EQ(({ 2.0, 0.0, 0.0, 0.0,  0.0, 3.0, 0.0, 0.0,  0.0, 0.0, 4.0, 0.0,  2.0, 6.0, 12.0, 1.0 }), m);
    ASSERT(same_point(({ 4.0, 9.0, 16.0 }), apply(m, 1.0, 1.0, 1.0)));

    // Scale first, then translate: the translation is not scaled.
    float *n = translate(scale(id_matrix(), 2.0, 2.0, 2.0), 1.0, 0.0, 0.0);
    ASSERT(same_point(({ 3.0, 2.0, 2.0 }), apply(n, 1.0, 1.0, 1.0)));
}

void test_rotations_take_radians() {
    float quarter = 3.14159265358979 / 2;
    ASSERT(same_point(({ 0.0, 1.0, 0.0 }), apply(rotate_z(id_matrix(), quarter), 1.0, 0.0, 0.0)));
    ASSERT(same_point(({ 0.0, 0.0, 1.0 }), apply(rotate_x(id_matrix(), quarter), 0.0, 1.0, 0.0)));
    ASSERT(same_point(({ 1.0, 0.0, 0.0 }), apply(rotate_y(id_matrix(), quarter), 0.0, 0.0, 1.0)));
    float *m = rotate_z(id_matrix(), quarter);
    ASSERT(same_matrix(({ 0.0, 1.0, 0.0, 0.0,  -1.0, 0.0, 0.0, 0.0,  0.0, 0.0, 1.0, 0.0,  0.0, 0.0, 0.0, 1.0 }), m));
    // A full turn is the identity again.
    ASSERT(same_matrix(ID, rotate_x(id_matrix(), 2 * 3.14159265358979)));
    // Rotate, then move: the rotation acts first.
    m = translate(rotate_z(id_matrix(), quarter), 5.0, 0.0, 0.0);
    ASSERT(same_point(({ 5.0, 1.0, 0.0 }), apply(m, 1.0, 0.0, 0.0)));
}

void test_lookat() {
    // The eye is the matrix's position; the target ends up on +z.
    float *m = translate(id_matrix(), 1.0, 2.0, 3.0);
    ASSERT(lookat_rotate(m, 4.0, 6.0, 3.0) == m);
    ASSERT(same_point(({ 0.0, 0.0, 0.0 }), apply(m, 1.0, 2.0, 3.0)));
    ASSERT(same_point(({ 0.0, 0.0, 5.0 }), apply(m, 4.0, 6.0, 3.0)));
    // Up stays up when looking level.
    m = lookat_rotate(id_matrix(), 0.0, 0.0, 10.0);
    ASSERT(same_matrix(ID, m));
    m = lookat_rotate2(id_matrix(), 1.0, 2.0, 3.0, 4.0, 6.0, 3.0);
    ASSERT(same_point(({ 0.0, 0.0, 0.0 }), apply(m, 1.0, 2.0, 3.0)));
    ASSERT(same_point(({ 0.0, 0.0, 5.0 }), apply(m, 4.0, 6.0, 3.0)));
    // Straight down still gives a rotation.
    m = lookat_rotate2(id_matrix(), 0.0, 5.0, 0.0, 0.0, 0.0, 0.0);
    ASSERT(same_point(({ 0.0, 0.0, 5.0 }), apply(m, 0.0, 0.0, 0.0)));
}

void test_bad_matrices() {
    mixed bad = ({ 1.0, 2.0 });
    ASSERT_EQ("*Bad argument 1 to translate()\n", catch(translate(bad, 1.0, 1.0, 1.0)));
    bad = id_matrix();
    bad[3] = 1;
    ASSERT_EQ("*Bad argument 1 to rotate_x()\n", catch(rotate_x(bad, 1.0)));
    ASSERT_EQ("*Bad argument 1 to lookat_rotate2()\n",
              catch(lookat_rotate2(({ }), 0.0, 0.0, 0.0, 1.0, 1.0, 1.0)));
    // A refused matrix is left as it was.
    ASSERT_EQ(1, bad[3]);
    mixed f = 1;
    ASSERT(catch(scale(id_matrix(), f, 1.0, 1.0)));
}

void do_tests() {
    test_identity();
    test_translate_and_scale_work_in_place();
    test_rotations_take_radians();
    test_lookat();
    test_bad_matrices();
}
