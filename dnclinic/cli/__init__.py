"""The command line: a second front end over the same services as the GUI.

Each sub-command lives in its own module that exposes ``register(subparsers)``; the module adds
its parser and sets ``handler`` (a callable taking the parsed namespace and returning an exit
code) with ``parser.set_defaults(handler=...)``.
"""
