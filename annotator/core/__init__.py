"""Qt-free, SQL-free core: documents, labels, spans, offset maps, edit commands."""
