// Array set operators see a destructed object as 0: `arr - ({ 0 })` is the
// idiom for dropping dead objects from a list.
#include <tests.h>

void do_tests() {
    object a = new("/fixtures/simple"), b = new("/fixtures/simple");
    object *list = ({ a, b, a });
    destruct(a);
    ASSERT_EQ(({ b }), list - ({ 0 }));
    list -= ({ 0 });
    ASSERT_EQ(({ b }), list);
    ASSERT_EQ(({ 0 }), ({ 0, b }) & ({ 0 }));
    object c = new("/fixtures/simple");
    object *more = ({ c, b });
    destruct(c);
    ASSERT_EQ(({ 0 }), more & ({ 0 }));
    ASSERT_EQ(({ b }), more - ({ 0 }));
    destruct(b);
}
