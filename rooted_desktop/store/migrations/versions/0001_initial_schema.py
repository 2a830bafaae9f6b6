"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "coach_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("organization", sa.String(), nullable=False),
        sa.Column("region", sa.String(), nullable=False),
        sa.Column("supervisor", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "draft",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("payload_json", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "pcm",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("facilitator", sa.String(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("next_topic_ideas", sa.String(), nullable=False),
        sa.Column("debrief_notes", sa.String(), nullable=False),
        sa.Column("next_facilitator", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pcm", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pcm_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_pcm_uid"), ["uid"], unique=False)

    op.create_table(
        "program_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("guide_id", sa.String(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("start_year"),
    )
    op.create_table(
        "provider",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("site", sa.String(), nullable=False),
        sa.Column("setting", sa.String(), nullable=False),
        sa.Column("age_group", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_provider_active"), ["active"], unique=False)
        batch_op.create_index(batch_op.f("ix_provider_name"), ["name"], unique=False)

    op.create_table(
        "rc_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rc_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rc_session_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_rc_session_uid"), ["uid"], unique=False)

    op.create_table(
        "setting",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value_json", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "training",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("implementation_notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_training_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_training_uid"), ["uid"], unique=False)

    op.create_table(
        "action_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("goal", sa.String(), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_plan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_plan_provider_id"), ["provider_id"], unique=False
        )

    op.create_table(
        "coaching_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("sections_json", sa.String(), nullable=False),
        sa.Column("strategies_json", sa.String(), nullable=False),
        sa.Column("focus", sa.String(), nullable=False),
        sa.Column("strengths", sa.String(), nullable=False),
        sa.Column("next_steps", sa.String(), nullable=False),
        sa.Column("joint_plan", sa.String(), nullable=False),
        sa.Column("coach_notes", sa.String(), nullable=False),
        sa.Column("feedback_sent_on", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cms_entered_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("coaching_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_coaching_session_cms_entered_on"), ["cms_entered_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_coaching_session_date"), ["date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_coaching_session_provider_id"), ["provider_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_coaching_session_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_coaching_session_uid"), ["uid"], unique=False)
        batch_op.create_index("ix_session_provider_date", ["provider_id", "date"], unique=False)
        batch_op.create_index("ix_session_status_date", ["status", "date"], unique=False)

    op.create_table(
        "data_requirement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("program_year_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("entered_in_cms_on", sa.Date(), nullable=True),
        sa.Column("asq_distributed", sa.Integer(), nullable=True),
        sa.Column("asq_returned", sa.Integer(), nullable=True),
        sa.Column("asq_scored", sa.Integer(), nullable=True),
        sa.Column("asq_entered", sa.Integer(), nullable=True),
        sa.Column("asq_followups", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["program_year_id"], ["program_year.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("program_year_id", "provider_id", "kind", name="uq_requirement"),
    )
    with op.batch_alter_table("data_requirement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_data_requirement_due_on"), ["due_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_data_requirement_program_year_id"), ["program_year_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_data_requirement_provider_id"), ["provider_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_data_requirement_uid"), ["uid"], unique=False)

    op.create_table(
        "enrollment",
        sa.Column("program_year_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["program_year_id"], ["program_year.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("program_year_id", "provider_id"),
    )
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrollment_provider_id"), ["provider_id"], unique=False
        )

    op.create_table(
        "month_checklist",
        sa.Column("program_year_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(), nullable=False),
        sa.Column("item_key", sa.String(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["program_year_id"], ["program_year.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("program_year_id", "month", "item_key"),
    )
    op.create_table(
        "observation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("program_year_id", sa.Integer(), nullable=False),
        sa.Column("tool", sa.String(), nullable=False),
        sa.Column("observer", sa.String(), nullable=False),
        sa.Column("scheduled_on", sa.Date(), nullable=True),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("debrief_on", sa.Date(), nullable=True),
        sa.Column("debrief_strengths", sa.String(), nullable=False),
        sa.Column("debrief_next_steps", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["program_year_id"], ["program_year.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_observation_program_year_id"), ["program_year_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_observation_provider_id"), ["provider_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_observation_scheduled_on"), ["scheduled_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_observation_uid"), ["uid"], unique=False)

    op.create_table(
        "pcm_attendee",
        sa.Column("pcm_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["pcm_id"], ["pcm.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pcm_id", "provider_id"),
    )
    with op.batch_alter_table("pcm_attendee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pcm_attendee_provider_id"), ["provider_id"], unique=False
        )

    op.create_table(
        "training_attendee",
        sa.Column("training_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["provider_id"], ["provider.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["training_id"], ["training.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("training_id", "provider_id"),
    )
    with op.batch_alter_table("training_attendee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_attendee_provider_id"), ["provider_id"], unique=False
        )

    op.create_table(
        "action_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("resources", sa.String(), nullable=False),
        sa.Column("who", sa.String(), nullable=False),
        sa.Column("done_looks_like", sa.String(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("done_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["action_plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_step_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "action_step_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["coaching_session.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["step_id"], ["action_step.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_step_status", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_step_status_step_id"), ["step_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("action_step_status", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_step_status_step_id"))

    op.drop_table("action_step_status")
    with op.batch_alter_table("action_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_step_plan_id"))

    op.drop_table("action_step")
    with op.batch_alter_table("training_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_attendee_provider_id"))

    op.drop_table("training_attendee")
    with op.batch_alter_table("pcm_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pcm_attendee_provider_id"))

    op.drop_table("pcm_attendee")
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observation_uid"))
        batch_op.drop_index(batch_op.f("ix_observation_scheduled_on"))
        batch_op.drop_index(batch_op.f("ix_observation_provider_id"))
        batch_op.drop_index(batch_op.f("ix_observation_program_year_id"))

    op.drop_table("observation")
    op.drop_table("month_checklist")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollment_provider_id"))

    op.drop_table("enrollment")
    with op.batch_alter_table("data_requirement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_data_requirement_uid"))
        batch_op.drop_index(batch_op.f("ix_data_requirement_provider_id"))
        batch_op.drop_index(batch_op.f("ix_data_requirement_program_year_id"))
        batch_op.drop_index(batch_op.f("ix_data_requirement_due_on"))

    op.drop_table("data_requirement")
    with op.batch_alter_table("coaching_session", schema=None) as batch_op:
        batch_op.drop_index("ix_session_status_date")
        batch_op.drop_index("ix_session_provider_date")
        batch_op.drop_index(batch_op.f("ix_coaching_session_uid"))
        batch_op.drop_index(batch_op.f("ix_coaching_session_status"))
        batch_op.drop_index(batch_op.f("ix_coaching_session_provider_id"))
        batch_op.drop_index(batch_op.f("ix_coaching_session_date"))
        batch_op.drop_index(batch_op.f("ix_coaching_session_cms_entered_on"))

    op.drop_table("coaching_session")
    with op.batch_alter_table("action_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_plan_provider_id"))

    op.drop_table("action_plan")
    with op.batch_alter_table("training", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_uid"))
        batch_op.drop_index(batch_op.f("ix_training_date"))

    op.drop_table("training")
    op.drop_table("setting")
    with op.batch_alter_table("rc_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rc_session_uid"))
        batch_op.drop_index(batch_op.f("ix_rc_session_date"))

    op.drop_table("rc_session")
    with op.batch_alter_table("provider", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provider_name"))
        batch_op.drop_index(batch_op.f("ix_provider_active"))

    op.drop_table("provider")
    op.drop_table("program_year")
    with op.batch_alter_table("pcm", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pcm_uid"))
        batch_op.drop_index(batch_op.f("ix_pcm_date"))

    op.drop_table("pcm")
    op.drop_table("draft")
    op.drop_table("coach_profile")
