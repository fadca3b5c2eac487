"""The command line's commands by subject; bot/cli.py names them, registers them and runs them."""
