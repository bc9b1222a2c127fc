// quit: save and leave.
string help() {
    return "quit  - save your character and leave the game.\n";
}

int main(object me, string args) {
    me->quit();
    return 1;
}
