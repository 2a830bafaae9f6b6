"""SQLite through sqlmodel: tables, the one connection, migrations, backups."""
