// The command daemon and the command files.
#include <mudlib.h>
#include <tests.h>

void do_tests() {
    ASSERT_EQ(({ "look", 0 }), COMMAND_D->resolve("l", 0));
    ASSERT_EQ(({ "look", "anvil" }), COMMAND_D->resolve("exa", "anvil"));
    ASSERT_EQ(({ "say", "hello there" }), COMMAND_D->resolve("'hello", "there"));
    ASSERT_EQ(({ "say", "hi" }), COMMAND_D->resolve("'", "hi"));
    ASSERT_EQ(({ "say", 0 }), COMMAND_D->resolve("'", 0));
    ASSERT_EQ(({ "dance", 0 }), COMMAND_D->resolve("dance", 0));

    ASSERT(COMMAND_D->find_command("look", 0));
    ASSERT_EQ(0, COMMAND_D->find_command("dance", 0));
    // Admin commands exist only for admins.
    ASSERT_EQ(0, COMMAND_D->find_command("eval", 0));
    ASSERT(COMMAND_D->find_command("eval", 1));
    // A verb is a word, never a path.
    ASSERT_EQ(0, COMMAND_D->find_command("../secure/master", 1));
    ASSERT_EQ(0, COMMAND_D->find_command("admin/eval", 0));

    // Every command explains itself in its first help line.
    mapping all = COMMAND_D->commands_for(1);
    string *expected = ({ "look", "go", "say", "tell", "who", "emote", "help", "quit", "password", "eval" });
    foreach (string verb in expected) {
        ASSERT(all[verb]);
        ASSERT(all[verb] && strsrch(all[verb]->help(), verb) == 0);
    }
    ASSERT_EQ(0, COMMAND_D->commands_for(0)["eval"]);

    // eval: an expression is returned, statements are a function body.
    object eval = COMMAND_D->find_command("eval", 1);
    ASSERT(strsrch(eval->source_for("1 + 2"), "return (1 + 2);") >= 0);
    ASSERT(strsrch(eval->source_for("int x = 2; return x;"), "\nint x = 2; return x;\n") >= 0);
}
