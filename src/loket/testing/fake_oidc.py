"""A minimal OpenID Connect provider on a loopback port, for tests: token and userinfo endpoints that answer like
a real provider (HS256-signed ID token with the nonce the client sent), so the real client code runs end to end."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import jwt


class FakeProvider:
    def __init__(self, *, client_id: str, client_secret: str):
        self.client_id = client_id
        self.client_secret = client_secret
        self.email = ""
        self.nonce = ""
        self.token_requests: list[dict] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return

            def _json(self, payload: dict, status: int = 200):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                provider.token_requests.append(form)
                if form.get("code") != ["good-code"]:
                    return self._json({"error": "invalid_grant"}, status=400)
                now = int(time.time())
                claims = {
                    "iss": provider.url,
                    "sub": "staff-1",
                    "aud": provider.client_id,
                    "iat": now,
                    "exp": now + 300,
                    "nonce": provider.nonce,
                    "email": provider.email,
                    "email_verified": True,
                }
                id_token = jwt.encode(claims, provider.client_secret, algorithm="HS256")
                return self._json({"id_token": id_token, "access_token": "access-1", "token_type": "Bearer"})

            def do_GET(self):
                if self.headers.get("Authorization") != "Bearer access-1":
                    return self._json({"error": "invalid_token"}, status=401)
                return self._json({"sub": "staff-1", "email": provider.email, "email_verified": True})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
