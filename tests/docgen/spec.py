"""One inspection as data: what the report recommends and how the plan answers.

``make_spec(seed)`` draws a landlord, recommendations with bullets and
deadlines, the plan's entries with owners and restated deadlines, actions
with due dates and statuses, and a few planted findings. Every date the
documents print is decided here, with the date it means, so the gold
answers and the rendered words cannot drift apart.
"""
from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date

PLACES = ["Northfield", "Ashworth", "Kelbrook", "Marston Vale", "Tyneside", "Riverside", "Oakhurst",
          "Penrith", "Castleford", "Wyvern", "Bramley", "Eastgate", "Harlow", "Selwood", "Tamar"]
NAME_SHAPES = ["{p} Homes", "{p} Housing Association", "{p} Housing Trust", "{p} Homes Limited",
               "{p} Community Housing", "{p} Housing Group", "{p} Living", "{p} Housing Association Limited"]
FIRST = ["Jane", "Tom", "Priya", "Gareth", "Aisha", "Martin", "Sophie", "Dermot", "Helen", "Kwame",
         "Rachel", "Owen", "Fiona", "Imran", "Claire", "Stuart"]
LAST = ["Smith", "Okafor", "Patel", "Hughes", "McAllister", "O'Neill", "Brennan", "Whitfield",
        "Da Costa", "Lloyd", "Ferguson", "Kaur", "Ashby", "Pennington", "Doyle", "Carver"]
POSTS = ["Head of Housing", "Director of Customer Services", "Repairs Manager", "Chief Executive",
         "Tenant Involvement Officer", "Head of Asset Management", "Neighbourhood Services Manager",
         "Director of Resources", "Customer Insight Lead", "Head of Communities", "Equality and Diversity Adviser",
         "Assistant Director of Operations", "Performance Manager", "Lettings Team Leader"]
VERBS = ["Improve", "Strengthen", "Review", "Develop", "Extend", "Simplify", "Publish", "Monitor"]
AREAS = ["the repairs service", "the way complaints are handled", "access to services for older tenants",
         "the management of empty homes", "the approach to anti-social behaviour", "value for money",
         "tenant involvement in scrutiny", "the allocation of homes", "rent collection and arrears recovery",
         "the quality of information given to residents", "estate services and grounds maintenance",
         "the approach to equality and diversity"]
BULLET_GERUNDS = ["setting", "publishing", "agreeing", "collecting", "introducing", "training", "reviewing",
                  "monitoring", "reporting", "consulting", "mapping", "testing"]
BULLET_OBJECTS = ["clear service standards with tenants", "satisfaction data for each contractor",
                  "a repairs appointment system", "staff on handling vulnerable customers",
                  "the outcomes of complaints to the board", "profile information on every household",
                  "targets for re-letting empty homes", "how residents can hold staff to account",
                  "the cost of each major contract against its peers", "a policy for tackling nuisance",
                  "a timetable for the scrutiny panel", "feedback from new tenants after letting",
                  "arrears cases each month with the income team", "the access needs of disabled residents",
                  "estate inspections with resident inspectors", "leaflets in community languages"]
QUALIFIERS = ["across all estates", "for older residents", "in every area office", "with the board",
              "before each contract is let", "for leaseholders", "in sheltered schemes", "with partner agencies",
              "for new tenants", "on the website", "each quarter", "for residents with support needs"]
ACTION_VERBS = ["Set up", "Draft", "Agree", "Launch", "Commission", "Pilot", "Roll out", "Report on",
                "Recruit", "Train", "Procure", "Map"]
ACTION_OBJECTS = ["a working group of tenants and staff", "the revised policy for board approval",
                  "a new customer survey", "an audit of current practice", "a quarterly performance report",
                  "the revised service standards", "an independent review of costs", "a training programme",
                  "the new IT module", "a communications plan", "a benchmarking exercise with peers",
                  "a resident inspector scheme", "the estate walkabout programme", "a new complaints leaflet"]


@dataclass
class Deadline:
    """A report deadline: its words (after "should be implemented") and date."""

    text: str
    when: date | None


@dataclass
class Bullet:
    ref: str  # R2.1
    text: str


