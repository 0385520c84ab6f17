from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureForm(forms.Form):
    message = forms.CharField(
        label=_("Anything the desk should know (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
