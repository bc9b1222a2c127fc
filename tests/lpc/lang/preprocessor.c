// The preprocessor: macros, conditionals, stringizing, pasting, the
// built-ins __FILE__/__LINE__/__DIR__, and #include.
#include <tests.h>
#include "pp_helper.h"
// The include guard makes a second inclusion harmless.
#include "pp_helper.h"

#define ANSWER 42
#define TWICE(x) ((x) * 2)
#define ADD(a, b) ((a) + (b))
#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a ## b
#define EMPTY
#define SELF SELF
#define LIST(...) ({ __VA_ARGS__ })
#define FIRST(a, ...) a
#define MULTI_LINE(a, \
                   b) ((a) - (b))
#define COMMENTED 5 /* a comment */ // and another
#define X 1+1
#define HEADER "pp_helper.h"

#if ANSWER > 40 && defined(TWICE) && !defined(NOT_DEFINED)
#define IF_OK 1
#else
#define IF_OK 0
#endif

#ifdef NOT_DEFINED
this is not LPC at all ' " @ and is skipped
#elif (1 << 64) == 1 && -7 / 2 == -3 && 7 % -3 == 1 && 'a' == 97
#define ELIF_OK 1
#else
#define ELIF_OK 0
#endif

#ifndef ANSWER
#define ANSWER_MISSING 1
#endif

// A macro-expanded include name (guarded, so it adds nothing).
#include HEADER

int CAT(pasted, _name)() { return 7; }

void do_tests() {
    ASSERT_EQ(42, ANSWER);
    ASSERT_EQ(10, TWICE(5));
    ASSERT_EQ(14, TWICE(ADD(3, 4)));
    ASSERT_EQ(3, MULTI_LINE(5,
                            2));
    ASSERT_EQ(({ 1, 2, 3 }), LIST(1, 2, 3));
    ASSERT_EQ(({ }), LIST());
    ASSERT_EQ(1, FIRST(1, 2, 3));
    ASSERT_EQ(5, COMMENTED);
    ASSERT_EQ(6, EMPTY 6 EMPTY);
    // Commas inside ({ }), ([ ]) and ( ) do not split arguments.
    ASSERT_EQ(({ 1, 2 }), FIRST(({ 1, 2 }), 3));
    ASSERT_EQ(2, sizeof(FIRST(([ "a": 1, "b": 2 ]))));
    ASSERT_EQ(8, ADD(sizeof(({ 1, 4, 6 })), 5));

    // Stringizing shows the argument as written; through another macro,
    // its expansion.
    ASSERT_EQ("a + b", STR(a + b));
    ASSERT_EQ("ANSWER", STR(ANSWER));
    ASSERT_EQ("42", XSTR(ANSWER));
    ASSERT_EQ("\"quoted\"", STR("quoted"));

    // Pasting makes new tokens.
    ASSERT_EQ(7, pasted_name());
    ASSERT_EQ(12, CAT(1, 2));

    // A self-referencing macro stops; a function-like macro's name
    // without '(' is an ordinary name.
    int SELF = 3;
    ASSERT_EQ(3, SELF);
    int TWICE = 4;
    ASSERT_EQ(4, TWICE);

    // Conditionals.
    ASSERT_EQ(1, IF_OK);
    ASSERT_EQ(1, ELIF_OK);
#ifdef ANSWER_MISSING
    ASSERT2(0, "#ifndef of a defined macro was taken");
#endif
#if X*2 == 3
    ASSERT(1);
#else
    ASSERT2(0, "macros in #if expand to tokens (1+1*2 is 3)");
#endif

    // Built-ins.
    ASSERT_EQ(__DIR__ + "preprocessor.c", __FILE__);
    ASSERT_EQ('/', __DIR__[0]);
    ASSERT_EQ('/', __DIR__[strlen(__DIR__) - 1]);
    int line = __LINE__;
    ASSERT_EQ(line + 1, __LINE__);
    ASSERT_EQ("" + __LINE__, XSTR(__LINE__));

    // From the header.
    ASSERT_EQ(__DIR__ + "pp_helper.h", helper_file());
    ASSERT_EQ(__DIR__, helper_dir());
    ASSERT_EQ(10, helper_line());
    ASSERT_EQ(99, HELPER_VALUE);
    ASSERT_EQ(9, HELPER_SQUARE(3));

#undef ANSWER
#ifdef ANSWER
    ASSERT2(0, "#undef did not remove the macro");
#endif
}
