// expect: Illegal to redefine nomask function "fixed"
inherit "/fixtures/base";
int fixed() { return 4; }
