"""Progress lines of the demo build, on the console that runs `bench execute`."""

import click


def say(message: str):
	click.echo(message)
