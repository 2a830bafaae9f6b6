"""The use cases the UI and the command line call. They return plain read models."""
