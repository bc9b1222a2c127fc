// expect: variable 'count' cannot be async
async int count;
