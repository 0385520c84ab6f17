"""An opening-day rush: families look around, sign in and check their status, and register a child page by page
through the families' desk. Every registration the server accepted is appended to LOAD_RECORD (the family's
reference), so the fault drill can check that none is missing afterwards. Run through `bench/loadtest.py`."""

import os
import random
import re

from locust import HttpUser, between, task

PARENT_PASSWORD = os.environ.get("LOAD_PARENT_PASSWORD", "Loket-load-2026")
PARENTS = int(os.environ.get("LOAD_PARENTS", "50"))
RECORD = os.environ.get("LOAD_RECORD", "var/load-accepted.txt")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOCATION_OPTION = re.compile(r'<option value="(\d+)"')
REFERENCE = re.compile(r'class="loket-key loket-ltr">([A-Z2-9]{4}-[A-Z2-9]{4})<')
STEP = "/gezin/aanvraag/stap/"


class Family(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.signed_in = False

    def _csrf(self, path: str) -> str:
        """The form's CSRF token; empty when the page itself failed (that failure is already counted), and then
        the caller stops, as a person would, instead of posting a form it never saw."""
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
            if not token:
                return
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

    @task(1)
    def register(self):
        """A new family registers one child with three ranked choices: every question page, as a parent would."""
        self.client.cookies.clear()  # not the parent signed in by check_status: a family without an account
        self.signed_in = False
        n = random.randrange(10**9)
        month = f"{2027 + random.randrange(2)}-{random.randrange(1, 13):02d}"
        answers = [
            ("woonplaats/", {"postcode": "9800"}),
            ("kinderen/", {"count": "1"}),
            ("kind/", {"c1_first_name": f"Load{n}", "c1_born": "no", "c1_date": "2027-01-15"}),
            (
                "opvang/",
                {
                    "start_earliest": month,
                    "start_latest": month,
                    "weekdays": ["1", "2", "4"],
                    "tariffs": ["income"],
                },
            ),
        ]
        for step, data in answers:
            if not self._post_step(step, data):
                return
        page = self.client.get(STEP + "keuzes/", name=STEP + "keuzes/")
        locations = list(dict.fromkeys(LOCATION_OPTION.findall(page.text)))[:3]
        for location in locations:
            if not self._post_step("keuzes/", {"action": "add", "location": location}, name="add choice"):
                return
        contact = {
            "first_name": "Load",
            "last_name": f"Test{n}",
            "email": f"gezin{n}@load.example",
            "phone": "+32 470 00 00 00",
            "preferred_language": "nl",
            "sign_in": "link",
        }
        for step, data in [
            ("keuzes/", {"action": "next"}),
            ("voorrang/", {"work": "on"}),
            ("contact/", contact),
        ]:
            if not self._post_step(step, data):
                return
        token = self._csrf(STEP + "controle/")
        if not token:
            return
        with self.client.post(
            STEP + "controle/",
            {"sworn": "on", "consent": "on", "csrfmiddlewaretoken": token},
            name="submit registration",
            catch_response=True,
        ) as response:
            found = REFERENCE.search(response.text)
            if response.status_code != 200 or "/gezin/aanvraag/klaar/" not in response.url or not found:
                response.failure(f"registration not confirmed ({response.status_code} {response.url})")
                return
        with open(RECORD, "a", encoding="utf-8") as record:
            record.write(found.group(1) + "\n")
        self.client.cookies.clear()

    def _post_step(self, step: str, data: dict, name: str | None = None) -> bool:
        token = self._csrf(STEP + step)
        if not token:
            return False
        with self.client.post(
            STEP + step, {**data, "csrfmiddlewaretoken": token}, name=name or STEP + step, catch_response=True
        ) as response:
            # A good answer moves on to the next page (the redirect is followed); a refused one shows the page again.
            if response.status_code != 200 or response.url.endswith(STEP + step):
                response.failure(f"{step} refused the answer ({response.status_code})")
                return False
        return True
