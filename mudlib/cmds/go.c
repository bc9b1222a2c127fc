// go <direction>: the long form of typing the exit's name.
string help() {
    return "go <direction>  - walk through an exit. Typing the exit (north, n) works too.\n";
}

int main(object me, string args) {
    if (!args) return notify_fail("Go where?\n");
    object here = environment(me);
    string direction = here && here->resolve_direction(args);
    if (!direction) return notify_fail("You can't go " + args + " from here.\n");
    return me->go(direction);
}
