"""The API of petitions: the public list and pages, and the figures by addressee."""
