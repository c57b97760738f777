//! Renderers: the same results as a table, JSON or CSV, written into any `impl Write`.
