// expect: unterminated string
string f() { return "abc; }
