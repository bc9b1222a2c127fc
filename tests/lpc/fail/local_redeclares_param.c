// expect: Illegal to redeclare local name 'x'
void foo(int x) { int x; }
