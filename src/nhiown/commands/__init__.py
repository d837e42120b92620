"""One module per subcommand; each turns its options into an exit code."""
