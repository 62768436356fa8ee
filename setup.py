"""Adds the bundled data folders to the packages that pyproject.toml maps them to."""

from setuptools import find_packages, setup

BUNDLED_FOLDERS = ("dictionaries", "articles", "resources")

setup(
    packages=find_packages(include=["reader", "reader.*"])
    + [f"reader._bundled.{folder}" for folder in BUNDLED_FOLDERS],
)
