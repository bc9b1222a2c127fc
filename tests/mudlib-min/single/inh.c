// Inherited by the speed command.
void ifun() { }
