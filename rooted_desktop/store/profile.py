"""The coach's profile (one row)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from rooted_desktop.core.records import CoachRecord
from rooted_desktop.store.models import CoachProfile


def _row(session: Session) -> CoachProfile | None:
    return session.exec(select(CoachProfile).order_by(col(CoachProfile.id))).first()


def get_profile(session: Session) -> CoachRecord:
    row = _row(session)
    if row is None:
        return CoachRecord()
    return CoachRecord(
        name=row.name,
        email=row.email,
        phone=row.phone,
        organization=row.organization,
        region=row.region,
        supervisor=row.supervisor,
    )


def put_profile(session: Session, profile: CoachRecord) -> None:
    row = _row(session) or CoachProfile()
    row.name = profile.name
    row.email = profile.email
    row.phone = profile.phone
    row.organization = profile.organization
    row.region = profile.region
    row.supervisor = profile.supervisor
    session.add(row)


def coach_name(session: Session) -> str:
    return get_profile(session).name
