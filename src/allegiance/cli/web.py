"""CLI commands: web. ``allegiance serve`` runs the dashboard and JSON API with uvicorn."""

from __future__ import annotations

import typer

from .app import app, console, get_config


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
) -> None:
    """Serve the dashboard and the read-only JSON API (http://HOST:PORT/, /api/, /openapi.json)."""
    import uvicorn

    from ..web import create_app

    config = get_config()
    web_app = create_app(config.db, config)  # raises StoreError (one line) if the db is unusable
    console.print(f"Allegiance dashboard on http://{host}:{port}/  (database: {config.db})")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
