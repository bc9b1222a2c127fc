// expect: break statement outside loop
void f() { break; }
