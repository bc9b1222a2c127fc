// expect: Duplicate case label 3
int f(int x) { switch (x) { case 3: return 1; case 3: return 2; } return 0; }
