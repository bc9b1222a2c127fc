// Values and their semantics: ints, floats, strings, buffers, arrays,
// mappings, classes, functions, objects, undefined.
#include <tests.h>

class point { int x; int y; }

void do_tests() {
    // 64-bit ints with wrapping arithmetic
    ASSERT_EQ(9223372036854775807, MAX_INT);
    ASSERT_EQ(-9223372036854775807 - 1, MAX_INT + 1);
    ASSERT_EQ(4294967296, 65536 * 65536);
    ASSERT_EQ(-7 / 2, -3);
    ASSERT_EQ(-7 % 2, -1);

    // floats
    ASSERT_EQ(2.5, 5.0 / 2);
    ASSERT(floatp(1.0 + 1));
    ASSERT_EQ(1, 1 == 1.0);

    // strings count characters, not bytes
    string s = "héllo wörld";
    ASSERT_EQ(11, sizeof(s));
    ASSERT_EQ(11, strlen(s));
    ASSERT_EQ('é', s[1]);
    ASSERT_EQ("wörld", s[6..]);
    ASSERT_EQ('d', s[<1]);
    string t = s;
    t[0] = 'H';
    ASSERT_EQ("Héllo wörld", t);
    ASSERT_EQ("héllo wörld", s);

    // arrays and mappings are shared by reference
    int *a = ({ 1, 2, 3 });
    int *b = a;
    b[0] = 100;
    ASSERT_EQ(100, a[0]);
    mapping m = ([ "k": 1 ]);
    mapping n = m;
    n["j"] = 2;
    ASSERT_EQ(2, m["j"]);
    // ...but += makes a new array
    b += ({ 4 });
    ASSERT_EQ(3, sizeof(a));
    ASSERT_EQ(4, sizeof(b));

    // classes are references too
    class point p = new(class point, x: 1, y: 2);
    class point q = p;
    q->x = 10;
    ASSERT_EQ(10, p->x);
    ASSERT_EQ(2, p.y);
    p.y = 5;
    ASSERT_EQ(5, q->y);
    ASSERT(classp(p));

    // buffers
    buffer buf = allocate_buffer(3);
    buf[0] = 65;
    ASSERT_EQ(3, sizeof(buf));
    ASSERT_EQ(65, buf[0]);
    ASSERT(bufferp(buf));

    // undefined vs 0
    mapping mm = ([ ]);
    ASSERT(undefinedp(mm["missing"]));
    ASSERT(!undefinedp(0));
    ASSERT_EQ(0, mm["missing"]);
    mixed u = mm["missing"];
    ASSERT(undefinedp(u));
    ASSERT(undefinedp(this_object()->no_such_function()));

    // objects read as 0 once destructed
    object ob = new("/fixtures/simple");
    object alias = ob;
    ASSERT(objectp(alias));
    destruct(ob);
    ASSERT(!objectp(alias));
    ASSERT_EQ(0, alias);

    // typeof
    ASSERT_EQ("int", typeof(1));
    ASSERT_EQ("float", typeof(1.5));
    ASSERT_EQ("string", typeof("x"));
    ASSERT_EQ("array", typeof(({})));
    ASSERT_EQ("mapping", typeof(([])));
    ASSERT_EQ("object", typeof(this_object()));
    ASSERT_EQ("function", typeof((: 1 :)));
    ASSERT_EQ("class", typeof(p));
    ASSERT_EQ("buffer", typeof(buf));

    // truthiness
    ASSERT(!0);
    ASSERT(!!"");
    ASSERT(({}) ? 1 : 0);
    ASSERT(0.0 ? 0 : 1);
}
