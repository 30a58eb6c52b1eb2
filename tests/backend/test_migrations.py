"""Migrations run on an empty database and match the ORM exactly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from backend.adapters.db import create_engine
from backend.adapters.migrate import alembic_config, upgrade_engine
from backend.adapters.orm import Base


async def test_upgrade_on_empty_sqlite_creates_every_table(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    try:
        await upgrade_engine(engine)
        async with engine.connect() as conn:
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
            counters = (await conn.execute(text("SELECT name, value FROM counters"))).all()
    finally:
        await engine.dispose()
    assert set(Base.metadata.tables) <= tables
    assert {"conversation", "incident", "message", "outbox"} <= {name for name, _ in counters}
    assert all(value == 0 for _, value in counters)


async def test_migrated_schema_matches_the_orm(db_url):
    """db_url is migrated by Alembic (SQLite and PostgreSQL); no drift from the models."""
    engine = create_engine(db_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(
                    MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata
                )
            )
            result = await conn.execute(text("SELECT version_num FROM alembic_version"))
            versions = set(result.scalars())
    finally:
        await engine.dispose()
    assert diff == []
    assert versions == set(ScriptDirectory.from_config(alembic_config()).get_heads())
