// expect: Undefined class 'missing'
// Declaring a variable of a class nobody defined is an error even unused.
class missing holder;
