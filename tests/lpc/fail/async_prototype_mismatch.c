// expect: Declarations of f() disagree about async
int f();
async int f() { return 1; }
