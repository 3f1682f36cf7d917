"""`planassist users …` — API users and their keys: add (the key is printed once), list, revoke."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.web.auth import KeyStore, Role, database_path

users_app = typer.Typer(help="API users, roles and keys (stored hashed in the data folder).", no_args_is_help=True)
HomeOption = Annotated[Path | None, typer.Option("--home", help="data folder (default: $PLANASSIST_HOME)")]


def _keys(home: Path | None) -> KeyStore:
    from assistant.config import get_settings
    from retrieval.store.db import Database

    folder = Path(home or get_settings().home).expanduser()
    return KeyStore(Database(database_path(folder)))


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="user name (letters, digits, . _ @ -)")],
    role: Annotated[Role, typer.Option("--role", help="admin|duty_officer|trainer|staff")] = Role.STAFF,
    home: HomeOption = None,
) -> None:
    """Create a user and print their API key — the only time it is shown."""
    try:
        key = _keys(home).add(name, role)
    except ValueError as exc:
        typer.echo(f"错误 / error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"已创建用户 / created {name} ({role.value}). API 密钥只显示这一次 / the key is shown only once:",
               err=True)
    typer.echo(key)


@users_app.command("list")
def list_users(home: HomeOption = None) -> None:
    """Users, roles, when their key was created and whether it is revoked (keys are never shown)."""
    for user in _keys(home).users():
        state = f"revoked {user.revoked_at}" if user.revoked_at else "active"
        typer.echo(f"{user.name}\t{user.role.value}\tpa_{user.key_id}_…\tcreated {user.created_at}\t{state}")


@users_app.command("revoke")
def revoke(name: Annotated[str, typer.Argument()], home: HomeOption = None) -> None:
    """Revoke a user's key at once (running servers refuse it on the next request)."""
    if not _keys(home).revoke(name):
        typer.echo(f"错误 / error: no active user {name!r}", err=True)
        raise typer.Exit(1)
    typer.echo(f"已吊销 / revoked {name}")
