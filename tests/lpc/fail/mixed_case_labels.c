// expect: Mixed case label list not allowed
int f(mixed x) { switch (x) { case 1: return 1; case "a": return 2; } return 0; }
