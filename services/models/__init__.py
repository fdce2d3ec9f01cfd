"""ORM models, one module per area; the tables are created by the migrations."""
