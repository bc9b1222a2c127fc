// expect: Cannot break out of catch { } or time_expression { }
void f() { while (1) { catch { break; }; } }
