// eval <lpc>: runs LPC code and shows the result.
//
// The code goes into a throwaway file under /tmp/, which is compiled,
// called and removed. An expression is returned as it is ("eval 1 + 2");
// code with a ';' is used as a function body ("eval int x = 2; return x * x;").
// `me` (you) and `here` (your room) are in scope. The throwaway object is
// trusted by the master, which is why only admins get this command.
#include <mudlib.h>

private int serial;

string help() {
    return "eval <lpc>  - run LPC code: 'eval 1 + 2', 'eval return users();'. me and here are defined.\n";
}

string source_for(string code) {
    string body = strsrch(code, ";") >= 0 ? code : "return (" + code + ");";
    return "#include <mudlib.h>\n"
        "mixed eval(object me, object here) {\n" + body + "\n}\n";
}

// Returns ({ error or 0, result }).
mixed *evaluate(object me, string code) {
    if (!adminp(me)) return ({ "only admins may eval\n", 0 });
    string file = sprintf("/tmp/eval_%s_%d_%d", me->query_name(), time(), ++serial);
    write_file(file + ".c", source_for(code), 1);
    object ob;
    mixed result;
    string err = catch(ob = load_object(file));
    if (!err) err = catch(result = ob->eval(me, environment(me)));
    if (ob) destruct(ob);
    rm(file + ".c");
    return ({ err, result });
}

int main(object me, string code) {
    if (!adminp(me)) return 0;
    if (!code) return notify_fail("Eval what?\n");
    mixed *outcome = evaluate(me, code);
    if (outcome[0]) write("Error: " + outcome[0]);
    else write(sprintf("Result: %O\n", outcome[1]));
    return 1;
}
