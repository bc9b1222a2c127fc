// expect: Undefined variable 'secret'
inherit "/fixtures/base";
int peek() { return secret; }
