/* Test plugin: a shared library that is not a simarena controller. */
__attribute__((visibility("default"))) int not_a_controller(void) { return 42; }
