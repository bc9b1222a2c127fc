// expect: #pragma strict_types requires the return type of function 'untyped'
#pragma strict_types
untyped() { return 1; }
