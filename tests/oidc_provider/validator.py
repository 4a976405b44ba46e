from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """The claims of each person as the people file gives them, in the ID token and the
    userinfo; ``groups`` and ``amr`` come with the openid scope, as a directory sends them."""

    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "groups": "openid",
        "amr": "openid",
    }

    def get_additional_claims(self, request):
        person = settings.PEOPLE[request.user.username]
        return {key: value for key, value in person.items() if key != "password"}
