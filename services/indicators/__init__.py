"""The shared indicator calculation: presets, measures, snapshots, charts, the workbook."""
