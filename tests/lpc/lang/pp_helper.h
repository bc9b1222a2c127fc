// Included (twice) by preprocessor.c. __FILE__, __DIR__ and __LINE__ used
// here directly name this header, not the file including it.
#ifndef PP_HELPER_H
#define PP_HELPER_H

#define HELPER_VALUE 99
#define HELPER_SQUARE(x) ((x) * (x))

string helper_file() { return __FILE__; }
int helper_line() { return __LINE__; }
string helper_dir() { return __DIR__; }

#endif
