"""A desk's colour carries white text (header, buttons) and is the link colour on white: both need WCAG 2.1 AA,
a contrast ratio of at least 4.5:1 (the ratio is symmetric, so one check covers both uses)."""

AA_NORMAL_TEXT = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def darken(hex_colour: str, factor: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(max(0, round(c * factor)) for c in (r, g, b)))


def readable_on_white(hex_colour: str) -> str:
    """The colour itself when white text on it passes AA; else the lightest darker shade of the same hue that does."""
    colour = hex_colour.lower()
    factor = 1.0
    while contrast_with_white(colour) < AA_NORMAL_TEXT:
        factor -= 0.02
        colour = darken(hex_colour.lower(), factor)
    return colour


def hover_shade(hex_colour: str) -> str:
    return darken(hex_colour, 0.75)
