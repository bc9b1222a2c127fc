// A connection whose owner is destructed closes without callbacks.
#include <network.h>

object keeper;

int main() {
    keeper = new(__DIR__ "keeper");
    write("PORT " + keeper->start() + "\n");
    return 0;
}

void kill_keeper() { destruct(keeper); write("destructed\n"); }
