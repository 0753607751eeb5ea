"""Importers and exporters: one module per format, file objects in, records out."""
