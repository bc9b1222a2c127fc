// expect: base_value() must agree with the inherited function it overrides about async
inherit "/fixtures/async/base";
int base_value() { return 1; }
