// Recursive fib(27): calls and integer arithmetic.
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main() { return fib(27) == 196418 ? 0 : 1; }
