"""The back-office of receptions and meetings (docs/receptions.md, "Questions and outcomes")."""
