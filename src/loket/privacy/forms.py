from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    message = forms.CharField(
        label=_("Anything the desk should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ErasureConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read what will be wiped. Erase it: this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )
