from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Article


class ArticleForm(forms.ModelForm):
    reviewed = forms.BooleanField(
        label=_("I checked that the whole article is still right (sets the review date to today)"),
        required=False,
    )

    class Meta:
        model = Article
        fields = [
            "slug",
            "theme",
            "tags",
            "title_nl",
            "summary_nl",
            "body_nl",
            "title_en",
            "summary_en",
            "body_en",
            "related",
            "published",
        ]
        widgets = {
            "body_nl": forms.Textarea(attrs={"rows": 16}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
            "related": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Article.objects.order_by("title_nl")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.fields["slug"].disabled = True
        self.fields["related"].queryset = others
        self.fields["related"].required = False
