"""reportlab PDFs and the CSV, ICS and JSON writers: read models in, a file out."""
