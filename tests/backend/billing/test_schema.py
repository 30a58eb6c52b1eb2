"""Migration 0003 creates exactly the billing tables of the ORM, and their id counters."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from backend.adapters.db import create_engine
from backend.adapters.orm import Base
from tests.backend.helpers import applied_revisions


async def test_schema_matches_orm_and_counters_exist(db_url):
    engine = create_engine(db_url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(lambda c: compare_metadata(
                MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata))
            names = set((await conn.execute(text("SELECT name FROM counters"))).scalars())
            heads = set((await conn.execute(text("SELECT version_num FROM alembic_version")))
                        .scalars())
    finally:
        await engine.dispose()
    assert diff == []
    assert {"service_order", "delivery_note", "invoice"} <= names
    assert "0003" in applied_revisions(heads)
