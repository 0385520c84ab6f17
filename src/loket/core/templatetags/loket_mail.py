"""The one tag a mail template needs besides i18n: the mail's action link. One template gives both parts of a mail
(see `loket.core.mail.render_mail`): in the text part the tag writes the bare address on its own line, in the HTML
part a button with the label."""

from django import template

register = template.Library()

BUTTON_MARK = "\ue000mail-button-{}\ue001"  # private-use characters: never in a template or a name


@register.simple_tag(takes_context=True)
def mail_button(context, url, label):
    if not context.get("mail_html"):
        return url
    buttons = context["mail_buttons"]
    buttons.append((url, label))
    return BUTTON_MARK.format(len(buttons) - 1)
