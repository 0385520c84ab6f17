"""A service that changes named fields accepts only the fields its rule allows: anything else is a programming error
(a form or screen offering a field the service must not write), not bad input."""


def only_fields(fields, allowed: tuple[str, ...], function: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{function}() cannot change {', '.join(sorted(unknown))}")
