"""Small helpers for the API tests."""

PROBLEM = "application/problem+json"


def bearer(plain: str, **headers) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}", **headers}
