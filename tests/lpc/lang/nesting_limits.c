// Deep expressions: parsing and code generation recurse once per level, so
// absurd nesting is a clean compile error (as in FluffOS) and never a stack
// overflow; ordinary depths and long operator chains still compile.
#include <tests.h>

#define DIR "/tmp/nesting_limits"

// Compiles `src` as a fresh object; returns it, or the error text.
mixed build(string name, string src) {
    string path = DIR + "/" + name + ".c";
    object old = find_object(path);
    if (old) destruct(old);
    write_file(path, src, 1);
    mixed err = catch(load_object(path));
    return err ? err : find_object(path);
}

void do_tests() {
    mkdir(DIR);
    mixed ob;

    // 40 nested parentheses and a 3000-term sum are fine.
    ob = build("parens", "int f() { return " + repeat_string("(", 40) + "7" + repeat_string(")", 40) + "; }");
    ASSERT(objectp(ob));
    ASSERT_EQ(7, ob->f());
    ob = build("chain", "int x = 1; int f() { return x" + repeat_string("+x", 2999) + "; }");
    ASSERT(objectp(ob));
    ASSERT_EQ(3000, ob->f());

    // Far past the limits: errors, not crashes.
    ob = build("deep_parens", "int f() { return " + repeat_string("(", 5000) + "1" + repeat_string(")", 5000) + "; }");
    ASSERT(stringp(ob));
    ob = build("deep_ternary", "int f() { return " + repeat_string("1?2:", 5000) + "3; }");
    ASSERT(stringp(ob));
    ob = build("deep_unary", "int f() { return " + repeat_string("!", 5000) + "1; }");
    ASSERT(stringp(ob));
    ob = build("long_chain", "int x; int f() { return x" + repeat_string("+x", 20000) + "; }");
    ASSERT(stringp(ob));

    foreach (string f in get_dir(DIR + "/")) rm(DIR + "/" + f);
    rmdir(DIR);
}
