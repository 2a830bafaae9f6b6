"""Alembic environment: always run on the connection the app hands over."""

from alembic import context
from sqlmodel import SQLModel

from rooted_desktop.store import models  # noqa: F401  (registers the tables)

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through rooted_desktop.store.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