@dataclass
class Recommendation:
    number: int
    text: str  # the headline sentence as printed
    bullets: list[Bullet]
    deadline: Deadline
    impact: str
    cost: str

    @property
    def ref(self) -> str:
        return f"R{self.number}"


@dataclass
class Owner:
    name: str | None
    post: str | None


@dataclass
class Action:
    text: str
    due_text: str
    due_date: date | None
    status: str  # completed | ongoing | planned
    owner: Owner | None = None


@dataclass
class Response:
    ref: str  # canonical ref it answers: R2.1, or R3 for a headline without bullets
    number: int
    index: int  # bullet position, 0 for a headline
    text: str
    stated: Deadline | None
    owner: Owner | None
    actions: list[Action]


@dataclass
class Spec:
    seed: int
    landlord: str
    published: date  # the report's month (day 1)
    inspection: tuple[date, date]
    recommendations: list[Recommendation]
    responses: list[Response]
    plan_date: date
    plan_fy_end: int  # the financial year (ending 31 March of this year) the plan works to
    planted: list[tuple[str, str]] = field(default_factory=list)  # (kind, ref)
    action_claim: int | None = None  # "This plan sets out N actions"
    points_claim: tuple[int, int] | None = None  # "It answers N recommendations and M points for action"

    @property
    def year(self) -> int:
        return self.published.year


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    return month_end(index // 12, index % 12 + 1)


NUMBER_WORDS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]


def report_deadline(rng: random.Random, published: date) -> Deadline:
    """A deadline as an inspector writes it: a month, immediately, or
    relative to the report's own date."""
    kind = rng.choice(["month", "month", "month", "immediately", "within", "year", "next_fy", "end_month"])
    if kind == "immediately":
        return Deadline("immediately", None)
    if kind == "within":
        n = rng.choice([3, 6, 9])
        return Deadline(f"within {NUMBER_WORDS[n]} months of publication of this report",
                        add_months(published, n))
    if kind == "year":
        return Deadline("within a year of this report", add_months(published, 12))
    if kind == "next_fy":
        current_end = published.year + (1 if published.month >= 4 else 0)
        return Deadline("by the end of the next financial year", date(current_end + 1, 3, 31))
    when = add_months(published, rng.choice([6, 9, 12, 15]))
    name = calendar.month_name[when.month]
    if kind == "end_month":
        return Deadline(f"by the end of {name} {when.year}", when)
    return Deadline(f"by {name} {when.year}", when)


