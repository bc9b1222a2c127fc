// expect: 'await' is only allowed directly inside an async function body
int f() {
    return await 1;
}
