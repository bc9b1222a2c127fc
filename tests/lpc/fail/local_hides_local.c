// expect: Illegal to redeclare local name 'x'
void f() {
    int x;
    {
        int x;
    }
}
