"""Word pools for the demo store: people, places and Pyramid Model coaching notes.

A coach judges the demo by whether it reads like her own caseload, so the texts follow the
Pyramid Model practices and Practice-Based Coaching steps, and the names are the mix of a
Nebraska caseload. No child names anywhere: the app never stores child-level data, and the
demo should not suggest otherwise. ``{children}`` is filled with the room's age group.

Pools are written as " | "-separated strings so that a long list stays a few lines.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, replace
from functools import cache


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(" | "))


# Shown first so the Unicode cases are on screen in any demo, however small.
HEADLINE_NAMES = (
    ("Nguyễn Thị Ánh", "Nguyễn"),
    ("Łukasz Kowalczyk", "Kowalczyk"),
    ("Zoë Martínez", "Martínez"),
    ("Ngozi Okafor", "Okafor"),
    ("María José Hernández", "Hernández"),
    ("Chloé Dubois", "Dubois"),
    ("Søren Ødegaard", "Ødegaard"),
)  # (full name, family name)

# (given names, family names, family name first?) per naming tradition, combined within a
# tradition so the names stay plausible: 10 traditions x 8 x 8 is far more than 200.
NAME_POOLS: tuple[tuple[tuple[str, ...], tuple[str, ...], bool], ...] = tuple(
    (_split(given), _split(family), family_first)
    for given, family, family_first in (
        (
            "Thị Ánh | Thị Hằng | Văn Minh | Thị Thu Trang | Ngọc Lan | Thị Mai | Hoàng Yến"
            " | Bảo Châu",
            "Nguyễn | Trần | Lê | Phạm | Huỳnh | Võ | Đặng | Bùi",
            True,
        ),
        (
            "Łukasz | Agnieszka | Małgorzata | Katarzyna | Wojciech | Zofia | Joanna | Bożena",
            "Kowalczyk | Nowak | Wójcik | Mazur | Krawczyk | Zając | Piątek | Sobczak",
            False,
        ),
        (
            "María José | Guadalupe | Ximena | Rocío | Lucía | Inés | Maribel | José Luis",
            "Hernández | Martínez | García López | Rodríguez | Gómez | Sánchez | Peña | Muñoz",
            False,
        ),
        (
            "Ngozi | Chiamaka | Adaeze | Oluwaseun | Folasade | Chinedu | Yetunde | Ifeoma",
            "Okafor | Adeyemi | Eze | Okonkwo | Balogun | Nwosu | Oyelaran | Obi",
            False,
        ),
        (
            "Chloé | Amélie | Hélène | Geneviève | Noémie | Benoît | Élodie | Zoë",
            "Dubois | Lefèvre | Gagnon | Bélanger | Côté | Lemaître | Rousseau | Fournier",
            False,
        ),
        (
            "Søren | Astrid | Ingrid | Sigrid | Bjørn | Linnéa | Freja | Åsa",
            "Ødegaard | Lindqvist | Halvorsen | Bergström | Sørensen | Nyström | Åberg | Berg",
            False,
        ),
        (
            "Emily | Sarah | Jessica | Megan | Ashley | Heather | Kayla | Rachel",
            "Schmidt | Johnson | Olson | Meyer | Hoffmann | Brandt | Wagner | Becker",
            False,
        ),
        (
            "Hodan | Fadumo | Ayaan | Nasra | Amina | Fatima | Layla | Samira",
            "Abdi | Warsame | Mohamed | Al-Sayed | Haddad | Nasser | Farah | Hussein",
            False,
        ),
        (
            "Bishnu | Sita | Laxmi | Durga | Pabitra | Manisha | Dil Maya | Chandra",
            "Gurung | Rai | Tamang | Subedi | Adhikari | Dahal | Ghimire | Bhattarai",
            False,
        ),
        (
            "Nyamal | Achol | Nyakim | Abuk | Awut | Nyandit | Adut | Ajak",
            "Gatluak | Deng | Chol | Garang | Malual | Kuol | Majok | Lual",
            False,
        ),
    )
)

TOWNS = _split(
    "Grand Island | Kearney | Hastings | Central City | Aurora | Wood River | Doniphan | Gibbon"
    " | Shelton | Juniata | Cairo | Ravenna"
)
CENTER_NAMES = _split(
    "Little Sprouts Learning Center | Prairie Wind Early Learning | Kids Kingdom Child"
    " Development Center | Sandhills Children's Academy | First Steps Early Childhood Center"
    " | Cottonwood Kids Campus | Rainbow Bridge Preschool | Meadowlark Early Learning Center"
    " | Hope Harbor Child Care Center | St. Mary's Early Childhood Center | Platte Valley Head"
    " Start | Growing Together Learning Center | Heartland Kids Academy | Sunshine Corner Child"
    " Care Center | Niños Felices Learning Center | Golden Wheat Early Learning"
)
FCCH_NAMES = _split(
    "Busy Bees Family Child Care | Little Acorns Home Daycare | Sunflower Family Child Care"
    " | Cozy Nest Family Child Care | Tiny Treasures Home Child Care | Caterpillar Corner"
    " Daycare | Happy Hearts Family Child Care | Small Wonders Home Daycare | Ladybug Lane"
    " Family Child Care | Creekside Kids Family Child Care | Casita de Amor Family Child Care"
)

PROVIDER_NOTES = _split(
    "Prefers visits at naptime (12:30–2:30); text before coming, the doorbell wakes the babies."
    " | Director likes a copy of the joint plan; cc her on feedback emails."
    " | Spanish is her first language; bring the bilingual visual-schedule cards."
    " | New lead teacher this year — building the relationship first."
    " | Very reflective; responds well to video feedback."
    " | Working on her CDA; coaching goals line up with her portfolio."
    " | Two staff left in the spring; the room is short-staffed on Fridays."
    " | Park in the back lot; the front door is locked after 9:00."
)
INACTIVE_NOTE = "Left the program in {month} ({reason}). Records kept for the year-end report."
INACTIVE_REASONS = _split("moved to Lincoln | closed the program | changed careers")

COACH = {
    "name": "Rebecca Lindqvist-Ortiz",
    "email": "rebecca.lindqvist-ortiz@example.org",
    "phone": "(308) 555-0142",
    "organization": "Central Plains Early Childhood Partnership",
    "region": "Central Nebraska — Hall, Adams, Buffalo, Hamilton and Merrick counties",
    "supervisor": "Dana Whitehorse, MMI regional coordinator",
}
OTHER_COACHES = _split("Ana Lucía Ferreira | Tomás Novák | Keisha Brown | Gretchen Albrecht")
OBSERVERS = _split("Dr. Renée Lachapelle (MMI) | Jamal Whitfield (MMI) | Inga Sørensen (MMI)")


REFLECTIONS = _split(
    "She felt the change made the afternoon calmer; we looked at what made the difference."
    " | She noticed she corrects more late in the day when tired."
    " | She noticed {children} respond faster when she gets down to their level."
    " | We compared her notes to what I observed; they matched closely."
    " | She said consistency across staff is the next challenge."
)


@dataclass(frozen=True, slots=True)
class Theme:
    """One Pyramid Model practice that a plan and its sessions work on."""

    name: str
    goal: str
    observed: tuple[str, ...]
    strengths: tuple[str, ...]
    next_steps: tuple[str, ...]
    joint_plan: tuple[str, ...]
    steps: tuple[tuple[str, str, str], ...]  # (step, resources, what "done" looks like)
    reflections: tuple[str, ...] = ()


def _theme(name: str, goal: str, *pools: str, steps: str) -> Theme:
    observed, strengths, next_steps, joint_plan = (_split(pool) for pool in pools)
    return Theme(
        name, goal, observed, strengths, next_steps, joint_plan, _steps(steps), REFLECTIONS
    )


def _steps(text: str) -> tuple[tuple[str, str, str], ...]:
    parsed = []
    for part in _split(text):
        step, resources, done = part.split(" ~ ")
        parsed.append((step, resources, done))
    return tuple(parsed)


THEMES = (
    _theme(
        "Visual schedules",
        "Use a visual schedule every day so {children} know what comes next.",
        "Schedule posted at child height; {children} looked at it twice before outside time."
        " | She pointed to the next picture before clean-up; most moved without reminders.",
        "Refers to the schedule calmly all morning. | The new photo cards are clear.",
        "Move the schedule to the circle area. | Add a 'change' card for unusual days.",
        "Provider reviews the schedule at arrival daily and notes which transitions are rough."
        " | Coach brings laminated picture cards; provider photographs the schedule in use.",
        steps="Make a picture schedule ~ Photo cards, laminator ~ Posted at child height"
        " | Review it with the group each morning ~ Circle plan ~ Reviewed daily for two weeks"
        " | Use a first/then board with one child ~ First/then board ~ Used at hard transitions",
    ),
    _theme(
        "Transitions",
        "Make transitions shorter and calmer with warnings, songs and jobs.",
        "Gave a warning before clean-up; the song helped, but waiting at the door took 6 min."
        " | Gave {children} jobs for the move outside; fewer wandered.",
        "Warm, consistent warnings before every change. | Calm, low voice during clean-up.",
        "Line up in small groups to cut waiting. | Try a transition object for the runner.",
        "Provider uses the timer and song for clean-up daily and notes how long it takes."
        " | Coach sends two transition songs in Spanish and English.",
        steps="Warn before each transition ~ Visual timer ~ Warning before every transition"
        " | Teach a clean-up song ~ Song card ~ Children sing along without prompts"
        " | Give every child a transition job ~ Job chart ~ Job chart used daily",
    ),
    _theme(
        "Expectations and rules",
        "Teach 3–5 positively stated expectations and refer to them all day.",
        "Expectations poster at the door; referred to 'be safe' twice outdoors."
        " | Said 'don't run' once, then restated it positively.",
        "Names the expectation when she praises. | Poster shows children from the room.",
        "Teach one expectation a week in a short lesson. | Send the expectations home.",
        "Provider teaches 'be kind' with the puppet this week and photographs examples."
        " | Coach models a two-minute rule lesson at the next visit.",
        steps="Choose 3–5 positive expectations ~ Pyramid examples ~ Expectations posted"
        " | Teach each with a short lesson ~ Puppet, photos ~ One lesson a week"
        " | Share them with families ~ Family letter template ~ Letter sent home",
    ),
    _theme(
        "Emotional literacy",
        "Build {children}'s feelings vocabulary across the whole day.",
        "Named 'frustrated' and 'proud' during block play."
        " | Read a feelings book; {children} copied the faces.",
        "Labels feelings warmly and often. | Feelings chart used at morning check-in.",
        "Add 'worried' and 'excited' this month. | Name her own feelings aloud too.",
        "Provider names three feelings a day and adds a feelings book to the shelf."
        " | Coach brings the feeling-faces cards and a book list.",
        steps="Add a feelings check-in to circle ~ Feeling faces chart ~ Check-in every morning"
        " | Read one feelings book a week ~ Book list ~ Four books read and discussed"
        " | Name feelings in the moment ~ Feelings word list ~ Heard during observation",
    ),
    _theme(
        "Friendship skills",
        "Teach sharing, turn-taking and helping, and notice them when they happen.",
        "Used the sand timer for turns; two children traded without help."
        " | Prompted 'can I have a turn?' and praised the child who waited.",
        "Notices and names kind acts. | Sets up activities that need two children.",
        "Start a 'super friend' board. | Role-play asking to join play.",
        "Provider role-plays asking for a turn with the puppet twice this week."
        " | Coach brings the friendship scripted stories.",
        steps="Teach turn-taking with a timer ~ Sand timers ~ Used at the busiest centers"
        " | Role-play with puppets ~ Puppets, scripted story ~ Two role-plays a week"
        " | Notice friendship skills on a board ~ Super friend board ~ Updated daily",
    ),
    _theme(
        "Problem solving",
        "Teach the problem-solving steps and solution cards.",
        "Two children argued over the truck; with the solution cards they chose 'trade'."
        " | Walked through 'what's the problem? what could you do?' at circle.",
        "Stays calm and lets children try a solution first. | Solution cards within reach.",
        "Practice the steps at calm times, not only in conflict. | Make cards for outside.",
        "Provider practices the solution kit at circle twice this week."
        " | Coach prints a second set of solution cards for the playground.",
        steps="Introduce the problem-solving steps ~ Solution kit ~ Steps taught at circle"
        " | Practice with scripted stories ~ Scripted stories ~ Two stories read"
        " | Coach children through real conflicts ~ Solution cards ~ Cards used with little help",
    ),
    _theme(
        "Calm-down area",
        "Set up and teach a calm-down area and calming strategies.",
        "Calm-down corner ready with pillow and feelings cards; one child used it on his own."
        " | Practiced belly breathing with the group before nap.",
        "Offers the calm-down area as a choice, not a time-out. | Models breathing calmly.",
        "Teach the strategies at calm times each day. | Add a calming choices visual.",
        "Provider teaches one calming strategy a day and notes who uses the corner."
        " | Coach brings the calming choice board.",
        steps="Set up a calm-down area ~ Pillow, feelings cards ~ Area ready and introduced"
        " | Teach turtle breathing ~ Tucker Turtle story ~ Taught at calm times daily"
        " | Add a calming choice board ~ Choice board template ~ Posted in the area",
    ),
    _theme(
        "Descriptive praise",
        "Give far more positive, specific attention than corrections.",
        "Counted 14 positive comments and 5 corrections in 20 minutes."
        " | Praise was specific: 'you put the blocks away so carefully'.",
        "Warm tone; gets down to eye level. | Praise is specific and tied to expectations.",
        "More positive comments at lunch, the busiest time. | Use non-verbal praise too.",
        "Provider tallies praise at lunch for three days; coach observes lunch next visit."
        " | Coach sends the descriptive praise examples sheet.",
        steps="Tally positives and corrections ~ Tally sheet ~ Three tallies done"
        " | Praise tied to expectations ~ Praise examples ~ 4:1 ratio observed"
        " | Add non-verbal attention ~ Examples sheet ~ Used during lunch",
    ),
    _theme(
        "Engaging group time",
        "Keep large-group time short, active and engaging.",
        "Circle lasted 18 minutes; {children} were engaged for the first 10."
        " | A movement song halfway brought attention back.",
        "Gives children choices and turns. | Materials ready before circle.",
        "Keep circle to 10–12 minutes. | Offer a job to the children who wander.",
        "Provider shortens circle and adds a movement break; notes engagement."
        " | Coach models a circle at the next visit.",
        steps="Plan a shorter circle ~ Circle plan template ~ Circle under 12 minutes"
        " | Add movement and choices ~ Song cards ~ Movement at every circle"
        " | Offer jobs to children who wander ~ Job cards ~ Used daily",
    ),
    _theme(
        "Partnering with families",
        "Share the Pyramid practices with families and hear their ideas.",
        "Talked with two families at pick-up about the feelings chart."
        " | The family newsletter includes the 'be safe' expectation.",
        "Warm relationships with families. | Sends positive notes home.",
        "Send a home note about the calm-down strategy. | Ask families which routines are hard.",
        "Provider sends one positive note home per child this month."
        " | Coach brings Backpack Connection handouts in English and Spanish.",
        steps="Send a monthly practice note home ~ Backpack Connection ~ Note sent"
        " | Share a positive note with each family ~ Note cards ~ One note per child"
        " | Ask families about hard routines ~ Short survey ~ Survey returned",
    ),
)

CHECK_INS = _split(
    "Caught up on the week; a new toddler starts this month."
    " | Staffing was tight today, so a shorter visit by agreement."
    " | Talked about the last PCM; she liked the ideas about transitions."
    " | Checked in about the ASQ-SE2 questionnaires and the data dates."
    " | Provider was excited to share what worked since the last visit."
    " | Quick check-in; the room had a fire drill this morning."
    " | Talked about the module training and what she wants to try first."
)
COACH_NOTES = _split(
    "Director mentioned a possible staff change in the spring."
    " | Provider seemed tired — check in about workload next time."
    " | Remember to bring the Spanish handouts."
    " | Room was out of ratio for 10 minutes; noted, not discussed in front of staff."
    " | She asked about a CDA scholarship; find the link."
    " | Follow up with the director about release time for the PCM."
)
REVIEW_PROGRESS = _split(
    "Done most days this week. | Partly done; staffing got in the way."
    " | Started; she wants to keep going with it. | Done, and the co-teacher joined in."
)
CANCEL_NOTES = _split(
    "Cancelled — provider out sick. | Cancelled — snow day, center closed."
    " | Cancelled — room out of ratio. | Cancelled by the director (licensing visit)."
)

PCM_TOPICS = _split(
    "Visual schedules for mixed ages | Calm-down areas on a budget | Teaching friendship skills"
    " | Partnering with families on behavior | Transitions without tears"
    " | Emotional literacy through books | Problem-solving solution kits"
    " | Staff wellness and self-care | Engaging circle times"
    " | Responding to challenging behavior"
)
PCM_LOCATIONS = _split("Grand Island Public Library, Room B | Zoom | Hastings Community Center")
PCM_DEBRIEFS = _split(
    "Good turnout; providers wanted more time to share. Start with a quick-win round next time."
    " | Quiet group; breakouts by age group worked better. Two providers offered to co-lead."
    " | Lots of energy around transitions — carry it into this month's coaching."
    " | Zoom audio trouble for ten minutes; send the link earlier."
)
RC_NOTES = _split(
    "Talked through the provider who is struggling with staffing; felt heard."
    " | Reflected on my own stress around the Dec 31 data push."
    " | Worked on giving constructive feedback without overwhelming."
    " | Discussed boundaries with after-hours texts from providers."
    " | Explored what is going well with the visual-schedule coaching."
)
TRAINING_NOTES = _split(
    "Ask each provider for the module Implementation Plan at the next visit."
    " | Several providers want help with the calm-down area after this module."
    " | Good discussion on challenging behavior; follow up in coaching."
)
TRAINING_LOCATIONS = _split("ESU 10, Kearney | Central Community College, Grand Island | Zoom")
OBS_STRENGTHS = _split(
    "Warm, responsive interactions; schedule posted and used; clear expectations."
    " | Calm transitions with warnings; many specific positive comments."
    " | Feelings named often; children engaged during centers."
)
OBS_NEXT_STEPS = _split(
    "Teach problem-solving steps at calm times; shorten large group."
    " | Teach friendship skills directly; involve families in the expectations."
    " | Plan for children who need more support; add a calm-down area."
)
SHARE_STEP = ("Share what worked at the next PCM", "PCM agenda", "Shared with the group")


@cache
def render(theme: Theme, children: str) -> Theme:
    """The theme's texts for one room ("the toddlers", "the preschoolers")."""

    def fill(pool: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(text.replace("{children}", children) for text in pool)

    return replace(
        theme,
        goal=theme.goal.replace("{children}", children),
        observed=fill(theme.observed),
        strengths=fill(theme.strengths),
        next_steps=fill(theme.next_steps),
        joint_plan=fill(theme.joint_plan),
        reflections=fill(theme.reflections),
    )


def provider_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (full name, family name) pairs: the headline names first."""
    names = list(HEADLINE_NAMES[:count])
    seen = {name for name, _ in names}
    capacity = sum(len(given) * len(family) for given, family, _ in NAME_POOLS)
    while len(names) < count:
        given_pool, family_pool, family_first = rng.choice(NAME_POOLS)
        given, family = rng.choice(given_pool), rng.choice(family_pool)
        name = f"{family} {given}" if family_first else f"{given} {family}"
        if name not in seen:
            seen.add(name)
            names.append((name, family))
        elif len(seen) >= capacity:
            # Past every combination (thousands of providers): number the repeats.
            name = f"{name} ({len(names) + 1})"
            seen.add(name)
            names.append((name, family))
    return names


class Sites:
    """Centers shared by a few providers each; family child care homes one each."""

    def __init__(self, rng: random.Random) -> None:
        self._centers = [
            f"{name} — {town}"
            for name, town in zip(
                rng.sample(CENTER_NAMES, len(CENTER_NAMES)),
                rng.choices(TOWNS, k=len(CENTER_NAMES)),
                strict=True,
            )
        ]
        self._homes = rng.sample(FCCH_NAMES, len(FCCH_NAMES))
        self._used = 0

    def center(self, rng: random.Random) -> str:
        return rng.choice(self._centers[: max(2, len(self._centers) * 2 // 3)])

    def home(self, rng: random.Random, family: str) -> str:
        self._used += 1
        name = self._homes[self._used - 1] if self._used <= len(self._homes) else None
        return f"{name or family + ' Family Child Care'} — {rng.choice(TOWNS)}"


def ascii_slug(text: str) -> str:
    """``Łukasz Kowalczyk`` -> ``lukasz.kowalczyk``, for made-up e-mail addresses."""
    # Letters that NFKD does not split into a base letter and an accent.
    text = text.translate(str.maketrans("ŁłØøĐđ", "LlOoDd"))
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return ".".join("".join(c for c in word if c.isalnum()) for word in plain.split())


def email(name: str, site: str, *, center: bool) -> str:
    """Work addresses at a center's domain, personal ones for homes; all reserved domains."""
    if not center:
        return f"{ascii_slug(name)}@example.net"
    domain = "".join(ascii_slug(site).split(".")[:2])
    return f"{ascii_slug(name)}@{domain}.example.org"


def phone(rng: random.Random) -> str:
    """555-0100 to 555-0199 are reserved for fiction in every North American area code."""
    return f"({rng.choice(('308', '402', '531'))}) 555-01{rng.randrange(100):02d}"
