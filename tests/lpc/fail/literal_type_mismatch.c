// expect: Type mismatch
int x = "text";
