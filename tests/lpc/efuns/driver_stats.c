// query_host_name, query_load_average, rusage, mud_status, memory_summary,
// program_info, debug_info, refs, reclaim_objects.
#include <tests.h>

void test_system() {
    ASSERT(stringp(query_host_name()) && strlen(query_host_name()) > 0);
    ASSERT(regexp(query_load_average(), "^[0-9]+\\.[0-9][0-9] cmds/s, [0-9]+\\.[0-9][0-9] comp lines/s$"));
    mapping r = rusage();
    foreach (string k in ({ "utime", "stime", "maxrss", "minflt", "majflt", "inblock", "oublock", "nvcsw", "nivcsw" })) {
        ASSERT2(intp(r[k]), k);
    }
    ASSERT(r["utime"] + r["stime"] > 0);
    ASSERT(r["maxrss"] > 0);
}

void test_mud_status() {
    string s = mud_status();
    ASSERT(strsrch(s, "Objects:") == 0 || strsrch(s, "Sentences:") == 0);
    ASSERT(regexp(s, "\nObjects:\t+ *[0-9]+ +[0-9]+\n"));
    ASSERT(regexp(s, "\nTotal:\t+ *[0-9]+\n$"));
    ASSERT(strsrch(mud_status(1), "current working directory: ") == 0);
}

mapping big = ([ "k" : allocate(100) ]);

void test_memory_summary() {
    mapping m = memory_summary();
    string me = file_name(this_object())[1..] + ".c";
    ASSERT(mapp(m[me]));
    ASSERT(m[me]["big"] > 100 * 16);
    ASSERT(!undefinedp(m[me]["__failures"]));
}

void test_program_info() {
    mapping one = program_info(this_object());
    foreach (string k in ({ "header size", "code size", "function size", "var size", "class size",
                            "inherit size", "saved type size" })) {
        ASSERT2(intp(one[k]) && one[k] >= 0, k);
    }
    ASSERT_EQ(one["header size"] + one["code size"] + one["function size"] + one["var size"]
              + one["class size"] + one["inherit size"] + one["saved type size"], one["total size"]);
    ASSERT(one["code size"] > 0);
    mapping all = program_info();
    ASSERT(all["total size"] >= one["total size"]);
}

void test_debug_info() {
    object ob = load_object("/fixtures/introspection/child");
    string flags = debug_info(0, ob);
    ASSERT(strsrch(flags, "O_HEART_BEAT      : FALSE\n") == 0);
    ASSERT(strsrch(flags, "O_CLONE           : FALSE\n") > 0);
    ASSERT(strsrch(flags, "name        : '/fixtures/introspection/child'\n") > 0);
    ASSERT(strsrch(debug_info(0, new("/fixtures/introspection/plain")), "O_CLONE           : TRUE\n") > 0);
    string prog = debug_info(1, ob);
    ASSERT(strsrch(prog, "Name /fixtures/introspection/child.c\n") > 0);
    ASSERT(strsrch(prog, "num inherits 1 (") > 0);
    ASSERT_EQ("base_var: 3\nsecret: 7\ncounter: 0\ntable: ([ ])\n", debug_info(2, ob));
    ASSERT(catch(debug_info(3, ob)));
    ASSERT(catch(debug_info(0, 0)));
}

void test_refs() {
    mixed *a = ({ 1 });
    ASSERT_EQ(1, refs(a));
    mixed *b = a;
    ASSERT_EQ(2, refs(a));
    b = 0;
    ASSERT_EQ(1, refs(a));
    ASSERT_EQ(0, refs(({ 2 })));
    mapping m = ([]);
    ASSERT_EQ(1, refs(m));
    ASSERT_EQ(0, refs(5));
    object h = new("/fixtures/introspection/holder");
    int before = refs(h);
    h->keep(h);
    ASSERT_EQ(before + 3, refs(h));
}

void test_reclaim_objects() {
    object h = new("/fixtures/introspection/holder");
    object doomed = new("/fixtures/introspection/plain");
    h->keep(doomed);
    destruct(doomed);
    ASSERT(reclaim_objects() >= 3);
    ASSERT_EQ(({ 0 }), h->query_list());
    ASSERT_EQ(0, sizeof(h->query_map()));
    ASSERT_EQ(0, reclaim_objects());
}

void do_tests() {
    test_system();
    test_mud_status();
    test_memory_summary();
    test_program_info();
    test_debug_info();
    test_refs();
    test_reclaim_objects();
}
