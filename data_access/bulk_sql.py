"""SQL text shared by the bulk writers: column lists, upserts and which old rows a dataset replaces.

Names come from ``schema.py``, never from user input.
"""

from __future__ import annotations

from sqlalchemy import Table

from data_access.schema import intervention_needs


def column_list(table: Table) -> str:
    """The table's columns, comma-separated, in schema order."""
    return ", ".join(column.name for column in table.columns)


def upsert_sql(table: Table, source: str) -> str:
    """INSERT from ``source`` into ``table``, updating rows whose primary key already exists."""
    names = column_list(table)
    keys = [column.name for column in table.primary_key.columns]
    updates = ", ".join(f"{column.name} = excluded.{column.name}" for column in table.columns
                        if column.name not in keys)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return f"INSERT INTO {table.name} ({names}) SELECT {names} FROM {source} ON CONFLICT ({', '.join(keys)}) {action}"


def replaced_by(table: Table) -> tuple[str, tuple[str, ...]]:
    """Which dataset table decides that an old row is replaced, and on which columns.

    A row is replaced by a dataset row with the same primary key, except that an
    intervention's needs are all replaced when the dataset has that intervention.
    """
    if table is intervention_needs:
        return "interventions", ("intervention_code",)
    return table.name, tuple(column.name for column in table.primary_key.columns)
