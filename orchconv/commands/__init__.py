"""The bodies of the commands orchconv/cli.py lists; each loads only when its command runs."""
