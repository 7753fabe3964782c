"""What text we can save, said once for the forms and the API alike.

Anything a person can type is welcome: any language, any emoji, HTML (it is shown escaped). Two
things cannot be saved, in PostgreSQL or anywhere else that keeps UTF-8: a NUL character, and half of
a character pair (a lone surrogate, which only a broken file or program sends). Neither can be seen,
so the message says "a hidden character".

The forms check it with `livingwell.core.forms.check_text`, the API with the `Text` type below, and a
plan brought over from another site with `can_be_saved`. Plain Python (and pydantic), no Django, so
the FHIR reader can use it too.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

# The words after the field's name: "What matters has a hidden character we cannot save. ..."
PROBLEM = "has a hidden character we cannot save. Delete it and try again"
CODE = "unacceptable_text"


def can_be_saved(value: str) -> bool:
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _api_text(value: str) -> str:
    if not can_be_saved(value):
        raise PydanticCustomError(CODE, f"the text {PROBLEM}")
    return value


# Text in the API's schemas: `what_matters: Text`, with a length as `Annotated[Text, Field(...)]`.
Text = Annotated[str, AfterValidator(_api_text)]
