// expect: 'acatch' is only allowed directly inside an async function body
int f() {
    return acatch(1);
}
