"""The child's national register number (rijksregisternummer) is optional and is never stored: only a keyed hash,
used to detect the same child registered twice (within and across desks)."""

import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_national_number(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 11:
        raise ValidationError(_("A national register number has 11 digits."), code="length")
    body, check = int(digits[:9]), int(digits[9:])
    # Children born from 2000 on have a "2" prefixed before the check; try both centuries.
    if 97 - body % 97 != check and 97 - int("2" + digits[:9]) % 97 != check:
        raise ValidationError(
            _("This national register number is not valid: please check the digits."), code="check"
        )
    return digits


def national_number_hash(value: str) -> str:
    digits = normalise_national_number(value)
    key = settings.LOKET_NATIONAL_NUMBER_KEY.encode()
    return hmac.new(key, digits.encode(), hashlib.sha256).hexdigest()
