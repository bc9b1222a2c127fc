// expect: Non-void return in void function f()
void f() { return 1; }
