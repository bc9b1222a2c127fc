// Class members not set by new() start undefined (FluffOS), floats too.
#include <tests.h>

class rec { int n; float f; string s; mixed *list; }

void do_tests() {
    class rec r = new(class rec, s: "x");
    ASSERT(undefinedp(r->n));
    ASSERT(undefinedp(r->f));
    ASSERT(undefinedp(r->list));
    ASSERT_EQ("x", r->s);
    r->n++;
    ASSERT_EQ(1, r->n);
}
