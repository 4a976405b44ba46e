import json

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.urls import include, path
from jwcrypto import jwk
from oauth2_provider.utils import jwk_from_pem


def other_keys(request):
    """A key set that names the provider's key id with a different key: the portal pointed
    here (OIDC_OP_JWKS_ENDPOINT) must refuse every ID token the provider signs."""
    real = jwk_from_pem(settings.OAUTH2_PROVIDER["OIDC_RSA_PRIVATE_KEY"])
    other = jwk.JWK.generate(kty="RSA", size=2048)
    data = {"alg": "RS256", "use": "sig", "kid": real.thumbprint()}
    data.update(json.loads(other.export_public()))
    return JsonResponse({"keys": [data]})


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("other-jwks/", other_keys),
]
