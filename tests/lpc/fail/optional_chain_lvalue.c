// expect: optional chaining is read-only
void f(mapping m) { m?.x = 1; }
