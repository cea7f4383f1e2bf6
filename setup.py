"""Packaging details that pyproject.toml cannot express on its own.

The product brief keeps the bundled files in a top-level ``resources/`` folder. In an installed
package they become ``dnclinic/_resources`` so that ``dnclinic.paths`` finds them the same way
from a checkout, a wheel and a frozen build.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["dnclinic", "dnclinic.*"]), "dnclinic._resources"],
    package_dir={"dnclinic._resources": "resources"},
    package_data={
        "dnclinic": ["py.typed", "model/migrations/script.py.mako"],
        "dnclinic._resources": ["**/*"],
    },
)
