"""The documents the API sends and accepts (pydantic, through django-ninja; they make the OpenAPI schemas)."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import create_model

CareTypeName = Literal["group", "family"]
TariffName = Literal["income", "free"]
TariffRegimeName = Literal["income", "free", "mix"]
MAX_ID = 2**31 - 1  # ids are 32-bit on every database we support; larger numbers are simply not found

WeekdayNumber = Annotated[int, Field(ge=1, le=7)]
WEEKDAYS_FIELD = Field(
    description="Days of the week, 1 = Monday … 7 = Sunday.", min_length=1, max_length=7, examples=[[1, 2, 4]]
)


class Municipality(Schema):
    nis_code: str
    name: str


class Address(Schema):
    street: str
    postcode: str
    place: str


class PublicLocation(Schema):
    """A licensed childcare location, its practical data and whether it has free places now."""

    id: int
    name: str
    care_type: CareTypeName
    organiser: str
    address: Address
    municipality: Municipality
    neighbourhood: str | None
    latitude: float
    longitude: float
    phone: str
    email: str
    languages: str = Field(description="Languages spoken at the location.")
    description: str
    opens_at: str = Field(description="HH:MM", examples=["07:00"])
    closes_at: str = Field(description="HH:MM", examples=["18:30"])
    weekdays: list[int]
    age_min_months: int
    age_max_months: int
    tariff_regime: TariffRegimeName
    subsidy_step: str
    licensed_capacity: int
    has_free_places: bool
    free_places: int = Field(description="Places declared free and not yet offered, from any start month.")
    free_from: date | None = Field(description="The earliest start month of a free place.")


class ProviderLocation(Schema):
    id: int
    name: str
    care_type: CareTypeName
    municipality: Municipality
    licensed_capacity: int
    tariff_regime: TariffRegimeName
    income_places: int
    weekdays: list[int]
    enrolled_total: int
    enrolled_reserve_eligible: int
    enrolled_updated_at: datetime | None


class EnrolledIn(Schema):
    enrolled_total: int = Field(ge=0, le=1000, description="Children in care now.")
    enrolled_reserve_eligible: int = Field(
        ge=0, le=1000, description="Of whom from vulnerable families (they count for the reserve)."
    )


class OpeningOut(Schema):
    id: int
    location_id: int
    tariff: TariffName
    start_month: date
    weekdays: list[int]
    age_min_months: int
    age_max_months: int
    count: int
    urgent_only: bool
    confirmed_at: datetime
    withdrawn_at: datetime | None


class OpeningIn(Schema):
    location_id: int = Field(ge=1, le=MAX_ID)
    tariff: TariffName
    start_month: date = Field(description="Any day of the month; stored as its first day.")
    weekdays: list[WeekdayNumber] = WEEKDAYS_FIELD
    count: int = Field(ge=1, le=100)
    age_min_months: int = Field(0, ge=0, le=72)
    age_max_months: int = Field(36, ge=0, le=72)
    urgent_only: bool = Field(
        False,
        description="Kept for urgent care: the desk assigns it directly; allocation rounds leave it out.",
    )


class OpeningChange(Schema):
    tariff: TariffName | None = None
    start_month: date | None = None
    weekdays: list[WeekdayNumber] | None = Field(
        None, description="Days of the week, 1 = Monday … 7 = Sunday.", min_length=1, max_length=7
    )
    count: int | None = Field(None, ge=1, le=100)
    age_min_months: int | None = Field(None, ge=0, le=72)
    age_max_months: int | None = Field(None, ge=0, le=72)
    urgent_only: bool | None = None


class WithdrawIn(Schema):
    reason: str = Field("", max_length=500)


class PriorityClassOut(Schema):
    tariff: TariffName
    position: int | None = Field(
        description="1 = the first class the rules look at; null: no priority class."
    )
    label: str


class RequestChoiceOut(Schema):
    """A waiting request that chose one of the token's locations, with only what the providers' portal shows: no
    name, no income, no family facts beyond the priority class."""

    id: int = Field(description="The request's number.")
    location_id: int
    rank: int = Field(description="The rank the family gave this location (1 = first choice).")
    age_months_at_start: int = Field(description="The child's age in months at the earliest start.")
    born: bool
    weekdays: list[int]
    start_earliest: date
    start_latest: date
    priority_classes: list[PriorityClassOut] = Field(
        description="Per tariff of the location the family accepts: the class under the desk's rules here."
    )


class ProposalOut(Schema):
    id: int
    round_id: int
    request_id: int
    location_id: int
    opening_id: int
    rank: int
    priority_class: str
    status: Literal["awaiting", "confirmed", "refused"]
    created_at: datetime


class OfferOut(Schema):
    id: int
    request_id: int
    proposal_id: int | None
    location_id: int
    opening_id: int
    kind: str
    status: str
    made_at: datetime
    deadline: datetime


class PlacementIn(Schema):
    offer_id: int = Field(ge=1, le=MAX_ID, description="An accepted offer at one of the token's locations.")
    contract_start: date


class PlacementOut(Schema):
    id: int
    offer_id: int
    request_id: int
    location_id: int
    tariff: str
    contract_start: date


class FigureRow(Schema):
    """One municipality's yearly figures. Counts are rounded to a multiple of 5; a count of 1 to 4 is published as
    the text "<5", a count hidden to protect a small one elsewhere as "x"."""

    nis_code: str
    municipality: str
    province: str
    applicants: int | str
    children: int | str
    answered: int | str
    unanswered: int | str
    priority_children: int | str
    priority_unanswered: int | str


class Figures(Schema):
    year: int
    note: str
    suppression_threshold: int
    rows: list[FigureRow]
    totals: FigureRow | None


def page_of(item: type[Schema], name: str):
    """A page of a list: `results` plus where the neighbouring pages are."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="How many items match, on all pages.")),
        page=(int, ...),
        page_size=(int, ...),
        next=(str | None, Field(None, description="The next page's URL, or null on the last page.")),
        previous=(str | None, Field(None, description="The previous page's URL, or null on the first page.")),
        results=(list[item], ...),
    )
