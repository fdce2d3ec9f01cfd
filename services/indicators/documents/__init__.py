"""The documents' indicator sets, one module a document (services.indicators.presets lists them)."""
