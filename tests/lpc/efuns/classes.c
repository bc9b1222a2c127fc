// classes, num_classes, fetch_class_member, store_class_member,
// assemble_class, disassemble_class.
#include <tests.h>

class pair { int left; string right; }

void test_program_classes() {
    object ob = load_object("/fixtures/introspection/child");
    ASSERT_EQ(2, num_classes(ob));
    ASSERT_EQ(({ "point", "empty" }), classes(ob));
    ASSERT_EQ(({ ({ "point", ({ "x", "int" }), ({ "names", "string *" }) }), ({ "empty" }) }), classes(ob, 1));
    ASSERT_EQ(1, num_classes(this_object()));
    ASSERT(catch(num_classes(0)));
}

void test_members() {
    class pair p = new(class pair, left: 1, right: "r");
    ASSERT_EQ(1, fetch_class_member(p, 0));
    ASSERT_EQ("r", fetch_class_member(p, 1));
    mixed same = store_class_member(p, 1, "changed");
    ASSERT(same == p);
    ASSERT_EQ("changed", p->right);
    ASSERT_EQ(({ 1, "changed" }), disassemble_class(p));
    ASSERT_EQ("*Class index out of bounds.\n", catch(fetch_class_member(p, 2)));
    ASSERT(catch(fetch_class_member(p, -1)));
    ASSERT(catch(store_class_member(p, 5, 0)));
    ASSERT_EQ("*Argument to fetch_class_member() not a class.\n", catch(fetch_class_member(({ 1 }), 0)));
    ASSERT(catch(disassemble_class(({ 1, 2 }))));
}

void test_assemble() {
    mixed *parts = ({ 1, "two", ({ 3 }) });
    mixed c = assemble_class(parts);
    ASSERT(classp(c));
    ASSERT_EQ(parts, disassemble_class(c));
    // A copy: changing the class leaves the array alone.
    store_class_member(c, 0, 9);
    ASSERT_EQ(1, parts[0]);
    class pair p = assemble_class(({ 4, "four" }));
    ASSERT_EQ(4, p->left);
    ASSERT_EQ("four", p->right);
    ASSERT(catch(assemble_class(1)));
}

void do_tests() {
    test_program_classes();
    test_members();
    test_assemble();
}
