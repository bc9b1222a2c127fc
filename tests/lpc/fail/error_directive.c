// expect: this file refuses to compile
#error this file refuses to compile
