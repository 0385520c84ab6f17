"""The public pages: anyone may open them, they show what the engine and the data say, and store nothing."""

import copy
from datetime import date

import pytest
from django.urls import reverse

from loket.allocation.policy import FLEMISH_2014, policy_for_desk
from loket.guide.policy_words import FLAG_WORDS, desk_policy_in_words, explain_policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["guide:how_it_works", "guide:cost", "guide:finder"])
def test_public_pages_open_without_signing_in(client, area, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert b"utrecht-heading-1" in response.content


def test_finder_lists_locations_nearest_first_and_links_to_each(client, area):
    response = client.get(reverse("guide:finder"), {"place": "9870", "max_km": "20"})
    html = response.content.decode()
    assert html.index("Gezinsopvang Leieland") < html.index("Kinderdagverblijf Markt")
    assert reverse("guide:location", args=[area.childminder_zulte.pk]) in html
    assert "Gesloten opvang" not in html


def test_unknown_place_gets_a_clear_message_and_the_other_filters_still_apply(client, area):
    response = client.get(reverse("guide:finder"), {"place": "1000", "municipality": area.zulte.pk})
    html = response.content.decode()
    assert "data-error-summary" in html
    assert 'href="#id_place"' in html
    assert "Gezinsopvang Leieland" in html
    assert "Kinderdagverblijf Markt" not in html


def test_htmx_gets_only_the_results(client, area):
    response = client.get(reverse("guide:finder"), {"tariffs": "free"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="finder-results"' in html
    assert 'data-hx-swap-oob="true"' in html
    assert "Gezinsopvang Leieland" in html and "Kinderdagverblijf Markt" not in html


def test_location_page_has_the_practical_data(client, area):
    response = client.get(reverse("guide:location", args=[area.centre_deinze.pk]), {"place": "9870 Zulte"})
    html = response.content.decode()
    assert response.status_code == 200
    assert area.centre_deinze.street in html
    assert "07:00" in html and "18:30" in html
    assert "09 381 96 00" in html  # the desk to contact
    assert "km" in html  # distance from the place the parent gave


def test_location_page_of_an_inactive_or_unknown_location_is_not_found(client, area):
    assert client.get(reverse("guide:location", args=[area.closed.pk])).status_code == 404
    assert client.get(reverse("guide:location", args=[999999])).status_code == 404


def test_calculator_estimates_and_compares_without_storing_anything(
    client, area, django_assert_max_num_queries
):
    data = {
        "certificate": "yes",
        "income": "40000",
        "dependent_children": "1",
        "day_length": "1",
        "days_per_week": "5",
    }
    with django_assert_max_num_queries(10) as queries:
        response = client.post(reverse("guide:cost"), data)
    assert response.status_code == 200
    assert not [
        q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    html = response.content.decode()
    assert "15,40" in html  # 40,000 × 0.000385 this year (Dutch decimal comma)
    assert "Gezinsopvang Leieland" in html  # free-price location with a known price
    assert "38,00" in html and "34,70" in html  # its price, and after the € 3.30 allowance
    assert "40000" not in response.headers.get("Location", "")
    assert "no-cache" in response.headers["Cache-Control"] or "max-age=0" in response.headers["Cache-Control"]


def test_calculator_errors_are_summarised_and_linked(client, area):
    response = client.post(
        reverse("guide:cost"),
        {"certificate": "yes", "dependent_children": "0", "day_length": "1", "days_per_week": "5"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_income"' in html and 'href="#id_dependent_children"' in html
    assert 'aria-invalid="true"' in html


def test_without_certificate_the_calculator_shows_the_maximum(client, area):
    response = client.post(
        reverse("guide:cost"),
        {"certificate": "no", "dependent_children": "1", "day_length": "1", "days_per_week": "5"},
    )
    assert "35,89" in response.content.decode()


def test_priority_rules_in_words_follow_the_engines_policy(client, area):
    policy = policy_for_desk(area.desk, date.today()).policy
    words = desk_policy_in_words(area.desk, on=date.today())
    income = words.tariffs[0]
    assert len(income.groups) == len(policy["rules"]["income"]["priority"])
    assert income.reserve.percent == 20
    assert income.reserve.open_first
    html = client.get(reverse("guide:how_it_works")).content.decode()
    assert "20 %" in html
    assert str(FLAG_WORDS["single_parent"]) in html
    assert "10 dagen" in html or "10 days" in html  # the desk's own offer deadline


def test_a_changed_policy_changes_the_words():
    policy = copy.deepcopy(FLEMISH_2014)
    policy["tie_break"] = "lottery"
    policy["rules"]["income"]["reserve"].update(target_share=0.3, precedence="reserve_first")
    policy["rules"]["income"]["priority"].append("new_flag")
    words = explain_policy(policy)
    income = words.tariffs[0]
    assert words.lottery
    assert income.reserve.percent == 30 and not income.reserve.open_first
    assert income.groups[-1].alternatives == [["new_flag"]]  # shown by its name, never left out
    # Conditions shared by every alternative are named once.
    work_group = income.groups[1]
    assert work_group.common == [FLAG_WORDS["work"]]
    assert [FLAG_WORDS["single_parent"]] in work_group.alternatives


def test_home_page_links_to_the_finder_and_the_information(client, area):
    html = client.get("/").content.decode()
    assert reverse("guide:finder") in html
    assert reverse("guide:how_it_works") in html
    assert reverse("guide:cost") in html
