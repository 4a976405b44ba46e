from django import template

from portal import dashboard

register = template.Library()


@register.inclusion_tag("admin/_dashboard.html", takes_context=True)
def team_dashboard(context):
    return {"dashboard": dashboard.for_user(context["request"].user)}
