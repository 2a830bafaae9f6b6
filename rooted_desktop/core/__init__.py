"""Pure program logic: plain dataclasses and the standard library only."""
