// look, look <thing>, look at <thing>
string help() {
    return "look [at] [thing]  - describe the room, a detail of it, or someone here.\n"
        "Short forms: l, examine, exa.\n";
}

int main(object me, string args) {
    object here = environment(me);
    if (!args) {
        me->look();
        return 1;
    }
    sscanf(args, "at %s", args);
    string detail = here && here->query_item(args);
    if (detail) {
        write(detail + "\n");
        return 1;
    }
    object someone = here && present(args, here);
    if (someone && living(someone)) {
        if (someone == me) write("You look as adventurous as ever.\n");
        else if (someone->query_linkdead()) write(someone->query_cap_name() + " is here, fast asleep.\n");
        else write(someone->query_cap_name() + " is here, looking about.\n");
        return 1;
    }
    return notify_fail("You see no " + args + " here.\n");
}
