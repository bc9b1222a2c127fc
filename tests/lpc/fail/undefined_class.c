// expect: Undefined class 'nothing'
mixed f() { return new(class nothing); }
