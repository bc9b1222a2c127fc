// Template strings: each ${} part goes through __template_part().
#include <tests.h>

void do_tests() {
    string name = "Alice";
    int count = 42;
    float price = 3.25;
    ASSERT_EQ("Hello, Alice!", `Hello, ${name}!`);
    ASSERT_EQ("You have 42 items.", `You have ${count} items.`);
    ASSERT_EQ("Price: 3.25", `Price: ${price}`);
    ASSERT_EQ("1e+20", `${100000000.0 * 1000000000000.0}`);
    ASSERT_EQ("({ /* sizeof() == 1 */\n  1\n})", `${({ 1 })}`);
    ASSERT_EQ("Alice", __template_part(name));
    ASSERT_EQ("0", __template_part(0));
    ASSERT_EQ("2.5", __template_part(2.5));

    // Adjacent literals join like plain strings, in any mix and across
    // lines; `(f)(x)` style calls are not affected.
    string joined = `a${count}`
        `b`;
    ASSERT_EQ("a42b", joined);
    ASSERT_EQ("x42y", `x` `${count}` "y");
    ASSERT_EQ("pre Alice post", "pre " `${name}` " post");
    ASSERT_EQ("one two", "one" " " `two`);
    function f = (: $1 * 2 :);
    ASSERT_EQ(8, (f)(4));
}
