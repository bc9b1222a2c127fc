// expect: Bad argument 1 to efun promise_status(): a promise is expected
void f() {
    promise_status("not a promise");
}
