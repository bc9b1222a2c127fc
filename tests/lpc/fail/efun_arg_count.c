// expect: Too many arguments to 'strlen'
int f() { return strlen("a", "b"); }
