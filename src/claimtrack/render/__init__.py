"""Renderers: turn diagnostics and conflicts into text, JSON, GitHub annotations, tables,
Markdown and CSV. Each is a small module with one `render` function; none does any checking."""
