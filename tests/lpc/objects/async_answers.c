// A promise is no answer to the driver's yes/no questions: an async id()
// matches nothing, whatever it would have decided.
#include <tests.h>

void do_tests() {
    object lamp = new("/fixtures/objects/async_id");
    lamp->move(this_object());
    ASSERT_EQ(0, present("lamp", this_object()));
    ASSERT_EQ(0, present("anything", this_object()));
    // Looking from inside: the environment's id() is asked too.
    ASSERT_EQ(0, present("lamp", lamp));
    destruct(lamp);
}
