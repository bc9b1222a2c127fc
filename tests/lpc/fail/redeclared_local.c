// expect: Illegal to redeclare local name 'a'
void f() { int a; int a; }
