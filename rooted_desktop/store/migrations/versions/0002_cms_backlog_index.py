"""an index for the CMS backlog: completed sessions not yet entered, oldest first

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain CREATE INDEX: no table rebuild, so no batch mode is needed.
    op.create_index(
        "ix_session_cms_backlog",
        "coaching_session",
        ["status", "cms_entered_on", "date"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_session_cms_backlog", table_name="coaching_session")
