"""`python -m orchconv`: the same as the `orchconv` command."""

from orchconv.launch import run

run()