def _person(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in used:
            used.add(name)
            return name


def make_spec(seed: int) -> Spec:
    rng = random.Random(seed)
    landlord = rng.choice(NAME_SHAPES).format(p=rng.choice(PLACES))
    year = rng.choice([2009, 2010, 2011])
    published = date(year, rng.randint(2, 11), 1)
    visit_start = add_months(published, -3).replace(day=rng.randint(3, 20))
    inspection = (visit_start, date.fromordinal(visit_start.toordinal() + 4))
    areas = rng.sample(AREAS, rng.randint(2, 5))
    recs: list[Recommendation] = []
    objects = rng.sample(BULLET_OBJECTS, len(BULLET_OBJECTS))
    for n, area in enumerate(areas, start=1):
        n_bullets = rng.choice([0, 1, 2, 2, 3, 3, 4])
        bullets = []
        for k in range(1, n_bullets + 1):
            obj = objects.pop() if objects else rng.choice(BULLET_OBJECTS)
            bullets.append(Bullet(f"R{n}.{k}", f"{rng.choice(BULLET_GERUNDS)} {obj} {rng.choice(QUALIFIERS)}"))
        text = f"{rng.choice(VERBS)} {area}" + (" by:" if bullets else " so that it meets the needs of tenants.")
        recs.append(Recommendation(n, text, bullets, report_deadline(rng, published),
                                   rng.choice(["high", "medium", "low"]), rng.choice(["high", "medium", "low"])))

    plan_date = add_months(published, 1).replace(day=1)
    plan_fy_end = plan_date.year + (1 if plan_date.month >= 4 else 0)
    spec = Spec(seed, landlord, published, inspection, recs, [], plan_date, plan_fy_end)
    people: set[str] = set()
    staff = [Owner(_person(rng, people), post) for post in rng.sample(POSTS, 5)]

    answerable = [(rec, b) for rec in recs for b in (rec.bullets or [None])]
    missing = rng.random() < 0.3 and len(answerable) > 2
    dropped = rng.randrange(len(answerable)) if missing else None
    for i, (rec, bullet) in enumerate(answerable):
        ref = bullet.ref if bullet else rec.ref
        if i == dropped:
            spec.planted.append(("missing_response", ref))
            continue
        index = rec.bullets.index(bullet) + 1 if bullet else 0
        text = (bullet.text[0].upper() + bullet.text[1:]) if bullet else rec.text
        spec.responses.append(Response(ref, rec.number, index, text, None, rng.choice(staff), []))
        resp = spec.responses[-1]
        if rec.deadline.when is not None and rng.random() < 0.5:
            resp.stated = Deadline(_month_words(rec.deadline.when), rec.deadline.when)
        for obj in rng.sample(ACTION_OBJECTS, rng.randint(1, 3)):  # distinct actions under one entry
            resp.actions.append(_action(rng, spec, rec, obj))
    _plant(rng, spec)
    if rng.random() < 0.3:
        n_points = sum(len(r.bullets) for r in recs)
        wrong = rng.random() < 0.3
        spec.points_claim = (len(recs), n_points + (rng.choice([-1, 2]) if wrong and n_points > 1 else 0))
    n_actions = sum(len(r.actions) for r in spec.responses)
    if rng.random() < 0.5:
        wrong = rng.random() < 0.3
        spec.action_claim = n_actions + (rng.choice([-2, -1, 1, 3]) if wrong else 0)
        if spec.action_claim <= 0:
            spec.action_claim = n_actions + 2
        if wrong:
            spec.planted.append(("count_mismatch", None))
    return spec


def _month_words(d: date) -> str:
    return f"{calendar.month_name[d.month]} {d.year}"


def _action(rng: random.Random, spec: Spec, rec: Recommendation, obj: str) -> Action:
    text = f"{rng.choice(ACTION_VERBS)} {obj}"
    start = spec.inspection[0]
    latest = rec.deadline.when or add_months(spec.published, 12)
    kind = rng.choice(["planned", "planned", "planned", "completed", "ongoing_dated"])
    due = _due_between(rng, spec.plan_date, latest)
    if kind == "completed":
        done = _due_between(rng, start, spec.plan_date)
        return Action(text, "", done, "completed")
    if kind == "ongoing_dated":
        return Action(text, "", due, "ongoing")
    return Action(text, "", due, "planned")


def _due_between(rng: random.Random, first: date, last: date) -> date:
    """The end of a month that starts on or after ``first`` and ends by ``last``."""
    lo = first.year * 12 + first.month
    hi = last.year * 12 + last.month
    m = rng.randint(lo, max(lo, hi - 1)) if hi > lo else lo
    return month_end(m // 12 if m % 12 else m // 12 - 1, m % 12 or 12)


def _plant(rng: random.Random, spec: Spec) -> None:
    """A few findings a checker must find: each changes the data it is about."""
    recs = {r.ref: r for r in spec.recommendations}
    responses = spec.responses
    dated = [r for r in responses if recs[f"R{r.number}"].deadline.when is not None]
    if dated and rng.random() < 0.4:
        resp = rng.choice(dated)
        deadline = recs[f"R{resp.number}"].deadline.when
        resp.actions[-1].due_date = add_months(deadline, rng.choice([2, 3, 5]))
        resp.actions[-1].status = "planned"
        spec.planted.append(("action_after_deadline", resp.ref))
    if dated and rng.random() < 0.3:
        resp = rng.choice(dated)
        deadline = recs[f"R{resp.number}"].deadline.when
        moved = add_months(deadline, rng.choice([-2, 3]))
        resp.stated = Deadline(_month_words(moved), moved)
        spec.planted.append(("target_date_mismatch", resp.ref))
    if rng.random() < 0.3:
        resp = rng.choice(responses)
        resp.owner = None
        spec.planted.append(("no_owner", resp.ref))
    if rng.random() < 0.35:
        resp = rng.choice(responses)
        action = rng.choice(resp.actions)
        action.due_date, action.status = None, rng.choice(["planned", "ongoing"])
        spec.planted.append(("no_due_date", resp.ref))
