// Indexing a local variable with a literal or a variable key (compiled to
// in-place index instructions): every container type and the errors.
#include <tests.h>

class pair { int left; string right; }

void do_tests() {
    mixed *a = ({ 10, 20, 30 });
    mapping m = ([ "k": "v", 3: "three" ]);
    string s = "héllo";
    buffer b = allocate_buffer(2);
    class pair p = new(class pair, left: 1, right: "r");
    mixed nothing;
    int i = 2;
    string key = "k";

    ASSERT_EQ(10, a[0]);
    ASSERT_EQ(30, a[i]);
    ASSERT_EQ("v", m["k"]);
    ASSERT_EQ("v", m[key]);
    ASSERT_EQ("three", m[3]);
    ASSERT(undefinedp(m["missing"]));
    ASSERT_EQ('h', s[0]);
    ASSERT_EQ('é', s[1]);
    b[1] = 7;
    ASSERT_EQ(7, b[1]);
    ASSERT_EQ(1, p[0]);
    ASSERT_EQ("r", p[1]);

    ASSERT_EQ("*Array index out of bounds.\n", catch(a[3]));
    i = 5;
    ASSERT_EQ("*Array index out of bounds.\n", catch(a[i]));
    ASSERT_EQ("*String index out of bounds.\n", catch(s[9]));
    ASSERT(catch(a["x"]));
    ASSERT(catch(nothing[0]));
    // A destructed object read from a container reads as 0.
    a[1] = new("/fixtures/simple");
    destruct(a[1]);
    ASSERT_EQ(0, a[1]);
}
