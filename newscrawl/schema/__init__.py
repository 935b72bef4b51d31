"""The exported article's JSON Schema (``article.schema.json``)."""

import json
from functools import cache
from importlib.resources import files

from jsonschema import Draft202012Validator


@cache
def article_schema() -> dict:
    return json.loads(files(__package__).joinpath("article.schema.json").read_text("utf-8"))


@cache
def article_validator() -> Draft202012Validator:
    return Draft202012Validator(article_schema())
