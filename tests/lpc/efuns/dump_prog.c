// dump_prog: a program's layout, bytecode (flag 1) and lines (flag 2).
#include <tests.h>

#define FILE "/tmp/dump_prog.txt"

inherit "/fixtures/objects/inh_a";

int counter;
private int helper(int x) { return x + 1; }
int visible() { return helper(counter); }

void test_dump() {
    string text;
    dump_prog(this_object(), 0, FILE);
    text = read_file(FILE);
    ASSERT(strsrch(text, "PROGRAM: /efuns/dump_prog.c\n") == 0);
    ASSERT(strsrch(text, "  /fixtures/objects/inh_a.c (as inh_a") > 0);
    ASSERT(strsrch(text, " counter ") > 0);
    ASSERT(regexp(text, " helper \\(1 params, [0-9]+ locals, [0-9]+ ops\\) from /efuns/dump_prog.c private"));
    // No code or lines without the flags.
    ASSERT(strsrch(text, "Return") < 0);
    ASSERT(strsrch(text, "pc ") < 0);

    dump_prog(this_object(), 1 | 2, FILE);
    text = read_file(FILE);
    ASSERT(strsrch(text, "Return") > 0);
    ASSERT(regexp(text, "pc +[0-9]+ -> /efuns/dump_prog.c:9"));
    rm(FILE);

    // Refusals: a path outside the mudlib, no object.
    ASSERT(catch(dump_prog(this_object(), 0, "/../outside")));
    ASSERT(catch(dump_prog(0)));
}

void do_tests() {
    test_dump();
}
