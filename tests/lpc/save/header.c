// The first line of a save names the program: "#" + its file, whether
// that is a .c or a .lpc source, and without a clone number.
#include <tests.h>

int v = 2;

string saved() { return save_object(0); }

void do_tests() {
    object lpc = load_object("/fixtures/save/lpc_source");
    object clone = new(__FILE__);
    ASSERT_EQ("/fixtures/save/lpc_source.lpc", lpc->source());
    ASSERT_EQ("#/fixtures/save/lpc_source.lpc\nv 1\n", lpc->saved());
    ASSERT_EQ("#" + __FILE__ + "\nv 2\n", save_object(0));
    ASSERT_EQ("#" + __FILE__ + "\nv 2\n", clone->saved());
    destruct(clone);
}
