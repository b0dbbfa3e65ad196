"""Reading source files and writing outputs, shared by every format."""
