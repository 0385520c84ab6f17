"""An opening-day rush: families look around, sign in and check their status, and register (once the families' desk
has a registration flow, `register` drives it step by step). Run through `bench/loadtest.py`, not directly."""

import os
import random
import re

from locust import HttpUser, between, task

PARENT_PASSWORD = os.environ.get("LOAD_PARENT_PASSWORD", "Loket-load-2026")
PARENTS = int(os.environ.get("LOAD_PARENTS", "50"))
RECORD = os.environ.get("LOAD_RECORD", "var/load-accepted.txt")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Family(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.signed_in = False

    def _csrf(self, path: str) -> str:
        response = self.client.get(path, name=path)
        match = CSRF.search(response.text)
        return match.group(1) if match else ""

    @task(4)
    def browse(self):
        self.client.get("/", name="/")
        self.client.get("/account/aanmelden/", name="/account/aanmelden/")

    @task(3)
    def check_status(self):
        if not self.signed_in:
            n = random.randrange(PARENTS)
            token = self._csrf("/account/aanmelden/")
            response = self.client.post(
                "/account/aanmelden/",
                {
                    "username": f"ouder{n}@load.example",
                    "password": PARENT_PASSWORD,
                    "csrfmiddlewaretoken": token,
                },
                name="sign in",
                allow_redirects=False,
            )
            self.signed_in = response.status_code == 302
        if self.signed_in:
            self.client.get("/gezin/", name="/gezin/")
            self.client.get("/gezin/mijn-gegevens/", name="/gezin/mijn-gegevens/")
